package effects

import (
	"go/token"
	"go/types"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// maxChain bounds the chains that diagnostics print.
const maxChain = 8

// Exports calls export for every function of the package that callers in
// other packages need to know about: one that may allocate or leaks a
// parameter. Function literals and wrappers are folded into their callers
// and export nothing of their own.
func (r *Result) Exports(export func(*types.Func, *Summary)) {
	for _, n := range r.order {
		obj, ok := n.fn.Object().(*types.Func)
		if !ok || obj.Pkg() != r.cfg.Pkg || n.fn.Synthetic != "" {
			continue
		}
		s := n.sum
		if s.Kind != None {
			if n.via != nil {
				s.Via = fullName(n.via)
			}
			s.Line, s.Col = r.relative(obj.Pos(), n.at)
		}
		if !s.isZero() {
			export(obj, &s)
		}
	}
}

// relative expresses pos as a line offset from decl and a column.
func (r *Result) relative(decl, pos token.Pos) (line, col int32) {
	if !pos.IsValid() || !decl.IsValid() {
		return 0, 0
	}
	p, d := r.cfg.Fset.PositionFor(pos, false), r.cfg.Fset.PositionFor(decl, false)
	return int32(p.Line - d.Line), int32(p.Column)
}

// A Hop is one function on a witness chain and the position, inside it,
// of the next call or of the allocation.
type Hop struct {
	Name string
	Pos  token.Pos
}

// A Chain is the witness for a call: the functions from the callee down to
// the first allocation it reaches.
type Chain struct {
	Hops      []Hop
	Kind      Kind // the allocation at the end
	Truncated bool // the chain goes on beyond Hops
}

// ImportedLookup finds a dependency's function and summary by the key in
// Summary.Via.
type ImportedLookup func(key string) (*types.Func, *Summary)

// Chain follows the witness from callee, first through this package's
// functions, then through dependencies' facts.
func (r *Result) Chain(callee *ssa.Function, lookup ImportedLookup) Chain {
	var ch Chain
	fn := canonical(callee)
	for n, ok := r.nodes[fn]; ok; n, ok = r.nodes[fn] {
		if len(ch.Hops) == maxChain {
			ch.Truncated = true
			return ch
		}
		ch.Kind = n.sum.Kind
		ch.Hops = append(ch.Hops, Hop{Name: r.displayName(n.fn), Pos: n.at})
		if n.via == nil {
			return ch
		}
		fn = canonical(n.via)
	}
	obj, _ := fn.Object().(*types.Func)
	if obj == nil {
		ch.Truncated = true
		return ch
	}
	r.followImported(&ch, obj.Origin(), r.cfg.Imported(obj.Origin()), lookup)
	return ch
}

func (r *Result) followImported(ch *Chain, obj *types.Func, s *Summary, lookup ImportedLookup) {
	for obj != nil && s != nil {
		if len(ch.Hops) == maxChain {
			ch.Truncated = true
			return
		}
		ch.Kind = s.Kind
		ch.Hops = append(ch.Hops, Hop{Name: r.objectName(obj), Pos: r.absolute(obj.Pos(), s.Line, s.Col)})
		if s.Via == "" {
			return
		}
		obj, s = lookup(s.Via)
	}
	ch.Truncated = true
}

// absolute turns a summary's relative position back into a token.Pos in
// the file that declares the function. Export data may record lines only,
// so a column that would run past its line is dropped.
func (r *Result) absolute(decl token.Pos, line, col int32) token.Pos {
	tf := r.cfg.Fset.File(decl)
	if tf == nil {
		return token.NoPos
	}
	l := tf.Line(decl) + int(line)
	if l < 1 || l > tf.LineCount() {
		return decl
	}
	start := tf.LineStart(l)
	end := tf.Base() + tf.Size()
	if l < tf.LineCount() {
		end = int(tf.LineStart(l + 1))
	}
	if p := int(start) + int(col) - 1; col > 0 && p < end {
		return token.Pos(p)
	}
	return start
}

// displayName names a function of this package (or a synthetic one) as a
// diagnostic does.
func (r *Result) displayName(fn *ssa.Function) string {
	if obj, ok := fn.Object().(*types.Func); ok && fn.Synthetic == "" {
		return r.objectName(obj)
	}
	if p := fn.Parent(); p != nil {
		// Literal n of F is F.funcn, as the compiler names it.
		name := fn.Name()
		return r.displayName(p) + ".func" + name[strings.LastIndexByte(name, '$')+1:]
	}
	return fn.RelString(r.cfg.Pkg)
}

// objectName is a function's name qualified by its package's name when it
// is not this package: "grow", "(*T).grow", "strconv.Itoa",
// "(*strings.Builder).grow".
func (r *Result) objectName(obj *types.Func) string {
	qual := func(p *types.Package) string {
		if p == r.cfg.Pkg {
			return ""
		}
		return p.Name()
	}
	recv := obj.Signature().Recv()
	if recv == nil {
		if q := qual(obj.Pkg()); q != "" {
			return q + "." + obj.Name()
		}
		return obj.Name()
	}
	return "(" + types.TypeString(recv.Type(), qual) + ")." + obj.Name()
}

// Describe renders a chain as a diagnostic's explanation:
// "grow → fill → append at buf.go:41 may grow the slice".
func (r *Result) Describe(ch Chain) string {
	var b strings.Builder
	for i, h := range ch.Hops {
		if i > 0 {
			b.WriteString(" → ")
		}
		b.WriteString(h.Name)
	}
	if ch.Truncated {
		b.WriteString(" → …")
		return b.String() + ", which may allocate (" + ch.Kind.Subject() + ")"
	}
	if ch.Kind == Infallible {
		return b.String() + ", which is marked //fallible:infallible"
	}
	last := ch.Hops[len(ch.Hops)-1].Pos
	b.WriteString(" → ")
	b.WriteString(ch.Kind.Subject())
	if last.IsValid() {
		p := r.cfg.Fset.PositionFor(last, false)
		b.WriteString(" at " + filepath.Base(p.Filename) + ":" + strconv.Itoa(p.Line))
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

// Name is a function's name as diagnostics print it.
func (r *Result) Name(fn *ssa.Function) string { return r.displayName(canonical(fn)) }
