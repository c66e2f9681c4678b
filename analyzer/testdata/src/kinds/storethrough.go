package kinds

// Stores through a pointer or a slice into a local object that does not
// escape, each with its look-alike in lookalikes/storethrough.go: the
// compiler sends a store through a pointer to the heap whatever the
// pointer points to (cmd/compile/internal/escape: addr of ODEREF,
// ODOTPTR, OINDEX of a slice), so what is stored escapes.

type link struct {
	next *link
	v    int
}

var sinkLinkValue int

//fallible:strict
func StoreThroughField() { // want StoreThroughField:"allocates\\(composite\\)"
	head := &link{}
	leaf := &link{v: 1} // want `strict function StoreThroughField allocates: composite literal escapes to the heap`
	head.next = leaf
	sinkLinkValue = head.next.v
}

//fallible:strict
func StoreThroughSlice() { // want StoreThroughSlice:"allocates\\(composite\\)"
	links := make([]*link, 4)
	leaf := &link{v: 1} // want `strict function StoreThroughSlice allocates: composite literal escapes to the heap`
	links[0] = leaf
	sinkLinkValue = links[0].v
}

//fallible:strict
func StoreThroughAddress() { // want StoreThroughAddress:"allocates\\(composite\\)"
	var head link
	p := &head
	leaf := &link{v: 1} // want `strict function StoreThroughAddress allocates: composite literal escapes to the heap`
	p.next = leaf
	sinkLinkValue = head.next.v
}

//fallible:strict
func StoreThroughArrayPointer() { // want StoreThroughArrayPointer:"allocates\\(composite\\)"
	var links [2]*link
	p := &links
	leaf := &link{v: 1} // want `strict function StoreThroughArrayPointer allocates: composite literal escapes to the heap`
	p[0] = leaf
	sinkLinkValue = links[0].v
}

//fallible:strict
func StoreThroughDereference() { // want StoreThroughDereference:"allocates\\(composite\\)"
	var head *link
	p := &head
	leaf := &link{v: 1} // want `strict function StoreThroughDereference allocates: composite literal escapes to the heap`
	*p = leaf
	sinkLinkValue = head.v
}
