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

// LiteralCalledThroughItsDeclaration: a literal that a variable is
// declared with, and never assigned again, is called as the literal
// itself: what it is given does not escape.
//
//fallible:strict
func LiteralCalledThroughItsDeclaration() {
	count := n
	bump := func(p *int) { *p++ }
	bump(&count)
	sinkInt = count
}
