// Package lib has methods that other packages can call, and methods that they cannot name: only the first export facts. // want package:"analysed"
package lib

// buffer is unexported, but New hands one out: other packages call its
// exported methods on that value.
type buffer struct{ data []int } // want buffer:"^methods analysed; Add: allocates\\(append via \\(\\*reach/lib.buffer\\).grow, 1 hops\\) leaks\\(content:0\\)$"

// New returns a buffer for other packages to use through its methods.
func New() *buffer { return new(buffer) } // want New:"allocates\\(new\\)"

// Add appends through grow.
func (b *buffer) Add(v int) { b.grow(v) } // want Add:"allocates\\(append via \\(\\*reach/lib.buffer\\).grow, 1 hops\\) leaks\\(content:0\\)"

// grow is a method that no other package can name: buffer's fact has
// no entry for it, only the analysis does.
func (b *buffer) grow(v int) { b.data = append(b.data, v) } // want grow:"allocates\\(append\\) leaks\\(content:0\\)"

// Sizer's unexported method carries a contract: a type of another package
// that embeds one of this package's implementations is checked against it
// when converted to Sizer, so the method that implements it exports its
// fact.
type Sizer interface {
	//fallible:strict
	size() int // want size:"contract"
}

// Counted implements Sizer, and breaks its contract.
type Counted struct{ seen []int } // want Counted:"^methods analysed; size: allocates\\(append\\) leaks\\(content:0\\)$"

func (c *Counted) size() int { // want size:"allocates\\(append\\) leaks\\(content:0\\)"
	c.seen = append(c.seen, 0)
	return len(c.seen)
}

// Measure calls through the contract.
func Measure(s Sizer) int { return s.size() } // want Measure:"leaks\\(heap:0\\)"
