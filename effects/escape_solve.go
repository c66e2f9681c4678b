package effects

import (
	"cmp"
	"slices"

	"golang.org/x/tools/go/ssa"
)

// loopCarried applies the compiler's loop-depth rule: an object allocated
// inside a loop that is reachable from a value living across iterations
// (a phi at the head of an enclosing loop, an object allocated outside
// the loop, a variable declared outside it, or the parameter of a call
// of the function itself) cannot reuse one stack slot per iteration, so
// it is moved to the heap. The variables are
// those of vars with a loop depth: go/ssa gives a variable assigned in a
// loop and read only in the same iteration no phi, but the compiler
// gives it one location, which outlives the loop's objects all the same
// (cmd/compile/internal/escape: outlives).
//
// Each traversal marks the nodes it reaches, and none walks again what
// one before it covered: the phis' traversals go in dominator order, and
// one from a phi of block b stops at a node reached from a block that
// dominates b (whatever b dominates, that block does); the stores into
// objects of one loop depth are followed together. One traversal for
// each phi and each store walked again the chain of objects that a loop
// links, quadratic in its length.
func (g *flowGraph) loopCarried(vars []variable) {
	if !g.loops.any() {
		return
	}
	// visited holds, by node, what reached it: the block of a phi's
	// traversal (its index + 1), then the number of a stores' traversal.
	g.visited = resized(g.visited, len(g.owner))
	clear(g.visited)
	blocks := g.fn.DomPreorder()
	for _, b := range blocks {
		for _, ins := range b.Instrs {
			phi, ok := ins.(*ssa.Phi)
			if !ok || !tracked(phi) || g.loops.depth(b) == 0 || !g.live[b.Index] || loopVariable(phi) {
				continue
			}
			g.starts = g.carriedBy(phi, g.starts[:0])
			covered := func(by int32) bool { return by != 0 && g.fn.Blocks[by-1].Dominates(b) }
			g.reachableSites(int32(b.Index+1), covered, g.starts, func(site ssa.Instruction) bool {
				return b.Dominates(site.Block())
			})
		}
	}
	clear(g.visited)
	for depth := 0; ; depth++ {
		g.starts = g.starts[:0]
		if depth == 0 {
			g.starts = g.selfCallArguments(g.starts)
		}
		deeper := false
		for _, st := range g.stores {
			switch d := g.loops.depth(st.obj.(ssa.Instruction).Block()); {
			case d == depth:
				g.starts = append(g.starts, g.node(st.val))
			case d > depth:
				deeper = true
			}
		}
		for _, v := range vars {
			switch {
			case v.loopDepth == depth:
				for _, x := range v.values {
					if tracked(x) {
						g.starts = append(g.starts, g.node(x))
					}
				}
			case v.loopDepth > depth:
				deeper = true
			}
		}
		if len(g.starts) > 0 {
			traversal := int32(depth + 1)
			covered := func(by int32) bool { return by == traversal }
			g.reachableSites(traversal, covered, g.starts, func(site ssa.Instruction) bool {
				return g.loops.depth(site.Block()) > depth
			})
		}
		if !deeper {
			break
		}
	}
}

// selfCallArguments appends to starts the arguments of the function's
// calls of itself. The compiler analyses a recursive function with its
// own calls, an argument flowing into the parameter, a location declared
// outside every loop: what a loop allocates and passes to the recursive
// call outlives the iteration (for ... { var t T; f(&t) } moves t to the
// heap, whatever f does with its parameter).
func (g *flowGraph) selfCallArguments(starts []int32) []int32 {
	for _, b := range g.fn.Blocks {
		if !g.live[b.Index] {
			continue
		}
		for _, ins := range b.Instrs {
			call, ok := ins.(ssa.CallInstruction)
			if !ok || call.Common().StaticCallee() != g.fn {
				continue
			}
			for _, arg := range call.Common().Args {
				if tracked(arg) {
					starts = append(starts, g.node(arg))
				}
			}
		}
	}
	return starts
}

