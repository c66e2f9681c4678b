package effects

import (
	"fmt"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// maxChain bounds the witnesses that facts carry and diagnostics print.
const maxChain = 8

// Summaries calls yield for every function of the package that has a
// summary callers would need: one that may allocate, leaks a parameter or
// calls one. Function literals and wrappers are folded into their callers
// and have none of their own, and nothing calls a package's init. Each
// summary is in the form facts carry it: its witness from the function
// down, the function itself left out of the first hop.
func (r *Result) Summaries(yield func(*types.Func, *Summary)) {
	r.eachSummary(func(*types.Func) bool { return true }, yield)
}

// Exports calls export for the summaries of Summaries that callers in
// other packages need: of the functions and methods they can call.
//
// No other package can call an unexported package-level function: its
// Go code cannot name one; a //go:linkname pull takes its target's effect
// from the bodyless table (BodylessKind), never from facts; and go/ssa
// builds no body for another package's generic function, so an importer
// that instantiates one calls its origin, whose summary already holds
// what its unexported helpers do.
//
// Drivers pass a method's fact on to every package downstream of its
// type, so a method that no other package can call exports nothing
// either. That is an unexported method, since another package cannot
// name it, unless it may implement a contract: a conversion to an
// interface of this package that carries a contract on a method of that
// name, in a package whose type embeds this one's, checks the method.
func (r *Result) Exports(export func(*types.Func, *Summary)) {
	contracts := map[string]bool{} // the unexported method names that carry a contract
	if r.cfg.Directives != nil {
		for _, obj := range r.cfg.Directives.Contracts() {
			if m, ok := obj.(*types.Func); ok && !m.Exported() {
				contracts[m.Name()] = true
			}
		}
	}
	callable := func(obj *types.Func) bool {
		return obj.Exported() || obj.Signature().Recv() != nil && contracts[obj.Name()]
	}
	r.eachSummary(callable, export)
}

// eachSummary calls yield for the summaries of Summaries whose functions
// keep accepts, building the witness only for those.
func (r *Result) eachSummary(keep func(*types.Func) bool, yield func(*types.Func, *Summary)) {
	for _, n := range r.order {
		obj, ok := n.fn.Object().(*types.Func)
		if !ok || obj.Pkg() != r.cfg.Pkg || n.fn.Synthetic != "" || n.sum.isZero() || IsInit(obj) || !keep(obj) {
			continue
		}
		s := n.sum
		if s.Kind != None {
			ch := r.chainFrom(n.fn)
			prev := ""
			for _, h := range ch.Hops {
				file := h.File
				h.File = shortFile(prev, file)
				s.Chain = append(s.Chain, h.Hop)
				if file != "" {
					prev = file
				}
			}
			if len(s.Chain) > 0 {
				s.Chain[0].Func = "" // the function the fact is about: its importers know it
			}
		}
		yield(obj, &s)
	}
}

// shortFile is how a hop's fact names its file, after a hop in prev:
// empty for the same file, the base name for another file of the same
// directory, else the whole name. A whole name without a directory, which
// a relative file name at the root can be, is written ./NAME so that it
// does not read as a base name; file set names are clean, and never start
// with ./ themselves.
func shortFile(prev, file string) string {
	switch {
	case prev == "" || file == "":
		return file
	case file == prev:
		return ""
	case filepath.Dir(file) == filepath.Dir(prev):
		return filepath.Base(file)
	case !hasDir(file):
		return dotDir + file
	}
	return file
}

// fullFile undoes shortFile.
func fullFile(prev, short string) string {
	switch {
	case prev == "":
		return short
	case short == "":
		return prev
	case strings.HasPrefix(short, dotDir) && !hasDir(short[len(dotDir):]):
		return short[len(dotDir):]
	case !hasDir(short):
		return filepath.Join(filepath.Dir(prev), short)
	}
	return short
}

const dotDir = "." + string(filepath.Separator)

func hasDir(name string) bool { return strings.ContainsAny(name, `/`+string(filepath.Separator)) }

// IsInit reports whether fn is a package initialiser, which nothing calls.
func IsInit(fn *types.Func) bool {
	return fn.Name() == "init" && fn.Signature().Recv() == nil
}

// ExportUnanalysed calls export for every method of pkg and every
// package-level function that other packages can call (see Exports) with
// the most conservative summary: for a package the model failed on, so
// that its callers do not take a missing fact for a clean function.
func ExportUnanalysed(pkg *types.Package, export func(*types.Func, *Summary)) {
	s := &Summary{Kind: Unanalysed, LeakHeap: ^uint64(0)}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Func:
			if obj.Exported() {
				export(obj, s)
			}
		case *types.TypeName:
			if named, ok := obj.Type().(*types.Named); ok && !obj.IsAlias() {
				for m := range named.Methods() {
					export(m, s)
				}
			}
		}
	}
}

