package effects

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// CompilerDecisions are the Go compiler's escape decisions for a
// package's own code, as go build -gcflags=-m prints them. With
// Config.Compiler set, the model asks the compiler instead of its own
// escape analysis whether a site escapes (the rest of the rule, such as a
// stack size limit or a box that needs no storage, is the model's), and a
// heap decision that matches no site of the model becomes a site.
//
// In a file the compiler compiled, a site of a kind the compiler decides
// (see Compatible) with no decision on its line does not escape: the
// compiler deleted the code, behind a constant condition, or needed no
// allocation for it. The body of a generic function is compiled once per
// instantiation, in each package that instantiates it, and that of a
// function literal may be compiled only where it is inlined, its
// decisions reported at the calls: the model decides for both, where the
// compiler says nothing on the line.
//
// The code that the compiler generated has the last word: a site whose
// line has code that calls no runtime function making a site of its kind
// (CodeAllocates) allocates nothing there, whatever the escape log says:
// an append that the compiler proved to fit, a defer whose record is on
// the stack, a conversion of a constant, a boxed constant of a named
// type. A heap decision on a line whose code calls no allocating
// function does not become a site. A line without code says nothing (its
// code may have been compiled elsewhere, such as the loop that fills a
// large map literal, placed at the literal). Moved variables are left to
// the escape log.
//
// A call that the compiler inlined into a function declared in the
// package (not a function literal, whose code may be compiled in several
// places) allocates nothing when the function's own code shows that none
// of the code inlined into it does: no heap decision at the call, and no
// code outside the function's own lines (at the inlined functions' lines,
// in whatever file) that calls an allocating runtime function, a
// function value or interface method, or a function that may allocate
// (one of another package whose summary is not clean, any function of
// this package: its summary may not be final yet).
// The compiler lists inlined code at the inlined function's lines, not at
// the call's, so it is judged for the whole function: any allocating
// inlined code keeps every inlined call of the function.
type CompilerDecisions struct {
	Files     []*token.File // the files the compiler compiled
	Decisions []EscapeDecision
	Code      []CompiledLine // the lines of Files with code
	// InlinedCalls are the positions of the calls that the compiler
	// inlined, as it reports them: a call at its parenthesis, the call
	// of a range-over-func loop's iterator at the loop's for keyword.
	InlinedCalls []token.Pos
	Funcs        []CompiledFunc // the functions declared in Files
	// Summarised reports whether the driver gave the summaries of a
	// package's functions (in which a clean function has none), so that
	// Config.Imported's nil means clean for its functions, not that the
	// package is only reachable through another's API.
	Summarised func(*types.Package) bool
}

// A CompiledFunc is the code that the compiler generated for a function
// declared in the package, code inlined into it included.
type CompiledFunc struct {
	Pos token.Pos // the start of the line of its declaration
	// Lines are the lines that its code is at, lines of functions
	// inlined into it included, with what that code calls.
	Lines []FuncLine
}

// A FuncLine is one line that a function's code is at.
type FuncLine struct {
	Pos token.Pos // the line's start; none for a line of a file not compiled (of another package)
	// MayAllocate: the code calls a runtime function that may allocate
	// (Allocator), or one that the compiler does not call for its own
	// code, or a function value or interface method.
	MayAllocate bool
	// Callees are the other functions that the code calls by name, by
	// their linker symbols: strings.Index, net/url.(*URL).String.
	Callees []string
}

// A CompiledLine is a line that the compiler generated code for, in the
// function it belongs to or where that function is inlined.
type CompiledLine struct {
	Pos   token.Pos // the line's start
	Calls []string  // the runtime functions that the code calls there, of those that may allocate (Allocator)
}

