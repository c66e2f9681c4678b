// Package use calls lib's methods through values of lib's types. // want package:"analysed"
package use

import "reach/lib"

var shared = lib.New()

// Fill calls an exported method of an unexported type of lib.
//
//fallible:strict
func Fill(v int) { // want Fill:"allocates\\(append via \\(\\*reach/lib.buffer\\).Add, 2 hops\\)"
	shared.Add(v) // want `strict function Fill calls \(\*lib.buffer\).Add, which may allocate: \(\*lib.buffer\).Add → \(\*reach/lib.buffer\).grow → append at lib.go:\d+ may grow the slice`
}

// Wrapped has lib.Counted's size method, which keeps it from keeping
// Sizer's contract.
type Wrapped struct{ lib.Counted }

// Use converts a Wrapped to lib.Sizer.
func Use(w *Wrapped) int { // want Use:"leaks\\(heap:0\\)"
	return lib.Measure(w) // want `\*Wrapped does not keep the contract of lib.Sizer.size: \(\*lib.Counted\).size → append at lib.go:\d+ may grow the slice`
}
