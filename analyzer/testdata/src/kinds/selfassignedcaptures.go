package kinds

// A function literal that stores into a variable it captures by
// reference: what the variable already held lets nothing new into it,
// but the variable itself may escape in the enclosing function, and a
// value from elsewhere escapes, as the literal's summary cannot say where
// it went. Look-alike in lookalikes/selfassignedcaptures.go.

var sinkRest []byte

//fallible:strict
func CapturedSelfAssignedThenKept() { // want CapturedSelfAssignedThenKept:"allocates\\(escape\\)"
	var buf [8]byte // want `strict function CapturedSelfAssignedThenKept allocates: variable is moved to the heap`
	rest := buf[:]
	next := func() { rest = rest[1:] }
	next()
	sinkRest = rest
}

//fallible:strict
func CapturedAssignedFromAnother() { // want CapturedAssignedFromAnother:"allocates\\(escape\\)"
	var buf [8]byte   // want `strict function CapturedAssignedFromAnother allocates: variable is moved to the heap`
	var other [8]byte // want `strict function CapturedAssignedFromAnother allocates: variable is moved to the heap`
	rest, more := buf[:], other[:]
	next := func() { rest = more[1:] }
	next()
	sinkRest = rest
}

// The same through a parameter: a function that stores into the memory
// its parameter points to anything but what that memory held makes it
// escape (the compiler: leaking param).

type cursor []byte

//go:noinline
func (c *cursor) reset(b []byte) { *c = b } // want reset:"leaks\\(heap:1\\)"

//fallible:strict
func ParamAssignedOther() { // want ParamAssignedOther:"allocates\\(escape\\)"
	var buf [8]byte // want `strict function ParamAssignedOther allocates: variable is moved to the heap`
	var c cursor
	c.reset(buf[:])
	sinkInt = len(c)
}
