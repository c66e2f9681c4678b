package effects

import (
	"slices"
	"testing"

	"golang.org/x/tools/go/ssa"
)

// TestLoopDepths: a block's depth is the number of natural loops around
// it, nested loops and two back edges to one head included; a function
// without loops has no forest.
func TestLoopDepths(t *testing.T) {
	const src = `package p

var sink int

func Nested(n int) {
	for i := 0; i < n; i++ {
		sink++
		for j := 0; j < n; j++ {
			if j == 3 {
				continue
			}
			sink += j
		}
	}
	sink = 0
}

func Straight(n int) {
	if n > 0 {
		sink = n
	}
}
`
	_, funcs := analyzeSource(t, "example.com/p", src)
	for _, fn := range funcs {
		f := findLoops(fn)
		switch fn.Name() {
		case "Straight":
			if f.any() || f.depth(fn.Blocks[0]) != 0 {
				t.Errorf("Straight has loops: %v", f)
			}
		case "Nested":
			deepest, atEntry, atExit := 0, f.depth(fn.Blocks[0]), -1
			for _, b := range fn.Blocks {
				deepest = max(deepest, f.depth(b))
				if len(b.Succs) == 0 {
					atExit = f.depth(b)
				}
			}
			if !f.any() || deepest != 2 || atEntry != 0 || atExit != 0 {
				t.Errorf("Nested: deepest %d, entry %d, exit %d; want 2, 0, 0", deepest, atEntry, atExit)
			}
			var stores [3]int // by depth: sink++, sink += j, sink = 0
			for _, b := range fn.Blocks {
				for _, ins := range b.Instrs {
					if _, ok := ins.(*ssa.Store); ok {
						stores[f.depth(b)]++
					}
				}
			}
			if stores != [3]int{1, 1, 1} {
				t.Errorf("Nested: stores by depth %v, want one at each of 0, 1, 2", stores)
			}
		}
	}
}

// TestLoopCarriedByDepth: an object stored into one allocated in an
// outer loop, or reachable from such a store, is moved to the heap (mid
// stored into outer, inner into mid and reachable from outer's store),
// as go build -gcflags=-m says; the stores into objects of one depth are
// followed together.
func TestLoopCarriedByDepth(t *testing.T) {
	const src = `package p

type T struct{ next *T }

func F(n int) bool {
	outer := &T{}
	for i := 0; i < n; i++ {
		mid := &T{}
		for j := 0; j < n; j++ {
			inner := &T{}
			mid.next = inner
		}
		outer.next = mid
	}
	return outer.next != nil
}
`
	if lines, want := siteLines(t, src, "F"), []int{8, 10}; !slices.Equal(lines, want) {
		t.Errorf("F's sites on lines %v, want %v (mid, inner)", lines, want)
	}
}

// TestLoopCarriedThroughPhis: an object that a phi at a loop's head
// reaches is moved to the heap when the phi's block dominates it; the
// phis of the blocks the head dominates find nothing more, and walk
// nothing again.
func TestLoopCarriedThroughPhis(t *testing.T) {
	const src = `package p

type T struct{ next *T }

func F(n int) *T {
	p := &T{}
	for i := 0; i < n; i++ {
		x := &T{next: p}
		if i > 3 {
			p = x
		}
		y := &T{next: p}
		if i > 5 {
			p = y
		}
	}
	return p
}
`
	if lines, want := siteLines(t, src, "F"), []int{6, 8, 12}; !slices.Equal(lines, want) {
		t.Errorf("F's sites on lines %v, want %v", lines, want)
	}
}

// siteLines returns the lines of the sites of the function name of the
// package src.
func siteLines(t *testing.T, src, name string) []int {
	t.Helper()
	r, funcs := analyzeSource(t, "example.com/p", src)
	var lines []int
	for _, fn := range funcs {
		if fn.Name() == name {
			for _, s := range r.Sites(fn) {
				lines = append(lines, r.cfg.Fset.Position(s.Pos).Line)
			}
		}
	}
	return lines
}
