// Package other has a file named like one of package measured's, and a
// generic function that measured instantiates: the compiler's
// optimisation log for measured names both files names.json, and keeps
// only this one's.
package other

// Last returns the last of vs.
func Last[T any](vs ...T) T { return vs[len(vs)-1] }

// Pair returns a and b in a slice, which a caller that inlines Pair
// allocates at its call.
func Pair(a, b int) []int { return list(a, b) }

func list(vs ...int) []int { return vs }
