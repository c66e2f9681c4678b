package effects

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Variables. The compiler gives each local variable one location: every
// value assigned to it flows in, every use reads it, whatever the order
// (cmd/compile/internal/escape: one location per variable). go/ssa keeps
// a variable whose address is not taken in registers, one value per
// assignment, so in
//
//	x := &T{}   // the compiler: escapes, as x does
//	use(x)
//	x = &U{}
//	sink = x
//
// only &U{} reaches the store. The model joins the values assigned to one
// variable (and to the variables assigned from it): if one of them
// outlives the frame, so do the others. An assignment whose value the
// model cannot find in go/ssa's code (a map range, a type switch's
// variable) makes every value of the variable escape.

// variable is the values assigned to one local variable of a function, or
// to several assigned from one another.
type variable struct {
	values []ssa.Value
	opaque bool // an assignment whose value was not found
	// loopDepth is the loop depth of the variable's declaration when a
	// loop nested deeper assigns it, else -1: what the loop allocates
	// and stores in the variable outlives the iteration, and the
	// loop-depth rule moves it to the heap (escape_solve.go).
	loopDepth int
}

// joinVariables applies the rule above to the escape graph.
func (g *flowGraph) joinVariables(vars []variable) {
	for _, v := range vars {
		if v.opaque {
			for _, x := range v.values {
				g.escape(x)
			}
			continue
		}
		if len(v.values) < 2 {
			continue
		}
		joined := g.newNode(nil)
		for _, x := range v.values {
			g.edge(g.node(x), joined, sameLevel)
			g.edge(joined, g.node(x), sameLevel)
		}
	}
}

// localVariables finds, from fn's syntax, the values that go/ssa computes
// for each assignment to a local variable of fn with pointers in it. It
// returns only the variables with two values or more, with a value and
// an assignment whose value it cannot find, or with a value and an
// assignment in a loop nested deeper than their declaration. The finder's tables are
// reused from one function to the next: a package has thousands of
// functions, most of them small.
func (f *varFinder) localVariables(fn *ssa.Function, live []bool) []variable {
	body, params := functionSyntax(fn)
	if body == nil || f.info == nil {
		return nil
	}
	f.reset(fn, live)
	for _, p := range fn.Params {
		if obj, ok := p.Object().(*types.Var); ok && tracked(p) {
			f.add(f.declare(obj), p)
		}
	}
	if params != nil {
		for _, field := range params.List {
			for _, name := range field.Names {
				f.define(name)
			}
		}
	}
	f.collect(body)
	return f.variables()
}

func newVarFinder(info *types.Info) *varFinder {
	return &varFinder{info: info, num: map[*types.Var]int32{}}
}

// maxKeptVariables is the number of local variables beyond which the
// finder's map of their numbers is made anew for the next function, not
// emptied: emptying a map costs its capacity, which one large function
// would leave to every small one after it.
const maxKeptVariables = 1024

// reset readies the finder for fn, whose blocks that can run are live.
func (f *varFinder) reset(fn *ssa.Function, live []bool) {
	f.fn, f.live, f.indexed = fn, live, false
	if len(f.num) > maxKeptVariables {
		f.num = map[*types.Var]int32{}
	} else {
		clear(f.num)
	}
	f.vars = f.vars[:0]
	f.at = f.at[:0]
	f.assign = f.assign[:0]
	f.loopDepth = 0
}

// positioned is a value of the function at go/ssa's position for it.
type positioned struct {
	pos   token.Pos
	value ssa.Value // nil: in code the compiler deletes
}

// outOfOrder is a value that comes in the function's code before one at
// a later position, with its place in the code.
type outOfOrder struct {
	positioned
	after int32 // the number of values in position order before it in the code
	order int32 // the number of values out of order before it in the code
}

// valuesAt returns the function's values that go/ssa places at pos, in
// the order of its code. The index is built on first use, as many
// functions assign no variable whose value must be looked up.
func (f *varFinder) valuesAt(pos token.Pos) []positioned {
	if !f.indexed {
		f.index()
		f.indexed = true
	}
	i, _ := slices.BinarySearchFunc(f.at, pos, func(p positioned, pos token.Pos) int { return cmp.Compare(p.pos, pos) })
	j := i
	for j < len(f.at) && f.at[j].pos == pos {
		j++
	}
	return f.at[i:j]
}

