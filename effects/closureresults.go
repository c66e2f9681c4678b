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
	if onlyCalledHere(mc) {
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
// is a call in mc's function that calledClosure follows back to it.
func onlyCalledHere(mc *ssa.MakeClosure) bool {
	for _, r := range *mc.Referrers() {
		switch r := r.(type) {
		case *ssa.DebugRef:
		case ssa.CallInstruction:
			if _, isGo := r.(*ssa.Go); isGo || r.Common().Value != mc || slices.Contains(r.Common().Args, ssa.Value(mc)) {
				return false
			}
		case *ssa.Store:
			if !onlyCalledThrough(r, mc) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// onlyCalledThrough reports whether st stores mc into a local variable
// that localFunc follows and that is only loaded to be called, in mc's
// function.
func onlyCalledThrough(st *ssa.Store, mc *ssa.MakeClosure) bool {
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
				if call, ok := u.(ssa.CallInstruction); !ok || call.Common().Value != r || slices.Contains(call.Common().Args, ssa.Value(r)) {
					return false
				}
			}
		default:
			return false // captured by another literal
		}
	}
	return true
}
