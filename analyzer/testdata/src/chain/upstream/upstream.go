// Package upstream is the bottom of a chain that crosses two packages. // want package:"analysed; Appended: allocates\\(append via chain/upstream.appendOne, 1 hops\\) leaks\\(heap:1 result:0\\)}$"
package upstream

// Buffer grows on demand.
type Buffer struct{ data []byte } // want Buffer:"^methods analysed; Write: allocates\\(append via chain/upstream.grow, 1 hops\\) leaks\\(content:0\\)$"

// Write appends to the buffer through an unexported helper, whose fact
// never reaches downstream packages on its own.
func (b *Buffer) Write(p []byte) { b.data = grow(b.data, p) } // want Write:"allocates\\(append via chain/upstream.grow, 1 hops\\) leaks\\(content:0\\)"

func grow(s, p []byte) []byte { return append(s, p...) } // want grow:"allocates\\(append\\) leaks\\(result:0\\)"

// Len does not allocate.
func Len(b *Buffer) int { return len(b.data) }