// reachableSites marks as escaping every local object reachable at
// level 0 from starts for which deeper reports true: the starts outlive
// the iteration themselves, and an object reached below level 0 is one
// whose contents do, not its address (v = first(path), first returning
// path[0].p, leaves path's array to its iteration, as the compiler's
// derefs do). It marks the nodes it reaches with mark in visited, and
// the lowest level it reached them at in visitedLevel, and passes by
// those that covered says another traversal has covered at a level as
// low.
func (g *flowGraph) reachableSites(mark int32, covered func(int32) bool, starts []int32, deeper func(ssa.Instruction) bool) {
	if len(g.visited) < len(g.owner) { // nodes made since loopCarried began
		g.visited = append(g.visited, make([]int32, len(g.owner)-len(g.visited))...)
	}
	g.visitedLevel = resized(g.visitedLevel, len(g.visited))
	stack := g.stack[:0]
	visit := func(n int32, k uint8) {
		if !covered(g.visited[n]) || k < g.visitedLevel[n] {
			g.visited[n], g.visitedLevel[n] = mark, k
			stack = append(stack, n)
		}
	}
	for _, n := range starts {
		visit(n, 0)
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		k := g.visitedLevel[n]
		if ins, ok := g.owner[n].(ssa.Instruction); ok && k == 0 && isObject(ins) && deeper(ins) {
			g.onHeap(n)
		}
		for _, l := range g.successors(n) {
			visit(l.node(), l.step().next(k))
		}
	}
	g.stack = stack
}

// onHeap records that the object of node n is on the heap by a rule that
// does not make its value escape (the loop-depth rule, a returned object):
// what it holds escapes with it, but the variable that holds it, and the
// other values of that variable, stay where they are, as the compiler's
// locations do (prevRemoved = map[string]bool{} in a loop moves that map,
// not the one the variable was declared with; dst = grown; return dst
// leaves the caller's dst to the caller).
func (g *flowGraph) onHeap(n int32) {
	g.heapObjects = append(g.heapObjects, n)
	g.heapRoots = g.heldBy(n, g.heapRoots)
}

// heldBy appends to roots what the object of node n holds.
func (g *flowGraph) heldBy(n int32, roots []link) []link {
	for _, l := range g.successors(n) {
		if l.step() == addressStep {
			roots = append(roots, linkTo(l.node(), sameLevel))
		}
	}
	return roots
}

// markHeapObjects marks the objects of onHeap as outliving the frame in
// heap, the levels of a walk from the heap's roots.
func markHeapObjects(heap []uint8, objects []int32) {
	for _, n := range objects {
		heap[n] = 0
	}
}

func isObject(ins ssa.Instruction) bool {
	switch ins.(type) {
	case *ssa.Alloc, *ssa.MakeSlice, *ssa.MakeMap, *ssa.MakeChan, *ssa.MakeClosure, *ssa.MakeInterface:
		return true
	}
	return false
}

// solve spreads escape from the roots and reads off the result: the
// leaks of the function's parameters, which it returns, and, in outlive,
// the level at which each node may outlive the frame.
//
// An object that the result reaches at level 0 is on the heap, and so is
// what it holds, as for the compiler: the result's roots are walked
// first, and such objects become roots of the heap. A parameter that a
// returned closure captures leaks to the heap. (The compiler inlines
// the small functions that return a closure or an iterator over their
// argument, maps.Keys, and then keeps both on the stack: the model,
// which does not inline, does not.) A parameter that the result reaches
// directly stays the caller's: its callers decide where what it points
// to lives.
func (g *flowGraph) solve() (leaks Summary) {
	result := g.reach(g.toResult, g.resultRoots, false)
	for n, k := range result {
		if k == 0 && freshObject(g.owner[n]) {
			g.onHeap(int32(n))
		}
	}
	heap := g.reach(g.outlive, g.heapRoots, false)
	markHeapObjects(heap, g.heapObjects)
	g.outlive, g.toResult = heap, result
	leaks = g.leakBits(heap, result)
	if g.paramCalls {
		leaks.ParamCallLeaks = g.paramCallLeaks(&leaks)
		// The function's own objects escape whatever its callers pass.
		g.toResult, g.outlive = g.reachCalls(g.toResult, g.outlive, g.paramCallRoots)
		heap, result = g.outlive, g.toResult
	}
	for id, k := range result {
		heap[id] = min(heap[id], k)
	}
	return leaks
}

// leakBits reads off the parameters' leaks from the levels at which the
// heap's and the result's roots reach the nodes.
func (g *flowGraph) leakBits(heap, result []uint8) (leaks Summary) {
	heapLeaks, contentLeaks := g.paramLevels(heap)
	resultLeaks, resultContentLeaks := g.paramLevels(result)
	leaks.LeakHeap = heapLeaks
	leaks.LeakContent = contentLeaks &^ heapLeaks
	leaks.LeakResult = resultLeaks &^ heapLeaks
	leaks.LeakResultContent = resultContentLeaks &^ resultLeaks &^ heapLeaks
	return leaks
}

