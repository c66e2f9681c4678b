package effects

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// liveBlocks returns, by block index, whether a block of fn can run once
// conditions known at compile time are decided. go/ssa keeps both arms of
// `if runtime.GOOS == "windows"`, `if os.PathSeparator == '/'` or
// `if debug` with a constant debug; the compiler deletes the arm that
// cannot run, and so does the model.
func liveBlocks(fn *ssa.Function) []bool {
	live := make([]bool, len(fn.Blocks))
	var stack []*ssa.BasicBlock
	push := func(b *ssa.BasicBlock) {
		if b != nil && !live[b.Index] {
			live[b.Index] = true
			stack = append(stack, b)
		}
	}
	if len(fn.Blocks) > 0 {
		push(fn.Blocks[0])
	}
	push(fn.Recover)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if iff, ok := b.Instrs[len(b.Instrs)-1].(*ssa.If); ok {
			if taken, known := constantCondition(iff.Cond); known {
				if taken {
					push(b.Succs[0])
				} else {
					push(b.Succs[1])
				}
				continue
			}
		}
		for _, s := range b.Succs {
			push(s)
		}
	}
	return live
}

// constantCondition returns the value of a condition known at compile
// time: a constant, or a comparison of two constants (go/ssa compares a
// constant switch tag with each case).
func constantCondition(v ssa.Value) (value, known bool) {
	switch v := v.(type) {
	case *ssa.UnOp:
		// cgo's wrappers keep their arguments alive for the compiler
		// with `if _Cgo_always_false { _Cgo_use(p0) }`: a variable that
		// is never set, so the boxes in that block never run.
		if g, ok := v.X.(*ssa.Global); ok && v.Op == token.MUL && g.Name() == "_Cgo_always_false" {
			return false, true
		}
	case *ssa.Const:
		if v.Value != nil && v.Value.Kind() == constant.Bool {
			return constant.BoolVal(v.Value), true
		}
	case *ssa.BinOp:
		x, ok1 := v.X.(*ssa.Const)
		y, ok2 := v.Y.(*ssa.Const)
		if !ok1 || !ok2 || x.Value == nil || y.Value == nil {
			return false, false
		}
		switch v.Op {
		case token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ:
			return constant.Compare(x.Value, v.Op, y.Value), true
		}
	}
	return false, false
}
