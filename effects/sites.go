package effects

import (
	"go/constant"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// Stack limits of the Go compiler (cmd/compile/internal/ir: MaxStackVarSize
// and MaxImplicitStackVarSize): a larger explicitly declared variable, or a
// larger implicit allocation (new, &T{}, constant-size make), is put on the
// heap even when it does not escape.
const (
	maxStackVarSize         = 128 << 10
	maxImplicitStackVarSize = 64 << 10
	// maxStackMapHint is the largest make(map) hint for which a
	// non-escaping map keeps its first bucket in the frame.
	maxStackMapHint = 8
	// tmpBufSize is the runtime's stack buffer for short strings and
	// conversions that do not escape (runtime.tmpBuf).
	tmpBufSize = 32
)

// A Site is one direct allocation in a function's own body.
type Site struct {
	Kind  Kind
	Pos   token.Pos
	Instr ssa.Instruction // for a closure of a dictionary, a plain function value in go/ssa (capturesDictionary), the first instruction using it
}

// siteFinder classifies the instructions of one function.
type siteFinder struct {
	esc   *escapeResult
	sizes types.Sizes
	loops *loopForest
	pos   *positions

	// readOnly reports whether a byte slice is only read, here and in
	// the functions of the package it is passed to (readonly.go).
	readOnly func(ssa.Value) bool

	compiler *compilerLog // the compiler's decisions, when the model follows them
	compiled bool         // the compiler made decisions in this function

	staticLayout bool // the compiler lays constant data out statically (LaysOutStaticData)
}

// site returns the allocation kind of ins and whether it allocates.
func (f *siteFinder) site(ins ssa.Instruction) (Kind, bool) {
	switch ins := ins.(type) {
	case *ssa.Alloc:
		return f.alloc(ins)
	case *ssa.MakeSlice:
		// Not constant-size, or go/ssa would have built an Alloc.
		return MakeSlice, !f.extendsSlice(ins)
	case *ssa.MakeMap:
		return MakeMap, f.escapes(MakeMap, ins) || !smallConstant(ins.Reserve, maxStackMapHint)
	case *ssa.MakeChan:
		return MakeChan, true
	case *ssa.MakeClosure:
		if boundMethod(ins) {
			return MethodValue, f.escapes(MethodValue, ins)
		}
		return Closure, f.escapes(Closure, ins)
	case *ssa.MakeInterface:
		return Box, f.escapes(Box, ins) && f.needsBox(ins) && !(f.staticLayout && staticBox(ins))
	case *ssa.ChangeType:
		// go/ssa converts a type parameter to an interface with ChangeType:
		// a box for every type argument that is not pointer-shaped.
		return Box, boxesTypeParam(ins.X, ins.Type()) && f.escapes(Box, ins)
	case *ssa.Convert:
		return Convert, copies(ins) && !f.zeroCopy(ins) && !(f.staticLayout && staticConversion(ins))
	case *ssa.BinOp:
		return Concat, ins.Op == token.ADD && isString(ins.Type()) && f.pos.concatenates(ins)
	case *ssa.Call:
		b, ok := ins.Call.Value.(*ssa.Builtin)
		return Append, ok && b.Name() == "append" && !withinCheckedCapacity(ins) && !shiftsDown(ins) && !fitsKnownCapacity(ins)
	case *ssa.MapUpdate:
		return MapInsert, true
	case *ssa.Go:
		return Go, true
	case *ssa.Defer:
		return Defer, f.loops.depth(ins.Block()) > 0 || ins.DeferStack != nil
	}
	return None, false
}

// capturesDictionary reports whether fn, used as a value, is a closure of
// its instantiation's dictionary. The compiler stencils generic code by GC
// shape, passing each instantiation a dictionary of its type arguments,
// where go/ssa builds the generic form and sees no closure in:
//   - a function literal of generic code (in a generic function or a
//     method of a generic type) that captures no variable: a plain
//     function value, static data in ordinary code;
//   - a generic function instantiated with type parameters
//     (cmp.Compare[T]), or a method expression of a generic type
//     ((*List[T]).Push): its code needs the instantiation's types.
//
// Such a closure is made where the value is used, and allocates when it
// escapes, like one that captures variables (a MakeClosure).
func capturesDictionary(fn *ssa.Function) bool {
	if fn.Parent() != nil {
		return len(fn.FreeVars) == 0 && generic(fn)
	}
	return slices.ContainsFunc(fn.TypeArgs(), mentionsTypeParam) || mentionsTypeParam(fn.Signature)
}

// dictionaryClosure reports whether fn, a function used as a value in the
// function's body, is a closure of its dictionary that escapes. The
// compiler's escape log says nothing of an instantiation's closure, and
// decides a literal's at its func keyword.
func (f *siteFinder) dictionaryClosure(fn *ssa.Function) bool {
	switch {
	case !capturesDictionary(fn):
		return false
	case fn.Parent() == nil:
		return f.esc.escapes(fn)
	}
	return f.escapes(Closure, fn)
}

func (f *siteFinder) alloc(a *ssa.Alloc) (Kind, bool) {
	size, known := sizeof(f.sizes, typeOfPointee(a))
	if known && size == 0 {
		return None, false // runtime.zerobase
	}
	kind, limit := Escape, int64(maxStackVarSize)
	switch a.Comment {
	case "new":
		kind, limit = New, maxImplicitStackVarSize
	case "complit", "slicelit":
		kind, limit = Composite, maxImplicitStackVarSize
	case "varargs":
		kind, limit = Variadic, maxImplicitStackVarSize
	case "makeslice":
		kind, limit = MakeSlice, maxImplicitStackVarSize
	}
	return kind, (f.escapes(kind, a) || known && size > limit) && !(f.staticLayout && staticData(a))
}

// sizeof is types.Sizes.Sizeof for types whose size is known before
// instantiation; the size of a type that depends on a type parameter is
// unknown.
func sizeof(sizes types.Sizes, t types.Type) (int64, bool) {
	if dependsOnTypeParam(t, nil) {
		return 0, false
	}
	return sizes.Sizeof(t), true
}

func dependsOnTypeParam(t types.Type, seen map[types.Type]bool) bool {
	switch t := t.(type) {
	case *types.TypeParam:
		return true
	case *types.Named:
		if seen[t] {
			return false
		}
		if seen == nil {
			seen = map[types.Type]bool{}
		}
		seen[t] = true
		if args := t.TypeArgs(); args != nil {
			for i := range args.Len() {
				if dependsOnTypeParam(args.At(i), seen) {
					return true
				}
			}
		}
		return t.TypeParams() != nil && t.TypeArgs() == nil || dependsOnTypeParam(t.Underlying(), seen)
	case *types.Alias:
		return dependsOnTypeParam(types.Unalias(t), seen)
	case *types.Array:
		return dependsOnTypeParam(t.Elem(), seen)
	case *types.Struct:
		for i := range t.NumFields() {
			if dependsOnTypeParam(t.Field(i).Type(), seen) {
				return true
			}
		}
	}
	return false
}

// mentionsTypeParam reports whether t is, or is built from, a type
// parameter.
func mentionsTypeParam(t types.Type) bool {
	switch t := t.(type) {
	case *types.TypeParam:
		return true
	case *types.Named:
		for arg := range t.TypeArgs().Types() {
			if mentionsTypeParam(arg) {
				return true
			}
		}
	case *types.Alias:
		return mentionsTypeParam(types.Unalias(t))
	case *types.Pointer:
		return mentionsTypeParam(t.Elem())
	case *types.Slice:
		return mentionsTypeParam(t.Elem())
	case *types.Array:
		return mentionsTypeParam(t.Elem())
	case *types.Chan:
		return mentionsTypeParam(t.Elem())
	case *types.Map:
		return mentionsTypeParam(t.Key()) || mentionsTypeParam(t.Elem())
	case *types.Signature:
		return mentionsTypeParam(t.Params()) || mentionsTypeParam(t.Results())
	case *types.Tuple:
		for v := range t.Variables() {
			if mentionsTypeParam(v.Type()) {
				return true
			}
		}
	case *types.Struct:
		for f := range t.Fields() {
			if mentionsTypeParam(f.Type()) {
				return true
			}
		}
	}
	return false
}

// boundMethod reports whether mc makes a method value, x.M: go/ssa's
// bound method wrapper, a synthetic function inside no other. The body of
// a range-over-func loop is synthetic too, a function literal of the
// function that holds the loop.
func boundMethod(mc *ssa.MakeClosure) bool {
	fn := mc.Fn.(*ssa.Function)
	return fn.Synthetic != "" && fn.Parent() == nil
}

func typeOfPointee(a *ssa.Alloc) types.Type {
	return a.Type().Underlying().(*types.Pointer).Elem()
}

// BoxFree says why converting a non-constant value of type t to an
// interface needs no storage of its own, or returns "" when it may.
func BoxFree(t types.Type, sizes types.Sizes) string {
	if _, ok := t.(*types.TypeParam); ok {
		return ""
	}
	if pointerShaped(t) {
		return "pointer-shaped: the interface's data word, no allocation"
	}
	switch size, known := sizeof(sizes, t); {
	case !known || size > 1:
		return ""
	case size == 0:
		return "zero size: runtime.zerobase, no allocation"
	}
	// The runtime's table serves a byte or a bool, alone or as the sole
	// component of a struct or array (walk.dataWord); a struct of a byte
	// and a zero-size field goes through convTnoptr.
	if b, ok := soleComponent(t).Underlying().(*types.Basic); !ok || b.Info()&(types.IsInteger|types.IsBoolean) == 0 {
		return ""
	}
	return "a single byte: the runtime's static table, no allocation"
}

func boxesTypeParam(x ssa.Value, to types.Type) bool {
	_, fromTypeParam := x.Type().(*types.TypeParam)
	return fromTypeParam && types.IsInterface(to)
}

func pointerShaped(t types.Type) bool {
	switch t := t.Underlying().(type) {
	case *types.Pointer, *types.Chan, *types.Map, *types.Signature:
		return true
	case *types.Basic:
		return t.Kind() == types.UnsafePointer
	case *types.Struct:
		return t.NumFields() == 1 && pointerShaped(t.Field(0).Type())
	case *types.Array:
		return t.Len() == 1 && pointerShaped(t.Elem())
	}
	return false
}

// boxed reports whether an interface holds a value of type t in a box of
// its own, out of which a type assertion copies the value: a type that is
// neither an interface nor pointer-shaped, or a type parameter whose every
// type is such a type (T constrained by int | string | time.Time: the
// compiler compiles each instantiation's assertion for its shape).
func boxed(t types.Type) bool {
	if tp, ok := t.(*types.TypeParam); ok {
		return boxedTypeSet(tp.Constraint().Underlying().(*types.Interface))
	}
	return !types.IsInterface(t) && !pointerShaped(t)
}

// boxedTypeSet reports whether every type of the type set of iface is
// boxed: a type set is the intersection of its embedded elements', so one
// element of only boxed types is enough. An interface of methods alone
// admits any type.
func boxedTypeSet(iface *types.Interface) bool {
	for e := range iface.EmbeddedTypes() {
		switch e := e.(type) {
		case *types.Union:
			all := true
			for term := range e.Terms() {
				all = all && boxedTerm(term.Type())
			}
			if all {
				return true
			}
		default:
			if boxedTerm(e) {
				return true
			}
		}
	}
	return false
}

// boxedTerm reports whether every type of a type set's term t is boxed.
func boxedTerm(t types.Type) bool {
	if iface, ok := t.Underlying().(*types.Interface); ok {
		return boxedTypeSet(iface)
	}
	return boxed(t)
}

func smallConstant(v ssa.Value, limit int64) bool {
	if v == nil {
		return true
	}
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil {
		return ok
	}
	n, exact := constant.Int64Val(constant.ToInt(c.Value))
	return exact && n <= limit
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// copies reports whether a conversion builds new memory: string to and
// from byte and rune slices, and integer to string.
func copies(c *ssa.Convert) bool {
	from, to := c.X.Type().Underlying(), c.Type().Underlying()
	if isString(to) {
		_, fromSlice := from.(*types.Slice)
		b, fromBasic := from.(*types.Basic)
		return fromSlice || fromBasic && b.Info()&types.IsInteger != 0
	}
	_, toSlice := to.(*types.Slice)
	return toSlice && isString(from)
}

// zeroCopy recognises the conversions the compiler performs without a
// copy: string(b) that is itself the operand of a comparison, a map
// lookup, a concatenation with a constant, len or a switch of constants
// (inplace.go); string(r) of a rune only read there; []byte(s) that does
// not escape and is only read; and short constant strings converted into
// a non-escaping buffer.
func (f *siteFinder) zeroCopy(c *ssa.Convert) bool {
	refs := *c.Referrers()
	if isString(c.Type()) {
		// string(r) of a rune is decoded into a 4-byte stack buffer
		// wherever it is read; string(b) is read in place only as the
		// operand itself (inplace.go), and string(runes) never is.
		if _, fromSlice := c.X.Type().Underlying().(*types.Slice); fromSlice && !(isByteSlice(c.X.Type()) && f.pos.convertsInPlace(c.Pos())) {
			return false
		}
		for _, r := range refs {
			if !readsStringInPlace(r, c) {
				return false
			}
		}
		return true
	}
	if f.compiler != nil && f.compiler.zeroCopy(f.pos.of(Convert, c)) {
		return true
	}
	if f.escapes(Convert, c) {
		return false
	}
	if k, ok := c.X.(*ssa.Const); ok && k.Value != nil && len(constant.StringVal(k.Value)) <= tmpBufSize {
		return true
	}
	if !isByteSlice(c.Type()) {
		return len(refs) == 0 // []rune(s) is always decoded into new memory
	}
	return f.readOnly(c)
}

func isByteSlice(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

func readsStringInPlace(r ssa.Instruction, s ssa.Value) bool {
	switch r := r.(type) {
	case *ssa.BinOp:
		switch r.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ, token.ADD:
			return true
		}
	case *ssa.Lookup:
		_, isMap := r.X.Type().Underlying().(*types.Map)
		return isMap && r.Index == s
	case *ssa.Call:
		return isBuiltinCall(r.Common(), "len")
	}
	return false
}

// readsBytes reports whether r only reads the byte slice b.
func readsBytes(r ssa.Instruction, b ssa.Value) bool {
	switch r := r.(type) {
	case *ssa.IndexAddr:
		for _, rr := range *r.Referrers() {
			if u, ok := rr.(*ssa.UnOp); !ok || u.Op != token.MUL {
				return false
			}
		}
		return true
	case *ssa.Index:
		return true
	case *ssa.Call:
		c := r.Common()
		return isBuiltinCall(c, "len") || isBuiltinCall(c, "cap") ||
			isBuiltinCall(c, "copy") && c.Args[1] == b ||
			isBuiltinCall(c, "append") && c.Args[1] == b
	}
	return false
}

func isBuiltinCall(c *ssa.CallCommon, name string) bool {
	b, ok := c.Value.(*ssa.Builtin)
	return ok && b.Name() == name
}

// panicOnly returns, by block index, whether every path from the block
// ends in a panic (go/ssa also ends blocks in a panic after a call to a
// function that never returns, such as os.Exit).
func panicOnly(fn *ssa.Function) []bool {
	dead := make([]bool, len(fn.Blocks))
	for changed := true; changed; {
		changed = false
		for _, b := range fn.Blocks {
			if dead[b.Index] {
				continue
			}
			if mustPanic(b, dead) {
				dead[b.Index] = true
				changed = true
			}
		}
	}
	return dead
}

func mustPanic(b *ssa.BasicBlock, dead []bool) bool {
	if len(b.Instrs) > 0 {
		if _, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Panic); ok {
			return true
		}
	}
	if len(b.Succs) == 0 {
		return false
	}
	for _, s := range b.Succs {
		if !dead[s.Index] {
			return false
		}
	}
	return true
}
