// Package deep has a chain longer than the eight hops a witness keeps. // want package:"analysed"
package deep

var sink []int

func f1() { f2() } // want f1:"allocates\\(append via deep.f2, 9 hops\\)"
func f2() { f3() } // want f2:"allocates\\(append via deep.f3, 8 hops\\)"
func f3() { f4() } // want f3:"allocates\\(append via deep.f4, 7 hops\\)"
func f4() { f5() } // want f4:"allocates\\(append via deep.f5, 6 hops\\)"
func f5() { f6() } // want f5:"allocates\\(append via deep.f6, 5 hops\\)"
func f6() { f7() } // want f6:"allocates\\(append via deep.f7, 4 hops\\)"
func f7() { f8() } // want f7:"allocates\\(append via deep.f8, 3 hops\\)"
func f8() { f9() } // want f8:"allocates\\(append via deep.f9, 2 hops\\)"
func f9() { g() }  // want f9:"allocates\\(append via deep.g, 1 hops\\)"

func g() { sink = append(sink, 1) } // want g:"allocates\\(append\\)"

//fallible:strict
func Deep() { // want Deep:"allocates\\(append via deep.f1, 10 hops\\)"
	f1() // want `strict function Deep calls f1, which may allocate: f1 → f2 → f3 → f4 → f5 → f6 → f7 → f8 → … → append may grow the slice`
}
