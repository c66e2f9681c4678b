// Package panics allocates only on paths that end in a panic or os.Exit: // want package:"analysed"
// exempt by default, reported with -panic-paths (see panics_flag).
package panics

import (
	"fmt"
	"os"
	"strconv"
)

var n = 100

//fallible:strict
func Check() {
	if n < 0 {
		panic(fmt.Sprintf("negative: %d", n))
	}
}

// An allow on a panic path exempts nothing without -panic-paths, but is
// not unused: it matters with the flag (panicsflag.AllowOnPanicPath).
//
//fallible:strict
func AllowOnPanicPath() {
	if n < 0 {
		panic(fmt.Sprint(n)) //fallible:allow the message is built only to panic
	}
}

//fallible:strict
func Exit() {
	if n < 0 {
		fmt.Fprintln(os.Stderr, "negative")
		os.Exit(2)
	}
}

func mustPositive(k int) int {
	if k < 0 {
		panic("negative " + strconv.Itoa(k))
	}
	return k
}

//fallible:strict
func CallsChecker() {
	n = mustPositive(n)
}

//fallible:strict
func NotOnlyPanic() { // want NotOnlyPanic:"allocates\\(make-slice\\)"
	s := make([]byte, n) // want `strict function NotOnlyPanic allocates: make allocates a slice`
	if len(s) == 0 {
		panic("empty")
	}
	_ = s
}
