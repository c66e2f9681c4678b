// Package strict has one strict function that may grow a slice.
package strict

// Push appends to s, which may allocate a larger array.
//
//fallible:strict
func Push(s []int) []int {
	s = append(s, 1)
	return s
}
