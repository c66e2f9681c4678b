package lookalikes

// Look-alikes of kinds/pointerlevels.go: a value loaded through a pointer whose
// objects the model cannot name (a callee's result) escapes, or a callee
// keeps what such a pointer points to; the object the pointer points to
// stays on the stack, as the compiler counts the dereference
// (cmd/compile/internal/escape: derefs). Only its contents, a pointer to
// a package variable here, leave the frame.

type cell struct {
	p *int
	n int
}

var (
	cellTarget int
	sinkCellP  *int
)

//go:noinline
func passCell(c *cell) *cell { return c } // want passCell:"leaks\\(result:0\\)"

//go:noinline
func keepCellPointer(pp **int) { sinkCellP = *pp } // want keepCellPointer:"leaks\\(content:0\\)"

//fallible:strict
func LoadThroughResult() {
	c := &cell{p: &cellTarget}
	sinkCellP = passCell(c).p
}

//fallible:strict
func ContentsThroughResult() {
	c := &cell{p: &cellTarget}
	keepCellPointer(&passCell(c).p)
}

// Two loads: the first cell holds the second, whose pointer escapes.
//
//fallible:strict
func LoadTwoLevels() {
	inner := &cell{p: &cellTarget}
	outer := &struct{ c *cell }{c: inner}
	sinkCellP = passCell(passOuter(outer).c).p
}

//go:noinline
func passOuter(o *struct{ c *cell }) *struct{ c *cell } { return o } // want passOuter:"leaks\\(result:0\\)"

// A type assertion to a type that is not pointer-shaped copies what the
// interface's data word points to: the copy escaping does not take the
// box with it (the compiler: dotType). The variable holds the box, not
// the literal the box holds.

type cellPair struct{ a, b *int }

//fallible:strict
func AssertedCopyEscapes() {
	var e any = cellPair{a: &cellTarget}
	sinkCellP = e.(cellPair).a
}
