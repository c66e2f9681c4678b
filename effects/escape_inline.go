package effects

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// What the compiler decides about a call of a func-typed parameter
// depends on inlining: a helper that calls fn(p) and is not inlined
// makes p leak, as fn is unknown in its own escape analysis
// (cmd/compile/internal/escape); inlined into a caller that passes a
// known function, the call becomes a call of that function, and p's fate
// is that function's. A summary defers the call (ParamCallLeaks) only
// for a function that the compiler surely inlines wherever it is called
// directly, and a caller resolves it only outside a function so big that
// the compiler inlines little into it (cmd/compile/internal/inline:
// inlineBigFunctionNodes). The estimates err on the side of "not
// inlined": the compiler's cost counts a node of its syntax tree each,
// which the model bounds by twice the nodes of go/ast's, plus the
// compiler's cost of each call, or its whole budget for a call of
// anything but a builtin or a parameter (a callee inlined costs its own
// cost, at most the budget).

// Inlining parameters of cmd/compile/internal/inline.
const (
	inlineMaxBudget        = 80
	inlineParamCallCost    = 17
	inlineBigFunctionNodes = 5000
)

// compilerInlines reports whether the compiler surely inlines fn, a
// declared function not in a recursive component, at its static calls
// (outside big functions).
func compilerInlines(fn *ssa.Function) bool {
	decl, ok := fn.Syntax().(*ast.FuncDecl)
	if !ok || decl.Body == nil || fn.Parent() != nil || fn.TypeParams().Len() > 0 || fn.Signature.RecvTypeParams().Len() > 0 {
		return false
	}
	if decl.Doc != nil {
		for _, c := range decl.Doc.List {
			if len(c.Text) > 5 && c.Text[:5] == "//go:" {
				return false // go:noinline, go:norace, go:uintptrkeepalive, ...
			}
		}
	}
	cost, hairy := syntaxCost(decl.Body)
	if hairy {
		return false
	}
	for _, b := range fn.Blocks {
		for _, ins := range b.Instrs {
			switch ins := ins.(type) {
			case *ssa.Call:
				c := ins.Common()
				switch callee := c.Value.(type) {
				case *ssa.Builtin:
					if callee.Name() == "recover" {
						return false
					}
				default:
					if paramIndex(fn, c.Value) >= 0 && !c.IsInvoke() {
						cost += inlineParamCallCost
					} else {
						cost += inlineMaxBudget
					}
				}
			case *ssa.Panic:
				cost += inlineMaxBudget // panics of runtime.throw's kind cost the budget
			case *ssa.Defer, *ssa.Go, *ssa.Select:
				return false
			}
		}
	}
	return cost <= inlineMaxBudget
}

// syntaxCost returns twice the number of nodes of body, a bound on the
// compiler's count of its own nodes, and whether body has a construct
// the model does not estimate: a function literal, defer, go, select, a
// label, goto, a range loop.
func syntaxCost(body ast.Node) (cost int, hairy bool) {
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			return false
		}
		cost += 2
		switch n := n.(type) {
		case *ast.FuncLit, *ast.DeferStmt, *ast.GoStmt, *ast.SelectStmt, *ast.LabeledStmt, *ast.RangeStmt:
			hairy = true
		case *ast.BranchStmt:
			hairy = hairy || n.Tok == token.GOTO
		}
		return true
	})
	return cost, hairy
}

// bigForInlining reports whether the compiler may count fn, or the
// function that encloses it, as big: it then inlines only the cheapest
// callees into it.
func bigForInlining(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	syntax := fn.Syntax()
	if syntax == nil {
		return true
	}
	cost, _ := syntaxCost(syntax)
	return cost >= inlineBigFunctionNodes
}

// hasFuncParam reports whether fn has a parameter of func type.
func hasFuncParam(fn *ssa.Function) bool {
	for _, p := range fn.Params {
		if _, ok := p.Type().Underlying().(*types.Signature); ok {
			return true
		}
	}
	return false
}
