package main

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/packages"

	"github.com/nofallalloc/nofallalloc/effects"
	"github.com/nofallalloc/nofallalloc/internal/escapelog"
)

// explainFreeDecisions sets NoAllocation on the compiler's heap decisions
// that allocate nothing for a reason the text does not show: a boxed
// value that needs no storage (a type that needs none, a literal of
// constants or a variable the compiler follows to a constant, a zero
// value that the runtime's conversion keeps in static memory: the
// model's rule, effects.Boxes), and a function literal that captures
// nothing (static data). The compiler still prints "escapes to heap" for
// them; without their types -agree would count them as heap sites the
// analyzer missed.
func explainFreeDecisions(opts options, pkgs []*escapelog.Package) error {
	cfg := packagesConfig(opts)
	cfg.Tests = false
	cfg.Mode = packages.NeedName | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo | packages.NeedTypesSizes
	paths := make([]string, len(pkgs))
	for i, p := range pkgs {
		paths[i] = p.Path
	}
	loaded, err := packages.Load(cfg, paths...)
	if err != nil {
		return err
	}
	byPath := map[string]*packages.Package{}
	for _, lp := range loaded {
		byPath[lp.PkgPath] = lp
	}
	for _, p := range pkgs {
		lp := byPath[p.Path]
		if lp == nil || lp.TypesInfo == nil {
			continue
		}
		at := exprsByCompilerPos(lp)
		boxes := effects.NewBoxes(lp.PkgPath, lp.Syntax, lp.TypesInfo, lp.TypesSizes)
		for i := range p.Entries {
			e := &p.Entries[i]
			if !e.Heap || e.Inlined || e.Free() != "" {
				continue
			}
			if x, ok := at[fileLineCol{e.File, e.Line, e.Col}]; ok {
				e.NoAllocation = whyFree(x, e.Kind, lp, boxes)
			}
		}
	}
	return nil
}

type fileLineCol struct {
	file      string
	line, col int
}

// exprsByCompilerPos maps the positions at which the compiler reports
// expressions to the outermost expression reported there.
func exprsByCompilerPos(lp *packages.Package) map[fileLineCol]ast.Expr {
	at := map[fileLineCol]ast.Expr{}
	for _, f := range lp.Syntax {
		ast.Inspect(f, func(n ast.Node) bool {
			if x, ok := n.(ast.Expr); ok {
				p := lp.Fset.Position(effects.CompilerPos(x))
				k := fileLineCol{p.Filename, p.Line, p.Column}
				if _, seen := at[k]; !seen {
					at[k] = x
				}
			}
			return true
		})
	}
	return at
}

// whyFree says why boxing x, or making the closure x, allocates nothing;
// "" when it may allocate.
func whyFree(x ast.Expr, kind effects.Kind, lp *packages.Package, boxes *effects.Boxes) string {
	if lit, ok := ast.Unparen(x).(*ast.FuncLit); ok {
		if kind == effects.Closure && !captures(lit, lp.TypesInfo) && !inGenericCode(lit, lp) {
			return "a function literal that captures nothing: static data, no allocation"
		}
		return ""
	}
	if call, ok := ast.Unparen(x).(*ast.CallExpr); ok && kind == effects.Append {
		if appendsOwnTail(call, lp.TypesInfo) {
			return "a slice's own tail appended after a prefix that ends where the tail starts or before: it never outgrows the capacity, no allocation"
		}
		return ""
	}
	if t := allocatedType(x, lp.TypesInfo); t != nil && (kind == effects.Composite || kind == effects.New) && !inGenericCode(x, lp) && lp.TypesSizes.Sizeof(t) == 0 {
		return "zero size: runtime.zerobase, no allocation"
	}
	_, literal := ast.Unparen(x).(*ast.CompositeLit)
	if kind != effects.Box && !(kind == effects.Composite && literal) {
		return "" // a value literal's heap decision, at its brace, is its box's
	}
	if t := lp.TypesInfo.TypeOf(x); literal && t != nil {
		switch t.Underlying().(type) {
		case *types.Map:
			return "" // the map itself, printed T{...} for a named map type
		case *types.Slice:
			if kind == effects.Composite && len(ast.Unparen(x).(*ast.CompositeLit).Elts) == 0 {
				return "zero length: no allocation" // Name{} of a named slice type
			}
		}
	}
	if sel, ok := ast.Unparen(x).(*ast.SelectorExpr); ok {
		if s := lp.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			return "" // printed like a box, a method value allocates its closure
		}
	}
	return boxes.Free(x)
}

