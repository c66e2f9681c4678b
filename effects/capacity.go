package effects

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// withinCheckedCapacity recognises an append of one element made right
// after a check that the slice has room for it,
//
//	if len(s) == cap(s) {              if len(s) < cap(s) {
//		return false                       s = append(s, x)
//	}                                  }
//	s = append(s, x)
//
// with nothing between the check and the append that could change s. The
// compiler still emits the growth path, but it never runs.
func withinCheckedCapacity(call *ssa.Call) bool {
	args := call.Call.Args
	if len(args) != 2 || !appendsOne(args[1]) {
		return false
	}
	b := call.Block()
	if len(b.Preds) != 1 {
		return false
	}
	p := b.Preds[0]
	iff, ok := p.Instrs[len(p.Instrs)-1].(*ssa.If)
	if !ok {
		return false
	}
	cond, ok := iff.Cond.(*ssa.BinOp)
	if !ok {
		return false
	}
	length, capacity, op := builtinArg(cond.X, "len"), builtinArg(cond.Y, "cap"), cond.Op
	if length == nil {
		length, capacity, op = builtinArg(cond.Y, "len"), builtinArg(cond.X, "cap"), mirror(op)
	}
	if length == nil || capacity == nil {
		return false
	}
	// len ≤ cap always holds, so len < cap and len != cap say there is room;
	// len == cap and len >= cap say there is none.
	onTrue := p.Succs[0] == b
	room := (op == token.LSS || op == token.NEQ) && onTrue || (op == token.EQL || op == token.GEQ) && !onTrue
	// A slice loaded from memory must be loaded in the checking block and
	// again in the appending one, so that the quiet instructions between
	// are all there is between the check and the append.
	s := args[0]
	loadedIn := func(v ssa.Value, blk *ssa.BasicBlock) bool {
		ins, ok := v.(ssa.Instruction)
		return v == s || ok && ins.Block() == blk
	}
	return room && sameSlice(length, s) && sameSlice(capacity, s) &&
		loadedIn(length, p) && loadedIn(capacity, p) && (length == s || loadedIn(s, b)) &&
		quietAfter(p.Instrs, firstLoad(p, length, capacity)) && quietAfter(b.Instrs[:indexOf(b, call)], 0)
}

// shiftsDown recognises the removal idiom append(s[:i], s[j:]...) with
// i <= j provable (i constant 0, j equal to i, or j = i + a non-negative
// constant): it writes len(s)-j elements after the first i, which fit in
// s's capacity, so the append never grows.
func shiftsDown(call *ssa.Call) bool {
	args := call.Call.Args
	if len(args) != 2 {
		return false
	}
	head, ok1 := args[0].(*ssa.Slice)
	tail, ok2 := args[1].(*ssa.Slice)
	if !ok1 || !ok2 || head.Low != nil || head.High == nil || head.Max != nil ||
		tail.Low == nil || tail.High != nil || tail.Max != nil {
		return false
	}
	if _, isSlice := head.X.Type().Underlying().(*types.Slice); !isSlice || !sameSlice(head.X, tail.X) {
		return false // a string's bytes, or an array's, are another memory
	}
	return notAfter(head.High, tail.Low)
}

// fitsKnownCapacity recognises an append of a constant number of values
// to a slice whose length and capacity are constants: one made with
// constant sizes, or a constant slicing of an array,
//
//	b := make([]byte, 0, 64)        var tmp [16]byte
//	b = append(b, '[')              b := append(tmp[:0], '%')
//
// go/ssa's values never change, so the slice appended to is exactly the
// one made there: when its length plus the values fit in its capacity,
// the append writes in place in every build.
func fitsKnownCapacity(call *ssa.Call) bool {
	args := call.Call.Args
	if len(args) != 2 {
		return false
	}
	added, ok := appendedCount(args[1])
	if !ok {
		return false
	}
	length, capacity, ok := knownLenCap(args[0])
	return ok && length+added <= capacity
}

// appendedCount returns how many values the second argument of append
// adds, when it is a constant: a variadic array, or a constant string.
func appendedCount(v ssa.Value) (int64, bool) {
	if c, ok := v.(*ssa.Const); ok && c.Value != nil && c.Value.Kind() == constant.String {
		return int64(len(constant.StringVal(c.Value))), true
	}
	s, ok := v.(*ssa.Slice)
	if !ok || s.Low != nil || s.High != nil || s.Max != nil {
		return 0, false
	}
	a, ok := s.X.(*ssa.Alloc)
	if !ok || a.Comment != "varargs" {
		return 0, false
	}
	if arr, ok := typeOfPointee(a).(*types.Array); ok {
		return arr.Len(), true
	}
	return 0, false
}

// knownLenCap returns the length and capacity of the slice v when both are
// constants.
func knownLenCap(v ssa.Value) (length, capacity int64, ok bool) {
	switch v := v.(type) {
	case *ssa.MakeSlice:
		length, ok1 := intConstant(v.Len)
		capacity, ok2 := intConstant(v.Cap)
		return length, capacity, ok1 && ok2
	case *ssa.Slice:
		a, isAlloc := v.X.(*ssa.Alloc)
		if !isAlloc {
			return 0, 0, false
		}
		arr, isArray := typeOfPointee(a).(*types.Array)
		if !isArray {
			return 0, 0, false
		}
		bound := func(x ssa.Value, otherwise int64) (int64, bool) {
			if x == nil {
				return otherwise, true
			}
			return intConstant(x)
		}
		low, ok1 := bound(v.Low, 0)
		high, ok2 := bound(v.High, arr.Len())
		limit, ok3 := bound(v.Max, arr.Len())
		return high - low, limit - low, ok1 && ok2 && ok3
	}
	return 0, 0, false
}

