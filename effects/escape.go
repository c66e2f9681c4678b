package effects

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// flowGraph is the escape analysis of one function. Its nodes are the
// function's pointer-carrying values plus one "contents" node per local
// object (what is stored inside it); an edge a → b means "if a outlives
// the frame, so does b". Escape starts at roots (stores to memory the
// function does not own, returns, arguments of callees that retain them)
// and spreads along the edges; a local object that is reached is on the
// heap.
type flowGraph struct {
	fn      *ssa.Function
	summary func(*ssa.Function) *Summary // callee summaries, for parameter leaks
	callees func(*ssa.CallCommon) []*ssa.Function
	sizes   types.Sizes
	pos     *positions
	loops   *loopForest
	live    []bool

	ids      map[ssa.Value]int32 // node of each tracked value
	contents map[ssa.Value]int32 // contents node of each local object
	owner    []ssa.Value         // the value of each node; nil for contents nodes
	succ     [][]int32

	heapRoots   []int32
	resultRoots []int32
	stores      []objectStore // stores into local objects, for the loop rule
}

// objectStore records that val was stored into the local object obj.
type objectStore struct {
	obj ssa.Value
	val ssa.Value
}

// escapeResult is what the rest of the model needs from the graph.
type escapeResult struct {
	escapes map[ssa.Value]bool // tracked values that may outlive the frame
	leaks   Summary            // only the Leak fields are set
}

// analyzeEscape runs the escape analysis of n's function, using the
// current summaries of its callees to learn what they do with their
// arguments. Blocks that cannot run are left out, as the compiler deletes
// them.
func (r *Result) analyzeEscape(n *node) *escapeResult {
	g := &flowGraph{
		fn:       n.fn,
		summary:  r.summaryOf,
		callees:  r.knownCallees,
		sizes:    r.cfg.Sizes,
		pos:      r.pos,
		loops:    n.loops,
		live:     n.live,
		ids:      map[ssa.Value]int32{},
		contents: map[ssa.Value]int32{},
	}
	for _, b := range n.fn.Blocks {
		if !n.live[b.Index] {
			continue
		}
		for _, ins := range b.Instrs {
			g.instruction(ins)
		}
	}
	g.loopCarried()
	return g.solve()
}

// tracked reports whether v can carry a pointer to memory of this frame.
func tracked(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.Const, *ssa.Function, *ssa.Builtin:
		return false
	}
	return hasPointers(v.Type())
}

func hasPointers(t types.Type) bool {
	switch t := t.Underlying().(type) {
	case *types.Basic:
		return t.Kind() == types.UnsafePointer
	case *types.Struct:
		for i := range t.NumFields() {
			if hasPointers(t.Field(i).Type()) {
				return true
			}
		}
		return false
	case *types.Array:
		return t.Len() > 0 && hasPointers(t.Elem())
	case *types.Tuple:
		for i := range t.Len() {
			if hasPointers(t.At(i).Type()) {
				return true
			}
		}
		return false
	}
	return true // pointers, slices, maps, chans, funcs, interfaces, type parameters
}

func (g *flowGraph) node(v ssa.Value) int32 {
	if id, ok := g.ids[v]; ok {
		return id
	}
	id := g.newNode(v)
	g.ids[v] = id
	return id
}

func (g *flowGraph) newNode(v ssa.Value) int32 {
	id := int32(len(g.succ))
	g.succ = append(g.succ, nil)
	g.owner = append(g.owner, v)
	return id
}

// contentsOf returns the contents node of a local object; the object's own
// escape implies its contents'.
func (g *flowGraph) contentsOf(obj ssa.Value) int32 {
	if id, ok := g.contents[obj]; ok {
		return id
	}
	id := g.newNode(nil)
	g.contents[obj] = id
	g.edge(g.node(obj), id)
	return id
}

func (g *flowGraph) edge(from, to int32) {
	g.succ[from] = append(g.succ[from], to)
}

// derive records that v may hold pointers taken from x.
func (g *flowGraph) derive(v, x ssa.Value) {
	if tracked(v) && tracked(x) {
		g.edge(g.node(v), g.node(x))
	}
}

func (g *flowGraph) escape(v ssa.Value) {
	if tracked(v) {
		g.heapRoots = append(g.heapRoots, g.node(v))
	}
}