// An EscapeDecision is the compiler's verdict on one allocation.
type EscapeDecision struct {
	Pos  token.Pos
	Kind Kind // the kind of site decided, as the compiler's text says
	Heap bool // escapes to, or moved to, the heap; else "does not escape"
	// EmptyBoxed: an empty slice that escapes ([]T{} escapes to heap).
	// The slice has no storage, but the same text decides its box,
	// which does allocate (runtime.convTslice): a box it settles
	// escapes, any other site does not.
	EmptyBoxed bool
	ZeroCopy   bool // a []byte(s) conversion that shares the string's memory
	// Inlined: made by code inlined at a call (its callee's site, which
	// the call is charged with). It still settles a site of the function
	// at its place (telling inlined decisions from the function's own is
	// a guess, and a wrong guess must not make a site clean), but it is
	// never a site of its own.
	Inlined bool
}

// Compatible reports whether a decision of kind decided can be about a
// site of kind site. The compiler's text does not always tell: it names a
// make by its type, which may be a named map or channel; a map literal is
// a composite literal; a method value and a boxed value are both printed
// as the expression; a boxed value is printed as the expression that
// computes it, a literal, a make, a conversion or a concatenation; and a
// conversion to a named string or slice type, protoreflect.Name(b), is
// printed like a call, which the text cannot tell from a box.
func Compatible(site, decided Kind) bool {
	switch {
	case site == decided:
		return true
	case site == Box:
		return decided != Escape && decided != Variadic && decided != Closure
	case decided == MakeSlice:
		return site == MakeMap || site == MakeChan
	case decided == Composite:
		return site == MakeMap || site == New
	case decided == Box:
		return site == MethodValue || site == Convert // T(b) for a named string type T reads like a box
	}
	return false
}

// MatchesOnLine reports whether a decision at another column of a site's
// line can be about a site of kind: the compiler and the model may place
// an expression a few columns apart, but never a variable, which both
// place at its name in its declaration (a line can declare several).
func MatchesOnLine(kind Kind) bool { return kind != Escape }

// compilerLog indexes the compiler's decisions for the sites of one
// package.
type compilerLog struct {
	fset      *token.FileSet
	files     []*token.File
	funcs     []ast.Node // the package's function declarations
	decisions []EscapeDecision
	byLine    map[fileLine][]int // indices into decisions
	consulted []bool             // a site of the model asked about it
	code      map[fileLine][]string
	// literalEnd maps the position of each composite literal (its brace,
	// or the & before it) to its closing brace.
	literalEnd    map[token.Pos]token.Pos
	inlinedCalls  map[token.Pos]bool
	summarised    func(*types.Package) bool
	imports       map[string]*types.Package  // the package's imports, direct or not, by path, built on first use (funcOfSymbol)
	compiledFuncs map[fileLine]*CompiledFunc // by the line of the declaration
}

type fileLine struct {
	file *token.File
	line int
}

func newCompilerLog(fset *token.FileSet, files []*ast.File, cd *CompilerDecisions) *compilerLog {
	if cd == nil {
		return nil
	}
	c := &compilerLog{fset: fset, files: cd.Files, decisions: cd.Decisions, byLine: map[fileLine][]int{}, consulted: make([]bool, len(cd.Decisions)), literalEnd: map[token.Pos]token.Pos{}}
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				c.funcs = append(c.funcs, fd)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CompositeLit:
				c.literalEnd[n.Lbrace] = n.Rbrace
			case *ast.UnaryExpr:
				if lit, ok := n.X.(*ast.CompositeLit); ok && n.Op == token.AND {
					c.literalEnd[n.OpPos] = lit.Rbrace
				}
			}
			return true
		})
	}
	for i, d := range c.decisions {
		k := c.lineOf(d.Pos)
		c.byLine[k] = append(c.byLine[k], i)
	}
	c.code = make(map[fileLine][]string, len(cd.Code))
	for _, l := range cd.Code {
		c.code[c.lineOf(l.Pos)] = l.Calls
	}
	c.summarised = cd.Summarised
	c.inlinedCalls = make(map[token.Pos]bool, len(cd.InlinedCalls))
	for _, pos := range cd.InlinedCalls {
		c.inlinedCalls[pos] = true
	}
	c.compiledFuncs = make(map[fileLine]*CompiledFunc, len(cd.Funcs))
	for i, f := range cd.Funcs {
		c.compiledFuncs[c.lineOf(f.Pos)] = &cd.Funcs[i]
	}
	return c
}

