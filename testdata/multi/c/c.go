// Package c allocates; it knows nothing of strictness.
package c

// Grow appends to s, which may allocate a larger array.
func Grow(s []int) []int {
	return append(s, 1)
}
