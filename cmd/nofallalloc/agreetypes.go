package main

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/packages"

	"github.com/nofallalloc/nofallalloc/effects"
	"github.com/nofallalloc/nofallalloc/internal/escapelog"
)

// explainFreeDecisions sets NoAllocation on the compiler's heap decisions
// that allocate nothing for a reason the text does not show: a boxed
// value whose type needs no storage (a single byte, zero size, pointer
// shape: the model's rule, effects.BoxFree), and a function literal that
// captures nothing (static data). The compiler still prints "escapes to
// heap" for both; without their types -agree would count them as heap
// sites the analyzer missed.
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
		for i := range p.Entries {
			e := &p.Entries[i]
			if !e.Heap || e.Inlined || e.Free() != "" {
				continue
			}
			if x, ok := at[fileLineCol{e.File, e.Line, e.Col}]; ok {
				e.NoAllocation = whyFree(x, e.Kind, lp)
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
func whyFree(x ast.Expr, kind effects.Kind, lp *packages.Package) string {
	if lit, ok := ast.Unparen(x).(*ast.FuncLit); ok {
		if kind == effects.Closure && !captures(lit, lp.TypesInfo) {
			return "a function literal that captures nothing: static data, no allocation"
		}
		return ""
	}
	_, literal := ast.Unparen(x).(*ast.CompositeLit)
	if kind != effects.Box && !(kind == effects.Composite && literal) {
		return "" // a value literal's heap decision, at its brace, is its box's
	}
	if t := lp.TypesInfo.TypeOf(x); literal && t != nil {
		if _, isMap := t.Underlying().(*types.Map); isMap {
			return "" // the map itself, printed T{...} for a named map type
		}
	}
	if sel, ok := ast.Unparen(x).(*ast.SelectorExpr); ok {
		if s := lp.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.MethodVal {
			return "" // printed like a box, a method value allocates its closure
		}
	}
	tv, ok := lp.TypesInfo.Types[x]
	if !ok || tv.Type == nil {
		return ""
	}
	if tv.Value != nil {
		return "a constant: static data, no allocation"
	}
	return effects.BoxFree(tv.Type, lp.TypesSizes)
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

func within(pos token.Pos, n ast.Node) bool { return n.Pos() <= pos && pos < n.End() }
