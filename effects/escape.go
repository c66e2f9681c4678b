package effects

import (
	"golang.org/x/tools/go/ssa"
)

// escapeResult is what the rest of the model needs from the graph.
type escapeResult struct {
	ids     map[ssa.Value]int32 // the graph's node of each tracked value
	outlive []bool              // by node: whether its value may outlive the frame
	leaks   Summary             // only the Leak fields are set
}

// escapes reports whether v, a tracked value, may outlive the frame.
func (e *escapeResult) escapes(v ssa.Value) bool {
	id, ok := e.ids[v]
	return ok && e.outlive[id]
}

// analyzeEscape runs the escape analysis of n's function, using the
// current summaries of its callees to learn what they do with their
// arguments. Blocks that cannot run are left out, as the compiler deletes
// them.
func (r *Result) analyzeEscape(n *node) *escapeResult {
	// Most values have a node: sizing the graph for all of them at once
	// spares growing it a value at a time.
	values := len(n.fn.Params) + len(n.fn.FreeVars)
	for _, b := range n.fn.Blocks {
		values += len(b.Instrs)
	}
	g := &flowGraph{
		fn:       n.fn,
		summary:  r.summaryOf,
		callees:  r.knownCallees,
		sizes:    r.cfg.Sizes,
		pos:      r.pos,
		loops:    n.loops,
		live:     n.live,
		ids:      make(map[ssa.Value]int32, values),
		contents: map[ssa.Value]int32{},
		owner:    make([]ssa.Value, 0, values),
		succ:     make([][]int32, 0, values),
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
