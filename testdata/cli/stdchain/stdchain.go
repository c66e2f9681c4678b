// Package stdchain has a strict function whose allocation is in the
// standard library, behind an unexported function of strconv: the chain
// leaves the repository, and one of its hops has no fact of its own that
// reaches this package.
package stdchain

import "strconv"

// Quote reaches a make through strconv.Quote and strconv.quoteWith.
//
//fallible:strict
func Quote(s string) string {
	return strconv.Quote(s)
}
