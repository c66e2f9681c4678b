// Package instance instantiates upstream's generic function, which calls // want package:"analysed"
// an unexported helper: the chain goes through the origin's summary.
package instance

import "chain/upstream"

//fallible:strict
func Grow(s []int) []int { // want Grow:"allocates\\(append via chain/upstream.Appended, 2 hops\\) leaks\\(result:0\\)"
	return upstream.Appended(s, 1) // want `strict function Grow calls upstream.Appended, which may allocate: upstream.Appended → chain/upstream.appendOne → append at values.go:9 may grow the slice`
}
