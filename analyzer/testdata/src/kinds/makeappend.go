package kinds

// AppendMake: append(s, make([]T, n)...) extends s in place (the
// compiler's isAppendOfMake): growslice when s lacks the room, never a
// slice made for the make. The append is the one site (roaring's
// appenderRoutine, gjson's AppendJSONString).
//
//fallible:strict
func AppendMake() { // want AppendMake:"allocates\\(append\\)"
	sinkB = append(sinkB[:0:0], make([]byte, n)...) // want `strict function AppendMake allocates: append may grow the slice`
}

// AppendMakeWithCap: a make with a capacity is a slice of its own, which
// the append copies.
//
//fallible:strict
func AppendMakeWithCap() { // want AppendMakeWithCap:"allocates\\(make-slice\\)"
	sinkB = append(sinkB[:0:0], make([]byte, n, n)...) // want `strict function AppendMakeWithCap allocates: make allocates a slice` `strict function AppendMakeWithCap allocates: append may grow the slice`
}