// reachCalls is solve's walk from the roots when the calls of func-typed
// parameters retain and return what they are given: the calls' roots
// are roots of the heap, and the edges of paramCallStep are followed.
func (g *flowGraph) reachCalls(resultLevels, heapLevels []uint8, calls []paramCallRoot) (result, heap []uint8) {
	result = g.reach(resultLevels, g.resultRoots, true)
	roots := slices.Clip(g.heapRoots)
	objects := slices.Clip(g.heapObjects)
	for n, k := range result {
		if k == 0 && freshObject(g.owner[n]) {
			objects = append(objects, int32(n))
			roots = g.heldBy(int32(n), roots)
		}
	}
	for _, c := range calls {
		if c.root != onlyReturned {
			roots = append(roots, c.root)
		}
	}
	heap = g.reach(heapLevels, roots, true)
	markHeapObjects(heap, objects)
	return result, heap
}

// paramLevels reads off which parameters (and free variables) levels
// reaches: at level 0, or only what they point to (below level 0, or
// through their contents node).
func (g *flowGraph) paramLevels(levels []uint8) (reached, contents uint64) {
	bit := func(i int, v ssa.Value) {
		id, ok := g.ids[v]
		if !ok {
			return
		}
		c := g.contents[id]
		switch {
		case levels[id] == 0:
			reached |= paramBit(i)
		case levels[id] != unreached || c != noContents && levels[c] != unreached:
			contents |= paramBit(i)
		}
	}
	for i, p := range g.fn.Params {
		bit(i, p)
	}
	for j, fv := range g.fn.FreeVars {
		bit(len(g.fn.Params)+j, fv)
	}
	return reached, contents
}

// paramCallLeaks returns, for each argument of each call of a
// func-typed parameter, the leaks that the function passed would add to
// l if it retained or returned what it is given. (A walk follows every
// paramCallStep edge, whichever call's result it leaves: a leak that
// needs two functions passed to retain is charged to each, the safer
// answer.)
func (g *flowGraph) paramCallLeaks(l *Summary) []ParamCallLeak {
	slices.SortStableFunc(g.paramCallRoots, func(a, b paramCallRoot) int { return cmp.Compare(a.key.order(), b.key.order()) })
	var out []ParamCallLeak
	for start, i := 0, 0; i < len(g.paramCallRoots); i++ {
		key := g.paramCallRoots[i].key
		if next := i + 1; next < len(g.paramCallRoots) && g.paramCallRoots[next].key == key {
			continue
		}
		g.callToResult, g.callOutlive = g.reachCalls(g.callToResult, g.callOutlive, g.paramCallRoots[start:i+1])
		start = i + 1
		d := g.leakBits(g.callOutlive, g.callToResult)
		d.LeakHeap &^= l.LeakHeap
		d.LeakContent &^= l.LeakHeap | l.LeakContent
		d.LeakResult &^= l.LeakHeap | l.LeakResult
		d.LeakResultContent &^= l.LeakHeap | l.LeakResult | l.LeakResultContent
		if d.leaks() {
			out = append(out, ParamCallLeak{Func: key.fn, Arg: key.arg, Returned: key.returned,
				Heap: d.LeakHeap, Content: d.LeakContent, Result: d.LeakResult, ResultContent: d.LeakResultContent})
		}
	}
	return out
}

// freshObject reports whether v is an object that this frame makes,
// with pointers of its own to hold: a variable, a composite, a closure,
// an interface's box.
func freshObject(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Alloc, *ssa.MakeSlice, *ssa.MakeMap, *ssa.MakeChan, *ssa.MakeClosure:
		return true
	case *ssa.MakeInterface:
		return !pointerShaped(v.X.Type())
	}
	return false
}

// reach returns, by node, the lowest level at which the node is reached
// from roots (unreached if none), in levels' array when it is large
// enough. A node is walked again only when it is reached at a lower
// level, at most maxLevel+1 times.
//
// A walk for the function's own leaks does not follow paramCallStep
// edges: followCalls says to.
func (g *flowGraph) reach(levels []uint8, roots []link, followCalls bool) []uint8 {
	levels = resized(levels, len(g.owner))
	for i := range levels {
		levels[i] = unreached
	}
	stack := g.stack[:0]
	for _, r := range roots {
		if n, k := r.node(), r.step().next(0); k < levels[n] {
			levels[n] = k
			stack = append(stack, n)
		}
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		k := levels[n]
		for _, l := range g.successors(n) {
			if l.step() == paramCallStep && !followCalls {
				continue
			}
			if m, km := l.node(), l.step().next(k); km < levels[m] {
				levels[m] = km
				stack = append(stack, m)
			}
		}
	}
	g.stack = stack
	return levels
}
