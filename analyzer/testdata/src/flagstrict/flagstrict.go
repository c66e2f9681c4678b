// Package flagstrict has no directive: the test marks it strict with // want package:"analysed"
// -strict=flagstrict, as a CI gate would.
package flagstrict

var sink []int

func Grow() { // want Grow:"allocates\\(append\\)"
	sink = append(sink[:0:0], 1) // want `strict function Grow allocates: append may grow the slice`
}
