//go:build special

package tagged

// Push is strict and appends; it exists only with -tags=special.
//
//fallible:strict
func Push(s []int) []int {
	return append(s, 1)
}
