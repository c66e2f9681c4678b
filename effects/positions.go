package effects

import (
	"cmp"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// positions maps go/ssa's positions to the ones the compiler's -m output
// uses, so that diagnostics and the -sites inventory line up with it.
type positions struct {
	// literalStart maps the opening brace of a composite literal whose
	// address is taken (go/ssa's position for it) to the &, where the
	// compiler reports &T{...}; other literals are reported at the brace.
	literalStart map[token.Pos]token.Pos
	// innerConcat holds the operators of the + expressions that are
	// operands of another +: the compiler turns a whole chain into one
	// concatstrings call, reported at the outermost operator.
	innerConcat map[token.Pos]bool
	// inPlace holds the opening parentheses of the calls that are
	// operands the compiler reads a string conversion in place from
	// (inPlaceOperands).
	inPlace map[token.Pos]bool
	// operands maps go/ssa's position of a return (the keyword), an
	// assignment (each left-hand side, the bracket of an element or map
	// store, the field of a field store) or an element of a composite
	// literal (a keyed one's colon) to the expressions it uses, so that a
	// value go/ssa gives no position, such as a parameter boxed into an
	// interface, can be placed where it is used; a call's arguments are
	// found through calls (operandsAt).
	operands map[token.Pos][]ast.Expr
	// mapKeys maps go/ssa's position of a map store (the bracket of
	// m[k] = v, the colon of a map literal's entry) to its key, where
	// the compiler reports the key's box.
	mapKeys map[token.Pos]ast.Expr
	// initial maps a local variable that is assigned exactly once, where
	// it is declared, to the expression it is declared with: a value
	// go/ssa keeps in a register has no instruction at its declaration,
	// so a conversion there is placed through its uses.
	initial map[types.Object]ast.Expr
	// unfollowed holds the local variables whose address is taken, or
	// that are assigned through a field or an element or by a range
	// clause: the compiler does not follow them to their definition
	// (ir.ReassignOracle), so their value is not known where it is used.
	unfollowed map[types.Object]bool
	// zeroDeclared holds the local variables declared without a value
	// (var x T) and never assigned: they hold T's zero value, unless
	// unfollowed.
	zeroDeclared map[types.Object]bool
	// throughPointer holds go/ssa's positions of the stores (the star of
	// *p = v, the field of p.f = v, the bracket of s[i] = v) whose
	// destination the compiler reaches through a pointer or a slice:
	// cmd/compile/internal/escape sends such a store to the heap
	// ((*escape).addr: ODEREF, ODOTPTR, OINDEX of a slice), whatever the
	// pointer points to, a local object included. Self-assignments, which
	// it ignores (isSelfAssign), are left out.
	throughPointer map[token.Pos]bool
	// panics holds the opening parentheses of the calls of the builtin
	// panic, where go/ssa places the panics of the program; it adds
	// panics of its own elsewhere.
	panics map[token.Pos]bool
	// unfollowedTypes holds, by outermost function syntax, the types of
	// the unfollowed variables it declares (unfollowedTypesIn).
	unfollowedTypes map[ast.Node]*typeutil.Map
	// funcVarCalls maps the opening parenthesis of each call of a local
	// variable (f(x) with f a variable) to the variable (followsCall).
	funcVarCalls map[token.Pos]types.Object
	// typeSwitchVars maps the variable of a type switch
	// (switch t := x.(type)) to the switch's clauses, each of which
	// declares its own copy (caseClauseVar).
	typeSwitchVars map[token.Pos][]*ast.CaseClause
	// tupleAssigned maps go/ssa's position of a call, lookup, type
	// assertion or receive whose results an assignment of several
	// variables may convert to an interface to where the compiler
	// reports the conversion (tupleAssignment).
	tupleAssigned map[token.Pos]tupleTargets
	info          *types.Info

	// The tables are filled one top-level declaration at a time, when a
	// position in it is first asked about: most declarations have no
	// site, and everything a position needs lies in the declaration that
	// holds it (a local variable's assignments included).
	decls []ast.Decl // every file's, in position order
	// last is the index in decls of the declaration found last, which
	// the next question about a position is most often about.
	last   int
	loaded []bool // by index in decls
	// calls holds, by index in decls, the calls with arguments of a
	// loaded declaration, by the position of their opening parenthesis.
	// Whether a call's arguments are worth looking up (argsMayConvert)
	// is asked when they are looked up, which few are, not of every call
	// as its declaration is loaded: a lookup in go/types' tables, which
	// in a large package misses the processor's caches. A declaration's
	// calls are gathered in loading, then copied to the free end of
	// callSlab, an array for the calls of many declarations (full, it is
	// left to the windows into it, and a new one twice as large is made).
	calls    [][]*ast.CallExpr
	loading  []*ast.CallExpr
	callSlab []*ast.CallExpr
	// assigned counts the assignments to the local variables of the
	// declaration being loaded; the tables hold local variables only.
	assigned map[types.Object]int
}

func newPositions(files []*ast.File, info *types.Info) *positions {
	p := &positions{
		literalStart:   map[token.Pos]token.Pos{},
		innerConcat:    map[token.Pos]bool{},
		inPlace:        map[token.Pos]bool{},
		operands:       map[token.Pos][]ast.Expr{},
		mapKeys:        map[token.Pos]ast.Expr{},
		initial:        map[types.Object]ast.Expr{},
		unfollowed:     map[types.Object]bool{},
		zeroDeclared:   map[types.Object]bool{},
		panics:         map[token.Pos]bool{},
		info:           info,
		throughPointer: map[token.Pos]bool{},
		assigned:       map[types.Object]int{},
		typeSwitchVars: map[token.Pos][]*ast.CaseClause{},
		funcVarCalls:   map[token.Pos]types.Object{},
		tupleAssigned:  map[token.Pos]tupleTargets{},
	}
	decls := 0
	for _, f := range files {
		decls += len(f.Decls)
	}
	p.decls = make([]ast.Decl, 0, decls)
	for _, f := range files {
		p.decls = append(p.decls, f.Decls...)
	}
	slices.SortFunc(p.decls, func(a, b ast.Decl) int { return cmp.Compare(a.Pos(), b.Pos()) })
	p.loaded = make([]bool, len(p.decls))
	p.calls = make([][]*ast.CallExpr, len(p.decls))
	return p
}

// minCallSlab is the size of the first array of calls: a package's
// first declaration with calls has a few.
const minCallSlab = 64

// declIndex returns the index in decls of the declaration that holds
// pos, if one does.
func (p *positions) declIndex(pos token.Pos) (int, bool) {
	if p.last < len(p.decls) && p.decls[p.last].Pos() <= pos && pos < p.decls[p.last].End() {
		return p.last, true // declarations do not overlap
	}
	i, found := slices.BinarySearchFunc(p.decls, pos, func(d ast.Decl, pos token.Pos) int { return cmp.Compare(d.Pos(), pos) })
	if !found {
		i-- // the last declaration that starts before pos
	}
	if i < 0 || pos >= p.decls[i].End() {
		return 0, false
	}
	p.last = i
	return i, true
}

// load fills the tables with the declaration that holds pos, unless they
// have it already.
func (p *positions) load(pos token.Pos) {
	i, ok := p.declIndex(pos)
	if !ok || p.loaded[i] {
		return
	}
	p.loaded[i] = true
	p.loading = p.loading[:0]
	ast.Inspect(p.decls[i], func(n ast.Node) bool {
		p.inPlaceOperands(n)
		switch n := n.(type) {
		case *ast.ReturnStmt:
			p.operands[n.Return] = n.Results
		case *ast.CallExpr:
			if len(n.Args) > 0 { // no arguments: nothing to look up
				p.loading = append(p.loading, n)
			}
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && p.info != nil {
				if v := p.info.Uses[id]; isLocal(v) {
					p.funcVarCalls[n.Lparen] = v
				}
			}
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "panic" && p.info != nil {
				if _, builtin := p.info.Uses[id].(*types.Builtin); builtin {
					p.panics[n.Lparen] = true
				}
			}
		case *ast.AssignStmt:
			for i, lhs := range n.Lhs {
				var rhs ast.Expr
				if n.Tok == token.DEFINE && len(n.Lhs) == len(n.Rhs) {
					rhs = n.Rhs[i]
				}
				v := p.assignee(lhs, n.Tok == token.DEFINE)
				p.declare(v, rhs)
				p.unfollow(lhs, false)
				if len(n.Lhs) == len(n.Rhs) {
					p.assignment(lhs, v, n.Rhs[i:i+1])
				}
			}
			for i, lhs := range n.Lhs {
				var rhs ast.Expr // what is stored, when it is the source's own expression
				if n.Tok == token.ASSIGN && len(n.Lhs) == len(n.Rhs) {
					rhs = n.Rhs[i]
				}
				p.storeThrough(lhs, rhs)
			}
			if len(n.Lhs) > 1 && len(n.Rhs) == 1 {
				p.tupleAssignment(n.Lhs, n.Rhs[0], n.TokPos)
			}
		case *ast.ValueSpec:
			if len(n.Names) > 1 && len(n.Values) == 1 {
				lhs := make([]ast.Expr, len(n.Names))
				for i, name := range n.Names {
					lhs[i] = name
				}
				p.tupleAssignment(lhs, n.Values[0], n.Names[0].Pos())
			}
			if len(n.Names) == len(n.Values) {
				for i, name := range n.Names {
					p.declare(p.assignee(name, true), n.Values[i])
				}
			}
			if len(n.Values) == 0 && p.info != nil {
				for _, name := range n.Names {
					if obj := p.info.Defs[name]; isLocal(obj) {
						p.zeroDeclared[obj] = true
					}
				}
			}
		case *ast.IncDecStmt:
			p.storeThrough(n.X, nil)
			p.declare(p.assignee(n.X, false), nil)
			p.unfollow(n.X, false)
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				p.unfollow(n.Key, true)
				p.unfollow(n.Value, true)
				p.storeThrough(n.Key, nil)
				p.storeThrough(n.Value, nil)
			}
		case *ast.SliceExpr:
			if t := p.exprType(n.X); t != nil {
				if _, array := t.Underlying().(*types.Array); array {
					p.unfollow(n.X, true) // slicing an array takes its address
				}
			}
		case *ast.SelectorExpr:
			if p.callsPointerMethod(n) {
				p.unfollow(n.X, true)
			}
		case *ast.UnaryExpr:
			if lit, ok := n.X.(*ast.CompositeLit); ok && n.Op == token.AND {
				p.literalStart[lit.Lbrace] = n.OpPos
			}
			if n.Op == token.AND {
				p.unfollow(n.X, true)
			}
		case *ast.CompositeLit:
			p.elements(n)
		case *ast.TypeSwitchStmt:
			p.typeSwitch(n)
		case *ast.BinaryExpr:
			if n.Op == token.ADD {
				for _, operand := range []ast.Expr{n.X, n.Y} {
					if inner, ok := ast.Unparen(operand).(*ast.BinaryExpr); ok && inner.Op == token.ADD {
						p.innerConcat[inner.OpPos] = true
					}
				}
			}
		}
		return true
	})
	if len(p.loading) > cap(p.callSlab)-len(p.callSlab) {
		p.callSlab = make([]*ast.CallExpr, 0, max(len(p.loading), 2*cap(p.callSlab), minCallSlab))
	}
	start := len(p.callSlab)
	p.callSlab = append(p.callSlab, p.loading...)
	calls := p.callSlab[start:len(p.callSlab):len(p.callSlab)]
	slices.SortFunc(calls, func(a, b *ast.CallExpr) int { return cmp.Compare(a.Lparen, b.Lparen) })
	p.calls[i] = calls
	clear(p.assigned)
}

