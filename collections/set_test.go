package collections

import (
	"slices"
	"testing"
)

func TestSet(t *testing.T) {
	b := NewBudget(nil, 1<<20)
	s := NewSet[string](b)
	if s.Budget() != b {
		t.Fatal("budget")
	}
	for _, w := range []string{"x", "y", "x", "z"} {
		if k, err := s.TryInsert(w); err != nil || k != "" {
			t.Fatal(err)
		}
	}
	s.Insert("w")
	if s.Len() != 4 || !s.Contains("y") || s.Contains("q") {
		t.Fatal("contents")
	}
	if got := slices.Sorted(s.All()); !slices.Equal(got, []string{"w", "x", "y", "z"}) {
		t.Fatal(got)
	}
	if !s.Delete("x") || s.Delete("x") {
		t.Fatal("delete")
	}
	if err := s.TryReserve(100); err != nil || s.Cap() < 103 {
		t.Fatal(err, s.Cap())
	}
	if err := s.TryReserveExact(10); err != nil {
		t.Fatal(err)
	}
	if !s.InsertWithinCapacity("v") {
		t.Fatal("within capacity")
	}
	c := s.Cap()
	s.Clear()
	if s.Len() != 0 || s.Cap() != c {
		t.Fatal("clear")
	}
	s.Release()
	wantUsed(t, b, 0)
	s.SetBudget(nil)
	if s.Budget() != Default() {
		t.Fatal("default")
	}
}

func TestSetFailureAndExtend(t *testing.T) {
	b := NewBudget(nil, bytesOf[group[int, struct{}]](1))
	s := NewSet[int](b)
	n, rest, err := s.TryExtend(slices.Values([]int{1, 2, 3, 4, 5, 6, 7, 8, 9}))
	if n != 7 || err == nil {
		t.Fatal(n, err)
	}
	if got := slices.Collect(rest.All()); !slices.Equal(got, []int{8, 9}) {
		t.Fatal(got)
	}
	k, err := s.TryInsert(100)
	wantAllocErr(t, err, BudgetExceeded, bytesOf[group[int, struct{}]](2))
	if k != 100 || s.Len() != 7 {
		t.Fatal("not unchanged or key not handed back")
	}
	if s.InsertWithinCapacity(100) {
		t.Fatal("inserted past capacity")
	}
	wantAllocErr(t, s.TryReserve(1), BudgetExceeded, bytesOf[group[int, struct{}]](2))
	wantAllocErr(t, s.TryReserveExact(1), BudgetExceeded, bytesOf[group[int, struct{}]](2))
	i := 10
	next := func() (int, bool) { i++; return i, i < 20 }
	n, rest, err = s.TryExtendPull(next)
	if n != 0 || err == nil {
		t.Fatal(n, err)
	}
	if h, ok := rest.Held(); !ok || h != 11 {
		t.Fatal(h, ok)
	}
	for _, f := range []func(){func() { s.Insert(50) }, func() { s.Extend(slices.Values([]int{51})) }} {
		func() {
			defer func() {
				if _, ok := recover().(*AllocError); !ok {
					t.Fatal("no AllocError panic")
				}
			}()
			f()
		}()
	}
	big := NewSet[int](nil)
	if n, _, err := big.TryExtendPull(next); n != 8 || err != nil {
		t.Fatal(n, err)
	}
}
