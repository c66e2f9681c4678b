package effects

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"
)

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
		switch {
		case isUnsafePointer(ins.Type()) && !tracked(ins.X):
			g.fromUintptr(ins)
		case !copies(ins):
			g.derive(ins, ins.X)
		}
	case *ssa.MultiConvert:
		g.derive(ins, ins.X)
	case *ssa.ChangeInterface:
		g.derive(ins, ins.X)
	case *ssa.MakeInterface:
		if pointerShaped(ins.X.Type()) {
			g.derive(ins, ins.X) // the data word is the pointer
		} else {
			g.flow(ins, ins.X, addressStep) // the data word points to a box holding X
		}
	case *ssa.TypeAssert:
		if boxed(ins.AssertedType) {
			g.flow(ins, ins.X, loadStep) // a copy of what the data word points to
		} else {
			g.derive(ins, ins.X) // the data word itself
		}
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
		if g.pos.storesThroughPointer(ins) {
			g.escape(ins.Val) // whatever the pointer points to: the compiler does not follow it
		}
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
				g.resultRoots = append(g.resultRoots, linkTo(g.node(r), sameLevel))
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
// does not own is one level below that pointer, so that a chain of loads
// from a parameter still leads back to it, and v's escape lets only what
// addr points to escape, not addr's own object.
func (g *flowGraph) load(v, addr ssa.Value) {
	if fv, ok := addr.(*ssa.FreeVar); ok && g.byValue[fv] {
		g.derive(v, fv) // the captured value
		return
	}
	g.deriveContents(v, addr)
}

// store records *addr = val. Memory reached through a parameter belongs to
// the caller and may be on the heap, and so does a variable captured by
// reference, the enclosing function's: what is stored there escapes, as
// the summary cannot tell the caller where it went. But storing into
// that memory what it already held (*b = (*b)[2:], s[i] = s[j], and in a
// literal rel = rel[i:], a closure consuming its input) lets nothing new
// into it, wherever it lives (the compiler: isSelfAssign, and a literal
// analysed with its enclosing function).
func (g *flowGraph) store(addr, val ssa.Value) {
	if !tracked(val) {
		return
	}
	if g.objects(addr, func(obj ssa.Value) {
		if isParam(obj) {
			if fv, ok := obj.(*ssa.FreeVar); (!ok || !g.byValue[fv]) && heldIn(val, obj) {
				return
			}
			g.escape(val)
			return
		}
		g.edge(g.contentsOf(obj), g.node(val), sameLevel)
		g.stores = append(g.stores, objectStore{obj, val})
	}) {
		g.escape(val)
	}
}

// heldIn reports whether v only holds pointers loaded from the memory
// that the parameter or captured variable obj points to (or constants):
// the memory itself, its fields or its elements, resliced, converted or
// merged.
func heldIn(v ssa.Value, obj ssa.Value) bool {
	h := heldValues{obj: obj}
	return h.holds(v)
}

// heldValues answers heldIn for one memory, obj's.
type heldValues struct {
	obj  ssa.Value
	phis []*ssa.Phi // on the way: a loop's phi reached again holds nothing new
}

func (h *heldValues) holds(v ssa.Value) bool {
	switch v := v.(type) {
	case *ssa.Const:
		return true
	case *ssa.UnOp:
		return v.Op == token.MUL && addressIn(v.X, h.obj)
	case *ssa.Slice:
		return !isPointer(v.X.Type()) && h.holds(v.X) // not the address of an array
	case *ssa.Field:
		return h.holds(v.X)
	case *ssa.Index:
		return h.holds(v.X)
	case *ssa.ChangeType:
		return h.holds(v.X)
	case *ssa.Convert:
		return !copies(v) && h.holds(v.X)
	case *ssa.Phi:
		if slices.Contains(h.phis, v) {
			return true
		}
		h.phis = append(h.phis, v)
		for _, e := range v.Edges {
			if !h.holds(e) {
				return false
			}
		}
		return true
	}
	return false
}

