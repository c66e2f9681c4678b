package effects

import (
	"golang.org/x/tools/go/ssa"
)

// escapeResult is what the rest of the model needs from the graph.
type escapeResult struct {
	ids     map[ssa.Value]int32 // the graph's node of each tracked value
	outlive []bool              // by node: whether its value may outlive the frame
	leaks   Summary             // only the Leak fields are set
	memory  *graphMemory        // the graph's, given back by release
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
	mem := r.graphMemory()
	g := &flowGraph{
		fn:       n.fn,
		summary:  r.summaryOf,
		callees:  escapeCallees,
		sizes:    r.cfg.Sizes,
		pos:      r.pos,
		loops:    n.loops,
		live:     n.live,
		ids:      mem.ids,
		contents: mem.contents,
		owner:    mem.owner[:0],
		succ:     mem.succ[:0],
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
	res := g.solve()
	mem.owner, mem.succ = g.owner, g.succ
	res.memory = mem
	return res
}

// graphMemory is the storage of one escape graph. A package's functions
// are analyzed one after another, and most of the model's garbage would
// be their graphs: once a function's escape result is released, its
// graph's memory serves the next function's graph.
type graphMemory struct {
	ids      map[ssa.Value]int32
	contents map[ssa.Value]int32
	owner    []ssa.Value
	succ     [][]int32 // each node's edges keep their array for the next graph's node
}

// maxKeptGraph is the number of values beyond which a graph's memory is
// not kept: emptying a map costs its capacity, which a large function
// would leave to every small one after it.
const maxKeptGraph = 1024

// graphMemory returns the memory of a released graph, emptied, or new
// memory.
func (r *Result) graphMemory() *graphMemory {
	if k := len(r.spareGraphs); k > 0 {
		mem := r.spareGraphs[k-1]
		r.spareGraphs = r.spareGraphs[:k-1]
		return mem
	}
	return &graphMemory{ids: map[ssa.Value]int32{}, contents: map[ssa.Value]int32{}}
}

// release gives back the memory of esc's graph, which nothing reads
// after this.
func (r *Result) release(esc *escapeResult) {
	mem := esc.memory
	if mem == nil || len(mem.ids) > maxKeptGraph {
		return
	}
	clear(mem.ids)
	clear(mem.contents)
	r.spareGraphs = append(r.spareGraphs, mem)
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
