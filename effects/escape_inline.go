package effects

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// What the compiler decides about a call of a func-typed parameter
// depends on inlining: a helper that calls fn(p) and is not inlined
// makes p leak, as fn is unknown in its own escape analysis
// (cmd/compile/internal/escape); inlined into a caller that passes a
// known function, the call becomes a call of that function, and p's fate
// is that function's. Under Config.Inlining alone (without it the model
// answers for builds that inline nothing), a summary defers the call
// (ParamCallLeaks) only for a function that the compiler surely inlines
// wherever it is called directly, and a caller resolves it only outside a
// function so big that the compiler inlines little into it
// (cmd/compile/internal/inline: inlineBigFunctionNodes). The estimates
// err on the side of "not inlined": the compiler's cost counts a node of
// its syntax tree each, which the model bounds by twice the nodes of
// go/ast's, plus the compiler's cost of each call, or its whole budget
// for a call of anything but a builtin or a parameter (a callee inlined
// costs its own cost, at most the budget).

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
	_, ok := inlineCost(fn, maxInlineDepth)
	return ok
}

// maxInlineDepth bounds how deep inlineCost follows the callees it
// counts by their own cost (and ends a cycle of calls).
const maxInlineDepth = 3

// inlineCost returns a bound on the compiler's inlining cost of fn,
// with whether the compiler surely inlines it: the bound is within the
// budget and fn has nothing the compiler refuses or the model does not
// estimate. A call of a function that the model finds inlined, depth
// calls down at most, costs that function's bound, as the compiler
// charges an inlined callee's cost; any other call the whole budget
// (a callee not inlined costs 57, one inlined its cost, at most 80).
func inlineCost(fn *ssa.Function, depth int) (int, bool) {
	decl, ok := fn.Syntax().(*ast.FuncDecl)
	if !ok || decl.Body == nil || fn.Parent() != nil || fn.TypeParams().Len() > 0 || fn.Signature.RecvTypeParams().Len() > 0 {
		return 0, false
	}
	if decl.Doc != nil {
		for _, c := range decl.Doc.List {
			if strings.HasPrefix(c.Text, "//go:") {
				return 0, false // go:noinline, go:norace, go:uintptrkeepalive, ...
			}
		}
	}
	cost, hairy := syntaxCost(decl.Body)
	if hairy || cost > inlineMaxBudget {
		return 0, false // before its callees' costs are asked
	}
	for _, b := range fn.Blocks {
		for _, ins := range b.Instrs {
			switch ins := ins.(type) {
			case *ssa.Call:
				c := ins.Common()
				if b, ok := c.Value.(*ssa.Builtin); ok {
					if b.Name() == "recover" {
						return 0, false
					}
					continue
				}
				cost += callCost(fn, c, depth)
			case *ssa.Panic:
				cost += inlineMaxBudget // panics of runtime.throw's kind cost the budget
			case *ssa.Defer, *ssa.Go, *ssa.Select:
				return 0, false
			}
			if cost > inlineMaxBudget {
				return 0, false
			}
		}
	}
	return cost, true
}

// callCost is the bound on what the compiler charges fn for the call c.
func callCost(fn *ssa.Function, c *ssa.CallCommon, depth int) int {
	if paramIndex(fn, c.Value) >= 0 && !c.IsInvoke() {
		return inlineParamCallCost
	}
	if callee := c.StaticCallee(); callee != nil && callee.Pkg == fn.Pkg && depth > 0 {
		if cost, ok := inlineCost(callee, depth-1); ok {
			return cost
		}
	}
	return inlineMaxBudget
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
