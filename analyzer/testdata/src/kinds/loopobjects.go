package kinds

// An object on the heap by the loop-depth rule is on the heap alone: the
// variable that holds it is one location for the compiler, into which
// every value assigned flows, and the object's move does not flow back
// out of it. The object the variable was declared with, outside the
// loop, stays on the stack (go-cmp's FormatDiffSlice: prevRemoveLines
// := map[string]bool{}, then prevRemoveLines = map[string]bool{} in its
// loop: the compiler moves the second map only).
//
//fallible:strict
func LoopReassignedDeclaredObject() { // want LoopReassignedDeclaredObject:"allocates\\(composite\\)"
	p := &T{n, n}
	for i := 0; i < n; i++ {
		sinkInt += p.a
		if i%10 == 0 {
			p = &T{i, n} // want `strict function LoopReassignedDeclaredObject allocates: composite literal escapes to the heap`
		}
	}
}

// A loop's object passed to a call of the function itself outlives the
// iteration: the compiler analyses the call with the function, the
// argument flowing into the parameter, a location declared outside every
// loop (encoding/xml's unmarshal: d.unmarshal(saveAny, &t) in its loop
// moves the type switch's t).
func visitDepth(depth int, parent *T) int { // want visitDepth:"allocates\\(escape\\)"
	if depth == 0 || parent == nil {
		return 0
	}
	sum := parent.a
	for i := 0; i < 2; i++ {
		var child T // moved to the heap: 6 allocations per run
		child.a = i
		sum += visitDepth(depth-1, &child)
	}
	return sum
}

//fallible:strict
func RecursionInLoop() { // want RecursionInLoop:"allocates\\(escape via kinds.visitDepth, 1 hops\\)"
	sinkInt += visitDepth(2, &T{}) // want `strict function RecursionInLoop calls visitDepth, which may allocate`
}