// operandsAt returns the expressions that the statement, call or
// element that go/ssa places at pos uses (operands), in a loaded
// declaration: a call's arguments only when it may convert one
// (argsMayConvert).
func (p *positions) operandsAt(pos token.Pos) []ast.Expr {
	if exprs, ok := p.operands[pos]; ok {
		return exprs
	}
	if call := p.callAt(pos); call != nil && p.argsMayConvert(call) {
		return call.Args
	}
	return nil
}

// callAt returns the call with arguments whose opening parenthesis is at
// lparen, in a loaded declaration, or nil.
func (p *positions) callAt(lparen token.Pos) *ast.CallExpr {
	i, ok := p.declIndex(lparen)
	if !ok {
		return nil
	}
	calls := p.calls[i]
	if j, found := slices.BinarySearchFunc(calls, lparen, func(c *ast.CallExpr, pos token.Pos) int { return cmp.Compare(c.Lparen, pos) }); found {
		return calls[j]
	}
	return nil
}

// assignment records the store of rhs, one expression, into lhs, which
// names v when it is a variable, and the key of a map store, when the
// store may convert what it stores: as for a composite literal's
// elements, only a conversion is ever placed through its store, and most
// stores convert nothing.
func (p *positions) assignment(lhs ast.Expr, v assignee, rhs []ast.Expr) {
	t := v.typ()
	if t == nil {
		t = p.exprType(lhs)
	}
	if t == nil || mayConvert(t) {
		p.operands[lhs.Pos()] = rhs
		switch lhs := ast.Unparen(lhs).(type) {
		case *ast.IndexExpr:
			p.operands[lhs.Lbrack] = rhs // an element or map store
		case *ast.SelectorExpr:
			p.operands[lhs.Sel.Pos()] = rhs // a field store
		}
	}
	if index, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok {
		if t := p.exprType(index.X); t == nil || isMapWithConvertingKey(t) {
			p.mapKeys[index.Lbrack] = index.Index
		}
	}
}

