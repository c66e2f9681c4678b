package lookalikes

import (
	"runtime"
	"unsafe"
)

// Look-alikes of the allocations of kinds/realcode.go.

var (
	str2    = "another string that is longer than thirty-two bytes"
	sinkStr string
)

const debug = false

// A pointer converted to uintptr and back that does not escape.
//
//fallible:strict
func UintptrRoundTrip() {
	x := n
	p := (*int)(unsafe.Pointer(uintptr(unsafe.Pointer(&x)) + 0))
	sinkInt = *p
}

var sinkUnsafe unsafe.Pointer

// A uintptr computed in another statement hides the pointer from the
// compiler's escape analysis (internal/abi.NoEscape's trick): x stays on
// the stack.
//
//fallible:strict
func UintptrAcrossStatements() {
	x := n
	u := uintptr(unsafe.Pointer(&x))
	sinkUnsafe = unsafe.Pointer(u ^ 0)
	sinkUnsafe = nil
}

// The compiler deletes the arm of a constant condition that cannot run.
//
//fallible:strict
func ConstantCondition() {
	if debug {
		sinkStr = str + str
	}
	if runtime.GOOS == "plan9" {
		sinkStr = str + str2
	}
	switch runtime.GOOS {
	case "plan9":
		sinkAny = str + str2
	}
}

var t1, t2 T

func first(xs ...*T) *T { return xs[0] } // want first:"leaks\\(result-content:0\\)"

// Only what the variadic slice holds flows to the result, as fmt.Errorf's
// arguments do to its error: the slice stays on the stack.
//
//fallible:strict
func VariadicContentToResult() {
	sinkPtr = first(&t1, &t2)
}

var removable = []int{1, 2, 3, 4, 5, 6, 7, 8}

// append(s[:i], s[j:]...) with i <= j removes elements in place: what it
// writes fits in s's capacity.
//
//fallible:strict
func RemoveInPlace() {
	k := n % 4
	s := append(removable[:k], removable[k+1:]...)
	s = append(s[:0], s[2:]...)
	sinkInt = len(s)
}

// The largest hint for which a map that does not escape stays in the
// frame (kinds.MapHintNine).
//
//fallible:strict
func MapHintEight() {
	m := make(map[int]int, 8)
	m[n] = 1 //fallible:allow the first group, in the frame, has room for 8
	sinkInt = len(m)
}

func use(p *int) { sinkInt += *p }

// A deferred call outside a loop keeps its arguments in the frame.
//
//fallible:strict
func DeferArgumentsOutsideLoop() {
	x := n
	defer use(&x)
}

var spare = make([]byte, 0, 4)

// The != form of the capacity check.
//
//fallible:strict
func AppendAfterNotEqualCheck() {
	if len(spare) != cap(spare) {
		spare = append(spare, 1)
	}
	spare = spare[:0]
}

var (
	double = func(x int) int { return 2 * x }
	pick   func(int) int
	src    source = &counter{}
)

func init() { pick = half }

func half(x int) int { return x / 2 }

type source interface{ next() int }

type counter struct{ n int }

func (c *counter) next() int { c.n++; return c.n }

// Calls through unexported package variables that only ever hold known
// functions, or values of known types, are calls of those.
//
//fallible:strict
func CallThroughPackageVariables() {
	sinkInt = double(n) + pick(n) + src.next()
}

var sinkEmpty *struct{}

// A zero-sized object that escapes is runtime.zerobase: nothing is
// allocated.
//
//fallible:strict
func EscapingZeroSized() {
	sinkEmpty = new(struct{})
	sinkEmpty = &struct{}{}
}

// Two variables, each with its own values: only the one that escapes
// moves its values to the heap.
//
//fallible:strict
func ReassignedNotEscaping() {
	p := &T{n, n}
	sinkInt = p.a
	p = &T{n, 1}
	sinkInt += p.b
	q := &T{n, 2}
	sinkInt += q.a
}

type logger struct{ buf []byte }

func (l *logger) output(appendOutput func([]byte) []byte) { l.buf = appendOutput(l.buf[:0]) } // want output:"leaks\\(content:0\\) calls\\(1\\)"

