package effects

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// call records what a call does with its arguments; result is the call's
// value, or nil for a deferred call.
func (g *flowGraph) call(c *ssa.CallCommon, result ssa.Value) {
	if b, ok := c.Value.(*ssa.Builtin); ok {
		g.builtin(b.Name(), c.Args, result)
		return
	}
	callee := escapeCallee(c)
	if callee != nil && !g.pos.followsCall(c.Pos()) {
		callee = nil // through a variable the compiler does not follow
	}
	if callee == nil {
		if j := paramIndex(g.fn, c.Value); g.defersParamCalls && j >= 0 && j < maxParamCall && !c.IsInvoke() {
			g.paramCall(uint8(j), c.Args, result)
			return
		}
		g.escapeCall(c)
		return
	}
	g.leaks(g.summary(callee), calleeArgs(c), result)
	g.closureResults(c, result)
}

// leaks records what a callee with summary s does with args.
func (g *flowGraph) leaks(s *Summary, args []ssa.Value, result ssa.Value) {
	if s == nil {
		return
	}
	for i, a := range args {
		if s.LeakHeap&paramBit(i) != 0 {
			g.escape(a)
		} else if s.LeakContent&paramBit(i) != 0 {
			g.escapeContents(a)
		}
		switch {
		case s.LeakResult&paramBit(i) != 0 && result != nil:
			g.derive(result, a)
		case s.LeakResult&paramBit(i) != 0:
			g.escape(a)
		case s.LeakResultContent&paramBit(i) != 0 && result != nil:
			g.deriveContents(result, a)
		case s.LeakResultContent&paramBit(i) != 0:
			g.escapeContents(a)
		}
	}
	if len(s.ParamCallLeaks) > 0 && !g.bigKnown {
		g.big, g.bigKnown = bigForInlining(g.fn), true
	}
	for _, l := range s.ParamCallLeaks {
		if int(l.Func) >= len(args) {
			continue
		}
		passed := args[l.Func]
		if j := paramIndex(g.fn, passed); g.defersParamCalls && !g.big && j >= 0 && j < maxParamCall {
			g.deferLeaks(l, paramCallKey{uint8(j), l.Arg, l.Returned}, args, result)
		} else if g.big || g.passedLeaks(passed, int(l.Arg), l.Returned) {
			g.leaks(&Summary{LeakHeap: l.Heap, LeakContent: l.Content, LeakResult: l.Result, LeakResultContent: l.ResultContent}, args, result)
		}
	}
}

// deferLeaks records a callee's leaks that depend on the function passed
// to it, when that is g's own parameter: they depend on g's callers, as
// key says. What would flow to the result flows along a paramCallStep;
// what the callee's entry makes leak through its result's contents is
// taken to flow whole, the safer answer.
func (g *flowGraph) deferLeaks(l ParamCallLeak, key paramCallKey, args []ssa.Value, result ssa.Value) {
	g.paramCalls = true
	for i, a := range args {
		bit := paramBit(i)
		switch {
		case l.Heap&bit != 0:
			g.escapeIf(key, a)
		case l.Content&bit != 0:
			g.escapeContentsIf(key, a)
		}
		switch {
		case (l.Result|l.ResultContent)&bit != 0 && result != nil:
			g.paramCallFlow(key, result, a)
		case l.Result&bit != 0:
			g.escapeIf(key, a)
		case l.ResultContent&bit != 0:
			g.escapeContentsIf(key, a)
		}
	}
}

// maxParamCall bounds the parameter and argument indexes that a
// ParamCallLeak records; calls beyond it are unknown calls.
const maxParamCall = 64

// paramCall records a call of the function's own func-typed parameter j:
// whether its arguments escape is up to the function that the caller
// passes for j (Summary.ParamCallLeaks), and so is whether the call's
// result holds them (paramCallStep).
func (g *flowGraph) paramCall(j uint8, args []ssa.Value, result ssa.Value) {
	g.paramCalls = true
	for i, a := range args {
		if i >= maxParamCall {
			g.escape(a)
			continue
		}
		g.escapeIf(paramCallKey{j, uint8(i), false}, a)
		if result != nil {
			g.paramCallFlow(paramCallKey{j, uint8(i), true}, result, a)
		}
	}
}