// isMapWithConvertingKey reports whether t is a map whose keys may be
// converted where they are stored.
func isMapWithConvertingKey(t types.Type) bool {
	m, ok := t.Underlying().(*types.Map)
	return ok && mayConvert(m.Key())
}

// argsMayConvert reports whether the call may convert one of its
// arguments, to an interface or a func type, or is a conversion whose
// operand is looked up: an explicit conversion to an interface
// (convertedExpr) or to unsafe.Pointer (within). Only such a call's
// arguments are recorded.
func (p *positions) argsMayConvert(call *ast.CallExpr) bool {
	if p.info == nil {
		return true
	}
	fun, ok := p.info.Types[call.Fun]
	if !ok || fun.Type == nil {
		return true
	}
	if fun.IsType() {
		return mayConvert(fun.Type) || isUnsafePointer(fun.Type)
	}
	sig, ok := fun.Type.Underlying().(*types.Signature)
	if !ok || sig.Variadic() {
		return true
	}
	for param := range sig.Params().Variables() {
		if mayConvert(param.Type()) {
			return true
		}
	}
	return false
}

// elements records the stores of a composite literal's elements, and
// the keys of a map literal's, that may convert what they store: to an
// interface, or to a func type (a contract's). Only a conversion is ever
// placed through the store that uses it (useExpr), and a table of
// generated data has thousands of elements that convert nothing.
func (p *positions) elements(lit *ast.CompositeLit) {
	if len(lit.Elts) == 0 {
		return
	}
	t := literalType(p.exprType(lit))
	if s, ok := t.(*types.Struct); ok && !anyFieldMayConvert(s) {
		return // nothing to look up: no element converts
	}
	for i, elt := range lit.Elts {
		if kv, keyed := elt.(*ast.KeyValueExpr); keyed {
			keyType, valueType, known := p.elementTypes(t, kv.Key)
			if !known || mayConvert(valueType) {
				p.operands[kv.Colon] = []ast.Expr{kv.Value} // a keyed element's store
			}
			if !known || keyType != nil && mayConvert(keyType) {
				p.mapKeys[kv.Colon] = kv.Key
			}
		} else if _, valueType, known := p.elementTypes(t, i); !known || mayConvert(valueType) {
			p.operands[elt.Pos()] = lit.Elts[i : i+1] // an unkeyed element's store
		}
	}
}