// index sorts the function's values by go/ssa's positions, then in the
// order of its code, in an array made at once for all its instructions.
// Most values come in position order already; the others (a phi, placed
// at its variable's declaration) are set aside, sorted, and merged in: a
// function of 100,000 values is not sorted whole.
func (f *varFinder) index() {
	size := len(f.fn.FreeVars)
	for _, b := range f.fn.Blocks {
		size += len(b.Instrs)
	}
	f.at = slices.Grow(f.at, size)
	f.late = f.late[:0]
	add := func(pos token.Pos, v ssa.Value) {
		if n := len(f.at); n > 0 && pos < f.at[n-1].pos {
			f.late = append(f.late, outOfOrder{positioned{pos, v}, int32(n), int32(len(f.late))})
		} else {
			f.at = append(f.at, positioned{pos, v})
		}
	}
	for _, b := range f.fn.Blocks {
		for _, ins := range b.Instrs {
			v, ok := ins.(ssa.Value)
			if !ok || !tracked(v) {
				continue
			}
			pos := v.Pos()
			if mc, ok := v.(*ssa.MakeClosure); ok && mc.Fn.(*ssa.Function).Synthetic == "" {
				pos = mc.Fn.Pos() // a literal, at its func keyword
			}
			if !pos.IsValid() {
				continue
			}
			if !f.live[b.Index] {
				v = nil // found, but in code the compiler deletes
			}
			add(pos, v)
		}
	}
	for _, fv := range f.fn.FreeVars {
		if tracked(fv) && fv.Pos().IsValid() {
			add(fv.Pos(), fv) // &x of a captured x
		}
	}
	byPosition := func(a, b outOfOrder) int {
		return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(a.order, b.order))
	}
	if !slices.IsSortedFunc(f.late, byPosition) { // often: the phis of one variable, at its declaration
		slices.SortFunc(f.late, byPosition)
	}
	// Merged from the back, into the room at the end of f.at.
	i, j := len(f.at)-1, len(f.late)-1
	f.at = f.at[:len(f.at)+len(f.late)]
	for k := len(f.at) - 1; j >= 0; k-- {
		if i >= 0 && f.late[j].precedes(i, f.at[i]) {
			f.at[k] = f.at[i]
			i--
		} else {
			f.at[k] = f.late[j].positioned
			j--
		}
	}
}

// precedes reports whether l comes before p, the value in position order
// at index i: at an earlier position, or at the same one earlier in the
// code.
func (l outOfOrder) precedes(i int, p positioned) bool {
	return l.pos < p.pos || l.pos == p.pos && int32(i) >= l.after
}

// functionSyntax returns the body and the parameters of a function with
// syntax: a declared function, a literal, or a range-over-func loop's body
// (whose parameters, the loop's variables, have no syntax of their own).
func functionSyntax(fn *ssa.Function) (*ast.BlockStmt, *ast.FieldList) {
	switch s := fn.Syntax().(type) {
	case *ast.FuncDecl:
		return s.Body, s.Type.Params
	case *ast.FuncLit:
		return s.Body, s.Type.Params
	case *ast.RangeStmt:
		return s.Body, nil
	}
	return nil, nil
}

type varFinder struct {
	info *types.Info
	fn   *ssa.Function
	live []bool // by block index: whether the block can run
	// The variables of this function with pointers in them, numbered as
	// they are declared: one lookup in num gives a variable's number, and
	// what the finder learns of it is in vars, by number, rather than in
	// maps keyed by the variable, each of whose lookups misses the
	// processor's caches in a large function.
	num    map[*types.Var]int32
	vars   []localVar
	at     []positioned // the function's values, by go/ssa's position once indexed
	late   []outOfOrder // index's: the values out of position order
	assign []assignment
	// loopDepth is the number of loops around the statement being read.
	loopDepth int
	// variables' scratch space: by variable, the index in joined of its
	// root's joined variable (noRoot: none yet), and the variables in
	// position order. A joined variable's values belong to the variable
	// returned.
	byRoot []int32
	joined []joining
	sorted []int32

	indexed bool // whether at holds this function's values
}

// localVar is what the finder learns of one variable of the function.
type localVar struct {
	v      *types.Var
	parent int32       // union-find: variables assigned from one another have one root, their own parent
	values []ssa.Value // the values assigned
	opaque bool        // a value assigned that was not found
	// loopDepth is the number of loops around the declaration, as the
	// compiler's escape analysis counts them: a variable declared in a
	// for clause or a range clause is outside its loop, where the for
	// clause's variable carries its value from one iteration to the next.
	loopDepth      int
	assignedDeeper bool // in a loop nested deeper than the declaration
}

