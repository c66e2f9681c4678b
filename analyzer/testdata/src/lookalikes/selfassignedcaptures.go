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