func (c *compilerLog) lineOf(pos token.Pos) fileLine {
	f := c.fset.File(pos)
	if f == nil {
		return fileLine{}
	}
	return fileLine{f, f.Line(pos)}
}

// escapes returns the compiler's verdict on whether the site of kind at
// pos escapes, in a function whose sites the compiler decides (compiled,
// and pos in a file it compiled). It looks
// for compatible decisions at pos, then on its line (MatchesOnLine); a line of which the compiler says nothing at
// all in a function it compiled holds code it deleted (behind a constant
// condition). known is false when the compiler's decisions do not settle
// it, and the model decides.
func (c *compilerLog) escapes(kind Kind, pos token.Pos, compiled bool) (heap, known bool) {
	compiled = compiled && slices.Contains(c.files, c.fset.File(pos))
	line := c.byLine[c.lineOf(pos)]
	if len(line) == 0 {
		return false, compiled
	}
	for _, exact := range []bool{true, false} {
		if !exact && !MatchesOnLine(kind) {
			break
		}
		for _, i := range line {
			d := c.decisions[i]
			if exact && d.Pos != pos || !Compatible(kind, d.Kind) || d.ZeroCopy {
				continue
			}
			c.consulted[i] = true
			heap, known = heap || d.Heap || d.EmptyBoxed && kind == Box, true
		}
		if known {
			return heap, true
		}
	}
	// The compiler decided the other allocations of the line, not this
	// one (a variable it keeps on the stack gets no decision).
	return false, compiled
}

// zeroCopy reports whether the compiler shares the string's memory for
// the []byte(s) conversion at pos.
func (c *compilerLog) zeroCopy(pos token.Pos) bool {
	for _, i := range c.byLine[c.lineOf(pos)] {
		if d := c.decisions[i]; d.ZeroCopy && d.Pos == pos {
			c.consulted[i] = true
			return true
		}
	}
	return false
}

// within returns the indices of the decisions that belong to fn's own
// code, and whether the compiler's decisions settle fn's sites: fn is
// neither generic nor a function literal, whose body the compiler may
// compile only where it inlines it (a literal called in place, or
// assigned to a variable and only called), reporting its decisions at
// the calls. A function owns the decisions inside its source range that no
// literal nested in it owns (a literal owns its body); the package
// initialiser owns those outside every function.
func (c *compilerLog) within(fn *ssa.Function) (own []int, compiled bool) {
	inside := func(fn *ssa.Function, pos token.Pos) bool {
		start, end, ok := bodyRange(fn)
		return ok && start <= pos && pos < end
	}
	initializer := fn.Synthetic == "package initializer"
	if _, _, ok := bodyRange(fn); !ok && !initializer {
		return nil, false
	}
	for i, d := range c.decisions {
		if initializer && slices.ContainsFunc(c.funcs, func(fd ast.Node) bool { return fd.Pos() <= d.Pos && d.Pos < fd.End() }) ||
			!initializer && !inside(fn, d.Pos) ||
			slices.ContainsFunc(fn.AnonFuncs, func(lit *ssa.Function) bool { return inside(lit, d.Pos) }) {
			continue
		}
		own = append(own, i)
	}
	return own, !generic(fn) && fn.Parent() == nil
}

// generic reports whether fn is, or is nested in, a generic function.
func generic(fn *ssa.Function) bool {
	for ; fn != nil; fn = fn.Parent() {
		if fn.TypeParams().Len() > 0 {
			return true
		}
	}
	return false
}

// bodyRange is the range of fn's source that its own decisions lie in: a
// declaration's signature and body (a parameter moved to the heap is
// reported in the signature), a literal's body (the literal itself is
// reported at its func keyword, a decision of the function around it).
func bodyRange(fn *ssa.Function) (start, end token.Pos, ok bool) {
	switch syn := fn.Syntax().(type) {
	case *ast.FuncDecl:
		return syn.Pos(), syn.End(), true
	case *ast.FuncLit:
		return syn.Body.Pos(), syn.End(), true
	}
	return token.NoPos, token.NoPos, false
}