func (g *flowGraph) instruction(ins ssa.Instruction) {
	switch ins := ins.(type) {
	case *ssa.Alloc, *ssa.MakeSlice, *ssa.MakeMap, *ssa.MakeChan:
		g.node(ins.(ssa.Value))
	case *ssa.FieldAddr:
		g.derive(ins, ins.X)
	case *ssa.IndexAddr:
		g.derive(ins, ins.X)
	case *ssa.Field:
		g.derive(ins, ins.X)
	case *ssa.Index:
		g.derive(ins, ins.X)
	case *ssa.Slice:
		g.derive(ins, ins.X)
	case *ssa.ChangeType:
		g.derive(ins, ins.X)
	case *ssa.Convert:
		if isUnsafePointer(ins.Type()) && !tracked(ins.X) {
			g.fromUintptr(ins)
		} else {
			g.derive(ins, ins.X)
		}
	case *ssa.MultiConvert:
		g.derive(ins, ins.X)
	case *ssa.ChangeInterface:
		g.derive(ins, ins.X)
	case *ssa.MakeInterface:
		g.derive(ins, ins.X)
	case *ssa.TypeAssert:
		g.derive(ins, ins.X)
	case *ssa.SliceToArrayPointer:
		g.derive(ins, ins.X)
	case *ssa.Extract:
		g.derive(ins, ins.Tuple)
	case *ssa.Phi:
		for _, e := range ins.Edges {
			g.derive(ins, e)
		}
	case *ssa.UnOp:
		if ins.Op == token.MUL {
			g.load(ins, ins.X)
		}
	case *ssa.Store:
		g.store(ins.Addr, ins.Val)
	case *ssa.MapUpdate:
		// The compiler treats map keys and elements as stored in the heap.
		g.escape(ins.Key)
		g.escape(ins.Value)
	case *ssa.Send:
		g.escape(ins.X)
	case *ssa.Select:
		for _, st := range ins.States {
			if st.Send != nil {
				g.escape(st.Send)
			}
		}
	case *ssa.Panic:
		g.escape(ins.X)
	case *ssa.Return:
		for _, r := range ins.Results {
			if tracked(r) {
				g.resultRoots = append(g.resultRoots, g.node(r))
			}
		}
	case *ssa.MakeClosure:
		g.closure(ins)
	case *ssa.Call:
		g.call(ins.Common(), ins)
	case *ssa.Defer:
		if g.loops.depth(ins.Block()) > 0 || ins.DeferStack != nil {
			g.escapeHeld(ins.Common()) // the defer record lives on the heap
		} else {
			g.call(ins.Common(), nil)
		}
	case *ssa.Go:
		g.escapeHeld(ins.Common())
	}
}

// fromUintptr records p = unsafe.Pointer(u) for an integer u, as the
// compiler does (cmd/compile/internal/escape: unsafeValue): p may point
// wherever the pointers that u was computed from point, through
// conversions and arithmetic within the conversion's own expression. A
// uintptr computed in another statement is not followed, by the compiler
// or the model: abi.NoEscape hides a pointer that way.
func (g *flowGraph) fromUintptr(p *ssa.Convert) {
	inside := g.pos.within(p.Pos())
	seen := map[ssa.Value]bool{}
	var walk func(v ssa.Value)
	walk = func(v ssa.Value) {
		if seen[v] || !inside(v.Pos()) {
			return
		}
		seen[v] = true
		switch v := v.(type) {
		case *ssa.Convert:
			if tracked(v.X) {
				g.derive(p, v.X)
			} else {
				walk(v.X)
			}
		case *ssa.ChangeType:
			walk(v.X)
		case *ssa.UnOp:
			if v.Op != token.MUL {
				walk(v.X)
			}
		case *ssa.BinOp:
			walk(v.X)
			if v.Op != token.SHL && v.Op != token.SHR {
				walk(v.Y)
			}
		}
	}
	walk(p.X)
}

func isUnsafePointer(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.UnsafePointer
}

// load records v = *addr. A value loaded through a parameter is the
// parameter's contents; one loaded through any other pointer the function
// does not own depends on that pointer, so that a chain of loads from a
// parameter still leads back to it.
func (g *flowGraph) load(v, addr ssa.Value) {
	if !tracked(v) {
		return
	}
	if g.objects(addr, func(obj ssa.Value) { g.edge(g.node(v), g.contentsOf(obj)) }) {
		g.derive(v, addr)
	}
}

