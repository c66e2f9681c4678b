// Package tagged is clean unless built with the tag "special".
package tagged

// Zero returns 0.
func Zero() int { return 0 }