// literalType returns the underlying type of a composite literal of type
// t, through the pointer of an elided &T{...}; nil when t is nil.
func literalType(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	if ptr, ok := t.Underlying().(*types.Pointer); ok { // an elided &T{...}
		t = ptr.Elem()
	}
	return t.Underlying()
}

// anyFieldMayConvert reports whether a field of s may hold a conversion
// (mayConvert).
func anyFieldMayConvert(s *types.Struct) bool {
	for f := range s.Fields() {
		if mayConvert(f.Type()) {
			return true
		}
	}
	return false
}

// elementTypes returns the types that an element of a composite literal
// stores, the literal's underlying type being t (nil: unknown), the
// element given by its key expression or, unkeyed, by its index: a map's
// key and value types, or no key type and the field's or the element's
// type. Known is false when they are unknown.
func (p *positions) elementTypes(t types.Type, key any) (keyType, valueType types.Type, known bool) {
	switch t := t.(type) {
	case *types.Map:
		return t.Key(), t.Elem(), true
	case *types.Slice:
		return nil, t.Elem(), true
	case *types.Array:
		return nil, t.Elem(), true
	case *types.Struct:
		switch key := key.(type) {
		case int:
			if key < t.NumFields() {
				return nil, t.Field(key).Type(), true
			}
		case *ast.Ident:
			if f, ok := p.info.Uses[key].(*types.Var); ok { // a field's name is a use, never a definition
				return nil, f.Type(), true
			}
		}
	}
	return nil, nil, false
}

// mayConvert reports whether a value stored as type t may be a
// conversion to it: t is an interface (a type parameter's is its
// constraint) or a func type.
func mayConvert(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Interface, *types.Signature:
		return true
	}
	return false
}

// literalAt returns the position at which the compiler reports the
// composite literal whose opening brace is at lbrace, when its address is
// taken.
func (p *positions) literalAt(lbrace token.Pos) (token.Pos, bool) {
	p.load(lbrace)
	start, ok := p.literalStart[lbrace]
	return start, ok
}

// assignee is the variable that the left-hand side of an assignment
// names, looked up once for every table the assignment fills: go/types
// keeps an entry for each identifier and expression of the package, and
// in a large function each lookup misses the processor's caches.
type assignee struct {
	obj     types.Object // nil: the left-hand side names no object
	defined bool         // the left-hand side declares obj
}

// assignee returns the variable that lhs names, if it is an identifier.
// Only an assignment that declares (:=, var) may define it; any other
// uses it.
func (p *positions) assignee(lhs ast.Expr, declares bool) assignee {
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok || p.info == nil {
		return assignee{}
	}
	if declares {
		if obj := p.info.Defs[id]; obj != nil {
			return assignee{obj: obj, defined: true}
		}
	}
	return assignee{obj: p.info.Uses[id]}
}