// addressIn reports whether addr points into the memory that obj points
// to: obj itself, or the address of one of its fields or elements.
func addressIn(addr, obj ssa.Value) bool {
	switch a := addr.(type) {
	case *ssa.FieldAddr:
		return addressIn(a.X, obj)
	case *ssa.IndexAddr:
		return addressIn(a.X, obj)
	}
	return addr == obj
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

func isParam(v ssa.Value) bool {
	switch v.(type) {
	case *ssa.Parameter, *ssa.FreeVar:
		return true
	}
	return false
}

// closure records a closure's captured bindings: they live as long as the
// closure does, and escape outright when the literal's body retains them.
// A variable captured by value is copied into the closure, so then only
// what it holds goes with the closure, not the variable itself.
func (g *flowGraph) closure(mc *ssa.MakeClosure) {
	anon := mc.Fn.(*ssa.Function)
	s := g.summary(anon)
	g.lostClosureResults(mc)
	for j, b := range mc.Bindings {
		bit := paramBit(len(anon.Params) + j)
		leaks := s != nil && s.LeakHeap&bit != 0
		leaksContents := s != nil && s.LeakContent&bit != 0
		if g.capturedByValue(mc, j) {
			// The closure holds a copy of what the variable (or one of
			// a loop variable's per-iteration copies) holds. The
			// literal's bits are about the value: it escapes, or what
			// it points to does.
			for _, v := range variableCopies(b) {
				contents := g.contentsOf(v)
				g.edge(g.node(mc), contents, addressStep)
				if leaks {
					g.heapRoots = append(g.heapRoots, linkTo(contents, sameLevel))
				} else if leaksContents {
					g.contentsEscape = append(g.contentsEscape, v)
				}
			}
			continue
		}
		g.flow(mc, b, addressStep) // the closure holds b, the variable's address
		if leaks {
			g.escape(b)
		} else if leaksContents {
			g.escapeContents(b)
		}
	}
}

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
	_, merged := binding.(*ssa.Phi)
	if merged {
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
		if !onlyRead(c, binding) {
			return false
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
			if st.Pos() > first.Fn.Pos() || !merged && storedAfter(st, first) {
				return false
			}
		}
	}
	return true
}

// storedAfter reports whether st runs after mc in their block: the store
// of f = func() { f() } is placed at its "=", before the literal, but
// stores the closure that mc makes, so it reassigns f once f is captured.
// (A loop variable's next copy is stored after the closures of the
// iteration too, but it is another variable: not asked.)
func storedAfter(st *ssa.Store, mc *ssa.MakeClosure) bool {
	if st.Block() != mc.Block() {
		return false
	}
	for _, ins := range mc.Block().Instrs {
		switch ins {
		case st:
			return false
		case mc:
			return true
		}
	}
	return false
}

// onlyRead reports whether the literal that mc makes only reads the
// variable it captures as binding, and so do the literals nested in it
// that capture it again.
func onlyRead(mc *ssa.MakeClosure, binding ssa.Value) bool {
	lit := mc.Fn.(*ssa.Function)
	for k, b := range mc.Bindings {
		if b != binding {
			continue
		}
		var assigned []*ssa.Store
		var nested []*ssa.MakeClosure
		if !accesses(lit.FreeVars[k], nil, &assigned, &nested) || len(assigned) > 0 {
			return false
		}
		for _, inner := range nested {
			if !onlyRead(inner, lit.FreeVars[k]) {
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

// maxByValueCapture is the largest variable the compiler captures by value
// (cmd/compile/internal/escape: capturevars).
const maxByValueCapture = 128

// byValueContents makes what the values of variables in contentsEscape
// point to escape, once every store into them is known.
// A loop variable's copy of the previous iteration's value holds what the
// other stores put there.
func (g *flowGraph) byValueContents() {
	for _, st := range g.stores {
		if slices.Contains(g.contentsEscape, st.obj) && !g.copiedFrom(st.val, g.contentsEscape) {
			g.escapeContents(st.val)
		}
	}
}

// copiedFrom reports whether v is loaded from one of vars.
func (g *flowGraph) copiedFrom(v ssa.Value, vars []ssa.Value) bool {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	all := true
	unknown := g.objects(load.X, func(obj ssa.Value) { all = all && slices.Contains(vars, obj) })
	return all && !unknown
}
