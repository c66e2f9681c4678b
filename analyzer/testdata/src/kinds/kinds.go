// Package kinds has one strict function for each kind of allocation. Every // want package:"analysed"
// exported function takes no arguments and reads its inputs from package
// variables, so that the runtime cross-check (crosscheck_test.go) can call
// it and count what the compiled code really allocates.
package kinds

var (
	n          = 100
	str        = "a string that is longer than thirty-two bytes"
	bytes      = []byte("a byte slice that is longer than thirty-two bytes")
	ints       = make([]int, 0, 1)
	deferCount = 0
	sinkInt    int
	big        = 1000
	sinkAny    any
	sinkPtr    *T
	sinkStr    string
	sinkB      []byte
	sinkR      []rune
	sinkInts   []int
	sinkMap    map[int]int
	sinkCh     chan int
	sinkFn     func() int
	sinkPP     **int
)

type T struct{ a, b int }

func (t T) Sum() int { return t.a + t.b }

//fallible:strict
func MakeSlice() { // want MakeSlice:"allocates\\(make-slice\\)"
	sinkB = make([]byte, n) // want `strict function MakeSlice allocates: make allocates a slice`
}

//fallible:strict
func MakeSliceConstEscaping() { // want MakeSliceConstEscaping:"allocates\\(make-slice\\)"
	sinkB = make([]byte, 8) // want `strict function MakeSliceConstEscaping allocates: make allocates a slice`
}

//fallible:strict
func MakeMap() { // want MakeMap:"allocates\\(make-map\\)"
	sinkMap = make(map[int]int) // want `strict function MakeMap allocates: make allocates a map`
}

//fallible:strict
func MakeChan() { // want MakeChan:"allocates\\(make-chan\\)"
	ch := make(chan int, 1) // want `strict function MakeChan allocates: make allocates a channel`
	ch <- 1
	<-ch
}

//fallible:strict
func New() { // want New:"allocates\\(new\\)"
	sinkPtr = new(T) // want `strict function New allocates: new allocates on the heap`
}

//fallible:strict
func Composite() { // want Composite:"allocates\\(composite\\)"
	sinkPtr = &T{1, 2} // want `strict function Composite allocates: composite literal escapes to the heap`
}

//fallible:strict
func SliceLiteral() { // want SliceLiteral:"allocates\\(composite\\)"
	sinkInts = []int{n, n, n} // want `strict function SliceLiteral allocates: composite literal escapes to the heap`
}

//fallible:strict
func Append() { // want Append:"allocates\\(append\\)"
	sinkInts = append(ints[:0:0], n) // want `strict function Append allocates: append may grow the slice`
}

//fallible:strict
func MapInsert() { // want MapInsert:"allocates\\(map-insert\\)"
	local := make(map[int]int)
	for i := range n {
		local[i] = i // want `strict function MapInsert allocates: map insertion may grow the map`
	}
	sinkInt = len(local)
}

//fallible:strict
func Concat() { // want Concat:"allocates\\(concat\\)"
	sinkStr = str + str // want `strict function Concat allocates: string concatenation allocates`
}

//fallible:strict
func BytesToString() { // want BytesToString:"allocates\\(convert\\)"
	sinkStr = string(bytes) // want `strict function BytesToString allocates: conversion copies to a new allocation`
}

//fallible:strict
func StringToBytes() { // want StringToBytes:"allocates\\(convert\\)"
	sinkB = []byte(str) // want `strict function StringToBytes allocates: conversion copies to a new allocation`
}

//fallible:strict
func StringToRunes() { // want StringToRunes:"allocates\\(convert\\)"
	sinkR = []rune(str) // want `strict function StringToRunes allocates: conversion copies to a new allocation`
}

//fallible:strict
func BoxInt() { // want BoxInt:"allocates\\(box\\)"
	sinkAny = big // want `strict function BoxInt allocates: conversion to interface allocates`
}

//fallible:strict
func BoxString() { // want BoxString:"allocates\\(box\\)"
	sinkAny = str // want `strict function BoxString allocates: conversion to interface allocates`
}

