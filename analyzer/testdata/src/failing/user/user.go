// Package user imports a package the analyzer failed on: it says so, and // want package:"analysed"
// takes every function of it to allocate.
package user // want `internal error: dependency failing/dep could not be analyzed: panicked: interface conversion: interface \{\} is nil, not \*buildssa.SSA \(at .*analyzer.go:\d+\)`

import "failing/dep"

//fallible:strict
func Size(s []int) int { // want Size:"allocates\\(unanalysed via failing/dep.Len, 1 hops\\) leaks\\(heap:0\\)"
	return dep.Len(s) // want `strict function Size calls dep.Len, which may allocate: dep.Len, a function that nofallalloc failed to analyse that may allocate`
}
