package analyzer

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/nofallalloc/nofallalloc/effects"
)

// The fix hints that end the messages of strict functions: what to write
// instead, then the escape hatch. docs/diagnostics.md gives the longer
// form of each.

const allowHint = "//fallible:allow REASON"

// kindFixes are the fallible replacements of direct allocations that have
// one in package collections.
var kindFixes = map[effects.Kind]string{
	effects.Append:    "use (*collections.Vec).TryPush",
	effects.MapInsert: "use (*collections.Map).TryInsert",
	effects.Concat:    "use collections.Builder",
	effects.MakeSlice: "use (*collections.Vec).TryReserve",
	effects.MakeMap:   "use (*collections.Map).TryReserve",
}

// calleeFixes are the replacements of standard library functions that
// strict code commonly calls, keyed by types.Func.FullName.
var calleeFixes = map[string]string{
	"errors.New":   "return a sentinel error",
	"fmt.Errorf":   "return a sentinel error",
	"fmt.Sprintf":  "use collections.Builder",
	"fmt.Sprint":   "use collections.Builder",
	"fmt.Sprintln": "use collections.Builder",
}

// fix returns the hint for a finding: the replacement when one is known,
// then the allow.
func (c *checker) fix(f effects.Finding) string {
	if how := c.replacement(f); how != "" {
		return how + ", or " + allowHint
	}
	return "move it out of strict code, or " + allowHint
}

func (c *checker) replacement(f effects.Finding) string {
	switch {
	case f.Kind == effects.Dynamic && f.Callee == nil:
		return c.contractFix(f)
	case f.Callee != nil && f.Through == nil:
		obj, ok := f.Callee.Object().(*types.Func)
		if !ok {
			return ""
		}
		if how, ok := calleeFixes[obj.FullName()]; ok {
			return how
		}
		if ch := c.model.Chain(f.Callee); ch.Kind == effects.Infallible && len(ch.Hops) == 1 && hasTryTwin(obj) {
			return "use " + strings.TrimSuffix(c.model.Name(f.Callee), obj.Name()) + "Try" + obj.Name()
		}
		return ""
	case f.Callee == nil:
		return kindFixes[f.Kind]
	}
	return ""
}

// hasTryTwin reports whether the type of method fn has a fallible twin
// of it, TryPush for Push, as the collections do.
func hasTryTwin(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	twin, _, _ := types.LookupFieldOrMethod(recv.Type(), true, fn.Pkg(), "Try"+fn.Name())
	_, ok := twin.(*types.Func)
	return ok
}

// contractFix says how a dynamic call becomes clean: through an effect
// contract on the interface method or func type called, when it is one of
// this package's types, or else through one the user declares.
func (c *checker) contractFix(f effects.Finding) string {
	call, ok := f.Instr.(ssa.CallInstruction)
	if !ok || f.Through != nil {
		return "call through a //fallible:strict interface or func type"
	}
	common := call.Common()
	if common.IsInvoke() {
		if named, ok := types.Unalias(common.Value.Type()).(*types.Named); ok && named.Obj().Pkg() == c.pass.Pkg {
			return "mark " + named.Obj().Name() + "." + common.Method.Name() + " //fallible:strict"
		}
	} else if named, ok := types.Unalias(common.Value.Type()).(*types.Named); ok && named.Obj().Pkg() == c.pass.Pkg {
		return "mark type " + named.Obj().Name() + " //fallible:strict"
	}
	return "call through a //fallible:strict interface or func type"
}
