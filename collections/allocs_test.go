package collections

import (
	"errors"
	"slices"
	"testing"
)

// The allocation guarantees, measured: every failure path, and every
// operation within capacity, allocates nothing. Values are 256 or more so
// that no boxing hides in runtime.staticuint64s, and slices are longer than
// the 32-byte stack buffers (see ALLOCATION-FACTS.md).

type allocCase struct {
	name string
	run  func()
}

func checkNoAllocs(t *testing.T, cases []allocCase) {
	t.Helper()
	for _, c := range cases {
		c.run() // warm up: first-use itab caches and the like
		if n := testing.AllocsPerRun(100, c.run); n != 0 {
			t.Errorf("%s: %v allocations per run, want 0", c.name, n)
		}
	}
}

// full returns containers of every kind, each at the limit of its own
// budget, so that the next growth is refused.
func full() (*Vec[int], *Deque[int], *Map[int, int], *Set[int], *Builder) {
	v := NewVec[int](NewBudget(nil, bytesOf[int](64)))
	must(v.TryReserveExact(64))
	for i := range 64 {
		v.Push(i + 256)
	}
	d := NewDeque[int](NewBudget(nil, bytesOf[int](64)))
	must(d.TryReserveExact(64))
	for i := range 64 {
		d.PushBack(i + 256)
	}
	m := NewMap[int, int](NewBudget(nil, bytesOf[group[int, int]](1)))
	s := NewSet[int](NewBudget(nil, bytesOf[group[int, struct{}]](1)))
	for i := range 7 {
		m.Insert(i+256, i)
		s.Insert(i + 256)
	}
	w := NewBuilder(NewBudget(nil, 64))
	must(w.TryReserveExact(64))
	must(w.TryWrite(make([]byte, 64)))
	return v, d, m, s, w
}

func TestFailurePathsDoNotAllocate(t *testing.T) {
	v, d, m, s, w := full()
	b := NewBudget(nil, 100)
	long := make([]byte, 100)
	src := make([]int, 100)
	errSink := error(nil)
	asked, text := int64(1000), ""
	var ae *AllocError
	next := func() (int, bool) { return 1000, true }
	next2 := func() (int, int, bool) { return 1000, 1000, true }
	srcMap := NewMap[int, int](nil)
	for i := range 100 {
		srcMap.Insert(i+1000, i)
	}
	unreserved := NewBudget(b, 0)
	loose := NewVec[int](NewBudget(nil, bytesOf[int](64)))
	must(loose.TryReserveExact(64))
	loose.Push(1000) // shrinking needs 1 more element's bytes: refused
	bigSet := NewSet[int](nil)
	for i := range 100 {
		bigSet.Insert(i + 1000)
	}
	arena := NewBudget(nil, 1<<20)
	must(Reserve[int](arena, 64, 1))
	inArena := NewVec[int](arena)
	must(inArena.TryReserve(64))
	checkNoAllocs(t, []allocCase{
		{"Budget.Acquire", func() { errSink = b.Acquire(1000) }},
		{"Budget.Acquire overflow", func() { errSink = b.Acquire(-1000) }},
		{"Budget.Acquire, a new amount each time", func() { asked++; errSink = b.Acquire(asked) }},
		{"AllocError.Error", func() { text = errSink.Error() }},
		{"Vec.TryPush", func() { _, errSink = v.TryPush(1000) }},
		{"Vec.TryInsert", func() { _, errSink = v.TryInsert(1, 1000) }},
		{"Vec.TryReserve", func() { errSink = v.TryReserve(1000) }},
		{"Vec.TryReserveExact", func() { errSink = v.TryReserveExact(1000) }},
		{"Vec.TryReserve overflow", func() { errSink = v.TryReserve(1 << 62) }},
		{"Vec.TryAppendSlice", func() { errSink = v.TryAppendSlice(src) }},
		{"Vec.TryExtend", func() { _, _, errSink = v.TryExtend(slices.Values(src)) }},
		{"Vec.TryExtendPull", func() { _, _, errSink = v.TryExtendPull(next) }},
		{"Vec.TryPush reserved storage", func() { _, errSink = inArena.TryPush(1000) }},
		{"Deque.TryPushBack", func() { _, errSink = d.TryPushBack(1000) }},
		{"Deque.TryPushFront", func() { _, errSink = d.TryPushFront(1000) }},
		{"Deque.TryReserve", func() { errSink = d.TryReserve(1000) }},
		{"Deque.TryExtend", func() { _, _, errSink = d.TryExtend(slices.Values(src)) }},
		{"Deque.TryExtendPull", func() { _, _, errSink = d.TryExtendPull(next) }},
		{"Map.TryInsert", func() { _, _, errSink = m.TryInsert(1000, 1000) }},
		{"Map.TryReserve", func() { errSink = m.TryReserve(1000) }},
		{"Map.TryReserveExact overflow", func() { errSink = m.TryReserveExact(1 << 62) }},
		{"Set.TryInsert", func() { _, errSink = s.TryInsert(1000) }},
		{"Set.TryExtend", func() { _, _, errSink = s.TryExtend(slices.Values(src)) }},
		{"Set.TryExtendPull", func() { _, _, errSink = s.TryExtendPull(next) }},
		{"Map.TryExtend", func() { _, _, errSink = m.TryExtend(srcMap.All()) }},
		{"Map.TryExtendPull", func() { _, _, errSink = m.TryExtendPull(next2) }},
		{"Builder.TryWrite", func() { errSink = w.TryWrite(long) }},
		{"Builder.TryWriteString", func() { errSink = w.TryWriteString("a string longer than thirty-two bytes") }},
		{"Builder.TryWriteByte", func() { errSink = w.TryWriteByte('x') }},
		{"Builder.TryWriteRune", func() { errSink = w.TryWriteRune('é') }},
		{"Builder.Write", func() { _, errSink = w.Write(long) }},
		{"Reserve", func() { errSink = Reserve[int](unreserved, 1<<50, 1) }},
		{"Vec.TryShrinkToFit", func() { errSink = loose.TryShrinkToFit() }},
		{"Deque.TryInsert", func() { _, errSink = d.TryInsert(1, 1000) }},
		{"Set.TryUnion", func() { errSink = s.TryUnion(bigSet) }},
		{"Set.TryIntersection", func() { errSink = s.TryIntersection(bigSet, bigSet) }},
		{"Builder.TryGrow", func() { errSink = w.TryGrow(1000) }},
		{"Builder.WriteRune", func() { _, errSink = w.WriteRune('é') }},
		{"errors.Is", func() {
			if !errors.Is(errSink, ErrBudgetExceeded) && !errors.Is(errSink, ErrCapacityOverflow) {
				panic("not an allocation failure")
			}
		}},
		{"errors.As", func() {
			if !errors.As(errSink, &ae) {
				panic("not an *AllocError")
			}
		}},
		{"Recover", func() { errSink = pushOrError(v, 1000) }},
	})
	if errSink == nil || text == "" {
		t.Fatal("no failure happened")
	}
}

