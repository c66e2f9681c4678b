package effects

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// positions maps go/ssa's positions to the ones the compiler's -m output
// uses, so that diagnostics and the -sites inventory line up with it.
type positions struct {
	// literalStart maps the opening brace of a composite literal whose
	// address is taken (go/ssa's position for it) to the &, where the
	// compiler reports &T{...}; other literals are reported at the brace.
	literalStart map[token.Pos]token.Pos
}

func newPositions(files []*ast.File) *positions {
	p := &positions{literalStart: map[token.Pos]token.Pos{}}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.UnaryExpr:
				if lit, ok := n.X.(*ast.CompositeLit); ok && n.Op == token.AND {
					p.literalStart[lit.Lbrace] = n.OpPos
				}
			}
			return true
		})
	}
	return p
}

// of returns the position at which a site is reported.
func (p *positions) of(kind Kind, ins ssa.Instruction) token.Pos {
	switch kind {
	case Composite:
		if start, ok := p.literalStart[ins.Pos()]; ok {
			return start
		}
	case Variadic:
		// The varargs array has no position; the compiler reports it at
		// the call that it is passed to.
		if pos := variadicCall(ins.(*ssa.Alloc)); pos.IsValid() {
			return pos
		}
	}
	if pos := ins.Pos(); pos.IsValid() {
		return pos
	}
	if v, ok := ins.(ssa.Value); ok {
		if pos := firstUse(v, 2); pos.IsValid() {
			return pos
		}
	}
	return ins.Parent().Pos()
}

// firstUse returns the position of the first instruction, at most depth
// uses away from v, that has one.
func firstUse(v ssa.Value, depth int) token.Pos {
	refs := v.Referrers()
	if refs == nil {
		return token.NoPos
	}
	for _, r := range *refs {
		if pos := r.Pos(); pos.IsValid() {
			return pos
		}
		if rv, ok := r.(ssa.Value); ok && depth > 1 {
			if pos := firstUse(rv, depth-1); pos.IsValid() {
				return pos
			}
		}
	}
	return token.NoPos
}

// variadicCall returns the position of the call that a varargs array is
// passed to, through the slice go/ssa takes of it.
func variadicCall(a *ssa.Alloc) token.Pos {
	for _, r := range *a.Referrers() {
		s, ok := r.(*ssa.Slice)
		if !ok {
			continue
		}
		for _, u := range *s.Referrers() {
			if call, ok := u.(ssa.CallInstruction); ok {
				return call.Pos()
			}
		}
	}
	return token.NoPos
}
