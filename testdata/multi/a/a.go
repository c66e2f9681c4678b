// Package a has a strict function whose allocation is two packages away.
package a

import "example.com/multi/b"

// Use reaches an append through b.Relay and c.Grow.
//
//fallible:strict
func Use(s []int) []int {
	return b.Relay(s)
}
