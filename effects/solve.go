package effects

import (
	"cmp"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// solve computes the summaries of one component to a fixpoint: first the
// parameter leaks (escape depends on them), then the allocation effects.
// Both only grow, so the iteration ends.
//
// One escape graph is alive at a time: its memory serves the next
// function's (graphMemory). A recursive component iterates on the leaks
// alone, dropping each graph once its leaks are read, and analyzes each
// function once more with the final leaks to find its sites: keeping
// every graph of the component until the fixpoint, as the runtime's
// component of 440 functions would, costs more memory, and more garbage
// collection, than the extra analysis costs time.
func (r *Result) solve(scc []*node) {
	recursive := len(scc) > 1 || slices.Contains(scc[0].callees, scc[0])
	for _, n := range scc {
		if n.fn.Blocks == nil {
			n.sum = r.bodyless(n.fn)
		} else {
			r.prepare(n)
			n.marked, n.trusted = r.fixed(n.fn)
		}
	}
	for changed := recursive; changed; {
		changed = false
		for _, n := range scc {
			if n.fn.Blocks != nil {
				esc := r.analyzeEscape(n, recursive)
				changed = n.setLeaks(&esc.leaks) || changed
				r.release(esc)
			}
		}
	}
	r.solveParamCalls(scc, recursive)
	for _, n := range scc {
		if n.fn.Blocks != nil {
			esc := r.analyzeEscape(n, recursive)
			n.setLeaks(&esc.leaks) // unchanged in a recursive component
			r.find(n, esc)
			r.release(esc)
			n.vars = nil // nothing analyzes n again
		}
	}
	for changed := true; changed; {
		changed = false
		for _, n := range scc {
			if n.fn.Blocks != nil && r.witness(n) {
				changed = recursive
			}
		}
	}
	for _, n := range scc {
		r.settle(n)
		n.settled = true
	}
}

// setLeaks sets the leaks of n's summary and reports whether they
// changed. The ParamCallLeaks found before are kept, merged with the new
// ones: a leak that a recursive component's next round makes
// unconditional leaves its entry, and the entries only ever grow, so
// that the round after cannot take back what this one charged a caller.
func (n *node) setLeaks(l *Summary) bool {
	s := &n.sum
	calls := mergeParamCallLeaks(s.ParamCallLeaks, l.ParamCallLeaks)
	if l.LeakHeap == s.LeakHeap && l.LeakContent == s.LeakContent && l.LeakResult == s.LeakResult && l.LeakResultContent == s.LeakResultContent &&
		slices.Equal(calls, s.ParamCallLeaks) {
		return false
	}
	s.LeakHeap, s.LeakContent, s.LeakResult, s.LeakResultContent = l.LeakHeap, l.LeakContent, l.LeakResult, l.LeakResultContent
	s.ParamCallLeaks = calls
	return true
}

// mergeParamCallLeaks returns the union of two sorted lists of entries:
// one entry for each condition, with the leaks of both.
func mergeParamCallLeaks(a, b []ParamCallLeak) []ParamCallLeak {
	if len(a) == 0 {
		return b
	}
	out := slices.Clone(a)
	for _, e := range b {
		i, found := slices.BinarySearchFunc(out, e, func(x, y ParamCallLeak) int { return cmp.Compare(x.key().order(), y.key().order()) })
		if !found {
			out = slices.Insert(out, i, e)
			continue
		}
		m := &out[i]
		m.Heap, m.Content, m.Result, m.ResultContent = m.Heap|e.Heap, m.Content|e.Content, m.Result|e.Result, m.ResultContent|e.ResultContent
	}
	return out
}

// prepare computes, once, what the escape analysis of n's function needs
// from its control flow and syntax.
func (r *Result) prepare(n *node) {
	if n.live == nil {
		n.loops, n.live = findLoops(n.fn), liveBlocks(n.fn)
		n.vars = r.vars.localVariables(n.fn, n.live)
	}
}

// summaryOf returns what the model knows of a callee; nil means clean.
func (r *Result) summaryOf(callee *ssa.Function) *Summary {
	callee = canonical(callee)
	if n, ok := r.nodes[callee]; ok {
		return &n.sum
	}
	obj, _ := callee.Object().(*types.Func)
	if obj == nil {
		return &unknownFunction
	}
	return r.cfg.Imported(obj.Origin())
}

// unknownFunction is the summary of a function the model cannot see.
var unknownFunction = Summary{Kind: Bodyless, LeakHeap: ^uint64(0)}

// bodyless models a function of this package that has no Go body.
func (r *Result) bodyless(fn *ssa.Function) Summary {
	s := Summary{Kind: Bodyless, LeakHeap: ^uint64(0)}
	if k, ok := BodylessKind(fullName(fn)); ok {
		s.Kind = k
	} else if target, ok := r.linknames[fn.Name()]; ok {
		if k, ok := BodylessKind(target); ok {
			s.Kind = k
		}
	} else if r.cfg.Assembly[fn.Name()] {
		s.Kind = None
	}
	if r.noescape[fn.Name()] {
		s.LeakHeap = 0
	}
	return s
}

// settle fills in the kinds of call findings once their callees' summaries
// are final, and drops the calls and literals that turned out clean. The
// allows of the findings kept are used: an allow whose only finding is a
// clean call exempts nothing. One on a path that can only panic is used
// too, as it matters with PanicPaths.
func (r *Result) settle(n *node) {
	kept := n.findings[:0]
	for _, f := range n.findings {
		if f.Callee != nil {
			s := r.summaryOf(f.Callee)
			if s == nil || s.Kind == None {
				continue
			}
			f.Kind = s.Kind
		}
		if f.Allowed != nil {
			r.cfg.Directives.Allow(f.Pos)
		}
		kept = append(kept, f)
	}
	n.findings = kept
}

// witness recomputes n's allocation summary from its findings and the
// current summaries of its callees; it reports whether it changed.
func (r *Result) witness(n *node) bool {
	best := Summary{Kind: n.marked}
	var via *ssa.Function
	at := token.NoPos
	if best.Kind == None && !n.trusted {
		for i := range n.findings {
			f := &n.findings[i]
			if f.Allowed != nil || f.PanicOnly && !r.cfg.PanicPaths || f.ParamCall {
				continue
			}
			cand, cvia, cat := Summary{Kind: f.Kind}, (*ssa.Function)(nil), f.Pos
			switch {
			case f.Literal:
				lit := r.nodes[f.Callee]
				cand, cvia, cat = lit.sum, lit.via, lit.at
			case f.Callee != nil:
				if s := r.summaryOf(f.Callee); s != nil {
					cand.Kind, cand.Hops, cvia = s.Kind, saturate(s.Hops), f.Callee
				} else {
					cand.Kind = None
				}
			}
			if cand.Kind != None && (best.Kind == None || cand.Hops < best.Hops) {
				best, via, at = cand, cvia, cat
			}
		}
	}
	changed := best.Kind != n.sum.Kind || best.Hops != n.sum.Hops
	n.sum.Kind, n.sum.Hops, n.via, n.at = best.Kind, best.Hops, via, at
	return changed
}

func saturate(h uint8) uint8 {
	if h == 255 {
		return h
	}
	return h + 1
}

// fixed returns what fn is whatever its body says: marked Infallible by
// //fallible:infallible, or of the runtime allocators' kind; or trusted,
// clean because it vouches for itself with //fallible:trusted or the
// model knows it (opaqueClean). Its name for the tables is built once,
// and only when they name functions of its package.
func (r *Result) fixed(fn *ssa.Function) (marked Kind, trusted bool) {
	obj, ok := fn.Object().(*types.Func)
	if !ok {
		return None, false
	}
	d := r.cfg.Directives.Func(obj)
	if d.Infallible != nil {
		return Infallible, false
	}
	name := ""
	if packageLevel(obj) && (obj.Pkg() != r.cfg.Pkg || r.tablesNamePkg) {
		name = fullName(fn)
	}
	if name != "" && IsRuntimeAllocator(name) {
		return New, false
	}
	return None, d.Trusted != nil || name != "" && IsOpaqueClean(name)
}

// packageLevel reports whether obj is a package-level function, the only
// kind the knowledge tables name (TestBodylessModelResolves): the others'
// names need not be built to look them up.
func packageLevel(obj *types.Func) bool {
	return obj.Signature().Recv() == nil
}
