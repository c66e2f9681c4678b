package main

import (
	"go/token"
	"testing"
)

// TestNormalizeOneFindingOnce checks that a finding reported by a package
// and by its test variant is printed once, even when their chains differ,
// and that the one kept does not depend on the order they came in.
func TestNormalizeOneFindingOnce(t *testing.T) {
	at := func(line int) token.Position { return token.Position{Filename: "/m/a.go", Line: line, Column: 2} }
	hop := func(line int) []related {
		return []related{{Pos: token.Position{Filename: "/m/b.go", Line: line, Column: 1}, Message: "b.F"}}
	}
	mk := func(line, hopLine int) diagnostic {
		return diagnostic{Category: "call", Message: "strict function F calls b.F", Pos: at(line), Related: hop(hopLine)}
	}
	paths := newPathShortener("/m", "")
	for _, in := range [][]diagnostic{
		{mk(3, 9), mk(3, 7), mk(1, 5)},
		{mk(1, 5), mk(3, 7), mk(3, 9)},
	} {
		out := normalize(in, paths)
		if len(out) != 2 || out[0].Pos.Line != 1 || out[1].Pos.Line != 3 || out[1].Related[0].Pos.Line != 7 {
			t.Errorf("normalize(%v) = %v; want the findings at lines 1 and 3, the latter with its lowest hop", in, out)
		}
	}
}
