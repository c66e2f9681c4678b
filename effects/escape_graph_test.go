package effects

import (
	"slices"
	"testing"

	"golang.org/x/tools/go/ssa"
)

// TestFreeze checks the layout of a graph's edges by node: each node's
// successors in the order their edges were added, none for a node made
// after freeze, and the same answers from memory that served a larger
// graph before.
func TestFreeze(t *testing.T) {
	mem := &graphMemory{ids: map[ssa.Value]int32{}}
	for _, size := range []int{6, 4} {
		g := &flowGraph{graphMemory: mem}
		g.owner, g.contents, g.edges = g.owner[:0], g.contents[:0], g.edges[:0]
		for range size {
			g.newNode(nil)
		}
		g.edge(2, 0, sameLevel)
		g.edge(0, 3, loadStep)
		g.edge(2, 1, addressStep)
		g.edge(0, 1, sameLevel)
		g.freeze()
		late := g.newNode(nil)
		want := [][]link{{linkTo(3, loadStep), linkTo(1, sameLevel)}, nil, {linkTo(0, sameLevel), linkTo(1, addressStep)}, nil}
		for n := range int32(size) {
			var w []link
			if int(n) < len(want) {
				w = want[n]
			}
			if got := g.successors(n); !slices.Equal(got, w) {
				t.Errorf("%d nodes: successors(%d) = %v, want %v", size, n, got, w)
			}
		}
		if got := g.successors(late); got != nil {
			t.Errorf("%d nodes: successors of a node made after freeze = %v, want none", size, got)
		}
	}
}

// TestReachLevels checks the levels a walk gives: a load goes one level
// down, capped at maxLevel; an object's contents one level up, never
// above 0; a node reached again at a lower level is walked again.
func TestReachLevels(t *testing.T) {
	g := &flowGraph{graphMemory: &graphMemory{ids: map[ssa.Value]int32{}}}
	for range 7 {
		g.newNode(nil)
	}
	// 0 is loaded through 1, 1 through 2, 2 through 3 (beyond maxLevel);
	// 4 is an object whose contents are 5; 5 holds 6.
	g.edge(0, 1, loadStep)
	g.edge(1, 2, loadStep)
	g.edge(2, 3, loadStep)
	g.edge(3, 4, loadStep)
	g.edge(4, 5, addressStep)
	g.edge(5, 6, sameLevel)
	g.freeze()
	for _, c := range []struct {
		roots []link
		want  []uint8
	}{
		{[]link{linkTo(0, sameLevel)}, []uint8{0, 1, 2, 3, 3, 2, 2}},
		{[]link{linkTo(4, sameLevel)}, []uint8{unreached, unreached, unreached, unreached, 0, 0, 0}},
		{[]link{linkTo(4, loadStep)}, []uint8{unreached, unreached, unreached, unreached, 1, 0, 0}},
		{[]link{linkTo(2, loadStep), linkTo(3, sameLevel)}, []uint8{unreached, unreached, 1, 0, 1, 0, 0}},
	} {
		if got := g.reach(nil, c.roots, false); !slices.Equal(got, c.want) {
			t.Errorf("reach from %v = %v, want %v", c.roots, got, c.want)
		}
	}
}
