package lookalikes

// LiteralResultUsedHere: a literal called here returns the pointer it
// captures; the result does not outlive the call, so the compiler keeps
// the object on the stack.
//
//fallible:strict
func LiteralResultUsedHere() {
	p := &T{n, n}
	get := func() *T { return p }
	sinkInt = get().a
}
