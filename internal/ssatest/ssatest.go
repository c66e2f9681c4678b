// Package ssatest helps tests that drive the analysis on a package they
// build themselves, without a go/analysis driver.
package ssatest

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// SourceFuncs returns the source functions of pkg's files as buildssa
// lists them: the declared functions in source order, each followed by
// its function literals.
func SourceFuncs(pkg *ssa.Package, files []*ast.File, info *types.Info) []*ssa.Function {
	var funcs []*ssa.Function
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		funcs = append(funcs, fn)
		for _, lit := range fn.AnonFuncs {
			add(lit)
		}
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			if d, ok := decl.(*ast.FuncDecl); ok {
				add(pkg.Prog.FuncValue(info.Defs[d.Name].(*types.Func)))
			}
		}
	}
	return funcs
}
