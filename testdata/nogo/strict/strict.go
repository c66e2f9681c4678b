// Package strict calls into the standard library from strict code, some
// of it clean and some of it allocating: under a driver that never runs
// the analyzer on the standard library, only summaries made for it tell
// the two apart.
//
//fallible:strict
package strict

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Width is clean: both callees are.
func Width(s string, r rune) int {
	return strings.IndexByte(s, ',') + utf8.RuneLen(r)
}

// Quote allocates in strconv.
func Quote(s string) string {
	return strconv.Quote(s)
}

// Repeat allocates in strings.
func Repeat(s string) string {
	return strings.Repeat(s, 2)
}
