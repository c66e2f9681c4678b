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
		g.edge(2, 0)
		g.edge(0, 3)
		g.edge(2, 1)
		g.edge(0, 1)
		g.freeze()
		late := g.newNode(nil)
		want := [][]int32{{3, 1}, nil, {0, 1}, nil}
		for n := range int32(size) {
			var w []int32
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