// typ is the type of the variable, as go/types gives it to the
// identifier that names it; nil when there is none.
func (v assignee) typ() types.Type {
	if v.obj == nil {
		return nil
	}
	return v.obj.Type()
}

// declare records an assignment to the variable v, with the expression
// that declares it (nil for any other assignment).
func (p *positions) declare(v assignee, decl ast.Expr) {
	if !isLocal(v.obj) {
		return
	}
	n := p.assigned[v.obj] + 1
	p.assigned[v.obj] = n
	delete(p.zeroDeclared, v.obj)
	if decl != nil && !v.defined {
		decl = nil // a variable declared before, assigned by :=
	}
	if decl != nil && n == 1 {
		p.initial[v.obj] = decl
	} else {
		delete(p.initial, v.obj)
	}
}

// concatenates reports whether a string + allocates by itself: not when
// it is part of a longer chain that the compiler concatenates at once.
func (p *positions) concatenates(b *ssa.BinOp) bool {
	p.load(b.Pos())
	return !p.innerConcat[b.Pos()]
}

// of returns the position at which a site is reported.
func (p *positions) of(kind Kind, ins ssa.Instruction) token.Pos {
	switch kind {
	case Composite:
		if start, ok := p.literalAt(ins.Pos()); ok {
			return start
		}
	case Variadic:
		// The varargs array has no position; the compiler reports it at
		// the call that it is passed to.
		if pos := variadicCall(ins.(*ssa.Alloc)); pos.IsValid() {
			return pos
		}
	case Convert:
		// The compiler reports a conversion at its operand.
		if pos := operandPos(ins.(*ssa.Convert).X, ins.Pos()); pos.IsValid() {
			return pos
		}
		return ins.Pos() + 1
	case Closure:
		return literalPos(ins.(*ssa.MakeClosure).Fn.(*ssa.Function))
	case Escape:
		a, ok := ins.(*ssa.Alloc)
		if ok && a.Pos().IsValid() {
			// A type switch's variable: each clause moves its own copy.
			if pos, ok := p.caseClauseVar(a); ok {
				return pos
			}
		}
		if ok && !a.Pos().IsValid() {
			// The state of a range-over-func loop, which go/ssa gives
			// no position, is moved with the loop's body, at the for
			// keyword.
			for _, r := range *a.Referrers() {
				if mc, ok := r.(*ssa.MakeClosure); ok {
					if loop := rangeLoopOf(mc); loop != nil {
						return loop.For
					}
				}
			}
		}
	case MethodValue:
		// go/ssa places x.M at M, the compiler at the dot before it.
		if pos := ins.Pos(); pos.IsValid() {
			return pos - 1
		}
	case Box:
		// An implicit conversion to an interface has no position in
		// go/ssa; the compiler reports it at the converted expression.
		// Each conversion is a box of its own: place it where the value
		// is used, and only when that is unknown at the expression that
		// computed the value (which, for a variable, is its definition).
		if mi, ok := ins.(*ssa.MakeInterface); ok && !mi.Pos().IsValid() {
			if pos, ok := p.tupleBox(mi.X); ok {
				return pos
			}
			if pos := p.usePos(mi); pos.IsValid() {
				return pos
			}
			if pos := operandPos(mi.X, token.NoPos); pos.IsValid() {
				return pos
			}
		}
		// A value of a type parameter converted to an interface, the
		// same way.
		if ct, ok := ins.(*ssa.ChangeType); ok && !ct.Pos().IsValid() {
			if pos := p.usePos(ct); pos.IsValid() {
				return pos
			}
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

// literalPos returns where the compiler reports the function literal fn:
// its func keyword, or the for keyword of the range-over-func loop whose
// body it is.
func literalPos(fn *ssa.Function) token.Pos {
	if rng, ok := fn.Syntax().(*ast.RangeStmt); ok {
		return rng.For
	}
	return fn.Pos()
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
				return call.Common().Pos()
			}
		}
	}
	return token.NoPos
}

// operandPos returns the position of the expression that computed x, when
// go/ssa recorded one after the position after (a parameter's position is
// its declaration, not its use).
func operandPos(x ssa.Value, after token.Pos) token.Pos {
	ins, ok := x.(ssa.Instruction)
	if !ok {
		return token.NoPos
	}
	if pos := ins.Pos(); pos.IsValid() && pos > after {
		return pos
	}
	return token.NoPos
}

// usePos returns the position of the expression that v stands for in the
// statement that uses it: a returned value, a call argument, the
// right-hand side of an assignment.
func (p *positions) usePos(v ssa.Value) token.Pos {
	if e := p.useExpr(v); e != nil {
		return CompilerPos(e)
	}
	return token.NoPos
}

