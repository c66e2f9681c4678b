// Package confirminlined: Settled and CleanCallee allocate nothing. // want package:"analysed; AllocatingCallee: [^;]*; AllocatingLine: [^;]*; Elsewhere: [^;]*; HeapAtCall: [^;]*; InLiteral: [^;]*; InlinedAllocates: [^;]*; NotInlined: [^;]*; Unexported: [^;]*$"
//
// It holds calls of a function that may allocate, each inlined (or not)
// in the compiler's log that TestConfirmInlined writes, with code that
// allocates or not.
package confirminlined

import "strings"

// The package imports strings, whose summaries its code inlined from
// there can call.
var _ = strings.Index

func grow(s []int) []int { return append(s, 1) } // want grow:"allocates\\(append\\) leaks\\(result:0\\)"

//fallible:strict
func Settled(s []int) { grow(s) }

//fallible:strict
func NotInlined(s []int) { grow(s) } // want NotInlined:"allocates\\(append via confirminlined.grow, 1 hops\\)" `calls grow, which may allocate`

//fallible:strict
func HeapAtCall(s []int) { grow(s) } // want HeapAtCall:"allocates\\(append via confirminlined.grow, 1 hops\\)" `calls grow, which may allocate`

//fallible:strict
func AllocatingLine(s []int) { grow(s) } // want AllocatingLine:"allocates\\(append via confirminlined.grow, 1 hops\\)" `calls grow, which may allocate`

//fallible:strict
func InlinedAllocates(s []int) { grow(s) } // want InlinedAllocates:"allocates\\(append via confirminlined.grow, 1 hops\\)" `calls grow, which may allocate`

//fallible:strict
func Elsewhere(s []int) { grow(s) } // want Elsewhere:"allocates\\(append via confirminlined.grow, 1 hops\\)" `calls grow, which may allocate`

//fallible:strict
func InLiteral(s []int) { // want InLiteral:"allocates\\(append via confirminlined.grow, 1 hops\\)"
	f := func() {
		_ = len(s)
	}
	f()
	grow(s) // want `calls grow, which may allocate`
}

//fallible:strict
func CleanCallee(s []int) { grow(s) }

//fallible:strict
func AllocatingCallee(s []int) { grow(s) } // want AllocatingCallee:"allocates\\(append via confirminlined.grow, 1 hops\\)" `calls grow, which may allocate`

//fallible:strict
func Unexported(s []int) { grow(s) } // want Unexported:"allocates\\(append via confirminlined.grow, 1 hops\\)" `calls grow, which may allocate`