// intConstant returns the value of an integer constant.
func intConstant(v ssa.Value) (int64, bool) {
	c, ok := v.(*ssa.Const)
	if !ok || c.Value == nil {
		return 0, false
	}
	return constant.Int64Val(constant.ToInt(c.Value))
}

// notAfter reports whether i <= j is known: i is the constant 0, or j is
// i, or j is i plus a non-negative constant.
func notAfter(i, j ssa.Value) bool {
	if c, ok := i.(*ssa.Const); ok && c.Value != nil && constant.Sign(c.Value) == 0 {
		return true
	}
	if i == j {
		return true
	}
	sum, ok := j.(*ssa.BinOp)
	if !ok || sum.Op != token.ADD {
		return false
	}
	other := sum.Y
	if sum.Y == i {
		other = sum.X
	} else if sum.X != i {
		return false
	}
	c, ok := other.(*ssa.Const)
	return ok && c.Value != nil && constant.Sign(c.Value) >= 0
}

// appendsOne reports whether v is the variadic slice of exactly one value.
func appendsOne(v ssa.Value) bool {
	s, ok := v.(*ssa.Slice)
	if !ok {
		return false
	}
	a, ok := s.X.(*ssa.Alloc)
	if !ok || a.Comment != "varargs" {
		return false
	}
	arr, ok := typeOfPointee(a).(*types.Array)
	return ok && arr.Len() == 1
}

// builtinArg returns the argument of v when v is a call of the builtin.
func builtinArg(v ssa.Value, name string) ssa.Value {
	c, ok := v.(*ssa.Call)
	if !ok || !isBuiltinCall(c.Common(), name) {
		return nil
	}
	return c.Call.Args[0]
}

func mirror(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	}
	return op
}

// sameSlice reports whether a and b are the same slice: one value, or
// loads from one address.
func sameSlice(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	la, ok1 := a.(*ssa.UnOp)
	lb, ok2 := b.(*ssa.UnOp)
	return ok1 && ok2 && la.Op == token.MUL && lb.Op == token.MUL && sameAddr(la.X, lb.X)
}

func sameAddr(a, b ssa.Value) bool {
	if a == b {
		return true
	}
	fa, ok1 := a.(*ssa.FieldAddr)
	fb, ok2 := b.(*ssa.FieldAddr)
	return ok1 && ok2 && fa.X == fb.X && fa.Field == fb.Field
}

// firstLoad returns the index in p of the first of the values that is an
// instruction of p, or len(p.Instrs) when neither is (nothing in p can
// change them then).
func firstLoad(p *ssa.BasicBlock, vs ...ssa.Value) int {
	for i, ins := range p.Instrs {
		for _, v := range vs {
			if v, ok := v.(ssa.Instruction); ok && v == ins {
				return i
			}
		}
	}
	return len(p.Instrs)
}

func indexOf(b *ssa.BasicBlock, ins ssa.Instruction) int {
	for i, x := range b.Instrs {
		if x == ins {
			return i
		}
	}
	return len(b.Instrs)
}

// quietAfter reports whether the instructions from index i on cannot write
// memory: loads, address and value arithmetic, len and cap, and the
// filling of a variadic array.
func quietAfter(instrs []ssa.Instruction, i int) bool {
	for _, ins := range instrs[min(i, len(instrs)):] {
		switch ins := ins.(type) {
		case *ssa.UnOp, *ssa.BinOp, *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Field, *ssa.Index,
			*ssa.Slice, *ssa.Convert, *ssa.ChangeType, *ssa.If, *ssa.DebugRef:
		case *ssa.Alloc:
			if ins.Comment != "varargs" {
				return false
			}
		case *ssa.Store:
			if !fillsVarargs(ins) {
				return false
			}
		case *ssa.Call:
			if !isBuiltinCall(ins.Common(), "len") && !isBuiltinCall(ins.Common(), "cap") {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// fillsVarargs reports whether st stores into a variadic array.
func fillsVarargs(st *ssa.Store) bool {
	ia, ok := st.Addr.(*ssa.IndexAddr)
	if !ok {
		return false
	}
	a, ok := ia.X.(*ssa.Alloc)
	return ok && a.Comment == "varargs"
}

// extendsSlice recognises the make of append(s, make([]T, n)...), which
// the compiler compiles as an extension of s in place
// (cmd/compile/internal/walk: isAppendOfMake, extendSlice): growslice
// when s lacks the room, then clearing the new elements; the make is
// never allocated, and the append is the line's site. It requires no
// capacity argument, and a length whose type fits in a uint. (A build
// with -N, -race, -msan or -asan makes the slice: the append's site on
// the same line stands for it, in a function's verdict and for an allow
// of the line.)
func (f *siteFinder) extendsSlice(m *ssa.MakeSlice) bool {
	refs := *m.Referrers()
	if len(refs) != 1 {
		return false
	}
	call, ok := refs[0].(*ssa.Call)
	if !ok {
		return false
	}
	b, ok := call.Call.Value.(*ssa.Builtin)
	if !ok || b.Name() != "append" || len(call.Call.Args) != 2 || call.Call.Args[1] != m ||
		f.sizes.Sizeof(m.Len.Type()) > f.sizes.Sizeof(types.Typ[types.Uint]) {
		return false
	}
	f.pos.load(m.Pos())
	mk := f.pos.callAt(m.Pos())
	return mk != nil && len(mk.Args) == 2
}
