package kinds

import (
	"runtime"
	"sync"
	"unsafe"
)

// Allocations first seen in real code, each with its look-alike in
// lookalikes/realcode.go.

var (
	sinkAny2 any
	sinkP    *int
	str2     = "another string that is longer than thirty-two bytes"
	doneCh   = make(chan int, 1)
)

const debug = false

// Every conversion of a value to an interface is a box of its own, made
// where the value is converted, not where the variable is defined.
//
//fallible:strict
func BoxEachConversion() { // want BoxEachConversion:"allocates\\(box\\)"
	s := str
	if n > 0 {
		s = str2
	}
	sinkAny = s  // want `strict function BoxEachConversion allocates: conversion to interface allocates`
	sinkAny2 = s // want `strict function BoxEachConversion allocates: conversion to interface allocates`
}

// A goroutine holds the closure it runs, and the closure the variables it
// captures by reference.
//
//fallible:strict
func GoCaptured() { // want GoCaptured:"allocates\\(escape\\)"
	var mu sync.Mutex // want `strict function GoCaptured allocates: variable is moved to the heap`
	total := 0        // want `strict function GoCaptured allocates: variable is moved to the heap`
	done := doneCh
	go func() { // want `strict function GoCaptured allocates: go statement allocates a goroutine` `strict function GoCaptured allocates: function literal escapes to the heap`
		mu.Lock()
		total += n
		mu.Unlock()
		done <- 1
	}()
	<-done
	mu.Lock()
	sinkInt = total
	mu.Unlock()
}

// sync.WaitGroup.Go runs its argument on a goroutine.
//
//fallible:strict
func WaitGroupGo() { // want WaitGroupGo:"allocates\\(escape\\)"
	var wg sync.WaitGroup        // want `strict function WaitGroupGo allocates: variable is moved to the heap`
	total := 0                   // want `strict function WaitGroupGo allocates: variable is moved to the heap`
	wg.Go(func() { total += n }) // want `strict function WaitGroupGo allocates: function literal escapes to the heap` `strict function WaitGroupGo calls \(\*sync.WaitGroup\).Go, which may allocate`
	wg.Wait()
	sinkInt = total
}

func (t *T) add() { sinkInt += t.a }

// A method value run by a go statement is held by the goroutine.
//
//fallible:strict
func GoMethodValue() { // want GoMethodValue:"allocates\\(method-value\\)"
	t := sinkPtr
	f := t.add // want `strict function GoMethodValue allocates: method value escapes to the heap`
	done := doneCh
	go func() { // want `strict function GoMethodValue allocates: go statement allocates a goroutine` `strict function GoMethodValue allocates: function literal escapes to the heap`
		f() // f holds only t.add: a static call
		done <- 1
	}()
	<-done
}

// A pointer converted to uintptr and back still points to x.
//
//fallible:strict
func UintptrRoundTrip() { // want UintptrRoundTrip:"allocates\\(escape\\)"
	x := n // want `strict function UintptrRoundTrip allocates: variable is moved to the heap`
	sinkP = (*int)(unsafe.Pointer(uintptr(unsafe.Pointer(&x)) + 0))
}

// The arm of a constant condition that runs is kept.
//
//fallible:strict
func ConstantConditionTaken() { // want ConstantConditionTaken:"allocates\\(concat\\)"
	if !debug {
		sinkStr = str + str // want `strict function ConstantConditionTaken allocates: string concatenation allocates`
	}
	if runtime.GOOS != "plan9" {
		sinkStr = str + str2 // want `strict function ConstantConditionTaken allocates: string concatenation allocates`
	}
}

var sinkPtrs []*T

func all(xs ...*T) []*T { return xs } // want all:"leaks\\(result:0\\)"

// A variadic slice that the callee returns escapes with the result; its
// look-alike returns only an element (lookalikes.VariadicContentToResult).
//
//fallible:strict
func VariadicToResult() { // want VariadicToResult:"allocates\\(variadic\\)"
	sinkPtrs = all(sinkPtr, sinkPtr) // want `strict function VariadicToResult allocates: variadic argument slice escapes to the heap`
}

