// Package middle sits between upstream and downstream. // want package:"analysed"
package middle

import "chain/upstream"

// Record writes a record into a buffer.
func Record(b *upstream.Buffer, p []byte) { // want Record:"allocates\\(append via \\(\\*chain/upstream.Buffer\\).Write, 2 hops\\) leaks\\(content:0\\)"
	b.Write(p)
}

// Size does not allocate.
func Size(b *upstream.Buffer) int { return upstream.Len(b) }
