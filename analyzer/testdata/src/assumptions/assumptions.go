// Package assumptions is checked with -assumptions: every allow and // want package:"analysed"
// trusted directive, with its reason and what it hides.
package assumptions

import "fmt"

var (
	sink    []int
	sinkStr string
)

//fallible:trusted the caller bounds n
func Grow(n int) []int { // want `^trusted Grow: the caller bounds n$`
	return make([]int, n)
}

//fallible:trusted a clean body needs no trust
func Clean(xs []int) int { return len(xs) } // want `^trusted Clean: a clean body needs no trust$`

func Push(xs []int) { // want Push:"leaks\\(heap:0\\)"
	sink = append(xs, 1) /* want `^allow in Push: capacity reserved by the caller$` */ //fallible:allow capacity reserved by the caller
}

// The allow covers the call and the box of its argument, one entry.
func Format(n int) {
	sinkStr = fmt.Sprint(n) /* want `^allow in Format: formatting accepted here$` */ //fallible:allow formatting accepted here
}

func Nothing() int {
	return 1 /* want `^allow exempting nothing: exempts nothing$` */ //fallible:allow exempts nothing
}