// missedSites returns the heap decisions among own, not inlined, that
// neither a site of the model consulted nor matches one of sites (those of kinds whose
// allocation the compiler does not decide alone, such as append):
// allocations the model did not see. The compiler says a function literal
// that captures nothing escapes when it does, though it is static data.
func (c *compilerLog) missedSites(fn *ssa.Function, own []int, sites []Site) []Site {
	var out []Site
	for _, i := range own {
		d := c.decisions[i]
		if !d.Heap || d.Inlined || c.consulted[i] || d.Kind == Closure && capturesNothing(fn, d.Pos) || c.allocatesNothing(d) || slices.ContainsFunc(sites, func(s Site) bool {
			return c.lineOf(s.Pos) == c.lineOf(d.Pos) && Compatible(s.Kind, d.Kind)
		}) {
			continue
		}
		c.consulted[i] = true
		out = append(out, Site{Kind: d.Kind, Pos: d.Pos})
	}
	return out
}

// allocatesNothing reports whether the line of heap decision d, other
// than a moved variable's, has code that calls no runtime function that
// may allocate: the decision is about code inlined there, or about
// something that needs no storage. (The kind that the decision's text
// names may not be the site's: a make of a named map type reads like a
// slice's.)
func (c *compilerLog) allocatesNothing(d EscapeDecision) bool {
	calls, compiled := c.code[c.lineOf(d.Pos)]
	return compiled && len(calls) == 0 && d.Kind != Escape && slices.Contains(c.files, c.fset.File(d.Pos))
}

// escapes reports whether the value that a site of kind makes escapes:
// the compiler's decision when there is one, else the model's.
func (f *siteFinder) escapes(kind Kind, v ssa.Value) bool {
	if f.compiler != nil && !valueLiteral(v, f.pos) {
		pos := v.Pos() // a function literal's, at its func keyword
		if ins, ok := v.(ssa.Instruction); ok {
			pos = f.pos.of(kind, ins)
		}
		if heap, known := f.compiler.escapes(kind, pos, f.compiled); known {
			return heap
		}
	}
	return f.esc.escapes(v)
}

// compiledWithout reports whether the compiler generated code for the
// line of site s, in a file it compiled, and none of it makes a site of
// s's kind: whatever the escape log says, nothing of that kind is
// allocated there (a boxed constant of a named type, a decision about
// code inlined at a call, an append that fits). A moved variable is left
// to the escape log: a parameter is moved at the function's entry. A map
// insertion into a map that the function makes (a literal's entry) is
// judged at the make too: the compiler fills a large literal of
// constants in a loop placed there. A composite literal is judged by all
// of its lines.
func (c *compilerLog) compiledWithout(s Site) bool {
	if s.Kind == Escape || !slices.Contains(c.files, c.fset.File(s.Pos)) {
		return false
	}
	lines := []fileLine{c.lineOf(s.Pos)}
	if u, ok := s.Instr.(*ssa.MapUpdate); ok {
		if mm, ok := u.Map.(*ssa.MakeMap); ok && mm.Pos().IsValid() {
			lines = append(lines, c.lineOf(mm.Pos()))
		}
	}
	for _, l := range lines {
		calls, compiled := c.code[l]
		if !compiled || CodeAllocates(s.Kind, calls) {
			return false
		}
	}
	if end, ok := c.literalEnd[s.Pos]; ok && s.Kind == Composite {
		// A literal written over several lines is allocated once its
		// elements are evaluated, with code on a later line of it (its
		// last element's).
		for l := lines[0]; l.line < c.lineOf(end).line; {
			l.line++
			if CodeAllocates(s.Kind, c.code[l]) {
				return false
			}
		}
	}
	return true
}

