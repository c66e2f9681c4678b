package effects

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// Boxes. Converting a value to an interface costs what the compiler
// makes of the converted expression (cmd/compile/internal/walk: order.go
// addrTemp, convert.go dataWord; escape.go rewrites the conversion of a
// variable that holds a constant):
//
//   - a constant, a struct or array literal of constants (however nested),
//     or a local variable that the compiler follows to one of these, is
//     laid out in read-only static data: nothing is allocated. The
//     compiler follows a variable defined once (x := e, var x = e), never
//     assigned again, not even through a field or an element, whose
//     address is not taken (ir.StaticValue); it follows one to a literal
//     only when the value is passed to the runtime by address (convT,
//     convTnoptr);
//   - anything else goes through a runtime conversion function, chosen by
//     the type's size and alignment: convT16, convT32 and convT64 return
//     static memory for a value below 256, convTstring for "",
//     convTslice for a nil slice; convT and convTnoptr always allocate.
//     A value that the model knows (a go/ssa constant: a zero value, or a
//     constant held in a variable the compiler does not follow) is judged
//     by that; any other by its type alone (BoxFree).
//
// The compiler makes no static data of boxed values, nor of the literals
// of package initialisers (staticdata.go), in the packages of the FIPS
// 140 module (crypto/internal/fips140/...: its code is hashed at run
// time, and the relocations of such data would break the hash): there
// even a boxed constant goes through the runtime's conversion
// (panic("x") calls convTstring), and var table = []uint16{...} is
// allocated by the package's init.

// Boxes answers, from a package's syntax and types, whether converting an
// expression to an interface needs storage of its own, by the rules the
// model uses for its box sites. The agree command's judge asks it about
// the compiler's heap decisions.
type Boxes struct {
	pos    *positions
	sizes  types.Sizes
	static bool // LaysOutStaticData
}

// NewBoxes returns the Boxes of the package with the import path path.
func NewBoxes(path string, files []*ast.File, info *types.Info, sizes types.Sizes) *Boxes {
	return &Boxes{newPositions(files, info), sizes, LaysOutStaticData(path)}
}

// Free says why converting e, an expression of a non-interface type, to
// an interface allocates nothing, however the interface is used, or
// returns "" when it may allocate.
func (b *Boxes) Free(e ast.Expr) string { return b.pos.boxFree(e, b.sizes, b.static) }

// LaysOutStaticData reports whether the compiler lays out the boxed
// constants and literals of constants, and the literals of package
// initialisers, of the package with the import path path in static data:
// everywhere but in the FIPS 140 module (the compiler's own test,
// cmd/internal/obj.Link.IsFIPS; external test packages are outside it).
func LaysOutStaticData(path string) bool {
	if strings.HasSuffix(path, "_test") {
		return true
	}
	return path != "crypto/internal/fips140" && !strings.HasPrefix(path, "crypto/internal/fips140/")
}

// needsBox reports whether the conversion mi needs storage of its own,
// when it escapes.
func (f *siteFinder) needsBox(mi *ssa.MakeInterface) bool {
	if refs := *mi.Referrers(); len(refs) == 1 {
		if pn, ok := refs[0].(*ssa.Panic); ok && !f.pos.programPanic(pn) {
			return false // no code of the program
		}
	}
	e := f.pos.convertedExpr(mi)
	if e != nil && f.pos.boxFree(e, f.sizes, f.staticLayout) != "" {
		return false
	}
	if c, ok := mi.X.(*ssa.Const); ok {
		if e == nil && f.staticLayout && !f.pos.unfollowedVarOfType(mi.Parent(), c.Type()) {
			// No variable that the compiler does not follow could
			// have held the constant: the operand is a constant, or a
			// variable the compiler follows to one.
			return false
		}
		return valueBoxFree(c.Type(), c.Value, f.sizes) == ""
	}
	return BoxFree(mi.X.Type(), f.sizes) == ""
}

// unfollowedVarOfType reports whether the source function of fn (the
// outermost one, for a function literal) declares a variable of type t that
// the compiler does not follow to its definition: go/ssa replaces a use
// of a variable by the constant it holds there, whatever the compiler
// makes of it.
func (p *positions) unfollowedVarOfType(fn *ssa.Function, t types.Type) bool {
	var syntax ast.Node // of the outermost function with syntax: a literal in a package initialiser has its own
	for ; fn != nil; fn = fn.Parent() {
		if s := fn.Syntax(); s != nil {
			syntax = s
		}
	}
	if syntax == nil || p.info == nil {
		return false
	}
	return p.unfollowedTypesIn(syntax).At(t) != nil
}

