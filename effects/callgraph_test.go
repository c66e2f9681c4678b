package effects

import (
	"slices"
	"testing"
)

// TestCallGraphOrder: every function is solved once, callees before
// callers outside their component; add gathers references in one array
// that it leaves empty, and makes each function's callees at their size.
func TestCallGraphOrder(t *testing.T) {
	const src = `package p

var sink []int

func A() { B(); C(); B() }

func B() { C(); func() { D(1) }() }

func C() {}

func D(n int) {
	if n > 0 {
		E(n - 1)
	}
	sink = make([]int, n)
}

func E(n int) { D(n) }
`
	r, _ := analyzeSource(t, "example.com/p", src)
	if len(r.order) != len(r.nodes) {
		t.Errorf("%d functions solved, want %d", len(r.order), len(r.nodes))
	}
	if len(r.refs) != 0 {
		t.Errorf("%d references left in add's array", len(r.refs))
	}
	recursive := map[string]bool{"D": true, "E": true}
	for i, n := range r.order {
		if len(n.callees) != cap(n.callees) {
			t.Errorf("%s: callees %d of %d", n.fn, len(n.callees), cap(n.callees))
		}
		for _, m := range n.callees {
			if j := slices.Index(r.order, m); j > i && !(recursive[n.fn.Name()] && recursive[m.fn.Name()]) {
				t.Errorf("%s is solved before its callee %s", n.fn, m.fn)
			}
		}
	}
}
