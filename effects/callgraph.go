package effects

import (
	"golang.org/x/tools/go/ssa"
)

// add registers fn and every local or synthetic function it calls, and
// what fn does with the package's variables (funcvars.go): one walk of its
// code for both.
func (r *Result) add(fn *ssa.Function) {
	fn = canonical(fn)
	if _, ok := r.nodes[fn]; ok {
		return
	}
	n := &node{fn: fn, index: -1}
	r.nodes[fn] = n
	r.prog = fn.Prog
	// fn's references are gathered on top of its callers', in one array
	// for the whole walk, and its callees' array is made at its size.
	start := len(r.refs)
	r.refs = r.references(fn, r.refs)
	end := len(r.refs)
	callees := 0
	for _, callee := range r.refs[start:end] {
		if r.local(callee) || r.bodylessHere(callee) {
			callees++
		}
	}
	if callees > 0 {
		n.callees = make([]*node, 0, callees)
	}
	for i := start; i < end; i++ {
		if callee := r.refs[i]; r.local(callee) || r.bodylessHere(callee) {
			r.add(callee) // may move r.refs, never below end
			n.callees = append(n.callees, r.nodes[callee])
		}
	}
	r.refs = r.refs[:start]
}

// bodylessHere reports whether fn is a function of this package without
// a body (assembly, or pushed by the runtime). Its summary comes from its
// declaration, and its callers need it: the edge makes the solver take it
// first, wherever it is declared (runtime/debug declares readGCStats
// after ReadGCStats, whose stats the compiler moves to the heap because
// readGCStats keeps &stats.Pause).
func (r *Result) bodylessHere(fn *ssa.Function) bool {
	return fn.Blocks == nil && fn.Pkg != nil && fn.Pkg.Pkg == r.cfg.Pkg
}

// local reports whether the model solves fn with this package: a function
// of the package with a body, or a wrapper go/ssa made here (a wrapper's
// Pkg may be nil even when what it calls is in this package).
func (r *Result) local(fn *ssa.Function) bool {
	return fn.Blocks != nil && (fn.Synthetic != "" || fn.Pkg != nil && fn.Pkg.Pkg == r.cfg.Pkg)
}

// canonical folds instantiations into their generic function.
func canonical(fn *ssa.Function) *ssa.Function {
	if o := fn.Origin(); o != nil {
		return o
	}
	return fn
}

// references appends to out the functions fn calls statically or refers
// to, and records its uses of the package's variables when fn is the
// package's own.
func (r *Result) references(fn *ssa.Function, out []*ssa.Function) []*ssa.Function {
	own := fn.Pkg != nil && fn.Pkg.Pkg == r.cfg.Pkg
	for _, b := range fn.Blocks {
		for _, ins := range b.Instrs {
			r.ops = ins.Operands(r.ops[:0])
			for i, op := range r.ops {
				switch v := (*op).(type) {
				case *ssa.Function:
					out = append(out, canonical(v))
				case *ssa.Global:
					if own && v.Pkg.Pkg == r.cfg.Pkg {
						r.varUses.operand(fn, ins, i, v)
					}
				}
			}
		}
	}
	return out
}

// solveComponents solves the strongly connected components of the local
// call graph as Tarjan's algorithm finds them, callees before callers:
// each component is the tail of r.order, the nodes in the order they are
// solved, so that no component is stored apart.
func (r *Result) solveComponents() {
	var (
		stack []*node
		next  int
	)
	r.order = make([]*node, 0, len(r.nodes))
	var visit func(n *node)
	visit = func(n *node) {
		n.index, n.lowlink = next, next
		next++
		stack = append(stack, n)
		n.onStack = true
		for _, m := range n.callees {
			if m.index < 0 {
				visit(m)
				n.lowlink = min(n.lowlink, m.lowlink)
			} else if m.onStack {
				n.lowlink = min(n.lowlink, m.index)
			}
		}
		if n.lowlink == n.index {
			start := len(r.order)
			for {
				m := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				m.onStack = false
				r.order = append(r.order, m)
				if m == n {
					break
				}
			}
			r.solve(r.order[start:])
		}
	}
	for _, fn := range r.cfg.Funcs {
		if n := r.nodes[canonical(fn)]; n.index < 0 {
			visit(n)
		}
	}
}