// unfollowedTypesIn returns the types of the variables that the function
// syntax declares and that the compiler does not follow, gathered in one
// walk on first use: a generated function may box thousands of constants.
func (p *positions) unfollowedTypesIn(syntax ast.Node) *typeutil.Map {
	if found, ok := p.unfollowedTypes[syntax]; ok {
		return found
	}
	p.load(syntax.Pos())
	found := new(typeutil.Map)
	ast.Inspect(syntax, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := p.info.Defs[id].(*types.Var); ok && !v.IsField() {
				if _, followed := p.initial[v]; !followed || p.unfollowed[v] {
					found.Set(v.Type(), true)
				}
			}
		}
		return true
	})
	if p.unfollowedTypes == nil {
		p.unfollowedTypes = map[ast.Node]*typeutil.Map{}
	}
	p.unfollowedTypes[syntax] = found
	return found
}

// convertedExpr returns the expression that mi converts, or nil when it
// is unknown.
func (p *positions) convertedExpr(mi *ssa.MakeInterface) ast.Expr {
	var e ast.Expr
	if pos := mi.Pos(); pos.IsValid() {
		p.load(pos)
		if args := p.operandsAt(pos); len(args) == 1 {
			e = args[0] // an explicit conversion, any(x)
		}
	} else {
		e = p.useExpr(mi)
	}
	if t := p.exprType(e); t == nil || !types.Identical(types.Default(t), mi.X.Type()) {
		return nil // not the value converted
	}
	return e
}

// boxFree says why converting e to an interface allocates nothing, or
// returns "" when it may; static says whether the compiler lays out
// boxed constants in static data (LaysOutStaticData).
func (p *positions) boxFree(e ast.Expr, sizes types.Sizes, static bool) string {
	p.load(e.Pos()) // the variables it may name are declared there
	t := p.exprType(e)
	if t != nil {
		t = types.Default(t) // an untyped comparison keeps its untyped type
	}
	if b, ok := t.(*types.Basic); ok && b.Kind() == types.UntypedNil {
		return ""
	}
	if t == nil || types.IsInterface(t) || dependsOnTypeParam(t, nil) {
		return ""
	}
	if why := BoxFree(t, sizes); why != "" {
		return why
	}
	v := p.staticValue(e)
	if !static {
		if tv := p.info.Types[v]; tv.Value != nil {
			return valueBoxFree(t, tv.Value, sizes) // converted at run time, the constant's value known
		}
	} else if p.isConstant(v) {
		return "a constant: static data, no allocation"
	}
	conv := runtimeConversion(t, sizes)
	if static && p.staticLiteral(v) && (v == ast.Unparen(e) || conv == "convT" || conv == "convTnoptr") {
		return "a literal of constants: static data, no allocation"
	}
	if p.zeroValue(v) {
		return valueBoxFree(t, nil, sizes)
	}
	return ""
}

// staticValue follows e through the local variables that the compiler
// follows to their definition (ir.StaticValue).
func (p *positions) staticValue(e ast.Expr) ast.Expr {
	for {
		e = ast.Unparen(e)
		obj := p.local(e)
		if obj == nil || p.unfollowed[obj] {
			return e
		}
		decl, ok := p.initial[obj]
		if !ok {
			return e
		}
		e = decl
	}
}

// local returns the local variable that e names, or nil.
func (p *positions) local(e ast.Expr) *types.Var {
	id, ok := e.(*ast.Ident)
	if !ok || p.info == nil {
		return nil
	}
	if v := p.info.ObjectOf(id); isLocal(v) {
		return v.(*types.Var)
	}
	return nil
}

// isLocal reports whether obj is a local variable: the tables of
// positions are asked about local variables only.
func isLocal(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	return ok && !v.IsField() && v.Pkg() != nil && v.Parent() != v.Pkg().Scope()
}

func (p *positions) isConstant(e ast.Expr) bool {
	tv, ok := p.info.Types[e]
	return ok && (tv.Value != nil || tv.IsNil())
}

// staticLiteral reports whether e is a struct or array literal whose
// elements are constants or such literals (walk.isStaticCompositeLiteral).
// An element of interface type must be nil: a constant boxed into one
// makes the literal allocate (sinkAny = [1]any{1000} allocates once).
func (p *positions) staticLiteral(e ast.Expr) bool {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return false
	}
	var elemType func(i int, key ast.Expr) types.Type
	switch t := p.exprType(lit).Underlying().(type) {
	case *types.Struct:
		elemType = func(i int, key ast.Expr) types.Type {
			if id, ok := key.(*ast.Ident); ok {
				return p.info.ObjectOf(id).Type()
			}
			return t.Field(i).Type()
		}
	case *types.Array:
		elemType = func(int, ast.Expr) types.Type { return t.Elem() }
	default:
		return false
	}
	for i, elt := range lit.Elts {
		var key ast.Expr
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			key, elt = kv.Key, kv.Value
		}
		if types.IsInterface(elemType(i, key)) && !p.info.Types[elt].IsNil() {
			return false
		}
		if !p.isConstant(elt) && !p.staticLiteral(elt) {
			return false
		}
	}
	return true
}