// declare numbers v, a variable of the function, unless it has a number.
// The array of values of a variable of the function before is reused.
func (f *varFinder) declare(v *types.Var) int32 {
	if n, ok := f.num[v]; ok {
		return n
	}
	n := int32(len(f.vars))
	f.num[v] = n
	if len(f.vars) < cap(f.vars) {
		f.vars = f.vars[:n+1]
		f.vars[n] = localVar{v: v, parent: n, values: f.vars[n].values[:0], loopDepth: f.loopDepth}
	} else {
		f.vars = append(f.vars, localVar{v: v, parent: n, loopDepth: f.loopDepth})
	}
	return n
}

// assignment is lhs = rhs, or lhs = element i of the tuple rhs when i >= 0;
// lhs is the variable assigned (nil: none), rhs is nil when the value is
// not an expression (a range loop's).
type assignment struct {
	lhs       *types.Var
	rhs       ast.Expr
	i         int
	loopDepth int // of the assignment
}

// define records a variable declared by this function.
func (f *varFinder) define(id *ast.Ident) {
	if v, ok := f.info.Defs[id].(*types.Var); ok && hasPointers(v.Type()) {
		f.declare(v)
	}
}

// target returns the variable that e, the left-hand side of an
// assignment, names, or nil. A variable that e declares (only an
// assignment that declares, := or var, may) is recorded as the
// function's (define) with the same lookup: go/types keeps an entry for
// each identifier of the package, and in a large function each lookup
// misses the processor's caches.
func (f *varFinder) target(e ast.Expr, declares bool) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	if declares {
		if obj := f.info.Defs[id]; obj != nil {
			v, _ := obj.(*types.Var)
			if v != nil && hasPointers(v.Type()) {
				f.declare(v)
			}
			return v
		}
	}
	v, _ := f.info.Uses[id].(*types.Var)
	return v
}

// collect records the declarations and assignments of body, leaving out
// function literals and range-over-func loop bodies: go/ssa makes them
// functions of their own.
func (f *varFinder) collect(body *ast.BlockStmt) {
	f.statement(body)
	for _, a := range f.assign {
		v, local := f.num[a.lhs]
		if local && a.loopDepth > f.vars[v].loopDepth {
			f.vars[v].assignedDeeper = true
		}
		switch {
		case !local:
		case a.rhs == nil:
			f.vars[v].opaque = true
		default:
			f.rhs(v, a.rhs, a.i)
		}
	}
}

// statement records the declarations and assignments of s and of the
// statements nested in it, in the order ast.Inspect visits them. It reads
// statements only: an expression holds no statement but a function
// literal's.
func (f *varFinder) statement(s ast.Stmt) {
	switch s := s.(type) {
	case *ast.BlockStmt:
		for _, inner := range s.List {
			f.statement(inner)
		}
	case *ast.LabeledStmt:
		f.statement(s.Stmt)
	case *ast.DeclStmt:
		for _, spec := range s.Decl.(*ast.GenDecl).Specs {
			if vs, ok := spec.(*ast.ValueSpec); ok {
				f.valueSpec(vs)
			}
		}
	case *ast.AssignStmt:
		f.assignStmt(s)
	case *ast.IfStmt:
		f.statement(s.Init)
		f.statement(s.Body)
		f.statement(s.Else)
	case *ast.SwitchStmt:
		f.statement(s.Init)
		f.statement(s.Body)
	case *ast.TypeSwitchStmt:
		for _, c := range s.Body.List {
			if v, ok := f.info.Implicits[c].(*types.Var); ok && hasPointers(v.Type()) {
				f.vars[f.declare(v)].opaque = true
			}
		}
		f.statement(s.Init)
		f.statement(s.Assign)
		f.statement(s.Body)
	case *ast.CaseClause:
		for _, inner := range s.Body {
			f.statement(inner)
		}
	case *ast.SelectStmt:
		f.statement(s.Body)
	case *ast.CommClause:
		f.statement(s.Comm)
		for _, inner := range s.Body {
			f.statement(inner)
		}
	case *ast.ForStmt:
		f.statement(s.Init)
		f.loopDepth++
		f.statement(s.Post)
		f.statement(s.Body)
		f.loopDepth--
	case *ast.RangeStmt:
		if _, rangeFunc := f.info.TypeOf(s.X).Underlying().(*types.Signature); rangeFunc {
			return
		}
		for _, e := range []ast.Expr{s.Key, s.Value} {
			if e != nil {
				f.assign = append(f.assign, assignment{f.target(e, s.Tok == token.DEFINE), nil, -1, f.loopDepth + 1})
			}
		}
		f.loopDepth++
		f.statement(s.Body)
		f.loopDepth--
	}
}

