package effects

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// flowGraph is the escape analysis of one function. Its nodes are the
// function's pointer-carrying values plus one "contents" node per local
// object (what is stored inside it); an edge a → b means "if a outlives
// the frame, so does b", and its step says at which level of
// dereference (levels, below). Escape starts at roots (stores to memory
// the function does not own, returns, arguments of callees that retain
// them) and spreads along the edges; a local object that is reached at
// level 0 is on the heap.
type flowGraph struct {
	fn      *ssa.Function
	summary func(*ssa.Function) *Summary // callee summaries, for parameter leaks
	sizes   types.Sizes
	pos     *positions
	loops   *loopForest
	live    []bool

	*graphMemory

	// byValue marks a literal's free variables captured by value: the
	// free variable's node stands for the captured value, its contents
	// node for what that value points to.
	byValue map[*ssa.FreeVar]bool
	// contentsEscape holds the variables captured by value by a closure
	// that lets what their values point to escape.
	contentsEscape []ssa.Value

	heapRoots []link // what the heap holds: values (sameLevel), what values point to (loadStep)
	// heapObjects are objects on the heap by a rule that does not make
	// their values escape (onHeap).
	heapObjects []int32
	// paramCallRoots are what the function passes to calls of its own
	// func-typed parameters: they escape if the function its caller
	// passes retains them (Summary.ParamCallLeaks).
	paramCallRoots []paramCallRoot
	paramCalls     bool // paramCallRoots or paramCallStep edges were added
	// defersParamCalls says the compiler inlines the function, so that
	// the calls of its func-typed parameters are its callers' to decide
	// (escape_inline.go).
	defersParamCalls bool
	// big says the compiler may inline next to nothing into the
	// function, so that the calls its callees defer are unknown calls:
	// asked once a callee defers one (bigKnown).
	big, bigKnown bool
	resultRoots   []link
	stores        []objectStore // stores into local objects, for the loop rule
}

// edge from → to: if from outlives the frame, so does to, at the level
// that step gives.
type edge struct {
	from int32
	to   link
}

// Levels. A node reached at level 0 outlives the frame itself: the
// objects it points to escape. At level 1 only what those objects hold
// outlives the frame (a value loaded through the pointer is stored in
// the heap), at level 2 what that points to holds, and so on. The
// compiler counts the same dereferences on its edges
// (cmd/compile/internal/escape: derefs, walkOne): an object escapes when
// its address, not only its contents, reaches a root. The model caps the
// level at maxLevel: a lower level is a more conservative answer.
//
//	sameLevel    v holds the pointers x holds (v := &x.f, v := x[i:j],
//	             conversions, phis, stores into a local object)
//	loadStep     v is loaded through x (v := *x, x's objects unknown):
//	             v at level k is x at level k+1
//	addressStep  v points to a fresh object that holds x (an object's
//	             contents, a closure's captures, an interface's box):
//	             v at level k+1 is x at level k, and v at level 0,
//	             the object escaping, takes x along at level 0
//	paramCallStep  v is the result of a call of a func-typed parameter
//	             given x: sameLevel, if the function the caller passes
//	             returns what it is given (Summary.ParamCallLeaks); a
//	             walk for the function's own leaks does not follow it
type step uint8

const (
	sameLevel step = iota
	loadStep
	addressStep
	paramCallStep
)

// maxLevel is the deepest level the model tells apart.
const maxLevel = 3

// unreached is the level of a node that no root reaches.
const unreached = maxLevel + 1

// next returns the level that a step from level k reaches.
func (s step) next(k uint8) uint8 {
	switch s {
	case loadStep:
		return min(k+1, maxLevel)
	case addressStep:
		return max(k, 1) - 1
	}
	return k
}

// link is an edge's target node with its step, in one word: the
// frozen graph holds one per edge.
type link int32

func linkTo(n int32, s step) link { return link(n<<2 | int32(s)) }

func (l link) node() int32 { return int32(l >> 2) }
func (l link) step() step  { return step(l & 3) }

// paramCallRoot is a root that makes escape what the calls of a
// func-typed parameter are given, if that function retains it (or,
// with key.returned, returns it); onlyReturned when the call only
// returns it (paramCallFlow).
type paramCallRoot struct {
	key  paramCallKey
	root link
}

// paramCallKey is the condition of a ParamCallLeak: the function passed
// for parameter fn retains (returned: returns) its argument arg.
type paramCallKey struct {
	fn, arg  uint8
	returned bool
}

func (l ParamCallLeak) key() paramCallKey { return paramCallKey{l.Func, l.Arg, l.Returned} }

// order sorts keys by parameter, then argument, retained before
// returned: the order of Summary.ParamCallLeaks.
func (k paramCallKey) order() int {
	o := int(k.fn)<<9 | int(k.arg)<<1
	if k.returned {
		o |= 1
	}
	return o
}

const onlyReturned link = -1

// objectStore records that val was stored into the local object obj.
type objectStore struct {
	obj ssa.Value
	val ssa.Value
}

// tracked reports whether v can carry a pointer to memory of this frame.
func tracked(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Const, *ssa.Builtin:
		return false
	case *ssa.Function:
		return capturesDictionary(v)
	}
	return hasPointers(v.Type())
}

