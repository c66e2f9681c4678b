package collections

import "testing"

func BenchmarkZVecTryPush(b *testing.B) {
	for _, n := range []int{1000, 1000000} {
		b.Run("n", func(b *testing.B) {
			bud := NewBudget(nil, 1<<40)
			for b.Loop() {
				var v Vec[int]
				v.SetBudget(bud)
				for i := range n {
					v.TryPush(i)
				}
				v.Release()
			}
		})
	}
}
func BenchmarkZAppend(b *testing.B) {
	for _, n := range []int{1000, 1000000} {
		b.Run("n", func(b *testing.B) {
			for b.Loop() {
				var s []int
				for i := range n {
					s = append(s, i)
				}
				sinkInts = s
			}
		})
	}
}
var sinkInts []int
