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
