package effects

import (
	"golang.org/x/tools/go/ssa"
)

// escapeResult is what the rest of the model needs from the graph: its
// answers live in the graph's memory, until release gives it back.
type escapeResult struct {
	memory *graphMemory // ids: the graph's node of each tracked value; outlive: by node, the level at which it may outlive the frame
	leaks  Summary      // only the Leak fields are set
}

// escapes reports whether v, a tracked value, may outlive the frame.
func (e *escapeResult) escapes(v ssa.Value) bool {
	id, ok := e.memory.ids[v]
	return ok && e.memory.outlive[id] == 0
}

// analyzeEscape runs the escape analysis of n's function, using the
// current summaries of its callees to learn what they do with their
// arguments. Blocks that cannot run are left out, as the compiler deletes
// them. One result is alive at a time (solve): it is r's, until the
// next analysis. The calls of n's func-typed parameters are left to its
// callers (Summary.ParamCallLeaks) when the compiler inlines n: not in
// a recursive component.
func (r *Result) analyzeEscape(n *node, recursive bool) *escapeResult {
	g := &flowGraph{
		fn:          n.fn,
		summary:     r.summaries,
		sizes:       r.cfg.Sizes,
		pos:         r.pos,
		loops:       n.loops,
		live:        n.live,
		graphMemory: r.graphMemory(n.fn),
	}
	g.byValue = r.byValueCaptures(n.fn)
	g.defersParamCalls = r.cfg.Inlining && !recursive && hasFuncParam(n.fn) && compilerInlines(n.fn)
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
	g.freeze()
	g.loopCarried(n.vars)
	r.escape = escapeResult{memory: g.graphMemory, leaks: g.solve()}
	return &r.escape
}

// graphMemory is the storage of one escape graph. A package's functions
// are analyzed one after another, and most of the model's garbage would
// be their graphs: once a function's escape result is released, its
// graph's memory serves the next function's graph.
type graphMemory struct {
	ids   map[ssa.Value]int32 // node of each tracked value
	owner []ssa.Value         // the value of each node; nil for contents nodes
	// contents holds, by node, the contents node of its local object, or
	// noContents: an array beside owner rather than a map of its own, as
	// the object's node is looked up anyway, and in a large function
	// each lookup in a map misses the processor's caches.
	contents []int32
	edges    []edge // in the order they are added

	// Once the graph is complete, freeze lays its edges out by node:
	// succ[start[n]:start[n+1]] are the nodes that n's escape implies,
	// with their steps.
	start []int32
	succ  []link

	outlive, toResult []uint8 // by node: the level at which the heap's roots reach it, the result's (reach)
	// by node, for each call of a func-typed parameter in turn
	// (paramCallLeaks): outlive and toResult, when the function passed
	// retains what it is given
	callOutlive, callToResult []uint8
	stack                     []int32 // reach's and reachableSites'
	starts                    []int32 // the nodes a traversal of loopCarried starts from
	visited                   []int32 // by node: the last traversal of loopCarried that reached it
	visitedLevel              []uint8 // by node: the lowest level at which that traversal reached it

	large bool // sized for one large function: not kept
}

// maxKeptGraph is the number of values beyond which a graph's memory is
// not kept: emptying a map costs its capacity, which a large function
// would leave to every small one after it.
const maxKeptGraph = 1024

// graphMemory returns memory for fn's graph: the memory of the graph
// released last, emptied, or new memory. A function too large for its
// memory to be kept (a package initialiser of generated tables has
// 90,000 values) gets memory of its size, about one node and one edge
// per value that can carry a pointer, so that its graph does not grow
// it step by step, leaving each step's copy as garbage.
func (r *Result) graphMemory(fn *ssa.Function) *graphMemory {
	instrs := 0
	for _, b := range fn.Blocks {
		instrs += len(b.Instrs)
	}
	if instrs > maxKeptGraph {
		size := len(fn.Params) + len(fn.FreeVars)
		for _, b := range fn.Blocks {
			for _, ins := range b.Instrs {
				if v, ok := ins.(ssa.Value); ok && tracked(v) {
					size++
				}
			}
		}
		return &graphMemory{
			large:    true,
			ids:      make(map[ssa.Value]int32, size),
			owner:    make([]ssa.Value, 0, size),
			contents: make([]int32, 0, size),
			edges:    make([]edge, 0, size),
		}
	}
	if mem := r.spareGraph; mem != nil {
		r.spareGraph = nil
		return mem
	}
	return &graphMemory{ids: map[ssa.Value]int32{}}
}

// release gives back the memory of esc's graph, which nothing reads
// after this.
func (r *Result) release(esc *escapeResult) {
	mem := esc.memory
	if mem.large || len(mem.ids) > maxKeptGraph {
		return
	}
	clear(mem.ids)
	mem.owner, mem.contents, mem.edges = mem.owner[:0], mem.contents[:0], mem.edges[:0]
	r.spareGraph = mem
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