// pushOrError is a task boundary: Push panics, Recover turns it into err.
func pushOrError(v *Vec[int], x int) (err error) {
	defer Recover(&err)
	v.Push(x)
	return nil
}

func TestOperationsWithinCapacityDoNotAllocate(t *testing.T) {
	b := NewBudget(nil, 1<<20)
	v := NewVec[int](b)
	must(v.TryReserve(1000))
	d := NewDeque[int](b)
	must(d.TryReserve(1000))
	m := NewMap[int, int](b)
	must(m.TryReserve(1000))
	s := NewSet[string](b)
	must(s.TryReserve(1000))
	w := NewBuilder(b)
	must(w.TryReserve(1000))
	src := make([]int, 100)
	is := NewSet[int](b)
	must(is.TryReserve(1000))
	m2 := NewMap[int, int](b)
	for i := range 100 {
		m2.Insert(i+1000, i)
	}
	for i := range 500 {
		d.PushBack(i) // half full, so inserts move elements both ways
	}
	small := NewSet[int](b)
	for i := range 100 {
		small.Insert(i)
	}
	tightVec := NewVec[int](b)
	must(tightVec.TryAppendSlice(src))
	must(tightVec.TryShrinkToFit())
	key := "a key longer than thirty-two bytes, for the hash"
	sink := 0
	checkNoAllocs(t, []allocCase{
		{"Budget.Acquire+Release", func() { must(b.Acquire(1000)); b.Release(1000) }},
		{"Vec.TryPush", func() { v.Clear(); _, _ = v.TryPush(1000) }},
		{"Vec.Push", func() { v.Clear(); v.Push(1000) }},
		{"Vec.PushWithinCapacity", func() { v.Clear(); v.PushWithinCapacity(1000) }},
		{"Vec.TryInsert", func() { _, _ = v.TryInsert(0, 1000); v.Pop() }},
		{"Vec.TryAppendSlice", func() { v.Clear(); must(v.TryAppendSlice(src)) }},
		{"Vec.TryExtend", func() { v.Clear(); _, _, _ = v.TryExtend(slices.Values(src)) }},
		{"Deque.TryExtend", func() { d.Clear(); _, _, _ = d.TryExtend(slices.Values(src)) }},
		{"Set.TryExtend", func() { is.Clear(); _, _, _ = is.TryExtend(slices.Values(src)) }},
		{"Map.TryExtend", func() { m.Clear(); _, _, _ = m.TryExtend(m2.All()) }},
		{"Vec.TryExtendPull", func() { v.Clear(); i := 0; _, _, _ = v.TryExtendPull(func() (int, bool) { i++; return i, i < 100 }) }},
		{"Vec.TryReserve", func() { must(v.TryReserve(10)) }},
		{"Vec.At/Set/Pop", func() { v.Push(1000); v.Set(0, v.At(0)); v.Pop() }},
		{"Vec.All", func() {
			for _, x := range v.All() {
				sink += x
			}
		}},
		{"Vec.Delete/SwapRemove", func() {
			v.Clear()
			must(v.TryAppendSlice(src))
			v.Delete(10, 20)
			sink += v.SwapRemove(5)
		}},
		{"Vec.Retain", func() { v.Retain(func(x int) bool { return x > 0 }) }},
		{"Vec.TryShrinkToFit, already tight", func() { must(tightVec.TryShrinkToFit()) }},
		{"Vec.Backward", func() {
			for _, x := range v.Backward() {
				sink += x
			}
		}},
		{"Deque.TryInsert/Remove", func() {
			_, _ = d.TryInsert(d.Len()/3, 1000)
			_, _ = d.TryInsert(2*d.Len()/3, 1000)
			sink += d.Remove(d.Len() / 3)
			sink += d.Remove(2 * d.Len() / 3)
		}},
		{"Deque.Backward", func() {
			for _, x := range d.Backward() {
				sink += x
			}
		}},
		{"Map.Retain", func() { m.Retain(func(k, _ int) bool { return k != 1000 }) }},
		{"Map.Keys/Values", func() {
			for k := range m.Keys() {
				sink += k
			}
			for x := range m.Values() {
				sink += x
			}
		}},
		{"Set.TryUnion/TryIntersection", func() {
			is.Clear()
			must(is.TryUnion(small))
			must(is.TryIntersection(small, small))
		}},
		{"Set.Intersect/Subtract/Retain", func() {
			is.Intersect(small)
			is.Subtract(small)
			is.Retain(func(k int) bool { return k > 0 })
		}},
		{"Set.All", func() {
			for k := range small.All() {
				sink += k
			}
		}},
		{"Builder.TryGrow/WriteRune", func() { w.Clear(); must(w.TryGrow(10)); _, _ = w.WriteRune('€') }},
		{"Builder.All", func() {
			for _, c := range w.All() {
				sink += int(c)
			}
		}},
		{"Deque push/pop", func() { d.PushBack(1000); d.PushFront(1000); d.PopBack(); d.PopFront() }},
		{"Deque.TryPushBack", func() { _, _ = d.TryPushBack(1000); d.PopFront() }},
		{"Deque.Values", func() {
			for x := range d.Values() {
				sink += x
			}
		}},
		{"Map.TryInsert new", func() { _, _, _ = m.TryInsert(1000, 1); m.Delete(1000) }},
		{"Map.TryInsert update", func() { _, _, _ = m.TryInsert(1000, 1); _, _, _ = m.TryInsert(1000, 2) }},
		{"Map.Insert", func() { m.Insert(2000, 1) }},
		{"Map.InsertWithinCapacity", func() { m.InsertWithinCapacity(3000, 1) }},
		{"Map.Get/Contains", func() { x, _ := m.Get(1000); sink += x; m.Contains(4000) }},
		{"Map.All", func() {
			for k, x := range m.All() {
				sink += k + x
			}
		}},
		{"Map.Clear", func() { m.Clear() }},
		{"Set.TryInsert/Contains/Delete", func() { _, _ = s.TryInsert(key); s.Contains(key); s.Delete(key) }},
		{"Builder.TryWriteString", func() { w.Clear(); must(w.TryWriteString(key)) }},
		{"Builder.TryWriteRune/Byte", func() { w.Clear(); must(w.TryWriteRune('é')); must(w.TryWriteByte('x')) }},
		{"Builder.Bytes", func() { sink += len(w.Bytes()) }},
	})
}

// TestReservedStorageGrowthDoesNotAllocate: with storage reserved up front,
// even growth and release touch no Go heap.
func TestReservedStorageGrowthDoesNotAllocate(t *testing.T) {
	arena := NewBudget(nil, 1<<20)
	must(Reserve[int](arena, 1024, 2))
	must(Reserve[int](arena, 16, 2))
	must(ReserveMap[int, int](arena, 1000, 1))
	v := NewVec[int](arena)
	m := NewMap[int, int](arena)
	checkNoAllocs(t, []allocCase{
		{"Vec grow, shrink and release", func() {
			for i := range 1000 {
				v.Push(i)
			}
			v.Truncate(10)
			v.ShrinkToFit()
			v.Release()
		}},
		{"Vec grow and release", func() {
			for i := range 1000 {
				v.Push(i)
			}
			v.Release()
		}},
		{"Map grow and release", func() {
			must(m.TryReserveExact(1000))
			for i := range 1000 {
				m.Insert(i, i)
			}
			m.Release()
		}},
	})
	wantUsed(t, arena, 0)
}