// A Chain is the witness for a call: the functions from the callee down to
// the first allocation it reaches.
type Chain struct {
	Hops      []ChainHop
	Kind      Kind // the allocation at the end
	Truncated bool // the witness goes on beyond Hops
}

// A ChainHop is a witness hop as this package sees it.
type ChainHop struct {
	Hop
	Name string    // the function as this package's diagnostics name it
	Pos  token.Pos // the hop's place, when it is in this package's files; else NoPos, and only Hop says where
}

// Chain follows the witness from callee: through this package's functions,
// then as the dependency's fact recorded it.
func (r *Result) Chain(callee *ssa.Function) Chain {
	return r.chainFrom(canonical(callee))
}

func (r *Result) chainFrom(fn *ssa.Function) Chain {
	var ch Chain
	for n, ok := r.nodes[fn]; ok; n, ok = r.nodes[fn] {
		if len(ch.Hops) == maxChain {
			ch.Truncated = true
			return ch
		}
		ch.Kind = n.sum.Kind
		if isWrapper(n.fn) && n.via != nil {
			fn = canonical(n.via) // a method value's wrapper: the method is the hop
			continue
		}
		hop := ChainHop{Hop: Hop{Func: r.qualifiedName(n.fn)}, Name: r.displayName(n.fn), Pos: n.at}
		if n.at.IsValid() { // not for a function without a body
			p := r.cfg.Fset.Position(n.at)
			hop.File, hop.Line, hop.Col = p.Filename, int32(p.Line), int32(p.Column)
		}
		ch.Hops = append(ch.Hops, hop)
		if n.via == nil {
			return ch
		}
		fn = canonical(n.via)
	}
	s := r.summaryOf(fn)
	if s == nil || s.Kind == None {
		ch.Truncated = true
		return ch
	}
	ch.Kind = s.Kind
	file := ""
	for i, h := range s.Chain {
		if len(ch.Hops) == maxChain {
			break
		}
		if h.Line > 0 {
			h.File = fullFile(file, h.File)
			file = h.File
		}
		name := h.Func
		if obj, ok := fn.Object().(*types.Func); ok && i == 0 {
			h.Func = qualifiedObjectName(obj.Origin()) // the fact leaves it out
			name = r.objectName(obj)                   // as the calling package's source spells it
		}
		ch.Hops = append(ch.Hops, ChainHop{Hop: h, Name: name})
	}
	ch.Truncated = len(s.Chain) < int(s.Hops)+1 || len(ch.Hops) < len(s.Chain)
	if len(s.Chain) == 0 {
		// A bodyless or unanalysed function's summary names no hops.
		hop := ChainHop{Hop: Hop{Func: r.qualifiedName(fn)}, Name: r.displayName(fn)}
		ch.Hops = append(ch.Hops, hop)
		ch.Truncated = false
	}
	return ch
}

// isWrapper reports whether fn is a wrapper go/ssa made (a bound method,
// a thunk, an instantiation); functions of other packages are synthetic
// too, but have no body.
func isWrapper(fn *ssa.Function) bool {
	return fn.Synthetic != "" && fn.Blocks != nil
}

// Describe renders a chain as a diagnostic's explanation:
// "grow → fill → append at buf.go:41 may grow the slice".
func Describe(ch Chain) string {
	var b strings.Builder
	for i, h := range ch.Hops {
		if i > 0 {
			b.WriteString(" → ")
		}
		b.WriteString(h.Name)
	}
	switch {
	case ch.Truncated:
		return b.String() + " → … → " + ch.Kind.Subject() + " " + ch.Kind.Effect()
	case ch.Kind == Infallible:
		return b.String() + ", which is marked //fallible:infallible"
	case ch.Kind == Bodyless || ch.Kind == Unanalysed || ch.Kind == NotAnalysed:
		return b.String() + ", a " + ch.Kind.Subject() + " that " + ch.Kind.Effect()
	}
	last := ch.Hops[len(ch.Hops)-1]
	b.WriteString(" → " + ch.Kind.Subject())
	if last.File != "" {
		fmt.Fprintf(&b, " at %s:%d", filepath.Base(last.File), last.Line)
	}
	b.WriteString(" " + ch.Kind.Effect())
	return b.String()
}

// Functions returns the package's functions with bodies in dependency
// order, function literals and synthetic wrappers included.
func (r *Result) Functions() []*ssa.Function {
	out := make([]*ssa.Function, 0, len(r.order))
	for _, n := range r.order {
		out = append(out, n.fn)
	}
	return out
}

// Findings returns the findings of fn's own body.
func (r *Result) Findings(fn *ssa.Function) []Finding {
	if n, ok := r.nodes[canonical(fn)]; ok {
		return n.findings
	}
	return nil
}

// Sites returns the direct allocation sites of fn's own body.
func (r *Result) Sites(fn *ssa.Function) []Site {
	if n, ok := r.nodes[canonical(fn)]; ok {
		return n.sites
	}
	return nil
}
