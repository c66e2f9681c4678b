package effects

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/nofallalloc/nofallalloc/annotations"
)

// Config is one package's input to the model.
type Config struct {
	Fset  *token.FileSet
	Pkg   *types.Package
	Files []*ast.File
	// Info is the type information of Files; it may be nil, and is used
	// only to place diagnostics.
	Info *types.Info
	// Funcs are the package's source functions, function literals
	// included (buildssa's SrcFuncs).
	Funcs []*ssa.Function
	Sizes types.Sizes
	// Directives are the package's parsed //fallible: directives.
	Directives *annotations.Index
	// Imported returns the summary a dependency exported for fn (an
	// origin, never an instantiation); nil means clean.
	Imported func(fn *types.Func) *Summary
	// Assembly names the package-level functions that the package's
	// assembly files define.
	Assembly map[string]bool
	// PanicPaths counts allocations on paths that can only panic.
	PanicPaths bool
	// Contract reports whether an interface method (*types.Func) or a
	// named func type (*types.TypeName) carries an effect contract, in
	// this package or another; nil when no contract is known.
	Contract func(types.Object) bool
	// Compiler holds the compiler's escape decisions for the package's
	// own code (confirm.go); nil: the model decides alone.
	Compiler *CompilerDecisions
}

// A Finding is one way a function's own body may allocate: a direct site,
// a call to a function that may allocate, a dynamic call, or a function
// literal whose body may allocate.
type Finding struct {
	Kind      Kind      // the site's kind, or the kind at the end of the callee's witness
	Pos       token.Pos // where the compiler would report it
	Instr     ssa.Instruction
	Callee    *ssa.Function // the function called, or the literal; nil for sites and dynamic calls
	Literal   bool          // Callee is a function literal of this function, checked on its own
	Through   *ssa.Function // for a function passed as an argument: the function it is passed to, which calls it
	ParamCall bool          // a call of the function's own parameter: its callers pay for it
	PanicOnly bool          // every path from here ends in a panic
	Allowed   *annotations.Directive
}

// node is the model's state for one function with a body in this package
// (function literals and synthetic wrappers included).
type node struct {
	fn       *ssa.Function
	sum      Summary
	via      *ssa.Function // next function on the witness chain
	at       token.Pos     // the witness's position in this function
	findings []Finding
	sites    []Site
	esc      *escapeResult
	loops    *loopForest
	live     []bool  // by block index: whether the block can run (deadcode.go)
	callees  []*node // functions of this package that fn calls or refers to

	index, lowlink int // Tarjan's bookkeeping
	onStack        bool
}

// Result is the model of one package.
type Result struct {
	cfg   *Config
	nodes map[*ssa.Function]*node
	order []*node // dependencies first

	linknames map[string]string // local name → linkname target
	noescape  map[string]bool
	pos       *positions
	byObject  map[*types.Func]*ssa.Function // this package's functions, built on first use
	prog      *ssa.Program
	held      map[*ssa.Global][]ssa.Value // what the package's resolvable func and interface variables hold (funcvars.go)
	compiler  *compilerLog
}

// Analyze builds the model of one package: escape, sites and summaries of
// every function, solved bottom-up over the call graph's strongly
// connected components.
func Analyze(cfg *Config) *Result {
	r := &Result{
		cfg:   cfg,
		nodes: map[*ssa.Function]*node{},
		pos:   newPositions(cfg.Files, cfg.Info),
	}
	r.compiler = newCompilerLog(cfg.Fset, cfg.Files, cfg.Compiler)
	r.linknames, r.noescape = compilerDirectives(cfg.Files)
	for _, fn := range cfg.Funcs {
		r.add(fn)
	}
	r.held = heldValues(cfg.Pkg, r.bodies())
	for _, scc := range r.components() {
		r.solve(scc)
	}
	return r
}

// add registers fn and every local or synthetic function it calls.
func (r *Result) add(fn *ssa.Function) {
	fn = canonical(fn)
	if _, ok := r.nodes[fn]; ok {
		return
	}
	n := &node{fn: fn, index: -1}
	r.nodes[fn] = n
	r.prog = fn.Prog
	for _, callee := range callees(fn) {
		if r.local(callee) {
			r.add(callee)
			n.callees = append(n.callees, r.nodes[callee])
		}
	}
}

