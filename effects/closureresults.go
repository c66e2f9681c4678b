package effects

import (
	"go/token"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// What a function literal returns of the variables it captures. A
// literal's summary says of each captured variable, as of a parameter,
// whether it flows to the literal's result (get := func() *T { return
// p }). A call of the literal that the compiler sees (the closure itself,
// or a local variable it follows to it) gives its result what the
// bindings hold; a literal used any other way (passed on, captured by
// another literal, stored) has results the compiler loses track of
// (cmd/compile/internal/escape: ClosureResultsLost), so what flows to
// them is on the heap.

// closureResults records, for a call whose callee the model knows, what
// the result takes from the variables that the callee, a literal made in
// this function, captures.
func (g *flowGraph) closureResults(c *ssa.CallCommon, result ssa.Value) {
	mc := calledClosure(c)
	if mc == nil || mc.Parent() != g.fn {
		return // a literal made elsewhere: its results are lost there
	}
	if result == nil {
		return // a deferred call discards its results
	}
	g.capturedToResult(mc, func(v ssa.Value, content bool) {
		if content {
			g.deriveContents(result, v)
		} else {
			g.derive(result, v)
		}
	})
}

// lostClosureResults makes what the literal that mc makes returns of its
// captured variables escape, unless the literal is only called where
// closureResults follows its results.
func (g *flowGraph) lostClosureResults(mc *ssa.MakeClosure) {
	if g.onlyCalledHere(mc) {
		return
	}
	g.capturedToResult(mc, func(v ssa.Value, content bool) {
		if content {
			g.escapeContents(v)
		} else {
			g.escape(v)
		}
	})
}

// capturedToResult calls flow for each captured variable whose value
// (content false) or whose contents (content true) the literal that mc
// makes returns, with what holds it here: the binding, or, for a
// variable captured by value, the contents of its storage.
func (g *flowGraph) capturedToResult(mc *ssa.MakeClosure, flow func(v ssa.Value, content bool)) {
	lit := mc.Fn.(*ssa.Function)
	s := g.summary(lit)
	if s == nil {
		return
	}
	for j, b := range mc.Bindings {
		bit := paramBit(len(lit.Params) + j)
		toResult, contentToResult := s.LeakResult&bit != 0, s.LeakResultContent&bit != 0
		if !toResult && !contentToResult {
			continue
		}
		if !g.capturedByValue(mc, j) {
			flow(b, contentToResult && !toResult)
			continue
		}
		// The literal's bits are about the copied value, which the
		// variable's storage holds (its contents), or about what that
		// value points to (the contents of the values stored there).
		for _, v := range variableCopies(b) {
			if toResult {
				flow(v, true)
				continue
			}
			for _, r := range *v.Referrers() {
				if st, ok := r.(*ssa.Store); ok && st.Addr == v {
					flow(st.Val, true)
				}
			}
		}
	}
}

// calledClosure returns the MakeClosure that a call calls: the call's
// value, or what the local variable it loads holds when localFunc follows
// it; nil otherwise.
func calledClosure(c *ssa.CallCommon) *ssa.MakeClosure {
	switch v := c.Value.(type) {
	case *ssa.MakeClosure:
		return v
	case *ssa.UnOp:
		alloc, ok := v.X.(*ssa.Alloc)
		if !ok || v.Op != token.MUL || localFunc(alloc) == nil {
			return nil
		}
		for _, r := range *alloc.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == alloc {
				mc, _ := st.Val.(*ssa.MakeClosure)
				return mc
			}
		}
	}
	return nil
}

// onlyCalledHere reports whether every use of the closure that mc makes
// is a call in mc's function that the compiler follows back to it
// (calledClosure, followsCall).
func (g *flowGraph) onlyCalledHere(mc *ssa.MakeClosure) bool {
	for _, r := range *mc.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			if !g.calls(r, mc) {
				return false
			}
		case *ssa.Store:
			if !g.onlyCalledThrough(r, mc) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// calls reports whether call calls the closure f, and only uses it so,
// where the compiler follows the call to it: not a go statement, which
// discards nothing but runs the closure elsewhere.
func (g *flowGraph) calls(call ssa.CallInstruction, f ssa.Value) bool {
	_, isGo := call.(*ssa.Go)
	c := call.Common()
	return !isGo && c.Value == f && !slices.Contains(c.Args, f) && g.pos.followsCall(c.Pos())
}

// onlyCalledThrough reports whether st stores mc into a local variable
// that localFunc follows and that is only loaded to be called, in mc's
// function.
func (g *flowGraph) onlyCalledThrough(st *ssa.Store, mc *ssa.MakeClosure) bool {
	alloc, ok := st.Addr.(*ssa.Alloc)
	if !ok || st.Val != mc || localFunc(alloc) == nil {
		return false
	}
	for _, r := range *alloc.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case *ssa.Store:
			if r != st {
				return false
			}
		case *ssa.UnOp:
			for _, u := range *r.Referrers() {
				if _, isDebug := u.(*ssa.DebugRef); isDebug {
					continue
				}
				if call, ok := u.(ssa.CallInstruction); !ok || !g.calls(call, r) {
					return false
				}
			}
		default:
			return false // captured by another literal
		}
	}
	return true
}

// followsCall reports whether the compiler knows the function that the
// call whose opening parenthesis is at lparen calls, when it calls a
// local variable: one assigned once, where it is declared, whose address
// is never taken (cmd/compile/internal/ir: StaticValue, Reassigned). A
// literal assigned to a variable declared before it (var walk func();
// walk = func() {... walk() ...}, the way to write a recursive literal)
// is called through the variable, as through any func value: its
// arguments escape, and its results are lost.
func (p *positions) followsCall(lparen token.Pos) bool {
	p.load(lparen)
	v, ok := p.funcVarCalls[lparen]
	if !ok {
		return true
	}
	_, once := p.initial[v]
	return once && !p.unfollowed[v]
}