// store records *addr = val. Memory reached through a parameter belongs to
// the caller and may be on the heap.
func (g *flowGraph) store(addr, val ssa.Value) {
	if !tracked(val) {
		return
	}
	if g.objects(addr, func(obj ssa.Value) {
		if isParam(obj) {
			g.escape(val)
			return
		}
		g.edge(g.contentsOf(obj), g.node(val))
		g.stores = append(g.stores, objectStore{obj, val})
	}) {
		g.escape(val)
	}
}

func isParam(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return true
	}
	return false
}

// escapeContents makes what v points to escape, but not v's own object.
func (g *flowGraph) escapeContents(v ssa.Value) {
	if g.objects(v, func(obj ssa.Value) { g.heapRoots = append(g.heapRoots, g.contentsOf(obj)) }) {
		g.escape(v)
	}
}

// objects calls visit for each local object or parameter that addr may
// point into, and reports whether addr may also point to other memory that
// the function does not own.
func (g *flowGraph) objects(addr ssa.Value, visit func(ssa.Value)) (unknown bool) {
	seen := map[ssa.Value]bool{}
	var walk func(v ssa.Value)
	walk = func(v ssa.Value) {
		if seen[v] {
			return
		}
		seen[v] = true
		switch v := v.(type) {
		case *ssa.Alloc, *ssa.MakeSlice, *ssa.MakeMap, *ssa.MakeChan, *ssa.Parameter, *ssa.FreeVar:
			if tracked(v) {
				visit(v)
			}
		case *ssa.FieldAddr:
			walk(v.X)
		case *ssa.IndexAddr:
			walk(v.X)
		case *ssa.Slice:
			walk(v.X)
		case *ssa.ChangeType:
			walk(v.X)
		case *ssa.Convert:
			walk(v.X)
		case *ssa.SliceToArrayPointer:
			walk(v.X)
		case *ssa.Phi:
			for _, e := range v.Edges {
				walk(e)
			}
		case *ssa.Const:
			// nil points nowhere
		case *ssa.Call:
			if b, ok := v.Call.Value.(*ssa.Builtin); ok && len(v.Call.Args) > 0 &&
				(b.Name() == "append" || b.Name() == "ssa:wrapnilchk") {
				walk(v.Call.Args[0])
				if b.Name() == "append" {
					unknown = true // a grown backing array is a fresh heap object
				}
				return
			}
			unknown = true
		default:
			unknown = true
		}
	}
	walk(addr)
	return unknown
}

// closure records a closure's captured bindings: they live as long as the
// closure does, and escape outright when the literal's body retains them.
// A variable captured by value is copied into the closure, so then only
// what it holds goes with the closure, not the variable itself.
func (g *flowGraph) closure(mc *ssa.MakeClosure) {
	anon := mc.Fn.(*ssa.Function)
	s := g.summary(anon)
	for j, b := range mc.Bindings {
		bit := paramBit(len(anon.Params) + j)
		leaks := s != nil && s.LeakHeap&bit != 0
		leaksContents := s != nil && s.LeakContent&bit != 0
		if g.capturedByValue(mc, j) {
			contents := g.contentsOf(b)
			g.edge(g.node(mc), contents)
			if leaks || leaksContents {
				g.heapRoots = append(g.heapRoots, contents)
			}
			continue
		}
		g.derive(mc, b)
		if leaks {
			g.escape(b)
		} else if leaksContents {
			g.escapeContents(b)
		}
	}
}

// maxByValueCapture is the largest variable the compiler captures by value
// (cmd/compile/internal/escape: capturevars).
const maxByValueCapture = 128

