package effects

import "golang.org/x/tools/go/ssa"

// carriedBy appends to starts where the loop rule starts from phi, a phi
// at a loop's head: phi itself, or, when phi merges the per-iteration
// copies of a loop variable whose address is taken (for i := 0; ...;
// i++ { f(&i) }), what the copies hold. The compiler declares the copy
// inside the loop, so the copy itself lives one iteration; only its value
// is carried to the next (cmd/compile/internal/loopvar).
func (g *flowGraph) carriedBy(phi *ssa.Phi, starts []int32) []int32 {
	copies := loopVariableCopies(phi)
	if copies == nil {
		return append(starts, g.node(phi))
	}
	for _, c := range copies {
		if id, ok := g.ids[c]; ok && g.contents[id] != noContents {
			starts = append(starts, g.contents[id])
		}
	}
	return starts
}

// loopVariableCopies returns the storage of the per-iteration copies of a
// Go 1.22 loop variable that phi merges, as go/ssa builds a three-clause
// loop (forStmtGo122): the variable's storage before the loop and the
// copy made for the next iteration, two Allocs named and placed as the
// variable is, as the phi is. Nil for any other phi.
func loopVariableCopies(phi *ssa.Phi) []*ssa.Alloc {
	if !phi.Pos().IsValid() || len(phi.Edges) != 2 {
		return nil
	}
	var copies []*ssa.Alloc
	for _, e := range phi.Edges {
		a, ok := e.(*ssa.Alloc)
		if !ok || a.Pos() != phi.Pos() || a.Comment != phi.Comment {
			return nil
		}
		copies = append(copies, a)
	}
	return copies
}
