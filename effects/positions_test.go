package effects

import (
	"fmt"
	"slices"
	"testing"
)

// TestRangeOverFuncSites: the body of a range-over-func loop is a
// function literal, not a method value, and the compiler reports it, and
// the loop's state that moves to the heap with it, at the for keyword
// (15:2 here, as go build -gcflags=-m prints for an iterator it cannot
// inline).
func TestRangeOverFuncSites(t *testing.T) {
	const src = `package p

var it = func(yield func(int) bool) {
	for i := range 3 {
		if !yield(i) {
			return
		}
	}
}

var sink int

func F() {
	s := 0
	for x := range it {
		s += x
	}
	sink = s
}
`
	r, funcs := analyzeSource(t, "example.com/p", src)
	var got []string
	for _, fn := range funcs {
		if fn.Name() != "F" {
			continue
		}
		for _, s := range r.Sites(fn) {
			p := r.cfg.Fset.Position(s.Pos)
			got = append(got, fmt.Sprintf("%d:%d %s", p.Line, p.Column, s.Kind))
		}
	}
	slices.Sort(got)
	want := []string{"14:2 escape", "15:2 closure", "15:2 escape"}
	if !slices.Equal(got, want) {
		t.Errorf("sites of F: %q, want %q", got, want)
	}
}
