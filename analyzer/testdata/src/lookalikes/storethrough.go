package lookalikes

// Look-alikes of kinds/storethrough.go: stores that reach a local object
// without a pointer, and the self-assignments the compiler ignores
// (cmd/compile/internal/escape: isSelfAssign).

type link struct {
	next *link
	v    int
}

type buffer struct {
	buf   []byte
	links [2]*link
}

var sinkLinkValue int

//fallible:strict
func StoreIntoLocalField() {
	var head link
	leaf := &link{v: 1}
	head.next = leaf
	sinkLinkValue = head.next.v
}

//fallible:strict
func StoreIntoLocalArray() {
	var links [2]*link
	leaf := &link{v: 1}
	links[0] = leaf
	sinkLinkValue = links[0].v
}

//fallible:strict
func StoreInLiteral() {
	leaf := &link{v: 1}
	head := &link{next: leaf}
	sinkLinkValue = head.next.v
}

//fallible:strict
func SliceSelfAssignment() {
	b := &buffer{buf: make([]byte, 10)}
	b.buf = b.buf[1:]
	sinkLinkValue = len(b.buf)
}

//fallible:strict
func FieldSelfAssignment() {
	b := &buffer{links: [2]*link{&link{v: 1}}}
	b.links[1] = b.links[0]
	sinkLinkValue = b.links[1].v
}

//fallible:strict
func ConvertedIndexSelfAssignment(k int8) {
	b := &buffer{links: [2]*link{&link{v: 1}}}
	b.links[int(k)&1] = b.links[0]
	sinkLinkValue = b.links[1].v
}
