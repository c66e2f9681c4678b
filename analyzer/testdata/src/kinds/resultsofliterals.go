package kinds

// A function literal that returns a variable it captures gives its
// caller what the variable holds: kept, it is on the heap.

// LiteralReturnsCaptured: the literal is called here, and its result kept
// (go-cmp's compareSlice: step := SliceIndex{&sliceIndex{...}};
// withIndexes returns step).
//
//fallible:strict
func LiteralReturnsCaptured() { // want LiteralReturnsCaptured:"allocates\\(composite\\)"
	p := &T{n, n} // want `strict function LiteralReturnsCaptured allocates: composite literal escapes to the heap`
	get := func() *T { return p }
	sinkPtr = get()
}

//go:noinline
func keepResultOf(f func() *T) { sinkPtr = f() } // want keepResultOf:"calls\\(0\\)"

// LiteralResultsLost: passed to a function, the literal is called where
// the compiler does not follow its results, which go to the heap.
//
//fallible:strict
func LiteralResultsLost() { // want LiteralResultsLost:"allocates\\(composite\\)"
	p := &T{n, n} // want `strict function LiteralResultsLost allocates: composite literal escapes to the heap`
	keepResultOf(func() *T { return p })
}

// LiteralReturnsCapturedContents: the literal returns what a captured
// pointer points to.
//
//fallible:strict
func LiteralReturnsCapturedContents() { // want LiteralReturnsCapturedContents:"allocates\\(composite\\)"
	p := &T{n, n} // want `strict function LiteralReturnsCapturedContents allocates: composite literal escapes to the heap`
	pp := &p
	get := func() *T { return *pp }
	sinkPtr = get()
}

// LiteralCalledThroughLaterAssignment: a literal assigned to a variable
// declared before it (the way to write a recursive literal) is called
// through the variable, as through any func value: what it is given
// escapes (go-cmp's resolveReferences, walkNodes).
//
//fallible:strict
func LiteralCalledThroughLaterAssignment() { // want LiteralCalledThroughLaterAssignment:"allocates\\(escape\\)"
	count := n // want `strict function LiteralCalledThroughLaterAssignment allocates: variable is moved to the heap`
	var bump func(p *int)
	bump = func(p *int) { *p++ }
	bump(&count)
	sinkInt = count
}