// zeroValue reports whether e is always a zero value: *new(T), T(nil), or a
// local variable declared without a value that nothing writes.
func (p *positions) zeroValue(e ast.Expr) bool {
	if call, ok := e.(*ast.CallExpr); ok && len(call.Args) == 1 && p.info.Types[call.Fun].IsType() {
		return p.info.Types[call.Args[0]].IsNil() // T(nil)
	}
	if star, ok := e.(*ast.StarExpr); ok {
		call, ok := ast.Unparen(star.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		_, builtin := p.info.Uses[id].(*types.Builtin)
		return ok && builtin && id.Name == "new" && len(call.Args) == 1 && p.info.Types[call.Args[0]].IsType()
	}
	obj := p.local(e)
	return obj != nil && p.zeroDeclared[obj] && !p.unfollowed[obj]
}

// unfollow records that the variable at the root of e, through
// parentheses, fields and elements, is written or addressed there in a
// way that the compiler does not follow: a bare variable counts only
// when bare is set (its plain assignments are counted by declare).
func (p *positions) unfollow(e ast.Expr, bare bool) {
	if e == nil || p.info == nil {
		return
	}
	if _, ok := ast.Unparen(e).(*ast.Ident); ok && !bare {
		return
	}
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.Ident:
			if obj := p.info.ObjectOf(x); isLocal(obj) {
				p.unfollowed[obj] = true
			}
			return
		default:
			return
		}
	}
}

// callsPointerMethod reports whether sel selects a method with a pointer
// receiver on a value that is not a pointer, which takes the value's
// address (x.M() is (&x).M()).
func (p *positions) callsPointerMethod(sel *ast.SelectorExpr) bool {
	if p.info == nil {
		return false
	}
	s := p.info.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return false
	}
	_, pointerReceiver := s.Obj().(*types.Func).Signature().Recv().Type().(*types.Pointer)
	_, onPointer := s.Recv().Underlying().(*types.Pointer)
	return pointerReceiver && !onPointer
}

// runtimeConversion returns the runtime function that converts a value
// of type t to an interface (walk.dataWordFuncName).
func runtimeConversion(t types.Type, sizes types.Sizes) string {
	size, align := sizes.Sizeof(t), sizes.Alignof(t)
	switch {
	case size == 2 && align == 2:
		return "convT16"
	case size == 4 && align == 4 && !hasPointers(t):
		return "convT32"
	case size == 8 && align == sizes.Alignof(types.Typ[types.Uint64]) && !hasPointers(t):
		return "convT64"
	}
	switch sole := soleComponent(t).Underlying().(type) {
	case *types.Basic:
		if sole.Info()&types.IsString != 0 {
			return "convTstring"
		}
	case *types.Slice:
		return "convTslice"
	}
	if hasPointers(t) {
		return "convT"
	}
	return "convTnoptr"
}

// soleComponent returns the only element of t, through structs of one
// field and arrays of one element (types.Type.SoleComponent).
func soleComponent(t types.Type) types.Type {
	for {
		switch u := t.Underlying().(type) {
		case *types.Struct:
			if u.NumFields() != 1 {
				return t
			}
			t = u.Field(0).Type()
		case *types.Array:
			if u.Len() != 1 {
				return t
			}
			t = u.Elem()
		default:
			return t
		}
	}
}

// valueBoxFree says why the runtime's conversion of the value v of type
// t to an interface allocates nothing, or returns "" when it allocates.
// A nil v is the zero value.
func valueBoxFree(t types.Type, v constant.Value, sizes types.Sizes) string {
	if why := BoxFree(t, sizes); why != "" {
		return why
	}
	if dependsOnTypeParam(t, nil) {
		return ""
	}
	switch runtimeConversion(t, sizes) {
	case "convT16", "convT32", "convT64":
		if belowStaticTable(v) {
			return "a value below 256: the runtime's static table, no allocation"
		}
	case "convTstring":
		if v == nil || v.Kind() == constant.String && constant.StringVal(v) == "" {
			return "the empty string: no allocation"
		}
	case "convTslice":
		return "a nil slice: no allocation"
	}
	return ""
}

// belowStaticTable reports whether the bits of v, as convT16, convT32 and
// convT64 read them, are below 256 (runtime.staticuint64s). Of the
// floating-point values only zero is, of those a constant can hold.
func belowStaticTable(v constant.Value) bool {
	if v == nil {
		return true
	}
	switch v.Kind() {
	case constant.Int:
		return constant.Sign(v) >= 0 && constant.Compare(v, token.LSS, constant.MakeInt64(256))
	case constant.Float, constant.Complex:
		return constant.Sign(v) == 0
	case constant.Bool:
		return true
	}
	return false
}