// A variable captured by value (at most 128 bytes, never assigned after the
// closure captures it, though maybe before) is copied into the closure:
// only the closure is allocated, not the variable.
//
//fallible:strict
func ClosureCopiesStruct() { // want ClosureCopiesStruct:"allocates\\(closure\\)"
	t := T{n, n}
	if n > 3 {
		t.b = 3
	}
	sinkFn = func() int { return t.a + t.b } // want `strict function ClosureCopiesStruct allocates: function literal escapes to the heap`
}

// Assigned after the capture, the variable is shared with the closure.
//
//fallible:strict
func ClosureSharesAssigned() { // want ClosureSharesAssigned:"allocates\\(escape\\)"
	x := n                           // want `strict function ClosureSharesAssigned allocates: variable is moved to the heap`
	sinkFn = func() int { return x } // want `strict function ClosureSharesAssigned allocates: function literal escapes to the heap`
	x++
}

var full4 = make([]int, 4)

// append(s[:i], s[j:]...) with i > j writes more than s holds: it grows.
//
//fallible:strict
func ShiftUp() { // want ShiftUp:"allocates\\(append\\)"
	k := n % 3
	sinkInts = append(full4[:k+1], full4[k:]...) // want `strict function ShiftUp allocates: append may grow the slice`
}

// A map that does not escape keeps its first group in the frame only for
// a hint of at most 8 (lookalikes.MapHintEight).
//
//fallible:strict
func MapHintNine() { // want MapHintNine:"allocates\\(make-map\\)"
	m := make(map[int]int, 9) // want `strict function MapHintNine allocates: make allocates a map`
	m[n] = 1                  // want `strict function MapHintNine allocates: map insertion may grow the map`
	sinkInt = len(m)
}

// A map that does not escape, with a hint known only at run time
// (google.golang.org/protobuf/internal/filedesc, lazyInit): the compiler
// says "does not escape" of its header, and runtime.makemap takes its
// groups from the heap for a hint over 8.
//
//fallible:strict
func MapHintVariable() { // want MapHintVariable:"allocates\\(make-map\\)"
	m := make(map[int][]int, n) // want `strict function MapHintVariable allocates: make allocates a map`
	for k, v := range m {
		sinkInt += k + len(v)
	}
}

func use(p *int) { sinkInt += *p }

// A deferred call in a loop keeps its arguments in a heap defer record
// (lookalikes.DeferArgumentsOutsideLoop).
//
//fallible:strict
func DeferArgumentsInLoop() { // want DeferArgumentsInLoop:"allocates\\(escape\\)"
	for i := 0; i < n; i++ {
		x := i        // want `strict function DeferArgumentsInLoop allocates: variable is moved to the heap`
		defer use(&x) // want `strict function DeferArgumentsInLoop allocates: defer in a loop allocates a defer record`
	}
}

var (
	growVar  = growInts
	replaced = growInts
)

func growInts(s []int) []int { return append(s, n) } // want growInts:"allocates\\(append\\) leaks\\(result:0\\)"

// SetReplaced writes replaced with a value the package does not know.
func SetReplaced(f func([]int) []int) { replaced = f } // want SetReplaced:"leaks\\(heap:0\\)"

// A call through a package variable is a call of what it holds; one that
// anything else may write is a dynamic call.
//
//fallible:strict
func CallThroughPackageVariable() { // want CallThroughPackageVariable:"allocates\\(dynamic\\)"
	sinkInts = growVar(ints[:0:0])  // want `strict function CallThroughPackageVariable calls growInts, which may allocate: growInts → append at realcode.go:\d+ may grow the slice`
	sinkInts = replaced(ints[:0:0]) // want `strict function CallThroughPackageVariable calls a function value: the callee is not known statically and may allocate`
}

// A variable declared outside the loop in which a closure captures it is
// shared with the closure when it is assigned in the loop, even before
// the capture; never assigned, it is copied (CaptureInLoopUnassigned).
//
//fallible:strict
func CaptureInLoopAssigned() { // want CaptureInLoopAssigned:"allocates\\(escape\\)"
	x := 0 // want `strict function CaptureInLoopAssigned allocates: variable is moved to the heap`
	for i := 0; i < n; i++ {
		x = i
		sinkFn = func() int { return x } // want `strict function CaptureInLoopAssigned allocates: function literal escapes to the heap`
	}
}

