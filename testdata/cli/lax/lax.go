// Package lax allocates without any directive: it is reported only when
// marked strict from the command line, and listed by -sites.
package lax

// Grow appends to s, which may allocate a larger array.
func Grow(s []int) []int {
	s = append(s, 1)
	return s
}