// paramCallFlow records that result holds x if the function passed does
// what key says; the call has a ParamCallLeak then, even if nothing else
// makes x escape.
func (g *flowGraph) paramCallFlow(key paramCallKey, result, x ssa.Value) {
	if tracked(result) && tracked(x) {
		g.flow(result, x, paramCallStep)
		g.paramCallRoots = append(g.paramCallRoots, paramCallRoot{key, onlyReturned})
	}
}

// passedLeaks reports whether the function value f may retain its
// argument i, or what it points to, or with returned, return it: false
// only for a function or function literal whose summary says it does
// not, directly or through calls of its own func-typed parameters.
func (g *flowGraph) passedLeaks(f ssa.Value, i int, returned bool) bool {
	var fn *ssa.Function
	switch f := f.(type) {
	case *ssa.Function:
		fn = f
	case *ssa.MakeClosure:
		fn, _ = f.Fn.(*ssa.Function)
	}
	if fn == nil || fn.Parent() == nil && len(fn.FreeVars) > 0 {
		return true // unknown, or a method value: its parameters are not its method's
	}
	s := g.summary(fn)
	if s == nil {
		return false
	}
	leaks := s.LeakHeap | s.LeakContent
	if returned {
		leaks = s.LeakResult | s.LeakResultContent
	}
	for _, l := range s.ParamCallLeaks {
		leaks |= l.Heap | l.Content | l.Result | l.ResultContent
	}
	return leaks&paramBit(i) != 0
}

// escapeHeld makes a call's function value escape with its arguments: a
// go statement's goroutine, or a heap defer record, holds them until the
// call runs, so a closure or method value it calls, and the variables the
// closure captures, move to the heap.
func (g *flowGraph) escapeHeld(c *ssa.CallCommon) {
	g.escape(c.Value)
	g.escapeCall(c)
}

// escapeCall makes everything a call is given escape: the callee is
// unknown.
func (g *flowGraph) escapeCall(c *ssa.CallCommon) {
	if c.IsInvoke() {
		g.escape(c.Value) // the method may keep its receiver; calling a func value keeps nothing
	}
	for _, a := range c.Args {
		g.escape(a)
	}
}

func (g *flowGraph) builtin(name string, args []ssa.Value, result ssa.Value) {
	switch name {
	case "append":
		if result != nil {
			g.derive(result, args[0])
		}
		// Appended elements are stored in a backing array that may be
		// fresh heap memory; the compiler sends them to the heap when
		// they hold pointers (escape/call.go: "appended slice..."):
		// appending bytes copies values, and leaves their array where
		// it is, and so does appending a string's bytes (append(b, s...)).
		if s, ok := args[1].Type().Underlying().(*types.Slice); ok && hasPointers(s.Elem()) {
			g.escapeContents(args[1])
		}
	case "copy":
		if s, ok := args[0].Type().Underlying().(*types.Slice); ok && !hasPointers(s.Elem()) {
			return // copies bytes, a string's included: no pointer moves
		}
		// The elements copied: the contents of src's objects, and what
		// src points to when they are unknown (one level below src).
		var copied []link
		if g.objects(args[1], func(obj ssa.Value) { copied = append(copied, linkTo(g.contentsOf(obj), sameLevel)) }) {
			copied = append(copied, linkTo(g.node(args[1]), loadStep))
		}
		if g.objects(args[0], func(obj ssa.Value) {
			for _, c := range copied {
				g.edge(g.contentsOf(obj), c.node(), c.step())
			}
		}) {
			g.heapRoots = append(g.heapRoots, copied...)
		}
	case "ssa:wrapnilchk", "Add", "Slice", "String", "StringData", "SliceData":
		if result != nil && len(args) > 0 {
			g.derive(result, args[0])
		}
	}
}