// useExpr returns the expression that v stands for in the statement
// that uses it, or nil when it is unknown or is no conversion to v's
// type.
func (p *positions) useExpr(v ssa.Value) ast.Expr {
	refs := v.Referrers()
	if refs == nil || len(*refs) == 0 {
		return nil
	}
	use := (*refs)[0]
	usePos := use.Pos()
	var ssaOperands []ssa.Value
	switch use := use.(type) {
	case *ssa.Return:
		ssaOperands = use.Results
	case ssa.CallInstruction:
		// A deferred call or go statement is placed at its keyword, its
		// arguments at the call's parenthesis, like any call's.
		usePos = use.Common().Pos()
		ssaOperands = use.Common().Args
	case *ssa.Store:
		if call, i := variadicElement(use); call != nil {
			return p.variadicArg(call, i)
		}
		ssaOperands = []ssa.Value{use.Val}
	case *ssa.MapUpdate:
		if v == use.Key {
			p.load(usePos)
			return p.converted(v, p.mapKeys[usePos])
		}
		ssaOperands = []ssa.Value{use.Value}
	case *ssa.Panic:
		if !p.programPanic(use) {
			return nil // a panic of go/ssa's own
		}
		ssaOperands = []ssa.Value{use.X} // placed at the parenthesis of panic(x)
	default:
		return nil
	}
	p.load(usePos)
	exprs := p.operandsAt(usePos)
	i := slices.Index(ssaOperands, v)
	i -= len(ssaOperands) - len(exprs) // a method's receiver is an argument in go/ssa only
	if i < 0 || i >= len(exprs) {
		return nil
	}
	return p.converted(v, exprs[i])
}

// programPanic reports whether pn is a call of the builtin panic in the
// program's source; go/ssa adds panics of its own, after a call that
// never returns and in range-over-func loops.
func (p *positions) programPanic(pn *ssa.Panic) bool {
	p.load(pn.Pos())
	return p.panics[pn.Pos()]
}

// converted returns the operand e whose conversion to v's type v is, or
// nil when e is unknown or is no conversion.
func (p *positions) converted(v ssa.Value, e ast.Expr) ast.Expr {
	if e == nil {
		return nil
	}
	e = p.declaration(e)
	if t := p.exprType(e); t != nil && types.Identical(t, v.Type()) {
		// The expression used there is already converted: it is a
		// variable assigned the conversion elsewhere
		// (err = wrapped{err}; closeErr = err).
		return nil
	}
	return e
}

// exprType returns the type of e, or nil when it is unknown.
func (p *positions) exprType(e ast.Expr) types.Type {
	if p.info == nil {
		return nil
	}
	return p.info.TypeOf(e)
}

// declaration returns, for a local variable of interface type assigned
// only where it is declared, the expression it is declared with: a value
// converted to the interface there, as in `var h Hasher = r`, reaches its
// uses already converted. Any other expression is returned as it is.
func (p *positions) declaration(e ast.Expr) ast.Expr {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || p.info == nil {
		return e
	}
	obj := p.info.ObjectOf(id)
	if obj == nil || obj.Parent() == obj.Pkg().Scope() || !types.IsInterface(obj.Type()) {
		return e
	}
	p.load(obj.Pos())
	if decl, ok := p.initial[obj]; ok {
		return decl
	}
	return e
}

// variadicElement returns the call whose variadic slice st fills, and the
// index in that slice of the element st stores.
func variadicElement(st *ssa.Store) (ssa.CallInstruction, int) {
	ia, ok := st.Addr.(*ssa.IndexAddr)
	if !ok {
		return nil, 0
	}
	a, ok := ia.X.(*ssa.Alloc)
	c, isConst := ia.Index.(*ssa.Const)
	if !ok || a.Comment != "varargs" || !isConst {
		return nil, 0
	}
	i, _ := constant.Int64Val(c.Value)
	for _, r := range *a.Referrers() {
		if s, ok := r.(*ssa.Slice); ok {
			for _, u := range *s.Referrers() {
				if call, ok := u.(ssa.CallInstruction); ok {
					return call, int(i)
				}
			}
		}
	}
	return nil, 0
}

// variadicArg returns the i-th variadic argument of call.
func (p *positions) variadicArg(call ssa.CallInstruction, i int) ast.Expr {
	p.load(call.Pos())
	exprs := p.operandsAt(call.Pos())
	j := call.Common().Signature().Params().Len() - 1 + i
	if j < 0 || j >= len(exprs) {
		return nil
	}
	return exprs[j]
}

// within returns whether a position lies inside the arguments of the call
// or conversion whose opening parenthesis is at lparen; nothing does when
// there is no such call.
func (p *positions) within(lparen token.Pos) func(token.Pos) bool {
	p.load(lparen)
	args := p.operandsAt(lparen)
	if len(args) == 0 {
		return func(token.Pos) bool { return false }
	}
	start, end := args[0].Pos(), args[len(args)-1].End()
	return func(pos token.Pos) bool { return start <= pos && pos < end }
}

