package lookalikes

// A function literal that stores into a variable it captures by
// reference what the variable already held (a closure consuming its
// input, runtime's parseRelease) lets nothing new into the variable: the
// array its slice points to stays on the stack, as the compiler, which
// analyses a literal with its enclosing function, keeps it.

var sinkConsumed byte

//fallible:strict
func CapturedSelfAssigned() {
	var buf [8]byte
	copy(buf[:], "12.34")
	rest := buf[:5]
	next := func() byte {
		c := rest[0]
		rest = rest[1:]
		if c == '.' {
			rest = nil
		}
		return c
	}
	sinkConsumed = next() + next()
}

// The same through a parameter: a function that stores into the memory
// its parameter points to what that memory already held (a cursor that
// advances, two elements swapped) lets nothing new into the caller's
// memory (the compiler: isSelfAssign).

type cursor []byte

//go:noinline
func (c *cursor) skip(n int) { *c = (*c)[n:] }

//go:noinline
func swapFirst(s []*byte) { s[0], s[1] = s[1], s[0] }

//fallible:strict
func ParamSelfAssigned() {
	var buf [8]byte
	c := cursor(buf[:])
	c.skip(2)
	sinkConsumed = c[0]
}

//fallible:strict
func ParamElementsSwapped() {
	var a, b byte = 1, 2
	s := []*byte{&a, &b}
	swapFirst(s)
	sinkConsumed = *s[0]
}
