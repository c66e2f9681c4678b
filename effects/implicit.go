package effects

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// This file places the sites of values that the syntax declares or
// converts implicitly, where go/ssa's positions are not the compiler's:
// the variable of a type switch, which each clause declares anew, and a
// value converted to an interface by an assignment of several results
// (v, err = f()).

// caseClauseVar returns where the compiler reports the variable that a
// clause of a type switch (switch t := x.(type)) declares, for the
// storage a of one clause's copy: each clause has its own, which go/ssa
// places at the t of the switch, the compiler at the clause's last type
// (at case for default). The clause is the one that holds a use of a.
func (p *positions) caseClauseVar(a *ssa.Alloc) (token.Pos, bool) {
	p.load(a.Pos())
	clauses, ok := p.typeSwitchVars[a.Pos()]
	if !ok {
		return token.NoPos, false
	}
	inClause := func(ins ssa.Instruction) (token.Pos, bool) {
		pos := ins.Pos()
		for _, c := range clauses {
			switch {
			case pos < c.Pos() || pos >= c.End():
			case len(c.List) == 0:
				return c.Case, true // default
			default:
				return typeExprEnd(c.List[len(c.List)-1]), true
			}
		}
		return token.NoPos, false
	}
	// The code that follows a in its block is the clause's, and so are
	// a's uses (through a conversion that go/ssa gives no position).
	b := a.Block()
	for _, ins := range b.Instrs[slices.Index(b.Instrs, ssa.Instruction(a))+1:] {
		if pos, ok := inClause(ins); ok {
			return pos, true
		}
	}
	for _, r := range *a.Referrers() {
		if pos, ok := inClause(r); ok {
			return pos, true
		}
		if v, ok := r.(ssa.Value); ok {
			for _, u := range *v.Referrers() {
				if pos, ok := inClause(u); ok {
					return pos, true
				}
			}
		}
	}
	return token.NoPos, false
}

// typeSwitch records the clauses of s when it declares a variable.
func (p *positions) typeSwitch(s *ast.TypeSwitchStmt) {
	assign, ok := s.Assign.(*ast.AssignStmt)
	if !ok || len(assign.Lhs) != 1 {
		return
	}
	var clauses []*ast.CaseClause
	for _, c := range s.Body.List {
		clauses = append(clauses, c.(*ast.CaseClause))
	}
	p.typeSwitchVars[assign.Lhs[0].Pos()] = clauses
}

// typeExprEnd is the position the compiler gives the variable of a type
// switch's clause: that of the clause's last type, as
// cmd/compile/internal/noder's typeExprEndPos finds it, a quirk kept for
// its debugging information (the name in a type's last part: the
// package of a qualified name, the element of a composite type, the
// last type argument of an instantiation).
func typeExprEnd(e ast.Expr) token.Pos {
	for {
		switch t := e.(type) {
		case *ast.SelectorExpr:
			return t.X.Pos()
		case *ast.ParenExpr:
			e = t.X
		case *ast.StarExpr:
			e = t.X
		case *ast.ArrayType:
			e = t.Elt
		case *ast.ChanType:
			e = t.Value
		case *ast.Ellipsis:
			e = t.Elt
		case *ast.MapType:
			e = t.Value
		case *ast.IndexExpr:
			e = t.Index
		case *ast.IndexListExpr:
			e = t.Indices[len(t.Indices)-1]
		case *ast.InterfaceType:
			if last := lastFieldType(t.Methods); last != nil {
				e = last
				continue
			}
			return t.Pos()
		case *ast.FuncType:
			last := lastFieldType(t.Results)
			if last == nil {
				last = lastFieldType(t.Params)
			}
			if last == nil {
				return t.Pos()
			}
			e = last
		default: // a name, a struct type
			return e.Pos()
		}
	}
}

// lastFieldType returns the type of the last field of fields, or nil.
func lastFieldType(fields *ast.FieldList) ast.Expr {
	if fields == nil || len(fields.List) == 0 {
		return nil
	}
	return fields.List[len(fields.List)-1].Type
}

// tupleAssignment records an assignment of the results of one call,
// map lookup, type assertion or receive to several variables (v, err =
// f(); var v, err any = f()) that may convert one of them to an
// interface: the compiler reports such a conversion at the assignment's
// operator (at the first name of a var declaration), where go/ssa gives
// it no position. at is that position.
func (p *positions) tupleAssignment(lhs []ast.Expr, rhs ast.Expr, at token.Pos) {
	if slices.ContainsFunc(lhs, func(l ast.Expr) bool { return p.interfaceTyped(l) }) {
		p.tupleAssigned[tuplePos(rhs)] = tupleTargets{lhs, at}
	}
}

// tupleTargets are the left-hand sides of a tuple assignment, and where
// the compiler reports what it converts.
type tupleTargets struct {
	lhs []ast.Expr
	at  token.Pos
}

// interfaceTyped reports whether e, a left-hand side, has an interface
// type: not a type parameter, whose value is converted where it is used.
func (p *positions) interfaceTyped(e ast.Expr) bool {
	t := p.exprType(e)
	_, param := t.(*types.TypeParam)
	return t != nil && !param && types.IsInterface(t)
}

// tuplePos is go/ssa's position of the instruction that computes the
// results that e gives a tuple assignment: a type assertion's
// parenthesis, else where the compiler places e.
func tuplePos(e ast.Expr) token.Pos {
	if ta, ok := ast.Unparen(e).(*ast.TypeAssertExpr); ok {
		return ta.Lparen
	}
	return CompilerPos(e)
}

// tupleBox returns where the compiler reports the conversion to an
// interface of a result that x extracts, when a tuple assignment
// assigns it.
func (p *positions) tupleBox(x ssa.Value) (token.Pos, bool) {
	ext, ok := x.(*ssa.Extract)
	if !ok {
		return token.NoPos, false
	}
	tuple, ok := ext.Tuple.(ssa.Instruction)
	if !ok || !tuple.Pos().IsValid() {
		return token.NoPos, false
	}
	p.load(tuple.Pos())
	targets, ok := p.tupleAssigned[tuple.Pos()]
	if !ok || ext.Index >= len(targets.lhs) || !p.interfaceTyped(targets.lhs[ext.Index]) {
		// A result assigned to a variable of its own type is converted
		// where the variable is used (f, err := parse(); return f, nil).
		return token.NoPos, false
	}
	return targets.at, true
}
