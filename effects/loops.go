package effects

import "golang.org/x/tools/go/ssa"

// loopForest gives each block of a function its loop depth: the number of
// natural loops that contain it. The compiler's escape analysis uses the
// same notion to decide that an object allocated in one iteration and kept
// by another cannot stay in the frame. A function without loops has none
// (nil): its every block is at depth 0.
type loopForest struct {
	depths []int // by block index
}

// findLoops returns fn's loops, or nil when it has none. The blocks of
// each natural loop of a back edge tail → head are head and every block
// that reaches tail without passing through head; each is marked with
// its loop's number as it is found.
func findLoops(fn *ssa.Function) *loopForest {
	var (
		f     *loopForest
		mark  []int32 // by block index: the number of the last loop that reached the block
		loop  int32
		stack []*ssa.BasicBlock
	)
	for _, tail := range fn.Blocks {
		for _, head := range tail.Succs {
			if !head.Dominates(tail) {
				continue // not a back edge
			}
			if f == nil {
				f = &loopForest{depths: make([]int, len(fn.Blocks))}
				mark = make([]int32, len(fn.Blocks))
			}
			loop++
			mark[head.Index] = loop
			f.depths[head.Index]++
			stack = append(stack[:0], tail)
			for len(stack) > 0 {
				b := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if mark[b.Index] == loop {
					continue
				}
				mark[b.Index] = loop
				f.depths[b.Index]++
				stack = append(stack, b.Preds...)
			}
		}
	}
	return f
}

func (f *loopForest) any() bool { return f != nil }

func (f *loopForest) depth(b *ssa.BasicBlock) int {
	if f == nil || b == nil {
		return 0
	}
	return f.depths[b.Index]
}
