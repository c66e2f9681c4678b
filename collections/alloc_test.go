package collections

import (
	"slices"
	"testing"
)

// TestSizeClassRounding: the allocator's rounding becomes capacity only if
// the budget grants those bytes too; otherwise the tail stays unused and
// the budget is charged exactly the capacity.
func TestSizeClassRounding(t *testing.T) {
	type rgb [3]byte // 3 bytes: 3 of them round up to the 16-byte size class
	tight := NewBudget(nil, 9)
	v := NewVec[rgb](tight)
	if err := v.TryReserve(3); err != nil {
		t.Fatal(err)
	}
	if v.Cap() != 3 {
		t.Fatalf("cap %d with no budget for the rounding, want 3", v.Cap())
	}
	wantUsed(t, tight, 9)
	roomy := NewBudget(nil, 100)
	w := NewVec[rgb](roomy)
	if err := w.TryReserve(3); err != nil {
		t.Fatal(err)
	}
	if w.Cap() != 5 {
		t.Fatalf("cap %d with budget for the rounding, want 5", w.Cap())
	}
	wantUsed(t, roomy, 15)
	w.Release()
	wantUsed(t, roomy, 0)
}

func TestGrowthArithmetic(t *testing.T) {
	if _, ok := allocSize[int](-1); ok {
		t.Fatal("negative size allowed")
	}
	for _, c := range []struct{ cur, need, want int }{
		{0, 1, 1}, {4, 5, 8}, {4, 20, 20}, {256, 257, 512}, {1024, 1025, 1024 + (1024+768)/4},
	} {
		if got := growCap(c.cur, c.need); got != c.want {
			t.Errorf("growCap(%d, %d) = %d, want %d", c.cur, c.need, got, c.want)
		}
	}
	huge := int(^uint(0)>>1) - 10
	if got := growCap(huge-100, huge); got != huge {
		t.Errorf("growCap near overflow = %d, want %d", got, huge)
	}
	if _, ok := addCap(1, -1); ok {
		t.Fatal("negative growth allowed")
	}
}

func TestEarlyStops(t *testing.T) {
	d := NewDeque[int](nil)
	d.Extend(slices.Values([]int{1, 2, 3}))
	for range d.All() {
		break
	}
	for range d.Values() {
		break
	}
	src := []int{1, 2, 3, 4}
	r := restOf(slices.Values(src), 1)
	for range r.All() {
		break
	}
	i := 0
	p := restPulled(func() (int, bool) { i++; return i, true }, 0)
	for x := range p.All() {
		if x == 0 {
			continue
		}
		break
	}
	for range p.All() {
		break // the held value alone
	}
	d.Release()
}

func TestMisusePanics(t *testing.T) {
	m := NewMap[int, int](nil)
	m.Insert(1, 1)
	v := NewVec[int](nil)
	for name, f := range map[string]func(){
		"Map.SetBudget": func() { m.SetBudget(nil) },
		"Vec.Insert":    func() { v.Insert(5, 1) },
		"Vec.Insert budget": func() {
			NewVec[int](NewBudget(nil, 0)).Insert(0, 1)
		},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		}()
	}
	m.Release()
}