// CompilerPos is where the compiler's -m output places an expression: a
// call at its parenthesis, an operation at its operator, an index or slice
// at its bracket, a selector at its dot, a literal at its brace.
func CompilerPos(e ast.Expr) token.Pos {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		return e.Lparen
	case *ast.BinaryExpr:
		return e.OpPos
	case *ast.UnaryExpr:
		return e.OpPos
	case *ast.IndexExpr:
		return e.Lbrack
	case *ast.SliceExpr:
		return e.Lbrack
	case *ast.SelectorExpr:
		return e.Sel.Pos() - 1
	case *ast.CompositeLit:
		return e.Lbrace
	default:
		return e.Pos()
	}
}

// storeThrough records the store into lhs, of rhs when the source gives
// it, if the compiler reaches its destination through a pointer or a
// slice and the store is no self-assignment.
func (p *positions) storeThrough(lhs, rhs ast.Expr) {
	var pos token.Pos
	switch e := ast.Unparen(lhs).(type) {
	case *ast.StarExpr:
		pos = e.Star
	case *ast.SelectorExpr:
		pos = e.Sel.Pos()
	case *ast.IndexExpr:
		pos = e.Lbrack
	default:
		return
	}
	if p.reachedThroughPointer(lhs) && (rhs == nil || !p.selfAssignment(lhs, rhs)) {
		p.throughPointer[pos] = true
	}
}

// storesThroughPointer reports whether st is a store that the compiler
// sends to the heap, as reached through a pointer or a slice.
func (p *positions) storesThroughPointer(st *ssa.Store) bool {
	pos := st.Pos()
	if !pos.IsValid() {
		return false
	}
	p.load(pos)
	return p.throughPointer[pos]
}

// reachedThroughPointer reports whether the memory e names is reached
// through a pointer or a slice: *p, p.f or s[i], or anything selected or
// indexed in one (p.a[0].f). A package variable, a local one and the
// fields and elements of either are not: the model sends stores into
// package variables to the heap by other means.
func (p *positions) reachedThroughPointer(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.StarExpr:
		return true
	case *ast.SelectorExpr:
		sel := p.info.Selections[e]
		if sel == nil || sel.Kind() != types.FieldVal {
			return false // a qualified identifier
		}
		return sel.Indirect() || p.reachedThroughPointer(e.X)
	case *ast.IndexExpr:
		switch p.underlying(e.X).(type) {
		case nil:
			return false
		case *types.Array:
			return p.reachedThroughPointer(e.X)
		case *types.Map:
			return false // a map store, which the model sends to the heap itself
		}
		return true // a slice, a pointer to an array, a type parameter's core type
	}
	return false
}

// selfAssignment reports whether storing src into dst is one of the
// assignments that the compiler's escape analysis ignores
// (cmd/compile/internal/escape: isSelfAssign), since they store nothing
// into the object that it does not hold already: val.x = val.y,
// val.x[i] = val.y[j], b.buf = b.buf[i:j].
func (p *positions) selfAssignment(dst, src ast.Expr) bool {
	dst, src = ast.Unparen(dst), ast.Unparen(src)
	if p.sliceSelfAssignment(dst, src) {
		return true
	}
	switch d := dst.(type) {
	case *ast.SelectorExpr:
		s, ok := src.(*ast.SelectorExpr)
		return ok && p.isPointer(d.X) == p.isPointer(s.X) && p.sameSafeExpr(d.X, s.X)
	case *ast.IndexExpr:
		s, ok := src.(*ast.IndexExpr)
		return ok && !p.isMap(d.X) && !p.isMap(s.X) && !p.mayAffectMemory(d.Index) && !p.mayAffectMemory(s.Index) && p.sameSafeExpr(d.X, s.X)
	}
	return false
}

// sliceSelfAssignment reports whether dst = src is b.buf = b.buf[i:j]
// (or *b = (*b)[i:j]) for one variable b, which keeps the array b.buf
// already points to (isSliceSelfAssign).
func (p *positions) sliceSelfAssignment(dst, src ast.Expr) bool {
	base := func(e ast.Expr) types.Object {
		switch e := ast.Unparen(e).(type) {
		case *ast.StarExpr:
			return p.object(e.X)
		case *ast.SelectorExpr:
			if p.isPointer(e.X) {
				return p.object(e.X)
			}
		}
		return nil
	}
	s, ok := src.(*ast.SliceExpr)
	if !ok {
		return false
	}
	switch p.underlying(s.X).(type) {
	case nil, *types.Array:
		return false // unknown, or slicing an array in the object: the object's address
	}
	b := base(dst)
	return b != nil && b == base(s.X)
}

// object is the variable that e names, or nil.
func (p *positions) object(e ast.Expr) types.Object {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := p.info.Uses[id].(*types.Var); ok {
			return v
		}
	}
	return nil
}