//fallible:strict
func BoxStruct() { // want BoxStruct:"allocates\\(box\\)"
	sinkAny = T{n, n} // want `strict function BoxStruct allocates: conversion to interface allocates`
}

//fallible:strict
func Closure() { // want Closure:"allocates\\(closure\\)"
	x := n
	sinkFn = func() int { return x } // want `strict function Closure allocates: function literal escapes to the heap`
}

//fallible:strict
func EscapingVar() { // want EscapingVar:"allocates\\(escape\\)"
	x := n  // want `strict function EscapingVar allocates: variable is moved to the heap`
	p := &x // want `strict function EscapingVar allocates: variable is moved to the heap`
	sinkPP = &p
}

func variadic(xs ...*int) { sinkPP = &xs[0] } // want variadic:"leaks\\(heap:0\\)"

//fallible:strict
func Variadic() { // want Variadic:"allocates\\(escape\\)"
	x := 0           // want `strict function Variadic allocates: variable is moved to the heap`
	variadic(&x, &x) // want `strict function Variadic allocates: variadic argument slice escapes to the heap`
}

//fallible:strict
func MethodValue() { // want MethodValue:"allocates\\(method-value\\)"
	t := T{n, n}
	sinkFn = t.Sum // want `strict function MethodValue allocates: method value escapes to the heap`
}

//fallible:strict
func Go() { // want Go:"allocates\\(make-chan\\)"
	done := make(chan struct{}) // want `strict function Go allocates: make allocates a channel`
	go close(done)              // want `strict function Go allocates: go statement allocates a goroutine`
	<-done
}

//fallible:strict
func DeferInLoop() { // want DeferInLoop:"allocates\\(defer\\)"
	// The runtime pools defer records: only a count that grows from call
	// to call is sure to need new ones.
	deferCount += 10
	for i := 0; i < deferCount; i++ {
		defer func() {}() // want `strict function DeferInLoop allocates: defer in a loop allocates a defer record`
	}
}

//fallible:strict
func LargeArray() { // want LargeArray:"allocates\\(escape\\)"
	var a [200 << 10]byte // want `strict function LargeArray allocates: variable is moved to the heap`
	a[n] = 1
	sinkB = nil
	_ = a[n+1]
}

//fallible:strict
func LargeNew() { // want LargeNew:"allocates\\(new\\)"
	p := new([100 << 10]byte) // want `strict function LargeNew allocates: new allocates on the heap`
	p[n] = 1
}

//fallible:strict
func LoopCarried() { // want LoopCarried:"allocates\\(escape\\)"
	var p *int
	for i := 0; i < n; i++ {
		x := i // want `strict function LoopCarried allocates: variable is moved to the heap`
		p = &x
	}
	_ = *p
}

var full = make([]int, 1)

// The check does not say there is room on the path that appends.
//
//fallible:strict
func AppendAfterWrongCheck() { // want AppendAfterWrongCheck:"allocates\\(append\\)"
	if len(full) == cap(full) {
		sinkInts = append(full[:1:1], n) // want `strict function AppendAfterWrongCheck allocates: append may grow the slice`
	}
}

type grower struct{ items []int }

func (g *grower) Reset() { g.items = g.items[:0:0] }

var gr = grower{items: make([]int, 0, 4)}

// The slice checked was loaded before a call that replaces it: the
// check says nothing of the slice appended to.
//
//fallible:strict
func AppendAfterStaleCheck() { // want AppendAfterStaleCheck:"allocates\\(append\\)"
	items := gr.items
	gr.Reset()
	if len(items) < cap(items) {
		gr.items = append(gr.items, n) // want `strict function AppendAfterStaleCheck allocates: append may grow the slice`
	}
	gr.items = items
}

// The same, with the check in a later block than the load it checks.
//
//fallible:strict
func AppendAfterStaleCheckLater() { // want AppendAfterStaleCheckLater:"allocates\\(append\\)"
	items := gr.items
	if n > 0 {
		gr.Reset()
	}
	if len(items) < cap(items) {
		gr.items = append(gr.items, n) // want `strict function AppendAfterStaleCheckLater allocates: append may grow the slice`
	}
	gr.items = items
}
