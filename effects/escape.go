package effects

import (
	"golang.org/x/tools/go/ssa"
)

// escapeResult is what the rest of the model needs from the graph.
type escapeResult struct {
	escapes map[ssa.Value]bool // tracked values that may outlive the frame
	leaks   Summary            // only the Leak fields are set
}

// analyzeEscape runs the escape analysis of n's function, using the
// current summaries of its callees to learn what they do with their
// arguments. Blocks that cannot run are left out, as the compiler deletes
// them.
func (r *Result) analyzeEscape(n *node) *escapeResult {
	g := &flowGraph{
		fn:       n.fn,
		summary:  r.summaryOf,
		callees:  r.knownCallees,
		sizes:    r.cfg.Sizes,
		pos:      r.pos,
		loops:    n.loops,
		live:     n.live,
		ids:      map[ssa.Value]int32{},
		contents: map[ssa.Value]int32{},
	}
	g.byValue = r.byValueCaptures(n.fn)
	for _, b := range n.fn.Blocks {
		if !n.live[b.Index] {
			continue
		}
		for _, ins := range b.Instrs {
			g.instruction(ins)
		}
	}
	g.joinVariables(n.vars)
	g.byValueContents()
	g.loopCarried()
	return g.solve()
}

// byValueCaptures returns the free variables of a function literal that
// its enclosing function captures by value (capturedByValue), decided as
// the enclosing function's graph decides them.
func (r *Result) byValueCaptures(fn *ssa.Function) map[*ssa.FreeVar]bool {
	parent, ok := r.nodes[fn.Parent()]
	if !ok || len(fn.FreeVars) == 0 {
		return nil
	}
	r.prepare(parent)
	pg := &flowGraph{sizes: r.cfg.Sizes, loops: parent.loops}
	out := map[*ssa.FreeVar]bool{}
	for _, b := range parent.fn.Blocks {
		for _, ins := range b.Instrs {
			if mc, ok := ins.(*ssa.MakeClosure); ok && mc.Fn == fn {
				for j := range mc.Bindings {
					out[fn.FreeVars[j]] = pg.capturedByValue(mc, j)
				}
				return out
			}
		}
	}
	return nil
}