func hasPointers(t types.Type) bool {
	switch t := t.Underlying().(type) {
	case *types.Basic:
		return t.Kind() == types.UnsafePointer || t.Info()&types.IsString != 0
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
	g.owner = append(g.owner, v)
	g.contents = append(g.contents, noContents)
	return int32(len(g.owner) - 1)
}

// noContents marks a node without a contents node.
const noContents = -1

// contentsOf returns the contents node of a local object; the object's own
// escape implies its contents', and the object at level k+1 is its
// contents at level k.
func (g *flowGraph) contentsOf(obj ssa.Value) int32 {
	id, known := g.ids[obj]
	if known && g.contents[id] != noContents {
		return g.contents[id]
	}
	contents := g.newNode(nil)
	if !known {
		id = g.newNode(obj)
		g.ids[obj] = id
	}
	g.contents[id] = contents
	g.edge(id, contents, addressStep)
	return contents
}

func (g *flowGraph) edge(from, to int32, s step) {
	g.edges = append(g.edges, edge{from, linkTo(to, s)})
}

// freeze lays the edges out by node, once every edge is added, for the
// walks that follow them: one array for the whole graph, not one per
// node.
func (g *flowGraph) freeze() {
	n := len(g.owner)
	start := resized(g.start, n+1)
	clear(start)
	for _, e := range g.edges {
		start[e.from+1]++
	}
	for i := 1; i <= n; i++ {
		start[i] += start[i-1]
	}
	// Each node's edges go at its start, which moves on to the next
	// node's; shifted back, the starts are the starts again.
	succ := resized(g.succ, len(g.edges))
	for _, e := range g.edges {
		succ[start[e.from]] = e.to
		start[e.from]++
	}
	copy(start[1:], start[:n])
	start[0] = 0
	g.start, g.succ = start, succ
}

// successors returns the nodes that n's escape implies, with their
// steps, once the graph is frozen. A node made after freeze (the loop
// rule asks for the nodes of values that nothing derived) has no edge.
func (g *flowGraph) successors(n int32) []link {
	if int(n) >= len(g.start)-1 {
		return nil
	}
	return g.succ[g.start[n]:g.start[n+1]]
}

// resized returns s with length n, reusing its array when it is large
// enough.
func resized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// derive records that v may hold pointers taken from x.
func (g *flowGraph) derive(v, x ssa.Value) {
	g.flow(v, x, sameLevel)
}

// flow records that v's escape implies x's, at the level s gives.
func (g *flowGraph) flow(v, x ssa.Value, s step) {
	if tracked(v) && tracked(x) {
		g.edge(g.node(v), g.node(x), s)
	}
}

func (g *flowGraph) escape(v ssa.Value) {
	if tracked(v) {
		g.heapRoots = append(g.heapRoots, linkTo(g.node(v), sameLevel))
	}
}

// escapeContents makes what v points to escape, but not v's own object.
func (g *flowGraph) escapeContents(v ssa.Value) {
	g.contentsLinks(v, func(l link) { g.heapRoots = append(g.heapRoots, l) })
}

// contentsLinks calls add with the roots that make what v points to
// escape: the contents of its local objects, and, when v's objects are
// unknown, v at level 1.
func (g *flowGraph) contentsLinks(v ssa.Value, add func(link)) {
	if g.objects(v, func(obj ssa.Value) { add(linkTo(g.contentsOf(obj), sameLevel)) }) && tracked(v) {
		add(linkTo(g.node(v), loadStep))
	}
}

// escapeIf makes v escape if the function passed for a func-typed
// parameter does what key says.
func (g *flowGraph) escapeIf(key paramCallKey, v ssa.Value) {
	if tracked(v) {
		g.paramCallRoots = append(g.paramCallRoots, paramCallRoot{key, linkTo(g.node(v), sameLevel)})
	}
}

// escapeContentsIf is escapeIf for what v points to (escapeContents).
func (g *flowGraph) escapeContentsIf(key paramCallKey, v ssa.Value) {
	g.contentsLinks(v, func(l link) { g.paramCallRoots = append(g.paramCallRoots, paramCallRoot{key, l}) })
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
		case *ssa.UnOp:
			if fv, ok := v.X.(*ssa.FreeVar); ok && v.Op == token.MUL && g.byValue[fv] {
				walk(fv) // the captured value itself
			} else {
				unknown = true
			}
		case *ssa.Slice:
			walk(v.X)
		case *ssa.ChangeType:
			walk(v.X)
		case *ssa.Convert:
			walk(v.X)
		case *ssa.SliceToArrayPointer:
			walk(v.X)
		case *ssa.MakeInterface:
			if !pointerShaped(v.X.Type()) {
				unknown = true // the interface points to a box of its own
				return
			}
			walk(v.X) // the interface's data word is the pointer
		case *ssa.TypeAssert:
			if v.CommaOk || !pointerShaped(v.AssertedType) {
				unknown = true
				return
			}
			walk(v.X) // the pointer is the interface's data word
		case *ssa.Extract:
			if ta, ok := v.Tuple.(*ssa.TypeAssert); ok && v.Index == 0 && pointerShaped(ta.AssertedType) {
				walk(ta.X)
			} else {
				unknown = true
			}
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

// deriveContents records that v may hold pointers loaded from what x
// points to, but not x itself: errors built by fmt.Errorf keep the
// arguments, not the variadic slice that holds them. When x's objects are
// unknown, v is loaded through x: v at level k is x at level k+1.
func (g *flowGraph) deriveContents(v, x ssa.Value) {
	if !tracked(v) {
		return
	}
	if g.objects(x, func(obj ssa.Value) { g.edge(g.node(v), g.contentsOf(obj), sameLevel) }) {
		g.flow(v, x, loadStep)
	}
}