// allocatedType returns the type of the object that &T{...} or new(T)
// allocates, or nil for another expression.
func allocatedType(x ast.Expr, info *types.Info) types.Type {
	switch x := ast.Unparen(x).(type) {
	case *ast.UnaryExpr:
		if lit, ok := ast.Unparen(x.X).(*ast.CompositeLit); ok && x.Op == token.AND {
			return info.TypeOf(lit)
		}
	case *ast.CallExpr:
		if id, ok := ast.Unparen(x.Fun).(*ast.Ident); ok && isBuiltin(info, id, "new") && len(x.Args) == 1 {
			if tv, ok := info.Types[x.Args[0]]; ok && tv.IsType() {
				return tv.Type
			}
		}
	}
	return nil
}

// appendsOwnTail reports whether call is append(s[:i], s[j:]...) with i
// <= j, the idiom that deletes s[i:j]: the result is no longer than s,
// which the prefix's capacity holds. The compiler still says "append
// escapes to heap" when s lives in the heap: that is where a growth would
// go, and this append never grows. s must be a variable or a chain of
// fields (evaluated twice, to the same slice), and j must be i, or i plus
// a constant that is not negative.
func appendsOwnTail(call *ast.CallExpr, info *types.Info) bool {
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); !ok || !isBuiltin(info, id, "append") || len(call.Args) != 2 || !call.Ellipsis.IsValid() {
		return false
	}
	prefix, ok1 := ast.Unparen(call.Args[0]).(*ast.SliceExpr)
	tail, ok2 := ast.Unparen(call.Args[1]).(*ast.SliceExpr)
	if !ok1 || !ok2 || prefix.Slice3 || tail.Slice3 || prefix.High == nil || tail.High != nil || tail.Low == nil ||
		(prefix.Low != nil && !isZero(info, prefix.Low)) || !samePath(prefix.X, tail.X, info) {
		return false
	}
	i, j := ast.Unparen(prefix.High), ast.Unparen(tail.Low)
	if samePath(i, j, info) {
		return true
	}
	if sum, ok := j.(*ast.BinaryExpr); ok && sum.Op == token.ADD {
		for _, pair := range [][2]ast.Expr{{sum.X, sum.Y}, {sum.Y, sum.X}} {
			if samePath(i, pair[0], info) && nonNegativeConstant(info, pair[1]) {
				return true
			}
		}
	}
	iv, jv := info.Types[i].Value, info.Types[j].Value
	return iv != nil && jv != nil && constant.Compare(iv, token.LEQ, jv)
}

// samePath reports whether a and b are the same variable, or the same
// chain of fields of one: expressions without calls or indexing, whose
// two evaluations give one value.
func samePath(a, b ast.Expr, info *types.Info) bool {
	switch a := ast.Unparen(a).(type) {
	case *ast.Ident:
		b, ok := ast.Unparen(b).(*ast.Ident)
		v, isVar := info.Uses[a].(*types.Var)
		return ok && isVar && info.Uses[b] == v
	case *ast.SelectorExpr:
		b, ok := ast.Unparen(b).(*ast.SelectorExpr)
		if !ok {
			return false
		}
		sa, sb := info.Selections[a], info.Selections[b]
		return sa != nil && sb != nil && sa.Kind() == types.FieldVal && sa.Obj() == sb.Obj() && samePath(a.X, b.X, info)
	}
	return false
}

func isBuiltin(info *types.Info, id *ast.Ident, name string) bool {
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == name
}

func isZero(info *types.Info, x ast.Expr) bool {
	v := info.Types[x].Value
	return v != nil && constant.Sign(v) == 0
}

func nonNegativeConstant(info *types.Info, x ast.Expr) bool {
	v := info.Types[x].Value
	return v != nil && constant.Sign(v) >= 0
}

// captures reports whether lit refers to a variable of a function around
// it.
func captures(lit *ast.FuncLit, info *types.Info) bool {
	found := false
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if !ok || found {
			return !found
		}
		v, ok := info.Uses[id].(*types.Var)
		found = ok && !v.IsField() && v.Parent() != nil && v.Parent() != v.Pkg().Scope() &&
			!within(v.Pos(), lit)
		return true
	})
	return found
}

// inGenericCode reports whether n lies in a generic function or a method
// of a generic type: a function literal there captures the
// instantiation's dictionary (effects.capturesDictionary).
func inGenericCode(n ast.Node, lp *packages.Package) bool {
	for _, f := range lp.Syntax {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && within(n.Pos(), fd) {
				fn, ok := lp.TypesInfo.Defs[fd.Name].(*types.Func)
				return ok && (fn.Signature().TypeParams().Len() > 0 || fn.Signature().RecvTypeParams().Len() > 0)
			}
		}
	}
	return false
}

func within(pos token.Pos, n ast.Node) bool { return n.Pos() <= pos && pos < n.End() }