//fallible:strict
func CaptureInLoopUnassigned() { // want CaptureInLoopUnassigned:"allocates\\(closure\\)"
	x := n
	for i := 0; i < n; i++ {
		sinkFn = func() int { return x + i } // want `strict function CaptureInLoopUnassigned allocates: function literal escapes to the heap`
	}
}

var (
	pointers = make(chan *int, 1)
	ptrSlots = make([]*int, 1)
)

// What a map holds, a channel carries, or copy puts into memory the
// function does not own is on the heap.
//
//fallible:strict
func StoredThroughBuiltins() { // want StoredThroughBuiltins:"allocates\\(escape\\)"
	m := make(map[int]*int)
	x := n     // want `strict function StoredThroughBuiltins allocates: variable is moved to the heap`
	m[0] = &x  // want `strict function StoredThroughBuiltins allocates: map insertion may grow the map`
	y := n + 1 // want `strict function StoredThroughBuiltins allocates: variable is moved to the heap`
	pointers <- &y
	z := n + 2 // want `strict function StoredThroughBuiltins allocates: variable is moved to the heap`
	local := [1]*int{&z}
	copy(ptrSlots, local[:])
	sinkInt = *m[0] + *<-pointers + *ptrSlots[0]
}

// An object of a loop's body stored into an object declared outside the
// loop outlives its iteration.
//
//fallible:strict
func LoopStoreIntoOuter() { // want LoopStoreIntoOuter:"allocates\\(escape\\)"
	var holder [1]*int
	for i := 0; i < n; i++ {
		x := i // want `strict function LoopStoreIntoOuter allocates: variable is moved to the heap`
		holder[0] = &x
	}
	sinkInt = *holder[0]
}

// A variable declared outside a loop and assigned in it is one location
// that outlives every iteration, even when each value is read only in the
// iteration that made it: go/ssa then gives the variable no phi at the
// loop's head, but the compiler moves what it holds to the heap (escape:
// outlives, "must heap allocate: outlives for loop"). Look-alike:
// lookalikes.LoopVariableDeclaredInside.
//
//fallible:strict
func LoopAssignedOuterVariable() { // want LoopAssignedOuterVariable:"allocates\\(composite\\)"
	var p *T
	for i := 0; i < n; i++ {
		p = &T{i, n} // want `strict function LoopAssignedOuterVariable allocates: composite literal escapes to the heap`
		sinkInt += p.a
	}
}

//go:noinline
func passThrough(p *T) *T { return p } // want passThrough:"leaks\\(result:0\\)"

// The same through a call whose result is its argument.
//
//fallible:strict
func LoopAssignedThroughCall() { // want LoopAssignedThroughCall:"allocates\\(composite\\)"
	var p *T
	for i := 0; i < n; i++ {
		for j := 0; j < 2; j++ {
			p = passThrough(&T{i, j}) // want `strict function LoopAssignedThroughCall allocates: composite literal escapes to the heap`
			sinkInt += p.b
		}
	}
}

var sinkAnys []any

func keepAll(xs ...any) { sinkAnys = xs } // want keepAll:"leaks\\(heap:0\\)"

// A value boxed into a variadic argument is boxed at the argument.
//
//fallible:strict
func BoxIntoVariadic() { // want BoxIntoVariadic:"allocates\\(variadic\\)"
	s := str
	if n > 0 {
		s = str2
	}
	keepAll(s) // want `strict function BoxIntoVariadic allocates: variadic argument slice escapes to the heap` `strict function BoxIntoVariadic allocates: conversion to interface allocates`
}

type wrappedError struct{ err error }

func (w wrappedError) Error() string { return "wrapped" }

var sinkErr, sinkErr2 error

// A value converted to an interface where it is assigned to an interface
// variable is boxed at that assignment, not where the variable is used
// next (net/http's persistConn.readLoop).
//
//fallible:strict
func BoxAtReassignment() { // want BoxAtReassignment:"allocates\\(box\\)"
	err := sinkErr
	if n > 0 {
		err = wrappedError{err} // want `strict function BoxAtReassignment allocates: conversion to interface allocates`
		sinkErr2 = err
	}
	sinkErr = err
}

func keepAny(v any) { sinkAny = v } // want keepAny:"leaks\\(heap:0\\)"

// The arguments of a deferred call are converted at the call, as those of
// any call (klauspost/compress s2's Writer.closeIndex).
//
//fallible:strict
func DeferBoxedArgument() { // want DeferBoxedArgument:"allocates\\(box\\)"
	s := ints[:0]
	defer keepAny(s) // want `strict function DeferBoxedArgument allocates: conversion to interface allocates`
}

