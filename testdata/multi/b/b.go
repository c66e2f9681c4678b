// Package b passes calls on to c: what it learns about c reaches a only
// through facts.
package b

import "example.com/multi/c"

// Relay calls c.Grow.
func Relay(s []int) []int {
	return c.Grow(s)
}
