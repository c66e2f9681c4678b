package effects

import (
	"go/ast"
	"go/token"
	"slices"

	"github.com/nofallalloc/nofallalloc/annotations"
	"golang.org/x/tools/go/ssa"
)

// A Finding is one way a function's own body may allocate: a direct site,
// a call to a function that may allocate, a dynamic call, or a function
// literal whose body may allocate.
type Finding struct {
	Pos     token.Pos // where the compiler would report it
	Instr   ssa.Instruction
	Callee  *ssa.Function // the function called, or the literal; nil for sites and dynamic calls
	Through *ssa.Function // for a function passed as an argument: the function it is passed to, which calls it
	Allowed *annotations.Directive

	// The kind and the flags come last, together in one word of memory:
	// a package holds thousands of findings.
	Kind      Kind // the site's kind, or the kind at the end of the callee's witness
	Literal   bool // Callee is a function literal of this function, checked on its own
	ParamCall bool // a call of the function's own parameter: its callers pay for it
	PanicOnly bool // every path from here ends in a panic
}

// find lists the findings and direct sites of n's own body, whose escape
// analysis is esc.
func (r *Result) find(n *node, esc *escapeResult) {
	sf := &siteFinder{esc: esc, sizes: r.cfg.Sizes, loops: n.loops, pos: r.pos, compiler: r.compiler, readOnly: r.readOnly, staticLayout: LaysOutStaticData(r.cfg.Pkg.Path())}
	var compilerOwn []int
	if r.compiler != nil {
		compilerOwn, sf.compiled = r.compiler.within(n.fn)
		defer r.compilerSites(n, compilerOwn)
	}
	dead := panicOnly(n.fn)
	findings, sites := r.found.findings[:0], r.found.sites[:0]
	literals := map[*ssa.Function]bool{}
	var instances []*ssa.Function // the closures of instantiations found
	for _, b := range n.fn.Blocks {
		if !n.live[b.Index] {
			continue
		}
		for _, ins := range b.Instrs {
			add := func(f Finding) {
				if f.Callee != nil && r.settledClean(f.Callee) {
					return // settle would drop it
				}
				f.Instr, f.PanicOnly = ins, dead[b.Index]
				if !f.Pos.IsValid() {
					f.Pos = synthesizedPos(n.fn, ins)
				}
				if !f.Literal {
					// Used only if the finding survives settle.
					f.Allowed = r.cfg.Directives.AllowAt(f.Pos)
				}
				findings = append(findings, f)
			}
			addSite := func(kind Kind, pos token.Pos) {
				sites = append(sites, Site{Kind: kind, Pos: pos, Instr: ins})
				add(Finding{Kind: kind, Pos: pos})
			}
			if kind, ok := sf.site(ins); ok {
				addSite(kind, r.pos.of(kind, ins))
			}
			if c := callOf(ins); c != nil {
				r.callFinding(n.fn, c, add)
			}
			r.ops = ins.Operands(r.ops[:0])
			for _, op := range r.ops {
				if lit, ok := (*op).(*ssa.Function); ok && lit.Parent() == n.fn && !literals[lit] {
					literals[lit] = true
					if sf.dictionaryClosure(lit) {
						addSite(Closure, lit.Pos()) // at the func keyword
					}
					add(Finding{Pos: lit.Pos(), Callee: lit, Literal: true})
				} else if ok && lit.Parent() == nil && !slices.Contains(instances, lit) && !calledBy(ins, op) && sf.dictionaryClosure(lit) {
					// An instantiation such as cmp.Compare[T]: go/ssa gives
					// the reference no position, its first use as a value
					// has one.
					instances = append(instances, lit)
					addSite(Closure, r.pos.of(None, ins))
				}
			}
		}
	}
	// The function keeps its findings and sites at their size; the
	// arrays they were gathered in serve the next function.
	n.findings, n.sites = cloneOrNil(findings), cloneOrNil(sites)
	r.found.findings, r.found.sites = findings, sites
}

// settledClean reports whether callee's summary is final, and clean: a
// callee of an earlier component, or of another package. A call of it is
// no finding, and is not kept until settle drops it: most calls of a
// package are of clean functions.
func (r *Result) settledClean(callee *ssa.Function) bool {
	if n, ok := r.nodes[callee]; ok && !n.settled {
		return false
	}
	s := r.summaryOf(callee)
	return s == nil || s.Kind == None
}

// cloneOrNil returns a copy of s at its length, or nil when it is empty.
func cloneOrNil[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

// enclosingPos returns the position of fn or of the nearest function
// around it that has one.
// synthesizedPos is where a finding of ins, code that go/ssa synthesises
// without a position, is reported: a range-over-func loop's call of its
// iterator at the loop's for keyword, where the compiler reports the
// loop's body and state and where a //fallible:allow of the loop goes;
// anything else at its function.
func synthesizedPos(fn *ssa.Function, ins ssa.Instruction) token.Pos {
	if c := callOf(ins); c != nil {
		for _, arg := range c.Args {
			if loop := rangeLoopOf(arg); loop != nil {
				return loop.For
			}
		}
	}
	return enclosingPos(fn)
}

// rangeLoopOf returns the range-over-func loop whose body v is, or nil.
func rangeLoopOf(v ssa.Value) *ast.RangeStmt {
	if mc, ok := v.(*ssa.MakeClosure); ok {
		v = mc.Fn
	}
	if fn, ok := v.(*ssa.Function); ok {
		loop, _ := fn.Syntax().(*ast.RangeStmt)
		return loop
	}
	return nil
}

func enclosingPos(fn *ssa.Function) token.Pos {
	for ; fn != nil; fn = fn.Parent() {
		if fn.Pos().IsValid() {
			return fn.Pos()
		}
	}
	return token.NoPos
}

// calledBy reports whether the operand op of ins is the function that ins
// calls, or makes a closure of, rather than a value that it uses.
func calledBy(ins ssa.Instruction, op *ssa.Value) bool {
	switch ins := ins.(type) {
	case ssa.CallInstruction:
		return op == &ins.Common().Value
	case *ssa.MakeClosure:
		return op == &ins.Fn
	}
	return false
}

// callOf returns the call made by ins, unless it is a go statement (whose
// callee runs on its own goroutine; the statement is a site of its own).
func callOf(ins ssa.Instruction) *ssa.CallCommon {
	switch ins := ins.(type) {
	case *ssa.Call:
		return ins.Common()
	case *ssa.Defer:
		return ins.Common()
	}
	return nil
}

func (r *Result) callFinding(fn *ssa.Function, c *ssa.CallCommon, add func(Finding)) {
	if _, ok := c.Value.(*ssa.Builtin); ok {
		return
	}
	var buf [4]*ssa.Function
	callees := r.knownCallees(c, buf[:0])
	if len(callees) == 0 || r.contracted(c) && c.StaticCallee() == nil {
		if !r.contracted(c) {
			add(Finding{Kind: Dynamic, Pos: c.Pos(), ParamCall: !c.IsInvoke() && paramIndex(fn, c.Value) >= 0})
		}
		return
	}
	for _, callee := range callees {
		if callee.Parent() == fn {
			continue // a literal of fn: found through its reference
		}
		// A callee of this package may be in the component being solved,
		// so its call is kept until the fixpoint says whether it
		// allocates.
		_, local := r.nodes[canonical(callee)]
		s := r.summaryOf(callee)
		if local || s != nil && s.Allocates() {
			add(Finding{Pos: c.Pos(), Callee: canonical(callee)})
		}
		if s != nil && s.CallsParams != 0 {
			r.argumentFindings(fn, c, canonical(callee), s, add)
		}
	}
}
