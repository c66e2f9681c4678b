package effects

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Effect contracts. //fallible:strict on an interface method or a named
// func type promises that whatever is called through it does not allocate.
// A call through a contract is then clean, and the promise is checked
// where a value acquires the contract type: converting a concrete type to
// the interface needs each of its contract methods clean, converting a
// function to the func type needs the function clean. A value whose callee
// cannot be known there (another interface, a func value from elsewhere)
// is a violation too, since nothing checked it.

// contracted reports whether a dynamic call goes through a contract.
func (r *Result) contracted(c *ssa.CallCommon) bool {
	if r.cfg.Contract == nil {
		return false
	}
	if c.IsInvoke() {
		return r.cfg.Contract(c.Method.Origin())
	}
	return r.contractType(c.Value.Type()) != nil
}

// contractType returns the type name of t when t is a named func type
// with a contract.
func (r *Result) contractType(t types.Type) *types.TypeName {
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil
	}
	obj := named.Origin().Obj()
	if _, isFunc := named.Underlying().(*types.Signature); !isFunc || !r.cfg.Contract(obj) {
		return nil
	}
	return obj
}

// A Violation is a value given a contract type that does not keep the
// contract.
type Violation struct {
	Pos      token.Pos
	Contract types.Object  // the interface method or the func type's name
	Concrete types.Type    // the type converted to the interface; nil for a func type
	Callee   *ssa.Function // the function that may allocate; nil when it cannot be known
	Unknown  string        // what could not be checked, when Callee is nil
}

// Violations returns the contract violations in fn's own body.
func (r *Result) Violations(fn *ssa.Function) []Violation {
	if r.cfg.Contract == nil {
		return nil
	}
	var out []Violation
	n := r.nodes[canonical(fn)]
	for _, b := range fn.Blocks {
		if n != nil && n.live != nil && !n.live[b.Index] {
			continue // deleted by the compiler
		}
		for _, ins := range b.Instrs {
			out = r.checkConversion(ins, out)
		}
	}
	return out
}

func (r *Result) checkConversion(ins ssa.Instruction, out []Violation) []Violation {
	v, ok := ins.(ssa.Value)
	if !ok {
		return out
	}
	found := len(out)
	switch ins := ins.(type) {
	case *ssa.MakeInterface:
		out = r.checkMethods(ins.X.Type(), ins.Type(), out)
	case *ssa.ChangeInterface:
		out = r.checkOpaque(ins.X.Type(), ins.Type(), "a value of interface type ", out)
	case *ssa.TypeAssert:
		out = r.checkOpaque(ins.X.Type(), ins.AssertedType, "a value asserted from ", out)
	case *ssa.ChangeType:
		if types.IsInterface(ins.Type()) { // between interfaces of one method set
			out = r.checkOpaque(ins.X.Type(), ins.Type(), "a value of interface type ", out)
		} else if tn := r.contractType(ins.Type()); tn != nil && r.contractType(ins.X.Type()) == nil {
			out = r.checkFunc(tn, ins.X, out)
		}
	}
	if len(out) > found {
		// Placed only when it breaks a contract: placing a conversion
		// may read the syntax around it.
		pos := ins.Pos()
		if !pos.IsValid() {
			pos = r.pos.usePos(v)
		}
		if !pos.IsValid() {
			pos = enclosingPos(ins.Parent())
		}
		for i := found; i < len(out); i++ {
			out[i].Pos = pos
		}
	}
	return out
}

// checkMethods checks the contract methods of interface iface against the
// methods of the concrete type t.
func (r *Result) checkMethods(t, iface types.Type, out []Violation) []Violation {
	it, ok := iface.Underlying().(*types.Interface)
	if !ok {
		return out
	}
	for m := range it.Methods() {
		if !r.cfg.Contract(m.Origin()) {
			continue
		}
		obj, _, _ := types.LookupFieldOrMethod(t, true, m.Pkg(), m.Name())
		impl, ok := obj.(*types.Func)
		if !ok {
			continue
		}
		fn := r.methodFunction(impl)
		if s := r.summaryOf(fn); s != nil && s.Allocates() {
			out = append(out, Violation{Contract: m, Concrete: t, Callee: fn})
		}
	}
	return out
}

// checkOpaque checks a conversion from the interface from to the
// interface to, whose dynamic value is not known here: to's contract
// methods must be contract methods of from too. A violation says what
// could not be checked: what, followed by from's name.
func (r *Result) checkOpaque(from, to types.Type, what string, out []Violation) []Violation {
	it, ok := to.Underlying().(*types.Interface)
	if !ok {
		return out
	}
	src, _ := from.Underlying().(*types.Interface)
	for m := range it.Methods() {
		if !r.cfg.Contract(m.Origin()) || src != nil && r.contractMethod(src, m.Name()) {
			continue
		}
		out = append(out, Violation{Contract: m, Unknown: what + r.TypeName(from)})
	}
	return out
}

func (r *Result) contractMethod(it *types.Interface, name string) bool {
	for m := range it.Methods() {
		if m.Name() == name {
			return r.cfg.Contract(m.Origin())
		}
	}
	return false
}

// checkFunc checks a function value given the contract func type tn.
func (r *Result) checkFunc(tn *types.TypeName, x ssa.Value, out []Violation) []Violation {
	var fn *ssa.Function
	switch x := x.(type) {
	case *ssa.Function:
		fn = x
	case *ssa.MakeClosure:
		fn = x.Fn.(*ssa.Function)
	case *ssa.Const:
		return out // nil
	default:
		return append(out, Violation{Contract: tn, Unknown: "a function value from elsewhere"})
	}
	if s := r.summaryOf(fn); s != nil && s.Allocates() {
		out = append(out, Violation{Contract: tn, Callee: canonical(fn)})
	}
	return out
}

// methodFunction returns the function the model knows for a method: this
// package's, or the stub go/ssa makes for another package's, whose
// summary comes from its fact.
func (r *Result) methodFunction(m *types.Func) *ssa.Function {
	if r.byObject == nil {
		r.byObject = map[*types.Func]*ssa.Function{}
		for fn := range r.nodes {
			if obj, ok := fn.Object().(*types.Func); ok && !isWrapper(fn) {
				r.byObject[obj] = fn
			}
		}
	}
	if fn := r.byObject[m.Origin()]; fn != nil {
		return fn
	}
	return r.prog.FuncValue(m.Origin())
}
