package effects

import "golang.org/x/tools/go/ssa"

// loopForest gives each block of a function its loop depth: the number of
// natural loops that contain it. The compiler's escape analysis uses the
// same notion to decide that an object allocated in one iteration and kept
// by another cannot stay in the frame.
type loopForest struct {
	depths []int // by block index; nil when the function has no loop
}

func findLoops(fn *ssa.Function) *loopForest {
	f := &loopForest{}
	for _, tail := range fn.Blocks {
		for _, head := range tail.Succs {
			if head.Dominates(tail) { // a back edge tail → head
				if f.depths == nil {
					f.depths = make([]int, len(fn.Blocks))
				}
				for _, b := range loopBody(head, tail) {
					f.depths[b.Index]++
				}
			}
		}
	}
	return f
}

// loopBody returns the blocks of the natural loop of the back edge
// tail → head: head, and every block that reaches tail without passing
// through head.
func loopBody(head, tail *ssa.BasicBlock) []*ssa.BasicBlock {
	body := []*ssa.BasicBlock{head}
	seen := map[*ssa.BasicBlock]bool{head: true}
	stack := []*ssa.BasicBlock{tail}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		body = append(body, b)
		stack = append(stack, b.Preds...)
	}
	return body
}

func (f *loopForest) any() bool { return f.depths != nil }

func (f *loopForest) depth(b *ssa.BasicBlock) int {
	if f.depths == nil || b == nil {
		return 0
	}
	return f.depths[b.Index]
}
