// Package lib is a dependency in a module of its own, with a strict
// function that allocates.
package lib

// Numbers returns 0..n-1.
//
//fallible:strict
func Numbers(n int) []int {
	return make([]int, n)
}
