// Package chain has a strict function whose allocation is two calls away,
// within the package: every hop of the chain has a position here.
package chain

// Use reaches an append through relay and grow.
//
//fallible:strict
func Use(s []int) []int {
	return relay(s)
}

func relay(s []int) []int {
	return grow(s)
}

func grow(s []int) []int {
	return append(s, 1)
}
