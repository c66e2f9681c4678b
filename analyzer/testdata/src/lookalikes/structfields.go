package lookalikes

// Look-alikes of kinds/structfields.go: a struct whose string field is only
// read in place, or whose other fields leak nothing, stays on the stack.

type named struct {
	name string
	n    *int
}

//fallible:strict
func StringFieldRead() {
	x := n
	r := named{name: str, n: &x}
	sinkInt = len(r.name) + *r.n
}