// bodies returns the package's functions with a body, in a deterministic
// order.
func (r *Result) bodies() []*ssa.Function {
	var out []*ssa.Function
	for fn, n := range r.nodes {
		if n.fn.Blocks != nil && fn.Pkg != nil && fn.Pkg.Pkg == r.cfg.Pkg {
			out = append(out, fn)
		}
	}
	slices.SortFunc(out, func(a, b *ssa.Function) int { return strings.Compare(a.String(), b.String()) })
	return out
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

// callees returns the functions fn calls statically or refers to.
func callees(fn *ssa.Function) []*ssa.Function {
	var out []*ssa.Function
	var ops []*ssa.Value
	for _, b := range fn.Blocks {
		for _, ins := range b.Instrs {
			ops = ins.Operands(ops[:0])
			for _, op := range ops {
				if f, ok := (*op).(*ssa.Function); ok {
					out = append(out, canonical(f))
				}
			}
		}
	}
	return out
}

// components returns the strongly connected components of the local call
// graph, callees before callers (Tarjan's order).
func (r *Result) components() [][]*node {
	var (
		sccs  [][]*node
		stack []*node
		next  int
	)
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
			var scc []*node
			for {
				m := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				m.onStack = false
				scc = append(scc, m)
				if m == n {
					break
				}
			}
			sccs = append(sccs, scc)
		}
	}
	for _, fn := range r.cfg.Funcs {
		if n := r.nodes[canonical(fn)]; n.index < 0 {
			visit(n)
		}
	}
	for _, scc := range sccs {
		r.order = append(r.order, scc...)
	}
	return sccs
}

// solve computes the summaries of one component to a fixpoint: first the
// parameter leaks (escape depends on them), then the allocation effects.
// Both only grow, so the iteration ends.
func (r *Result) solve(scc []*node) {
	recursive := len(scc) > 1 || slices.Contains(scc[0].callees, scc[0])
	for changed := true; changed; {
		changed = false
		for _, n := range scc {
			if n.fn.Blocks == nil {
				n.sum = r.bodyless(n.fn)
				continue
			}
			if n.loops == nil {
				n.loops, n.live = findLoops(n.fn), liveBlocks(n.fn)
			}
			n.esc = r.analyzeEscape(n)
			l := &n.esc.leaks
			if l.LeakHeap != n.sum.LeakHeap || l.LeakContent != n.sum.LeakContent || l.LeakResult != n.sum.LeakResult || l.LeakResultContent != n.sum.LeakResultContent {
				n.sum.LeakHeap, n.sum.LeakContent, n.sum.LeakResult, n.sum.LeakResultContent = l.LeakHeap, l.LeakContent, l.LeakResult, l.LeakResultContent
				changed = recursive
			}
		}
	}
	r.solveParamCalls(scc, recursive)
	for _, n := range scc {
		if n.fn.Blocks != nil {
			r.find(n)
		}
	}
	for changed := true; changed; {
		changed = false
		for _, n := range scc {
			if n.fn.Blocks != nil && r.witness(n) {
				changed = recursive
			}
		}
	}
	for _, n := range scc {
		r.settle(n)
	}
}

// summaryOf returns what the model knows of a callee; nil means clean.
func (r *Result) summaryOf(callee *ssa.Function) *Summary {
	callee = canonical(callee)
	if n, ok := r.nodes[callee]; ok {
		return &n.sum
	}
	obj, _ := callee.Object().(*types.Func)
	if obj == nil {
		return &unknownFunction
	}
	return r.cfg.Imported(obj.Origin())
}

// unknownFunction is the summary of a function the model cannot see.
var unknownFunction = Summary{Kind: Bodyless, LeakHeap: ^uint64(0)}

// bodyless models a function of this package that has no Go body.
func (r *Result) bodyless(fn *ssa.Function) Summary {
	s := Summary{Kind: Bodyless, LeakHeap: ^uint64(0)}
	if k, ok := BodylessKind(fullName(fn)); ok {
		s.Kind = k
	} else if target, ok := r.linknames[fn.Name()]; ok {
		if k, ok := BodylessKind(target); ok {
			s.Kind = k
		}
	} else if r.cfg.Assembly[fn.Name()] {
		s.Kind = None
	}
	if r.noescape[fn.Name()] {
		s.LeakHeap = 0
	}
	return s
}

// find lists the findings and direct sites of n's own body.
func (r *Result) find(n *node) {
	sf := &siteFinder{esc: n.esc, sizes: r.cfg.Sizes, loops: n.loops, pos: r.pos, compiler: r.compiler}
	var compilerOwn []int
	if r.compiler != nil {
		compilerOwn, sf.compiled = r.compiler.within(n.fn)
		defer r.compilerSites(n, compilerOwn)
	}
	dead := panicOnly(n.fn)
	literals := map[*ssa.Function]bool{}
	var ops []*ssa.Value
	for _, b := range n.fn.Blocks {
		if !n.live[b.Index] {
			continue
		}
		for _, ins := range b.Instrs {
			add := func(f Finding) {
				f.Instr, f.PanicOnly = ins, dead[b.Index]
				if !f.Pos.IsValid() {
					// Code go/ssa synthesises (a range-over-func loop's
					// call of its iterator) is placed at its function.
					f.Pos = enclosingPos(n.fn)
				}
				if !f.Literal {
					// Used only if the finding survives settle.
					f.Allowed = r.cfg.Directives.AllowAt(f.Pos)
				}
				n.findings = append(n.findings, f)
			}
			if kind, ok := sf.site(ins); ok {
				pos := r.pos.of(kind, ins)
				n.sites = append(n.sites, Site{Kind: kind, Pos: pos, Instr: ins})
				add(Finding{Kind: kind, Pos: pos})
			}
			if c := callOf(ins); c != nil {
				r.callFinding(n.fn, c, add)
			}
			ops = ins.Operands(ops[:0])
			for _, op := range ops {
				if lit, ok := (*op).(*ssa.Function); ok && lit.Parent() == n.fn && !literals[lit] {
					literals[lit] = true
					add(Finding{Pos: lit.Pos(), Callee: lit, Literal: true})
				}
			}
		}
	}
}

