package effects

import (
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Package variables that hold known functions. A call through an
// unexported package variable of func type, or through the methods of an
// unexported package variable of interface type, reaches what the package
// stores into it: `var update = updateGeneric`, perhaps replaced in init
// by `update = updateAVX2`; `var source Source = &runtimeSource{}`. When
// every store puts a known function (or a concrete type) there and the
// variable's address is never taken, the call may reach each of them and
// nothing else: no other package can name the variable. That tells what
// the call may allocate, not what it does with its arguments: the
// compiler's escape analysis never follows a package variable (it may be
// assigned anywhere), so the arguments of such a call escape
// (escapeCallee): crc32.ChecksumIEEE(b[:]) moves b to the heap through
// updateIEEE.

// varUses collects what the package's functions do with its variables,
// as add walks their code: the known values each function stores into
// them, and the variables that are used otherwise than loaded or
// assigned a known value.
type varUses struct {
	stores       map[*ssa.Function][]heldStore
	unresolvable map[*ssa.Global]bool
}

// heldStore is a store of a known value into a package variable.
type heldStore struct {
	g   *ssa.Global
	val ssa.Value
}

// operand records the use of the package variable g as operand i of ins,
// an instruction of fn.
func (u *varUses) operand(fn *ssa.Function, ins ssa.Instruction, i int, g *ssa.Global) {
	st, isStore := ins.(*ssa.Store)
	switch {
	case isStore && i == 0 && knownValue(st.Val):
		if u.stores == nil {
			u.stores = map[*ssa.Function][]heldStore{}
		}
		u.stores[fn] = append(u.stores[fn], heldStore{g, st.Val})
	case isLoad(ins):
	default:
		if u.unresolvable == nil {
			u.unresolvable = map[*ssa.Global]bool{}
		}
		u.unresolvable[g] = true // its address is taken, or it holds an unknown value
	}
}

// held maps each resolvable variable of the package to the values stored
// into it: functions for a func variable, MakeInterface instructions for
// an interface variable. The values are in a deterministic order: by the
// name of the function that stores them, then in its code's.
func (u *varUses) held() map[*ssa.Global][]ssa.Value {
	held := map[*ssa.Global][]ssa.Value{}
	funcs := slices.Collect(maps.Keys(u.stores))
	names := map[*ssa.Function]string{} // each built once, not at every comparison
	for _, fn := range funcs {
		names[fn] = fn.String()
	}
	slices.SortFunc(funcs, func(a, b *ssa.Function) int { return strings.Compare(names[a], names[b]) })
	for _, fn := range funcs {
		for _, st := range u.stores[fn] {
			held[st.g] = append(held[st.g], st.val)
		}
	}
	for g := range held {
		if u.unresolvable[g] || g.Object().Exported() {
			delete(held, g)
		}
	}
	return held
}

// knownValue reports whether v is a function known statically, or a
// value of a concrete type converted to an interface.
func knownValue(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Function:
		return true
	case *ssa.MakeInterface:
		return !types.IsInterface(v.X.Type())
	}
	return false
}

func isLoad(ins ssa.Instruction) bool {
	u, ok := ins.(*ssa.UnOp)
	return ok && u.Op == token.MUL
}

// knownCallees appends to out the functions a call may reach when they
// are all known: its static callee, or what the package variable it calls
// through may hold. None means the call is dynamic. The caller's array
// serves, as for ssa.Instruction.Operands: a package makes thousands of
// calls, nearly all to one function.
func (r *Result) knownCallees(c *ssa.CallCommon, out []*ssa.Function) []*ssa.Function {
	if callee := escapeCallee(c); callee != nil {
		return append(out, callee)
	}
	load, ok := c.Value.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return out
	}
	g, ok := load.X.(*ssa.Global)
	if !ok {
		return out
	}
	known := len(out)
	for _, v := range r.held[g] {
		switch v := v.(type) {
		case *ssa.Function:
			out = append(out, v)
		case *ssa.MakeInterface:
			if !c.IsInvoke() {
				return out[:known]
			}
			m := r.prog.LookupMethod(v.X.Type(), c.Method.Pkg(), c.Method.Name())
			if m == nil {
				return out[:known]
			}
			out = append(out, m)
		}
	}
	return out
}

// escapeCallee returns the function that the compiler's escape analysis
// knows a call reaches: its static callee, or the function that a local
// variable it follows holds. Nil means the call is dynamic to it.
func escapeCallee(c *ssa.CallCommon) *ssa.Function {
	if callee := c.StaticCallee(); callee != nil {
		return callee
	}
	if load, ok := c.Value.(*ssa.UnOp); ok && load.Op == token.MUL {
		return localFunc(load.X)
	}
	return nil
}

// localFunc returns the function that the local variable at addr holds
// when it is assigned once, a function or a function literal, never has its
// address taken and is only read by the literals that capture it: the
// compiler calls what it holds (cmd/compile/internal/ir: StaticValue).
// A variable captured by reference is one go/ssa keeps in memory, so a
// call through it loads it, here or in a literal.
func localFunc(addr ssa.Value) *ssa.Function {
	if fv, ok := addr.(*ssa.FreeVar); ok {
		addr = captured(fv)
	}
	alloc, ok := addr.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var stores []*ssa.Store
	var captures []*ssa.MakeClosure
	if !accesses(alloc, nil, &stores, &captures) || len(stores) != 1 {
		return nil
	}
	for _, mc := range captures {
		if !onlyRead(mc, alloc) {
			return nil
		}
	}
	switch v := stores[0].Val.(type) {
	case *ssa.Function:
		return v
	case *ssa.MakeClosure:
		return v.Fn.(*ssa.Function)
	}
	return nil
}

// captured returns the value that a literal's enclosing function binds to
// its free variable fv, or nil when it is not found.
func captured(fv *ssa.FreeVar) ssa.Value {
	lit := fv.Parent()
	j := slices.Index(lit.FreeVars, fv)
	if lit.Parent() == nil || j < 0 {
		return nil
	}
	for _, b := range lit.Parent().Blocks {
		for _, ins := range b.Instrs {
			if mc, ok := ins.(*ssa.MakeClosure); ok && mc.Fn == lit {
				return mc.Bindings[j]
			}
		}
	}
	return nil
}

// calleeArgs returns the arguments of a call as its callee's parameters
// see them: the receiver first for a call through an interface.
func calleeArgs(c *ssa.CallCommon) []ssa.Value {
	if c.IsInvoke() {
		return append([]ssa.Value{c.Value}, c.Args...)
	}
	return c.Args
}
