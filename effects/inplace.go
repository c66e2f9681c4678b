package effects

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
)

// String conversions read in place. The compiler converts string(b)
// without a copy only where the conversion itself is the operand
// (cmd/compile/internal/walk and order: OBYTES2STRTMP): of a comparison,
// of a concatenation that has a non-empty constant operand (concatstrings
// may otherwise return the converted string itself), the key of a map
// lookup, the argument of len, the tag of a switch whose cases are all
// constants. A conversion assigned to a variable is a conversion like any
// other, whatever the variable is used for (str := string(b); str == ""
// copies b, on the heap beyond the 32-byte stack buffer): go/ssa, which
// gives the variable no place of its own, cannot tell the two apart, so
// the syntax is asked.

// inPlaceOperands records the conversions among the operands of n that
// the compiler reads in place, by the opening parenthesis of each
// (conversions are the calls among them).
func (p *positions) inPlaceOperands(n ast.Node) {
	switch n := n.(type) {
	case *ast.BinaryExpr:
		switch n.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			p.readInPlace(n.X)
			p.readInPlace(n.Y)
		case token.ADD:
			if p.innerConcat[n.OpPos] {
				return // the outermost + of the chain decides
			}
			operands := concatOperands(n, nil)
			if slices.ContainsFunc(operands, p.nonEmptyConstant) {
				for _, e := range operands {
					p.readInPlace(e)
				}
			}
		}
	case *ast.IndexExpr:
		p.readInPlace(n.Index) // a map lookup, if go/ssa says so
	case *ast.CallExpr:
		if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "len" && len(n.Args) == 1 && p.info != nil {
			if _, builtin := p.info.Uses[id].(*types.Builtin); builtin {
				p.readInPlace(n.Args[0])
			}
		}
	case *ast.SwitchStmt:
		if n.Tag != nil && p.constantCases(n.Body) {
			p.readInPlace(n.Tag)
		}
	}
}

// readInPlace records e when it is a call, which may be a conversion.
func (p *positions) readInPlace(e ast.Expr) {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(call.Args) == 1 {
		p.inPlace[call.Lparen] = true
	}
}

// concatOperands appends the operands of the chain of + that e is to
// out: the compiler concatenates them all at once, parenthesised or not.
func concatOperands(e ast.Expr, out []ast.Expr) []ast.Expr {
	if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.ADD {
		return concatOperands(b.Y, concatOperands(b.X, out))
	}
	return append(out, e)
}

// nonEmptyConstant reports whether e is a constant string that is not
// empty.
func (p *positions) nonEmptyConstant(e ast.Expr) bool {
	if p.info == nil {
		return false
	}
	v := p.info.Types[e].Value
	return v != nil && v.Kind() == constant.String && constant.StringVal(v) != ""
}

// constantCases reports whether every case of a switch's body is a
// constant.
func (p *positions) constantCases(body *ast.BlockStmt) bool {
	for _, c := range body.List {
		for _, e := range c.(*ast.CaseClause).List {
			if p.info == nil || p.info.Types[e].Value == nil {
				return false
			}
		}
	}
	return true
}

// convertsInPlace reports whether the conversion whose opening
// parenthesis is at lparen is an operand that the compiler reads in
// place.
func (p *positions) convertsInPlace(lparen token.Pos) bool {
	p.load(lparen)
	return p.inPlace[lparen]
}
