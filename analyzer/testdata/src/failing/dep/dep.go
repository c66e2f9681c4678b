// Package dep is the package the analyzer is made to fail on (TestFailureIsContained).
package dep

// Grow would allocate; its facts say it may, whatever happens.
func Grow(s []int) []int { return append(s, 1) }

// Len is clean, but after a failure no one can know.
func Len(s []int) int { return len(s) }