// compilerSites brings n's sites in line with the compiler: it drops
// those that the compiler compiled without an allocation (unless n is
// generic: its code here is that of this build's instantiations, not of
// those of its importers) and the calls that it inlined with code that
// allocates nothing, and adds the heap allocations that the
// compiler decided in n's own code and that none of n's sites matched.
func (r *Result) compilerSites(n *node, own []int) {
	var dropped []Site
	n.sites = slices.DeleteFunc(n.sites, func(s Site) bool {
		if !generic(n.fn) && r.compiler.compiledWithout(s) {
			dropped = append(dropped, s)
			return true
		}
		return false
	})
	n.findings = slices.DeleteFunc(n.findings, func(f Finding) bool {
		return f.Callee == nil && slices.Contains(dropped, Site{Kind: f.Kind, Pos: f.Pos, Instr: f.Instr})
	})
	n.findings = slices.DeleteFunc(n.findings, func(f Finding) bool {
		return isCall(f) && r.inlinedClean(n.fn, f.Pos)
	})
	for _, s := range r.compiler.missedSites(n.fn, own, n.sites) {
		n.sites = append(n.sites, s)
		n.findings = append(n.findings, Finding{Kind: s.Kind, Pos: s.Pos, Allowed: r.cfg.Directives.Allow(s.Pos)})
	}
}

// inlinedClean reports whether the compiler inlined the call at pos into
// fn, a function declared in a file it compiled (or the body of a
// range-over-func loop in one), and none of the code inlined into the
// function declared may allocate (see CompilerDecisions): the call
// allocates nothing, whatever its callee may do when it is called. The
// code left on the call's line must call nothing that may allocate
// either: several calls may share the position (a range-over-func loop's
// iterator call and its body's), and the call that one of them leaves is
// not inlined code.
func (r *Result) inlinedClean(fn *ssa.Function, pos token.Pos) bool {
	c := r.compiler
	decl := declarationOf(fn)
	if decl == nil || !c.inlinedCalls[pos] || generic(fn) || !slices.Contains(c.files, c.fset.File(pos)) {
		return false
	}
	for _, i := range c.byLine[c.lineOf(pos)] {
		if d := c.decisions[i]; d.Pos == pos && d.Heap {
			return false
		}
	}
	// The code of the function declared, and that of the function
	// literals and loop bodies in it that the compiler compiled on their
	// own: a loop body whose iterator it did not inline is one.
	start, end := c.lineOf(decl.Pos()), c.lineOf(decl.End())
	compiled := false
	call := c.lineOf(pos)
	for l := start; l.line <= end.line; l.line++ {
		f := c.compiledFuncs[l]
		if f == nil {
			continue
		}
		compiled = true
		for _, l := range f.Lines {
			if (l.MayAllocate || slices.ContainsFunc(l.Callees, r.mayAllocate)) && (c.lineOf(l.Pos) == call || !ownLine(fn, decl, l.Pos)) {
				return false
			}
		}
	}
	return compiled
}

// declarationOf returns the declaration of fn, or of the function
// around it when fn is the body of a range-over-func loop (in it, or in
// a loop body in it); nil for any other function.
func declarationOf(fn *ssa.Function) *ast.FuncDecl {
	for ; fn.Parent() != nil; fn = fn.Parent() {
		if _, ok := fn.Syntax().(*ast.RangeStmt); !ok {
			return nil
		}
	}
	decl, _ := fn.Syntax().(*ast.FuncDecl)
	return decl
}

// mayAllocate reports whether a call of the function that the linker
// symbol names, kept in code inlined into a function, may add to what the
// function allocates: unless it is an exported function or method of
// another package whose summary is clean and that calls none of its
// parameters, in a package whose summaries the driver gave. Facts say
// nothing of unexported functions, and a function of this package may
// have no final summary yet. A symbol that names no
// function of the packages imported, directly or not (a closure, an
// instantiation of a generic function), may allocate.
func (r *Result) mayAllocate(symbol string) bool {
	fn := r.compiler.funcOfSymbol(r.cfg.Pkg, symbol)
	if fn == nil || fn.Pkg() == r.cfg.Pkg || !fn.Exported() || r.compiler.summarised == nil || !r.compiler.summarised(fn.Pkg()) {
		return true
	}
	s := r.cfg.Imported(fn)
	return s != nil && (s.Kind != None || s.CallsParams != 0)
}