// The variadic slice of a deferred call is made at the call.
//
//fallible:strict
func DeferVariadic() { // want DeferVariadic:"allocates\\(variadic\\)"
	p := sinkPtr
	defer keepAll(p) // want `strict function DeferVariadic allocates: variadic argument slice escapes to the heap`
}

// A local variable is one location for the compiler: a value assigned to
// it escapes when the variable does, even if it is reassigned before the
// escaping use (klauspost/compress zstd's BuildDict).
//
//fallible:strict
func ReassignedBeforeEscape() { // want ReassignedBeforeEscape:"allocates\\(composite\\)"
	p := &T{n, n} // want `strict function ReassignedBeforeEscape allocates: composite literal escapes to the heap`
	sinkInt = p.a
	p = &T{n, 1} // want `strict function ReassignedBeforeEscape allocates: composite literal escapes to the heap`
	sinkPtr = p
}

// The same in a loop: the value assigned before the loop escapes with the
// one assigned in it.
//
//fallible:strict
func ReassignedInLoop() { // want ReassignedInLoop:"allocates\\(composite\\)"
	p := &T{n, n} // want `strict function ReassignedInLoop allocates: composite literal escapes to the heap`
	for i := range n {
		p = &T{i, n} // want `strict function ReassignedInLoop allocates: composite literal escapes to the heap`
		sinkPtr = p
	}
	sinkInt = p.a
}

// A variable assigned from another joins it: q's first value escapes
// through p.
//
//fallible:strict
func ReassignedThroughCopy() { // want ReassignedThroughCopy:"allocates\\(composite\\)"
	q := &T{n, n} // want `strict function ReassignedThroughCopy allocates: composite literal escapes to the heap`
	sinkInt = q.a
	q = &T{n, 2} // want `strict function ReassignedThroughCopy allocates: composite literal escapes to the heap`
	p := q
	sinkPtr = p
}

type logger struct{ buf []byte }

func (l *logger) output(appendOutput func([]byte) []byte) { l.buf = appendOutput(l.buf[:0]) } // want output:"leaks\\(content:0\\) calls\\(1\\)"

var std = &logger{}

// logAll keeps the variadic slice its closure captured by value.
func logAll(v ...any) { // want logAll:"leaks\\(heap:0\\)"
	std.output(func(b []byte) []byte {
		sinkAnys = v
		return b
	})
}

// The variadic slice of a call that keeps it, through a closure capturing
// it by value, escapes.
//
//fallible:strict
func LogStyleKept() { // want LogStyleKept:"allocates\\(variadic\\)"
	logAll(sinkPtr) // want `strict function LogStyleKept allocates: variadic argument slice escapes to the heap`
}

// A local func variable assigned twice may hold either literal: its calls
// are dynamic, and their arguments escape.
//
//fallible:strict
func LocalFuncVariableReassigned() { // want LocalFuncVariableReassigned:"allocates\\(variadic\\)"
	count := func(xs ...*T) {
		sinkInt += len(xs)
	}
	twice := func() {
		count(sinkPtr, sinkPtr) // want `strict function LocalFuncVariableReassigned.func2 calls a function value`
	}
	count = func(xs ...*T) {
		sinkInts = append(sinkInts, len(xs)) // want `strict function LocalFuncVariableReassigned.func3 allocates: append may grow the slice`
	}
	twice()
}

type box struct{ inner *T }

var sinkBox *box

// keepBox keeps the pointer it takes out of its argument.
func keepBox(x any) { // want keepBox:"leaks\\(heap:0\\)"
	if b, ok := x.(*box); ok {
		sinkBox = b
	}
}

// A pointer passed in an interface to a function that keeps it escapes.
//
//fallible:strict
func TypeAssertedKept() { // want TypeAssertedKept:"allocates\\(composite\\)"
	b := &box{inner: sinkPtr} // want `strict function TypeAssertedKept allocates: composite literal escapes to the heap`
	keepBox(b)
}