// enclosingPos returns the position of fn or of the nearest function
// around it that has one.
func enclosingPos(fn *ssa.Function) token.Pos {
	for ; fn != nil; fn = fn.Parent() {
		if fn.Pos().IsValid() {
			return fn.Pos()
		}
	}
	return token.NoPos
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
	callees := r.knownCallees(c)
	if callees == nil || r.contracted(c) && c.StaticCallee() == nil {
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

// settle fills in the kinds of call findings once their callees' summaries
// are final, and drops the calls and literals that turned out clean. The
// allows of the findings kept are used: an allow whose only finding is a
// clean call exempts nothing. One on a path that can only panic is used
// too, as it matters with PanicPaths.
func (r *Result) settle(n *node) {
	kept := n.findings[:0]
	for _, f := range n.findings {
		if f.Callee != nil {
			s := r.summaryOf(f.Callee)
			if s == nil || s.Kind == None {
				continue
			}
			f.Kind = s.Kind
		}
		if f.Allowed != nil {
			r.cfg.Directives.Allow(f.Pos)
		}
		kept = append(kept, f)
	}
	n.findings = kept
}

// witness recomputes n's allocation summary from its findings and the
// current summaries of its callees; it reports whether it changed.
func (r *Result) witness(n *node) bool {
	best := Summary{Kind: r.marked(n.fn)}
	var via *ssa.Function
	at := token.NoPos
	if best.Kind == None && !r.trusted(n.fn) {
		for i := range n.findings {
			f := &n.findings[i]
			if f.Allowed != nil || f.PanicOnly && !r.cfg.PanicPaths || f.ParamCall {
				continue
			}
			cand, cvia, cat := Summary{Kind: f.Kind}, (*ssa.Function)(nil), f.Pos
			switch {
			case f.Literal:
				lit := r.nodes[f.Callee]
				cand, cvia, cat = lit.sum, lit.via, lit.at
			case f.Callee != nil:
				if s := r.summaryOf(f.Callee); s != nil {
					cand.Kind, cand.Hops, cvia = s.Kind, saturate(s.Hops), f.Callee
				} else {
					cand.Kind = None
				}
			}
			if cand.Kind != None && (best.Kind == None || cand.Hops < best.Hops) {
				best, via, at = cand, cvia, cat
			}
		}
	}
	changed := best.Kind != n.sum.Kind || best.Hops != n.sum.Hops
	n.sum.Kind, n.sum.Hops, n.via, n.at = best.Kind, best.Hops, via, at
	return changed
}

func saturate(h uint8) uint8 {
	if h == 255 {
		return h
	}
	return h + 1
}

// marked returns Infallible for a function marked //fallible:infallible,
// and the runtime allocators' kind for them, whatever their bodies say.
func (r *Result) marked(fn *ssa.Function) Kind {
	if obj, ok := fn.Object().(*types.Func); ok && r.cfg.Directives.Func(obj).Infallible != nil {
		return Infallible
	}
	if IsRuntimeAllocator(fullName(fn)) {
		return New
	}
	return None
}

// trusted reports whether fn is clean whatever its body says: it vouches
// for itself with //fallible:trusted, or the model knows it (opaqueClean).
func (r *Result) trusted(fn *ssa.Function) bool {
	obj, ok := fn.Object().(*types.Func)
	return ok && (r.cfg.Directives.Func(obj).Trusted != nil || IsOpaqueClean(fullName(fn)))
}

// fullName is the key of fn in facts and in the bodyless model.
func fullName(fn *ssa.Function) string {
	if obj, ok := fn.Object().(*types.Func); ok {
		return obj.Origin().FullName()
	}
	return fn.String()
}

// compilerDirectives collects //go:linkname targets and //go:noescape
// marks, which the bodyless model needs.
func compilerDirectives(files []*ast.File) (linknames map[string]string, noescape map[string]bool) {
	linknames, noescape = map[string]string{}, map[string]bool{}
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if fields := strings.Fields(c.Text); len(fields) == 3 && fields[0] == "//go:linkname" {
					linknames[fields[1]] = fields[2]
				}
			}
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body != nil || fd.Doc == nil || fd.Recv != nil {
				continue
			}
			for _, c := range fd.Doc.List {
				if strings.HasPrefix(c.Text, "//go:noescape") {
					noescape[fd.Name.Name] = true
				}
			}
		}
	}
	return linknames, noescape
}
