package pkgstrict

import "testing"

// Tests of a strict package are not strict: they may allocate.
func TestGrow(t *testing.T) { // want TestGrow:"allocates\\(append\\) leaks\\(heap:0\\)"
	s := make([]int, 0, 1)
	s = append(s, 1, 2)
	if len(s) != 2 {
		t.Fatal(len(s))
	}
}

// A test marked strict itself is checked.
//
//fallible:strict
func TestStrict(t *testing.T) { // want TestStrict:"allocates\\(make-slice\\)"
	s := make([]int, t.Name()[0]) // want `strict function TestStrict allocates: make allocates a slice`
	_ = s
}