func (f *varFinder) assignStmt(s *ast.AssignStmt) {
	for i, lhs := range s.Lhs {
		v := f.target(lhs, s.Tok == token.DEFINE)
		switch {
		case len(s.Lhs) == len(s.Rhs):
			f.assign = append(f.assign, assignment{v, s.Rhs[i], -1, f.loopDepth})
		case len(s.Rhs) == 1:
			f.assign = append(f.assign, assignment{v, s.Rhs[0], i, f.loopDepth})
		}
	}
}

func (f *varFinder) valueSpec(s *ast.ValueSpec) {
	for i, name := range s.Names {
		v := f.target(name, true)
		switch {
		case len(s.Values) == len(s.Names):
			f.assign = append(f.assign, assignment{v, s.Values[i], -1, f.loopDepth})
		case len(s.Values) == 1:
			f.assign = append(f.assign, assignment{v, s.Values[0], i, f.loopDepth})
		}
	}
}

// variableOf returns the number of the local variable that e, an
// expression read, names, if it names one: an identifier read is in
// go/types' Uses, never in its Defs.
func (f *varFinder) variableOf(e ast.Expr) (int32, bool) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return 0, false
	}
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok {
		return 0, false
	}
	n, local := f.num[v]
	return n, local
}

// rhs records the value of e (element i of its tuple, when i >= 0)
// assigned to the variable numbered v.
func (f *varFinder) rhs(v int32, e ast.Expr, i int) {
	e = ast.Unparen(e)
	var eType types.Type // e's, when i < 0
	if i < 0 {
		if other, ok := f.variableOf(e); ok {
			f.union(v, other)
			return
		}
		tv, ok := f.info.Types[e]
		if ok && (tv.Value != nil || tv.IsNil() || !hasPointers(tv.Type)) {
			return // a constant, nil, or nothing that points
		}
		eType = tv.Type
		if !ok {
			eType = f.info.TypeOf(e)
		}
		if f.staticFunc(e) {
			return
		}
		if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 && f.info.Types[call.Fun].IsType() && len(f.valuesAt(call.Lparen)) == 0 {
			f.rhs(v, call.Args[0], -1) // a conversion that changes nothing but the type
			return
		}
	}
	pos, static := f.position(e)
	if static {
		return
	}
	found := false
	for _, at := range f.valuesAt(pos) {
		x := at.value
		switch {
		case x == nil:
			found = true // in a block the compiler deletes
		case i >= 0:
			if _, isTuple := x.Type().(*types.Tuple); !isTuple {
				continue
			}
			for _, r := range *x.Referrers() {
				if ex, ok := r.(*ssa.Extract); ok && ex.Index == i && tracked(ex) {
					f.add(v, ex)
				}
			}
			found = true
		case types.Identical(x.Type(), eType):
			// An implicit conversion to the variable's type is the value
			// the variable holds, not what it converts: the box of
			// var e any = T{...} holds the literal, one level down.
			converted := false
			for _, r := range *x.Referrers() {
				if conv, ok := r.(ssa.Value); ok && !r.Pos().IsValid() && isConversion(r) && types.Identical(conv.Type(), f.vars[v].v.Type()) {
					f.add(v, conv)
					converted = true
				}
			}
			if !converted {
				f.add(v, x)
			}
			found = true
		}
	}
	if !found {
		f.vars[v].opaque = true
	}
}

// position returns the position of the value go/ssa computes for e, or
// whether e is static: the address of a package variable, or a zero
// composite literal (a constant).
func (f *varFinder) position(e ast.Expr) (pos token.Pos, static bool) {
	switch e := e.(type) {
	case *ast.UnaryExpr:
		if e.Op != token.AND {
			break
		}
		if id, ok := ast.Unparen(e.X).(*ast.Ident); ok {
			v, ok := f.info.ObjectOf(id).(*types.Var)
			if !ok || v.Parent() == v.Pkg().Scope() {
				return token.NoPos, true
			}
			return v.Pos(), false // the variable's own object
		}
		if sel, ok := ast.Unparen(e.X).(*ast.SelectorExpr); ok && f.info.Selections[sel] == nil {
			return token.NoPos, true // &pkg.Var
		}
	case *ast.CompositeLit:
		switch f.info.TypeOf(e).Underlying().(type) {
		case *types.Struct, *types.Array:
			if len(e.Elts) == 0 {
				return token.NoPos, true
			}
		}
	}
	return ssaPos(e), false
}