func (p *positions) isPointer(e ast.Expr) bool {
	_, ok := p.underlying(e).(*types.Pointer)
	return ok
}

func (p *positions) isMap(e ast.Expr) bool {
	_, ok := p.underlying(e).(*types.Map)
	return ok
}

// underlying is the underlying type of e, or nil when it is unknown.
func (p *positions) underlying(e ast.Expr) types.Type {
	if t := p.exprType(e); t != nil {
		return t.Underlying()
	}
	return nil
}

// sameSafeExpr reports whether l and r are the same expression without
// side effects, as the compiler judges it (ir.SameSafeExpr): the same
// variables, selections, dereferences, indexes, arithmetic and
// constants (not conversions, which the compiler also allows: taking
// them for different only over-reports).
func (p *positions) sameSafeExpr(l, r ast.Expr) bool {
	l, r = ast.Unparen(l), ast.Unparen(r)
	if tl, tr := p.exprType(l), p.exprType(r); tl == nil || tr == nil || !types.Identical(tl, tr) {
		return false
	}
	switch l := l.(type) {
	case *ast.Ident:
		r, ok := r.(*ast.Ident)
		return ok && p.object(l) != nil && p.object(l) == p.object(r)
	case *ast.SelectorExpr:
		r, ok := r.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		ls, rs := p.info.Selections[l], p.info.Selections[r]
		return ls != nil && rs != nil && ls.Kind() == types.FieldVal && ls.Obj() == rs.Obj() && p.sameSafeExpr(l.X, r.X)
	case *ast.StarExpr:
		r, ok := r.(*ast.StarExpr)
		return ok && p.sameSafeExpr(l.X, r.X)
	case *ast.IndexExpr:
		r, ok := r.(*ast.IndexExpr)
		return ok && p.sameSafeExpr(l.X, r.X) && p.sameSafeExpr(l.Index, r.Index)
	case *ast.UnaryExpr:
		r, ok := r.(*ast.UnaryExpr)
		return ok && l.Op == r.Op && l.Op != token.AND && l.Op != token.ARROW && p.sameSafeExpr(l.X, r.X)
	case *ast.BinaryExpr:
		r, ok := r.(*ast.BinaryExpr)
		return ok && l.Op == r.Op && arithmetic(l.Op) && p.sameSafeExpr(l.X, r.X) && p.sameSafeExpr(l.Y, r.Y)
	case *ast.BasicLit:
		lv, rv := p.info.Types[l].Value, p.info.Types[r].Value
		return lv != nil && rv != nil && constant.Compare(lv, token.EQL, rv)
	}
	return false
}

// mayAffectMemory reports whether evaluating e may change memory, as the
// compiler judges an index (escape's mayAffectMemory): anything but
// variables, constants, arithmetic, selections, dereferences, indexes,
// conversions, len and cap of those.
func (p *positions) mayAffectMemory(e ast.Expr) bool {
	if tv, ok := p.info.Types[e]; ok && tv.Value != nil {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return false
	case *ast.BinaryExpr:
		return !arithmetic(e.Op) || p.mayAffectMemory(e.X) || p.mayAffectMemory(e.Y)
	case *ast.UnaryExpr:
		return e.Op == token.AND || e.Op == token.ARROW || p.mayAffectMemory(e.X)
	case *ast.SelectorExpr:
		return p.info.Selections[e] == nil || p.mayAffectMemory(e.X)
	case *ast.StarExpr:
		return p.mayAffectMemory(e.X)
	case *ast.IndexExpr:
		return p.mayAffectMemory(e.X) || p.mayAffectMemory(e.Index)
	case *ast.CallExpr:
		if x := p.conversionOrLength(e); x != nil {
			return p.mayAffectMemory(x)
		}
	}
	return true
}

// conversionOrLength is x when call is a conversion T(x) or len(x) or
// cap(x), which the compiler's safe expressions may hold; else nil.
func (p *positions) conversionOrLength(call *ast.CallExpr) ast.Expr {
	if len(call.Args) != 1 {
		return nil
	}
	if tv, ok := p.info.Types[call.Fun]; ok && tv.IsType() {
		return call.Args[0]
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok && (id.Name == "len" || id.Name == "cap") {
		if _, builtin := p.info.Uses[id].(*types.Builtin); builtin {
			return call.Args[0]
		}
	}
	return nil
}

// arithmetic reports whether op is one of the operators the compiler's
// safe expressions may hold.
func arithmetic(op token.Token) bool {
	switch op {
	case token.ADD, token.SUB, token.OR, token.XOR, token.MUL, token.SHL, token.SHR, token.AND, token.AND_NOT, token.QUO, token.REM:
		return true
	}
	return false
}