var std = &logger{}

// logFirst has log.Printf's shape: its arguments are captured by value in
// a closure that a parameter calls without keeping it; what they point to
// escapes, the variadic slice does not.
func logFirst(v ...any) { // want logFirst:"leaks\\(content:0\\)"
	std.output(func(b []byte) []byte {
		sinkAny = v[0]
		return b
	})
}

// The variadic slice of a log.Printf-style call stays on the stack
// (net/http, x/net/http2, zstd).
//
//fallible:strict
func LogStyleVariadic() {
	logFirst(sinkPtr)
}

// A local func variable assigned one literal, at its declaration, and
// captured by another literal: the compiler calls the literal it holds,
// and the variadic slice of each call stays on the stack
// (klauspost/compress zstd's BuildDict).
//
//fallible:strict
func LocalFuncVariable() {
	count := func(xs ...*T) {
		sinkInt += len(xs)
	}
	count(sinkPtr)
	twice := func() {
		count(sinkPtr, sinkPtr)
	}
	twice()
}

type box struct{ inner *T }

// unwrap keeps what its argument points to, not the argument: the pointer
// a type assertion takes out of an interface is the interface's own data
// word (net/http's newTransferWriter).
func unwrap(x any) { // want unwrap:"leaks\\(content:0\\)"
	if b, ok := x.(*box); ok {
		sinkPtr = b.inner
	}
	switch b := x.(type) {
	case *box:
		sinkPtr = b.inner
	}
	sinkPtr = x.(*box).inner
}

// A pointer passed in an interface to a function that keeps only what it
// points to stays on the stack.
//
//fallible:strict
func TypeAssertedContent() {
	b := &box{inner: sinkPtr}
	unwrap(b)
}

var total int

// sum reads its argument, and passes it to count, which reads it too.
func sum(b []byte) int {
	n := 0
	for _, c := range b {
		n += int(c)
	}
	if string(b) == "" {
		n++
	}
	return n + count(b[1:])
}

func count(b []byte) int { return len(b) + int(b[0]) }

// A []byte(s) that does not escape and that neither the function nor the
// functions of the package it is passed to write shares the string's
// memory (x/net/http2's Framer.WriteGoAway(..., []byte(debug))).
//
//fallible:strict
func ConvertedForReading() {
	total += sum([]byte(str))
}

// Appends that fit a capacity known in constants: to a make of constant
// sizes, and to a constant slicing of a local array (fmt.FormatString's
// append(tmp[:0], '%'), netip's make([]byte, 0, max) then '[').
//
//fallible:strict
func AppendIntoKnownCapacity() {
	b := make([]byte, 0, 8)
	b = append(b, '[', ':')
	var tmp [16]byte
	c := append(tmp[:0], '%')
	d := append(tmp[2:4:6], "ab"...)
	sinkInt = len(b) + len(c) + len(d) + int(b[1]) + int(c[0]) + int(d[3])
}

var grown = make([]byte, 0, 64)

// Appending p's bytes copies them: the compiler lets nothing of p escape
// for elements without pointers, so a local buffer written through a
// call's result stays in the frame (net/http's Cookie.String writes
// t.AppendFormat(buf[:0], TimeFormat) with strings.Builder.Write).
func appendBytes(p []byte) { grown = append(grown[:0], p...) } // want appendBytes:"allocates\\(append\\)"

func fill(b []byte) []byte { return append(b, str[:32]...) } // want fill:"allocates\\(append\\) leaks\\(result:0\\)"

//fallible:strict
func AppendedBytesStayLocal() {
	var buf [40]byte
	appendBytes(fill(buf[:0])) //fallible:allow both appends fit: 32 bytes into buf and into grown
}

// Look-alike of kinds.LoopAssignedOuterVariable: the variable declared in
// the loop's body lives one iteration, as the object does, which stays on
// the stack.
//
//fallible:strict
func LoopVariableDeclaredInside() {
	for i := 0; i < n; i++ {
		p := &T{i, n}
		sinkInt += p.a
	}
}