// funcOfSymbol returns the function or method of pkg's imports, direct
// or not, that a linker symbol names (path.F, path.T.M or path.(*T).M);
// nil for any other symbol.
func (c *compilerLog) funcOfSymbol(pkg *types.Package, symbol string) *types.Func {
	if c.imports == nil {
		c.imports = map[string]*types.Package{}
		var add func(*types.Package)
		add = func(p *types.Package) {
			for _, imp := range p.Imports() {
				if c.imports[imp.Path()] == nil {
					c.imports[imp.Path()] = imp
					add(imp)
				}
			}
		}
		add(pkg)
	}
	slash := strings.LastIndexByte(symbol, '/')
	dot := strings.IndexByte(symbol[slash+1:], '.')
	if dot < 0 || strings.ContainsAny(symbol, "[]") {
		return nil
	}
	p := c.imports[symbol[:slash+1+dot]]
	if p == nil {
		return nil
	}
	name := symbol[slash+1+dot+1:]
	recv, method, isMethod := strings.Cut(name, ".")
	if !isMethod {
		fn, _ := p.Scope().Lookup(name).(*types.Func)
		return fn
	}
	recv = strings.TrimSuffix(strings.TrimPrefix(recv, "(*"), ")")
	if strings.HasPrefix(name, "(") && !strings.HasPrefix(name, "(*") {
		return nil
	}
	tn, _ := p.Scope().Lookup(recv).(*types.TypeName)
	if tn == nil {
		return nil // a closure: F.func1
	}
	named, _ := tn.Type().(*types.Named)
	if named == nil {
		return nil
	}
	for m := range named.Methods() {
		if m.Name() == method {
			return m
		}
	}
	return nil
}

// ownLine reports whether the line that starts at pos holds code of fn
// itself (of its declaration, or of a range-over-func loop's body in it),
// not of a function literal in it, which the compiler may inline into fn
// like any other function.
func ownLine(fn *ssa.Function, decl *ast.FuncDecl, pos token.Pos) bool {
	file := fn.Prog.Fset.File(decl.Pos())
	if file == nil || fn.Prog.Fset.File(pos) != file {
		return false
	}
	line := file.Line(pos)
	within := func(n ast.Node) bool { return file.Line(n.Pos()) <= line && line <= file.Line(n.End()) }
	if !within(decl) {
		return false
	}
	inLiteral := false
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok && within(lit) {
			inLiteral = true
		}
		return !inLiteral
	})
	return !inLiteral
}

// isCall reports whether f charges a call of n with what its callee may
// allocate: a call of a known function or of a function value, not the
// reference to a function literal (checked on its own) nor a call of
// n's parameter (charged to n's callers).
func isCall(f Finding) bool {
	if callOf(f.Instr) == nil || f.Literal || f.ParamCall {
		return false
	}
	return f.Callee != nil || f.Kind == Dynamic
}

// capturesNothing reports whether the function literal of fn at pos
// captures no variable.
func capturesNothing(fn *ssa.Function, pos token.Pos) bool {
	return slices.ContainsFunc(fn.AnonFuncs, func(lit *ssa.Function) bool {
		return lit.Pos() == pos && len(lit.FreeVars) == 0
	})
}

// valueLiteral reports whether v is the storage go/ssa gives a struct or
// array literal whose address is not taken (T{...}, not &T{...}): the
// compiler makes no allocation of it, and a decision that it prints at
// the literal's brace is about a conversion of the literal to an
// interface (parseError{...} escapes to heap), the box's decision.
func valueLiteral(v ssa.Value, p *positions) bool {
	a, ok := v.(*ssa.Alloc)
	if !ok || a.Comment != "complit" {
		return false
	}
	_, addressed := p.literalAt(a.Pos())
	return !addressed
}

