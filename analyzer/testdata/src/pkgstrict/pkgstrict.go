// Package pkgstrict is strict as a whole: every function and method is // want package:"analysed"
// checked, except init and the initialisers of package variables.
//
//fallible:strict
package pkgstrict

var table = map[string]int{"a": 1} // initialisers may allocate

var sink []int

func init() {
	sink = make([]int, 0, len(table))
}

func Grow() { // want Grow:"allocates\\(append\\)"
	sink = append(sink[:0:0], 1) // want `strict function Grow allocates: append may grow the slice`
}

type T struct{ items []int } // want T:"^methods analysed; Add: allocates\\(append\\) leaks\\(content:0\\)$"

func (t *T) Add(v int) { // want Add:"allocates\\(append\\) leaks\\(content:0\\)"
	t.items = append(t.items, v) // want `strict function \(\*T\).Add allocates: append may grow the slice`
}

// Get is checked too, and clean.
func (t *T) Get(i int) int { return t.items[i] }
