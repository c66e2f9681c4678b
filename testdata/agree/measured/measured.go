// Package measured has one allocation of each kind of agreement and
// disagreement that nofallalloc -agree reports (docs/agree.md).
package measured

import (
	"errors"
	"io"
)

type T struct{ a, b int }

var (
	sink  any
	sinkT *T
)

// Keep: the compiler and the analyzer agree that &T{...} escapes.
func Keep(a, b int) { sinkT = &T{a, b} }

// Insert: the compiler does not decide a map insertion; the tests see it
// allocate.
func Insert(m map[int]int, k int) { m[k] = k }

// Unrun: the tests do not run this insertion; the compiler's code for
// the line calls runtime.mapassign_faststr.
func Unrun(m map[string]int) { m["x"] = 1 }

// Wrap is only instantiated with a pointer, which needs no box; the
// analyzer analyses it once for every type argument.
func Wrap[V any](v V) any { return v }

// UseWrap instantiates Wrap.
func UseWrap(t *T) any { return Wrap(t) }

// Constant: the compiler says the constant escapes, but it is static data.
func Constant() { sink = "constant" }

// Fail: the compiler reports the allocation of errors.New, inlined here,
// at the call.
func Fail() error { return errors.New("failed") }

// first returns what pp points to.
func first(pp **T) *T { return *pp }

// Split: only what pp points to flows to first's result, not pp
// (the summary's result-content leak): p stays on the stack, as the
// compiler says.
func Split(a int) {
	t := &T{a, a}
	p := t
	sinkT = first(&p)
}

type counter struct{ n int }

func (c *counter) Write(p []byte) (int, error) {
	c.n += len(p)
	return len(p), nil
}

// Devirtualized: the analyzer takes w.Write for a dynamic call, whose
// receiver and arguments escape; the compiler sees that w holds a
// *counter, calls (*counter).Write directly, and keeps c and buf on the
// stack.
func Devirtualized() int {
	var c counter
	var w io.Writer = &c
	var buf [16]byte
	w.Write(buf[:])
	return c.n
}

// Grow: the compiler does not decide whether an append grows, and the
// tests do not run it; its code for the line calls runtime.growslice.
func Grow(s []int, v int) []int { return append(s, v) }

// Fitting: the compiler proves that the append fits in buf (x&1 <= 1); its
// code calls no runtime.growslice. The model follows constant lengths only.
func Fitting(x, y int) int {
	var buf [4]int
	s := append(buf[:x&1], x, y)
	return sum(s)
}

//go:noinline
func sum(s []int) (t int) {
	for _, v := range s {
		t += v
	}
	return t
}

// Length: the concatenation does not escape, so the compiler gives it a
// 32-byte stack buffer; its code still calls runtime.concatstring2,
// which allocates when the result is longer.
func Length(a, b string) int { return len(a + b) }