// capturedByValue applies the compiler's rule for captured variables
// (cmd/compile/internal/escape: flowClosure): one that is never assigned
// after it is first captured (in the source's order; a closure's own
// assignments come after), never has its address taken and is at most 128
// bytes is copied into the closure. Assignments before the first capture
// do not count when that capture is at the variable's own loop depth;
// otherwise only the declaration may assign it.
func (g *flowGraph) capturedByValue(mc *ssa.MakeClosure, j int) bool {
	binding := mc.Bindings[j]
	vars := variableCopies(binding)
	if vars == nil {
		return false
	}
	if size, known := sizeof(g.sizes, typeOfPointee(vars[0])); !known || size > maxByValueCapture {
		return false
	}
	// The variable's storage: one Alloc, or the per-iteration copies of a
	// Go 1.22 loop variable that a phi merges.
	storage := []ssa.Value{binding}
	if _, merged := binding.(*ssa.Phi); merged {
		for _, v := range vars {
			storage = append(storage, v)
		}
	}
	stores := make([][]*ssa.Store, len(storage))
	var captures []*ssa.MakeClosure
	for i, v := range storage {
		if !accesses(v, binding, &stores[i], &captures) {
			return false
		}
	}
	first := mc // go/ssa places a closure at its function literal
	for _, c := range captures {
		if c.Fn.Pos() < first.Fn.Pos() {
			first = c
		}
		fn := c.Fn.(*ssa.Function)
		for k, b := range c.Bindings {
			var assigned []*ssa.Store
			if b == binding && (!accesses(fn.FreeVars[k], nil, &assigned, nil) || len(assigned) > 0) {
				return false
			}
		}
	}
	for i, v := range storage {
		if g.loops.depth(first.Block()) != g.loops.depth(v.(ssa.Instruction).Block()) {
			if len(stores[i]) > 1 || len(stores[i]) == 1 && stores[i][0].Block() != v.(ssa.Instruction).Block() {
				return false // assigned beyond its declaration
			}
			continue
		}
		for _, st := range stores[i] {
			if st.Pos() > first.Fn.Pos() {
				return false
			}
		}
	}
	return true
}

// loopVariable reports whether phi merges the per-iteration copies of a
// Go 1.22 loop variable whose address is not taken: it is one variable,
// not a pointer living into the next iteration.
func loopVariable(phi *ssa.Phi) bool {
	var stores []*ssa.Store
	var captures []*ssa.MakeClosure
	return variableCopies(phi) != nil && accesses(phi, nil, &stores, &captures)
}

// variableCopies returns the storage of a captured variable: the Alloc
// itself, or the Allocs of the per-iteration copies of a loop variable
// that a phi merges; nil for anything else.
func variableCopies(v ssa.Value) []*ssa.Alloc {
	switch v := v.(type) {
	case *ssa.Alloc:
		return []*ssa.Alloc{v}
	case *ssa.Phi:
		var out []*ssa.Alloc
		for _, e := range v.Edges {
			a, ok := e.(*ssa.Alloc)
			if !ok {
				return nil
			}
			out = append(out, a)
		}
		return out
	}
	return nil
}

// accesses collects the stores into the address v, or into the fields and
// elements it addresses, and the closures that capture it (when captures
// is not nil). It reports false when v has another use than merged (the
// phi of a loop variable's copies, or nil): its address is taken.
func accesses(v, merged ssa.Value, stores *[]*ssa.Store, captures *[]*ssa.MakeClosure) bool {
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.Phi:
			if merged == nil || r != merged {
				return false
			}
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return false
			}
		case *ssa.FieldAddr:
			if !accesses(r, nil, stores, captures) {
				return false
			}
		case *ssa.IndexAddr:
			if !accesses(r, nil, stores, captures) {
				return false
			}
		case *ssa.Store:
			if r.Addr != v {
				return false
			}
			*stores = append(*stores, r)
		case *ssa.MakeClosure:
			if captures == nil {
				return false
			}
			*captures = append(*captures, r)
		case *ssa.DebugRef:
		default:
			return false
		}
	}
	return true
}

