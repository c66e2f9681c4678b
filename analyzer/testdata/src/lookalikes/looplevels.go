package lookalikes

// Look-alike of kinds.LoopAssignedOuterVariable: the variable declared
// outside the loop holds what the loop's array holds, not the array's
// address (first returns path[0].p), so the array stays in its
// iteration, as the compiler's dereference counts say (leaking param:
// path to result ~r0 level=1). The append makes path's array one the
// model cannot name, so the result is loaded through path.

type pathCell struct{ p *int }

var (
	pathTargets = []*int{new(int), new(int)}
	sinkFirst   *int
)

//go:noinline
func firstCell(path []pathCell) *int { // want firstCell:"leaks\\(result-content:0\\)"
	if len(path) == 0 {
		return nil
	}
	return path[0].p
}

//fallible:strict
func LoopKeepsContentsOnly() {
	var v *int
	for i := 0; i < 2; i++ {
		var buf [4]pathCell
		path := buf[:0]
		for _, p := range pathTargets {
			path = append(path, pathCell{p: p}) //fallible:allow two cells fit in buf: the append never grows it
		}
		v = firstCell(path)
	}
	sinkFirst = v
}
