// Package withtests is clean; only its test file has a strict function, so
// it is reported with -tests and not without.
package withtests

// Len returns len(s).
func Len(s []int) int { return len(s) }