// call records what a call does with its arguments; result is the call's
// value, or nil for a deferred call.
func (g *flowGraph) call(c *ssa.CallCommon, result ssa.Value) {
	if b, ok := c.Value.(*ssa.Builtin); ok {
		g.builtin(b.Name(), c.Args, result)
		return
	}
	callees := g.callees(c)
	if callees == nil {
		g.escapeCall(c)
		return
	}
	for _, callee := range callees {
		g.leaks(g.summary(callee), calleeArgs(c), result)
	}
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

// deriveContents records that v may hold pointers loaded from what x
// points to, but not x itself: errors built by fmt.Errorf keep the
// arguments, not the variadic slice that holds them.
func (g *flowGraph) deriveContents(v, x ssa.Value) {
	if !tracked(v) {
		return
	}
	if g.objects(x, func(obj ssa.Value) { g.edge(g.node(v), g.contentsOf(obj)) }) {
		g.derive(v, x)
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
		// fresh heap memory; the compiler sends them to the heap.
		g.escapeContents(args[1])
	case "copy":
		var srcContents []int32
		g.objects(args[1], func(obj ssa.Value) { srcContents = append(srcContents, g.contentsOf(obj)) })
		if g.objects(args[0], func(obj ssa.Value) {
			for _, c := range srcContents {
				g.edge(g.contentsOf(obj), c)
			}
		}) {
			g.heapRoots = append(g.heapRoots, srcContents...)
		}
	case "ssa:wrapnilchk", "Add", "Slice", "String", "StringData", "SliceData":
		if result != nil && len(args) > 0 {
			g.derive(result, args[0])
		}
	}
}

// loopCarried applies the compiler's loop-depth rule: an object allocated
// inside a loop that is reachable from a value living across iterations
// (a phi at the head of an enclosing loop, or an object allocated outside
// the loop) cannot reuse one stack slot per iteration, so it is moved to
// the heap.
func (g *flowGraph) loopCarried() {
	if !g.loops.any() {
		return
	}
	for _, b := range g.fn.Blocks {
		for _, ins := range b.Instrs {
			phi, ok := ins.(*ssa.Phi)
			if !ok || !tracked(phi) || g.loops.depth(b) == 0 || !g.live[b.Index] || loopVariable(phi) {
				continue
			}
			g.reachableSites(g.node(phi), func(site ssa.Instruction) bool {
				return b.Dominates(site.Block())
			})
		}
	}
	for _, st := range g.stores {
		objDepth := g.loops.depth(st.obj.(ssa.Instruction).Block())
		g.reachableSites(g.node(st.val), func(site ssa.Instruction) bool {
			return g.loops.depth(site.Block()) > objDepth
		})
	}
}

// reachableSites marks as escaping every local object reachable from start
// for which deeper reports true.
func (g *flowGraph) reachableSites(start int32, deeper func(ssa.Instruction) bool) {
	seen := map[int32]bool{start: true}
	stack := []int32{start}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if ins, ok := g.owner[n].(ssa.Instruction); ok && isObject(ins) && deeper(ins) {
			g.heapRoots = append(g.heapRoots, n)
		}
		for _, m := range g.succ[n] {
			if !seen[m] {
				seen[m] = true
				stack = append(stack, m)
			}
		}
	}
}

func isObject(ins ssa.Instruction) bool {
	switch ins.(type) {
	case *ssa.Alloc, *ssa.MakeSlice, *ssa.MakeMap, *ssa.MakeChan, *ssa.MakeClosure, *ssa.MakeInterface:
		return true
	}
	return false
}

// solve spreads escape from the roots and reads off the result.
func (g *flowGraph) solve() *escapeResult {
	heap := g.reach(g.heapRoots)
	result := g.reach(g.resultRoots)
	res := &escapeResult{escapes: map[ssa.Value]bool{}}
	for v, id := range g.ids {
		if heap[id] || result[id] {
			res.escapes[v] = true
		}
	}
	bit := func(i int, v ssa.Value) {
		id, ok := g.ids[v]
		if !ok {
			return
		}
		contents, hasContents := g.contents[v]
		switch {
		case heap[id]:
			res.leaks.LeakHeap |= paramBit(i)
		case hasContents && heap[contents]:
			res.leaks.LeakContent |= paramBit(i)
		}
		switch {
		case heap[id]:
		case result[id]:
			res.leaks.LeakResult |= paramBit(i)
		case hasContents && result[contents]:
			res.leaks.LeakResultContent |= paramBit(i)
		}
	}
	for i, p := range g.fn.Params {
		bit(i, p)
	}
	for j, fv := range g.fn.FreeVars {
		bit(len(g.fn.Params)+j, fv)
	}
	return res
}

func (g *flowGraph) reach(roots []int32) []bool {
	seen := make([]bool, len(g.succ))
	stack := append([]int32(nil), roots...)
	for _, r := range roots {
		seen[r] = true
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, m := range g.succ[n] {
			if !seen[m] {
				seen[m] = true
				stack = append(stack, m)
			}
		}
	}
	return seen
}
