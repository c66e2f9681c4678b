package collections

import (
	"iter"
	"math"
	"slices"
	"testing"
)

// bytesOf is what a container holding cap elements of E must have drawn.
func bytesOf[E any](n int) int64 {
	b, _ := allocSize[E](n)
	return b
}

func vecState[T any](v *Vec[T]) (int, int, []T) { return v.Len(), v.Cap(), slices.Clone(v.Slice()) }

func TestVecBasics(t *testing.T) {
	b := NewBudget(nil, 1<<20)
	v := NewVec[int](b)
	if v.Budget() != b {
		t.Fatal("wrong budget")
	}
	for i := range 100 {
		if x, err := v.TryPush(i); err != nil || x != 0 {
			t.Fatal(x, err)
		}
	}
	if v.Len() != 100 || v.At(42) != 42 {
		t.Fatalf("len %d at42 %d", v.Len(), v.At(42))
	}
	wantUsed(t, b, bytesOf[int](v.Cap()))
	v.Set(0, -1)
	v.Insert(1, 7)
	if x, err := v.TryInsert(v.Len(), 99); err != nil || x != 0 {
		t.Fatal(err)
	}
	if got := v.Slice()[:3]; !slices.Equal(got, []int{-1, 7, 1}) {
		t.Fatalf("front %v", got)
	}
	if x, ok := v.Pop(); !ok || x != 99 {
		t.Fatalf("pop %d %v", x, ok)
	}
	sum := 0
	for i, x := range v.All() {
		if i == 0 {
			continue
		}
		sum += x
	}
	for x := range v.Values() {
		sum -= x
	}
	if sum != 1 { // Values also counted element 0, which is -1
		t.Fatalf("iteration sum %d", sum)
	}
	v.Truncate(10)
	if v.Len() != 10 {
		t.Fatal("truncate")
	}
	capBefore := v.Cap()
	v.Clear()
	if v.Len() != 0 || v.Cap() != capBefore {
		t.Fatal("clear changed capacity")
	}
	if _, ok := v.Pop(); ok {
		t.Fatal("pop from empty")
	}
	v.Release()
	if v.Cap() != 0 {
		t.Fatal("release kept storage")
	}
	wantUsed(t, b, 0)
	v.SetBudget(nil)
	if v.Budget() != Default() {
		t.Fatal("nil budget is not Default")
	}
}

func TestVecSetBudgetWithStoragePanics(t *testing.T) {
	v := NewVec[int](NewBudget(nil, 1<<10))
	v.Push(1)
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	v.SetBudget(nil)
}

func TestVecReserve(t *testing.T) {
	b := NewBudget(nil, 1<<20)
	v := NewVec[int64](b)
	if err := v.TryReserveExact(10); err != nil {
		t.Fatal(err)
	}
	if v.Cap() != 10 {
		t.Fatalf("exact cap %d", v.Cap())
	}
	wantUsed(t, b, 80)
	if err := v.TryReserve(5); err != nil || v.Cap() != 10 {
		t.Fatal("reserve within capacity changed it", err)
	}
	if err := v.TryReserve(11); err != nil || v.Cap() < 20 {
		t.Fatalf("amortized reserve gave cap %d, %v", v.Cap(), err)
	}
	wantUsed(t, b, bytesOf[int64](v.Cap()))
}

func TestVecFailureLeavesItUnchanged(t *testing.T) {
	b := NewBudget(nil, 64)
	v := NewVec[int64](b)
	if err := v.TryReserveExact(8); err != nil {
		t.Fatal(err)
	}
	for i := range 8 {
		v.Push(int64(i))
	}
	l, c, elems := vecState(v)
	x, err := v.TryPush(42)
	wantAllocErr(t, err, BudgetExceeded, bytesOf[int64](growCap(8, 9)))
	if x != 42 {
		t.Fatalf("element handed back: %d", x)
	}
	x, err = v.TryInsert(3, 43)
	if x != 43 || err == nil {
		t.Fatal("TryInsert did not fail with the element")
	}
	wantAllocErr(t, v.TryReserve(1), BudgetExceeded, bytesOf[int64](16))
	wantAllocErr(t, v.TryReserveExact(1), BudgetExceeded, bytesOf[int64](9))
	wantAllocErr(t, v.TryAppendSlice([]int64{1, 2}), BudgetExceeded, bytesOf[int64](16))
	if v.PushWithinCapacity(44) {
		t.Fatal("pushed past capacity")
	}
	l2, c2, elems2 := vecState(v)
	if l != l2 || c != c2 || !slices.Equal(elems, elems2) {
		t.Fatalf("changed: %d %d %v -> %d %d %v", l, c, elems, l2, c2, elems2)
	}
	wantUsed(t, b, 64)
}