// DecidedByEscape reports whether the compiler's escape analysis decides,
// by itself, whether a site of kind allocates. The other kinds (append,
// map insertion, a non-constant make, a concatenation or conversion that
// may outgrow its stack buffer, go, defer) may allocate whatever it says:
// the generated code tells whether the compiler kept the call that may
// allocate (CodeAllocates), and only the runtime whether it does. A map
// that does not escape is a site only for a hint that is not a constant
// of at most 8, and runtime.makemap gives it its groups from the heap for
// a larger hint: "make(map[K]V, n) does not escape" is the map header.
func DecidedByEscape(kind Kind) bool {
	switch kind {
	case New, Composite, Escape, Variadic, Box, Closure, MethodValue:
		return true
	}
	return false
}

// allocatorKinds returns the kinds of site that the compiler implements
// with a call to the runtime function name (without its "runtime."
// prefix) when the site may allocate, as Go 1.26 compiles them
// (cmd/compile/internal/walk); nil when name is no such function.
func allocatorKinds(name string) []Kind {
	switch name {
	case "growslice", "growsliceBuf", "growsliceBufNoAlias", "growsliceNoAlias",
		// A slice appended to in a stack buffer is moved to the heap
		// when it escapes after all.
		"moveSlice", "moveSliceNoScan", "moveSliceNoCap", "moveSliceNoCapNoScan":
		return []Kind{Append}
	case "mapassign", "mapassign_fast32", "mapassign_fast32ptr", "mapassign_fast64", "mapassign_fast64ptr", "mapassign_faststr":
		return []Kind{MapInsert}
	case "makeslice", "makeslice64", "makeslicecopy":
		return []Kind{MakeSlice}
	case "makemap", "makemap64", "makemap_small":
		return []Kind{MakeMap}
	case "makechan", "makechan64":
		return []Kind{MakeChan}
	case "concatstring2", "concatstring3", "concatstring4", "concatstring5", "concatstrings":
		return []Kind{Concat}
	case "concatbyte2", "concatbyte3", "concatbyte4", "concatbyte5", "concatbytes":
		return []Kind{Concat, Convert} // []byte(a + b) in one call
	case "slicebytetostring", "slicerunetostring", "stringtoslicebyte", "stringtoslicerune", "intstring":
		return []Kind{Convert}
	case "newproc":
		return []Kind{Go}
	case "deferproc",
		// A defer in the body of a range-over-func loop goes on the
		// enclosing function's list (deferprocat), which the loop starts
		// with a record of its own (deferrangefunc).
		"deferprocat", "deferrangefunc":
		return []Kind{Defer}
	case "convT", "convT16", "convT32", "convT64", "convTstring", "convTslice", "convTnoptr":
		return []Kind{Box}
	case "newobject", "mallocgc":
		// A constant-size make and a conversion of a constant string
		// that escape are fresh objects too.
		return []Kind{New, Composite, Escape, Closure, Variadic, MethodValue, Box, MakeSlice, Convert}
	}
	return nil
}

// Allocator reports whether compiled code that calls the runtime function
// name (without its "runtime." prefix) may allocate there.
func Allocator(name string) bool { return allocatorKinds(name) != nil }

// RuntimeOwn says what the runtime function name may allocate for the
// runtime's own structures, which the model leaves out on purpose
// (docs/bodyless.md, "Where the model draws the line"), or returns "":
// the sudog of a goroutine that blocks on a channel, and the itab table or
// a type assertion's cache, which grow the first time a type meets an
// interface.
func RuntimeOwn(name string) string {
	switch name {
	case "chanrecv1", "chanrecv2", "chansend1", "selectgo":
		return "a blocked goroutine's sudog"
	case "typeAssert", "assertE2I", "assertE2I2", "getitab", "interfaceSwitch":
		return "the itab table or a type assertion's cache"
	}
	return ""
}

// CodeAllocates reports whether the runtime functions that a line's
// compiled code calls (Allocator's) include one that makes a site of
// kind: without one, the compiler kept no allocation of that kind on the
// line (an append it proved to fit, a deferred call whose record is on
// the stack).
func CodeAllocates(kind Kind, calls []string) bool {
	return slices.ContainsFunc(calls, func(name string) bool { return slices.Contains(allocatorKinds(name), kind) })
}
