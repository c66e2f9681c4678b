package measured

import "testing"

func TestMeasured(t *testing.T) {
	Keep(1, 2)
	m := map[int]int{}
	for i := range 100 {
		Insert(m, i)
	}
	UseWrap(nil)
	Constant()
	Fail()
	Split(1)
	Devirtualized()
}