func TestVecCapacityOverflow(t *testing.T) {
	b := NewBudget(nil, 1<<20)
	v := NewVec[int64](b)
	v.Push(1)
	wantAllocErr(t, v.TryReserve(int(maxAllocSize)), CapacityOverflow, maxAllocSize+1)
	wantAllocErr(t, v.TryReserveExact(int(^uint(0)>>1)), CapacityOverflow, math.MaxInt64) // saturated
	if v.Len() != 1 {
		t.Fatal("changed")
	}
	var z Vec[struct{}] // zero-size elements cost nothing
	z.SetBudget(NewBudget(nil, 0))
	for range 1000 {
		z.Push(struct{}{})
	}
	if z.Len() != 1000 {
		t.Fatal("zero-size push")
	}
}

func TestVecInsertOutOfRangePanics(t *testing.T) {
	v := NewVec[int](NewBudget(nil, 1<<10))
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	v.TryInsert(1, 0)
}

func TestVecPushPanicsWithAllocError(t *testing.T) {
	v := NewVec[int](NewBudget(nil, 0))
	defer func() {
		ae, ok := recover().(*AllocError)
		if !ok || ae.Kind() != BudgetExceeded {
			t.Fatalf("panic value %v", ae)
		}
	}()
	v.Push(1)
}

// budgetFor returns a budget that fits exactly a Vec[int] grown by pushes
// to hold n elements, and no more.
func budgetFor(n int) *Budget {
	probe := NewVec[int](NewBudget(nil, 1<<30))
	for i := range n {
		probe.Push(i)
	}
	return NewBudget(nil, bytesOf[int](probe.Cap()))
}

func TestVecTryExtendRest(t *testing.T) {
	src := make([]int, 100)
	for i := range src {
		src[i] = i
	}
	b := budgetFor(20)
	v := NewVec[int](b)
	n, rest, err := v.TryExtend(slices.Values(src))
	if err == nil || n != v.Len() || n == 0 || n >= 100 {
		t.Fatalf("n %d len %d err %v", n, v.Len(), err)
	}
	if _, ok := rest.Held(); ok {
		t.Fatal("TryExtend's rest holds a value")
	}
	got := slices.Collect(rest.All())
	if !slices.Equal(got, src[n:]) {
		t.Fatalf("rest %v, want %v", got, src[n:])
	}
	// The rest is a real sequence: resume into a bigger budget.
	w := NewVec[int](NewBudget(nil, 1<<20))
	w.Extend(slices.Values(v.Slice()))
	if m, _, err := w.TryExtend(rest.All()); err != nil || m != 100-n {
		t.Fatal(m, err)
	}
	if !slices.Equal(w.Slice(), src) {
		t.Fatal("resumed contents differ")
	}
	var none Rest[int]
	if len(slices.Collect(none.All())) != 0 {
		t.Fatal("zero Rest not empty")
	}
}

func TestVecTryExtendPullRest(t *testing.T) {
	ch := make(chan int, 100) // a single-use source
	for i := range 100 {
		ch <- i
	}
	close(ch)
	next := func() (int, bool) { x, ok := <-ch; return x, ok }
	v := NewVec[int](budgetFor(20))
	n, rest, err := v.TryExtendPull(next)
	if err == nil || n != v.Len() {
		t.Fatal(n, err)
	}
	held, ok := rest.Held()
	if !ok || held != n {
		t.Fatalf("held %d %v, want %d", held, ok, n)
	}
	got := slices.Collect(rest.All())
	if len(got) != 100-n || got[0] != n || got[len(got)-1] != 99 {
		t.Fatalf("rest has %d values from %d", len(got), got[0])
	}
	// iter.Pull turns any sequence into a source, and stop ends it.
	pnext, stop := iter.Pull(slices.Values([]int{1, 2, 3}))
	defer stop()
	w := NewVec[int](NewBudget(nil, 1<<10))
	if m, _, err := w.TryExtendPull(pnext); err != nil || m != 3 {
		t.Fatal(m, err)
	}
}

func TestVecExtendPanics(t *testing.T) {
	v := NewVec[int](NewBudget(nil, 0))
	defer func() {
		if _, ok := recover().(*AllocError); !ok {
			t.Fatal("no AllocError panic")
		}
	}()
	v.Extend(slices.Values([]int{1}))
}

// TestTryExtendStopsARunawaySequence: a sequence that calls yield again
// after TryExtend stopped it is a bug, reported as range-over-func would.
func TestTryExtendStopsARunawaySequence(t *testing.T) {
	v := NewVec[int](NewBudget(nil, 0))
	runaway := func(yield func(int) bool) {
		yield(1)
		yield(2)
	}
	defer func() {
		if p := recover(); p != errSeqWentOn {
			t.Fatalf("panic %v, want %q", p, errSeqWentOn)
		}
	}()
	_, _, _ = v.TryExtend(runaway)
	t.Fatal("no panic")
}
