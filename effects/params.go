package effects

import "golang.org/x/tools/go/ssa"

// Higher-order functions. A function that calls one of its func-typed
// parameters (strings.TrimRightFunc calls f, sort.Search calls f) has no
// effect of its own for that call: the effect is the argument's, and the
// caller knows the argument. Summary.CallsParams records which parameters a
// function may call, directly or by passing them on to a function that
// calls them; the caller charges itself with the effect of what it passes.
// A function literal folds into its enclosing function, so only declared
// functions call their parameters this way; a literal's calls of its own
// parameters stay dynamic calls.

// paramIndex returns the index of v among fn's parameters, or -1.
func paramIndex(fn *ssa.Function, v ssa.Value) int {
	p, ok := v.(*ssa.Parameter)
	if !ok || p.Parent() != fn || fn.Parent() != nil {
		return -1
	}
	for i, q := range fn.Params {
		if q == p {
			return i
		}
	}
	return -1
}

// solveParamCalls computes CallsParams for the functions of a component.
// The sets only grow, so the iteration ends.
func (r *Result) solveParamCalls(scc []*node, recursive bool) {
	for changed := true; changed; {
		changed = false
		for _, n := range scc {
			if n.fn.Blocks == nil {
				continue
			}
			if bits := r.paramCalls(n); bits != n.sum.CallsParams {
				n.sum.CallsParams = bits
				changed = recursive
			}
		}
	}
}

// paramCalls returns the parameters fn calls, or passes to a callee that
// calls them.
func (r *Result) paramCalls(n *node) (bits uint64) {
	fn := n.fn
	for _, b := range fn.Blocks {
		if !n.live[b.Index] {
			continue
		}
		for _, ins := range b.Instrs {
			c := callOf(ins)
			if c == nil || r.contracted(c) && c.StaticCallee() == nil {
				continue // a call through a contract is clean whatever is called
			}
			if i := paramIndex(fn, c.Value); i >= 0 && !c.IsInvoke() {
				bits |= paramBit(i)
				continue
			}
			var buf [4]*ssa.Function
			for _, callee := range r.knownCallees(c, buf[:0]) {
				s := r.summaryOf(callee)
				if s == nil || s.CallsParams == 0 {
					continue
				}
				for j, a := range calleeArgs(c) {
					if i := paramIndex(fn, a); i >= 0 && s.CallsParams&paramBit(j) != 0 {
						bits |= paramBit(i)
					}
				}
			}
		}
	}
	return bits
}

// argumentFindings adds the findings of the functions that fn passes to a
// callee that calls them: a named function or method value is a call of
// its own (dropped later if it turns out clean); a literal is already
// folded into fn; anything else is a function value the model cannot see,
// and when it is fn's own parameter, fn's callers pay for it.
func (r *Result) argumentFindings(fn *ssa.Function, c *ssa.CallCommon, callee *ssa.Function, s *Summary, add func(Finding)) {
	for j, a := range calleeArgs(c) {
		if s.CallsParams&paramBit(j) == 0 {
			continue
		}
		var passed *ssa.Function
		switch a := a.(type) {
		case *ssa.Function:
			passed = a
		case *ssa.MakeClosure:
			passed = a.Fn.(*ssa.Function)
		case *ssa.Const:
			continue // nil
		}
		switch {
		case passed != nil && passed.Parent() != nil:
			// a literal of fn
		case passed != nil:
			add(Finding{Pos: c.Pos(), Callee: canonical(passed), Through: callee})
		default:
			add(Finding{Kind: Dynamic, Pos: c.Pos(), Through: callee, ParamCall: paramIndex(fn, a) >= 0})
		}
	}
}
