// Package dep is never analysed (TestUnanalysedDependency), as the
// standard library is not under Bazel's nogo: it has no facts.
package dep

// T's method is clean, but nothing says so.
type T struct{ n int }

// Get is clean.
func (t *T) Get() int { return t.n }