// staticFunc reports whether e is a function, or a function literal that
// captures nothing: static data, not a value of the frame.
func (f *varFinder) staticFunc(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Ident:
		_, isFunc := f.info.ObjectOf(e).(*types.Func)
		return isFunc
	case *ast.SelectorExpr:
		_, isFunc := f.info.ObjectOf(e.Sel).(*types.Func)
		return isFunc && f.info.Selections[e] == nil
	case *ast.FuncLit:
		return len(f.valuesAt(e.Type.Func)) == 0
	}
	return false
}

func isConversion(ins ssa.Instruction) bool {
	switch ins.(type) {
	case *ssa.MakeInterface, *ssa.ChangeInterface, *ssa.ChangeType:
		return true
	}
	return false
}

// ssaPos is the position go/ssa gives the value of e: the compiler's,
// but for a selector (at its name), a type assertion (at its parenthesis),
// a function literal (at its func keyword) and an address (at what it
// takes the address of).
func ssaPos(e ast.Expr) token.Pos {
	switch e := e.(type) {
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return ssaPos(ast.Unparen(e.X))
		}
	case *ast.SelectorExpr:
		return e.Sel.Pos()
	case *ast.TypeAssertExpr:
		return e.Lparen
	case *ast.FuncLit:
		return e.Type.Func
	}
	return CompilerPos(e)
}

// add records x as a value assigned to the variable numbered v.
func (f *varFinder) add(v int32, x ssa.Value) {
	f.vars[v].values = append(f.vars[v].values, x)
}

// find returns the variable that stands for v's class. It points every
// variable on the way at it, so that a variable assigned from many others
// (p = x1; ...; p = xn) is not a chain walked at each assignment.
func (f *varFinder) find(v int32) int32 {
	root := v
	for f.vars[root].parent != root {
		root = f.vars[root].parent
	}
	for v != root {
		next := f.vars[v].parent
		f.vars[v].parent = root
		v = next
	}
	return root
}

func (f *varFinder) union(a, b int32) {
	if ra, rb := f.find(a), f.find(b); ra != rb {
		f.vars[ra].parent = rb
	}
}

// noRoot marks, in variables' byRoot, a root whose joined variable is not
// made yet.
const noRoot = -1

// joining is what variables knows of one joined variable before it
// gathers the values: how many, whether one is missing, its loop depth
// (variable's), and its index among the variables returned (-1: not
// returned).
type joining struct {
	size      int
	opaque    bool
	loopDepth int
	out       int32
}

// variables returns the joined variables worth a rule, in a deterministic
// order (by the position of the variable that names each). Their values
// are counted first and gathered in one array: most variables have one
// value and are worth no rule.
func (f *varFinder) variables() []variable {
	f.joined, f.sorted = f.joined[:0], f.sorted[:0]
	f.byRoot = resized(f.byRoot, len(f.vars))
	for v := range f.vars {
		f.byRoot[v] = noRoot
		f.sorted = append(f.sorted, int32(v))
	}
	slices.SortFunc(f.sorted, func(a, b int32) int { return cmp.Compare(f.vars[a].v.Pos(), f.vars[b].v.Pos()) })
	for _, v := range f.sorted {
		root := f.find(v)
		i := f.byRoot[root]
		if i == noRoot {
			i = int32(len(f.joined))
			f.byRoot[root] = i
			f.joined = append(f.joined, joining{loopDepth: -1})
		}
		j := &f.joined[i]
		lv := &f.vars[v]
		j.size += len(lv.values)
		j.opaque = j.opaque || lv.opaque
		if lv.assignedDeeper && (j.loopDepth < 0 || lv.loopDepth < j.loopDepth) {
			j.loopDepth = lv.loopDepth
		}
	}
	kept, total := 0, 0
	for i := range f.joined {
		j := &f.joined[i]
		j.out = -1
		if j.size >= 2 || (j.opaque || j.loopDepth >= 0) && j.size > 0 {
			j.out = int32(kept)
			kept++
			total += j.size
		}
	}
	if kept == 0 {
		return nil
	}
	out := make([]variable, kept)
	values := make([]ssa.Value, total)
	for _, j := range f.joined {
		if j.out >= 0 {
			out[j.out] = variable{values: values[:0:j.size], opaque: j.opaque, loopDepth: j.loopDepth}
			values = values[j.size:]
		}
	}
	for _, v := range f.sorted {
		if j := f.joined[f.byRoot[f.find(v)]]; j.out >= 0 {
			out[j.out].values = append(out[j.out].values, f.vars[v].values...)
		}
	}
	return out
}
