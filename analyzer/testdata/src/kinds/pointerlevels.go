package kinds

// A value loaded through a pointer whose objects the model cannot name (a
// callee's result) escapes: what the pointer points to holds it, and
// whatever it points to escapes too, one level down. Look-alikes in
// lookalikes/pointerlevels.go, where the pointer only points to a package
// variable.

type cell struct {
	p *int
	n int
}

var sinkCellP *int

//go:noinline
func passCell(c *cell) *cell { return c } // want passCell:"leaks\\(result:0\\)"

//go:noinline
func keepCellPointer(pp **int) { sinkCellP = *pp } // want keepCellPointer:"leaks\\(content:0\\)"

//fallible:strict
func LoadThroughResult() { // want LoadThroughResult:"allocates\\(escape\\)"
	x := n // want `strict function LoadThroughResult allocates: variable is moved to the heap`
	c := &cell{p: &x}
	sinkCellP = passCell(c).p
}

//fallible:strict
func ContentsThroughResult() { // want ContentsThroughResult:"allocates\\(escape\\)"
	x := n // want `strict function ContentsThroughResult allocates: variable is moved to the heap`
	c := &cell{p: &x}
	keepCellPointer(&passCell(c).p)
}

//fallible:strict
func LoadTwoLevels() { // want LoadTwoLevels:"allocates\\(escape\\)"
	x := n // want `strict function LoadTwoLevels allocates: variable is moved to the heap`
	inner := &cell{p: &x}
	outer := &struct{ c *cell }{c: inner}
	sinkCellP = passCell(passOuter(outer).c).p
}

//go:noinline
func passOuter(o *struct{ c *cell }) *struct{ c *cell } { return o } // want passOuter:"leaks\\(result:0\\)"

// The elements that copy reads through a slice loaded from a callee's
// result are what the slice's backing array holds.
//
//fallible:strict
func CopyFromLoadedSlice() { // want CopyFromLoadedSlice:"allocates\\(escape\\)"
	x := n // want `strict function CopyFromLoadedSlice allocates: variable is moved to the heap`
	src := []*int{&x}
	copy(sinkCells, *passCells(&src))
}

var sinkCells = make([]*int, 1)

//go:noinline
func passCells(s *[]*int) *[]*int { return s } // want passCells:"leaks\\(result:0\\)"

// A function that returns a fresh object holding its parameter makes the
// parameter leak to the heap, wherever its caller keeps the result: the
// object is on the heap (the compiler: leaking param).
//
//go:noinline
func wrapCell(p *int) *cell { return &cell{p: p} } // want wrapCell:"allocates\\(composite\\) leaks\\(heap:0\\)"

//fallible:strict
func WrappedThenLoaded() { // want WrappedThenLoaded:"allocates\\(escape\\)"
	x := n                     // want `strict function WrappedThenLoaded allocates: variable is moved to the heap`
	sinkCellP = wrapCell(&x).p // want `strict function WrappedThenLoaded calls wrapCell, which may allocate: wrapCell → composite literal at pointerlevels.go:67 escapes to the heap`
}

// A type assertion to a type that is not pointer-shaped copies what the
// interface's data word points to: the copy escaping takes what the box
// holds with it.

type cellPair struct{ a, b *int }

//fallible:strict
func AssertedCopyEscapes() { // want AssertedCopyEscapes:"allocates\\(escape\\)"
	x := n // want `strict function AssertedCopyEscapes allocates: variable is moved to the heap`
	var e any = cellPair{a: &x}
	sinkCellP = e.(cellPair).a
}