// A variable that a goroutine's closure captures by value, and a literal
// inside it captures again, is copied each time, never moved to the heap
// (klauspost/compress zstd's Encoder.nextBlock).
//
//fallible:strict
func GoNestedCapture() { // want GoNestedCapture:"allocates\\(closure\\)"
	p := sinkPtr
	done := doneCh
	go func() { // want `strict function GoNestedCapture allocates: go statement allocates a goroutine` `strict function GoNestedCapture allocates: function literal escapes to the heap`
		func() { sinkInt = p.a }()
		done <- 1
	}()
	<-done
}

// zero writes into its argument.
func zero(b []byte) int {
	b[0] = 0
	return len(b)
}

// A []byte(s) passed to a function that writes it is a copy.
//
//fallible:strict
func ConvertedForWriting() { // want ConvertedForWriting:"allocates\\(convert\\)"
	sinkInt += zero([]byte(str)) // want `strict function ConvertedForWriting allocates: conversion copies to a new allocation`
}

type node struct{ inner *T }

// A Go 1.22 loop variable captured by value is copied from each
// iteration's variable: what the closure lets escape is what was stored
// in any of them (the T), not the node they point to.
//
//fallible:strict
func LoopVariableCapturedByValue() { // want LoopVariableCapturedByValue:"allocates\\(composite\\)"
	for p := (&node{inner: &T{n, n}}); p.inner.a > 0; p.inner.a-- { // want `strict function LoopVariableCapturedByValue allocates: composite literal escapes to the heap`
		f := func() { sinkPtr = p.inner }
		f()
	}
}

// Appends that outgrow a capacity known in constants (lookalikes.AppendIntoKnownCapacity).
//
//fallible:strict
func AppendBeyondKnownCapacity() { // want AppendBeyondKnownCapacity:"allocates\\(append\\)"
	b := make([]byte, 1, 2)
	b = append(b, '[', ':') // want `strict function AppendBeyondKnownCapacity allocates: append may grow the slice`
	var tmp [4]byte
	c := append(tmp[2:4:4], 'x') // want `strict function AppendBeyondKnownCapacity allocates: append may grow the slice`
	sinkInt = len(b) + len(c) + int(b[2]) + int(c[2])
}

// A function value that calls itself: f = func() { ... f ... } stores the
// closure into f after the closure has captured f, so the compiler
// captures f by reference and moves it to the heap with the closure
// (zap's ztest.(*MockClock).NewTicker, var tick func(time.Time)). The
// store's position, its "=", comes before the literal's.
//
//fallible:strict
func SelfCallingClosure() { // want SelfCallingClosure:"allocates\\(escape\\)"
	var f func() int // want `strict function SelfCallingClosure allocates: variable is moved to the heap`
	f = func() int { // want `strict function SelfCallingClosure allocates: function literal escapes to the heap`
		if n > 0 {
			return 0
		}
		return f()
	}
	sinkFn = f
}

var useInt = func(p *int) { sinkInt += *p }

// A call through a package variable reaches what the package stores
// there, but the compiler's escape analysis never follows a package
// variable: the arguments escape (hash/crc32's ChecksumIEEE leaks its
// data through updateIEEE, and var b [16]byte; crc32.ChecksumIEEE(b[:])
// moves b to the heap). Its look-alike, calling useInt's literal through
// a local variable, is lookalikes.LocalFuncVariable.
//
//fallible:strict
func PointerThroughPackageVariable() { // want PointerThroughPackageVariable:"allocates\\(escape\\)"
	x := n // want `strict function PointerThroughPackageVariable allocates: variable is moved to the heap`
	useInt(&x)
}

var ints3 = func(yield func(int) bool) {
	for i := range 3 {
		if !yield(i) {
			return
		}
	}
}

// The body of a range-over-func loop is a function literal given to the
// iterator; called through a package variable, which the compiler does
// not follow, it escapes with the loop's state and the variables it
// shares (go build -gcflags=-m: "func literal escapes to heap", "moved to
// heap: #state1", both at the for keyword).
//
//fallible:strict
func RangeOverPackageIterator() { // want RangeOverPackageIterator:"allocates\\((escape|closure)\\)"
	s := 0                 // want `strict function RangeOverPackageIterator allocates: variable is moved to the heap`
	for x := range ints3 { // want `strict function RangeOverPackageIterator allocates: function literal escapes to the heap` `strict function RangeOverPackageIterator allocates: variable is moved to the heap`
		s += x
	}
	sinkInt = s
}
