package collections

import (
	"errors"
	"math"
	"testing"
)

// TestReservedStorageIsReused runs tasks under a storage-backed budget: the
// containers take reserved chunks, give them back cleared, and never ask
// the Go heap.
func TestReservedStorageIsReused(t *testing.T) {
	proc := NewBudget(nil, 1<<20)
	arena := NewBudget(proc, 1<<20)
	if err := Reserve[*int](arena, 64, 2); err != nil {
		t.Fatal(err)
	}
	if err := Reserve[*int](arena, 16, 1); err != nil {
		t.Fatal(err)
	}
	if err := ReserveMap[int, int](arena, 100, 1); err != nil {
		t.Fatal(err)
	}
	if err := ReserveSet[string](arena, 10, 1); err != nil {
		t.Fatal(err)
	}
	reserved := bytesOf[*int](64*2+16) + bytesOf[group[int, int]](16) + bytesOf[group[string, struct{}]](2)
	wantUsed(t, proc, reserved)
	wantUsed(t, arena, 0)

	x := 7
	task := func() {
		b := NewBudget(arena, 1<<20)
		defer b.Close()
		v := NewVec[*int](b)
		for range 64 {
			v.Push(&x)
		}
		if v.Cap() != 64 {
			t.Fatalf("cap %d, want a 64 chunk", v.Cap())
		}
		wantUsed(t, b, bytesOf[*int](64))
		wantUsed(t, proc, reserved) // served from the reservation
		m := NewMap[int, int](b)
		for i := range 100 {
			m.Insert(i, i)
		}
		s := NewSet[string](b)
		s.Insert("k")
		v.Release()
		m.Release()
		s.Release()
		wantUsed(t, b, 0)
	}
	task()
	if allocs := testing.AllocsPerRun(20, task); allocs > 3 {
		// Only the task budget, the containers' headers and the deferred
		// Close are Go heap objects; no backing array is.
		t.Fatalf("%v Go heap allocations per task", allocs)
	}
	// Returned chunks are cleared: no stale pointers, zero to the next user.
	st := arena.store
	p := lookupPool[*int](st)
	for _, c := range p.free[6] {
		for _, e := range c[:cap(c)] {
			if e != nil {
				t.Fatal("chunk not cleared")
			}
		}
	}
	arena.Close()
	wantUsed(t, proc, 0)
}

func TestReservedStorageRefusals(t *testing.T) {
	proc := NewBudget(nil, 1<<20)
	arena := NewBudget(proc, 1<<20)
	if err := Reserve[int](arena, 8, 1); err != nil {
		t.Fatal(err)
	}
	v := NewVec[int](arena)
	for i := range 8 {
		if _, err := v.TryPush(i); err != nil {
			t.Fatal(i, err)
		}
	}
	// No bigger chunk: refused, unchanged.
	if _, err := v.TryPush(8); !errors.Is(err, ErrBudgetExceeded) || v.Len() != 8 {
		t.Fatal(err)
	}
	// No chunk for this type at all.
	d := NewDeque[string](arena)
	if _, err := d.TryPushBack("x"); !errors.Is(err, ErrBudgetExceeded) {
		t.Fatal(err)
	}
	// A budget limit below the chunk refuses too, and the chunk goes back.
	v.Release()
	small := NewBudget(arena, 10)
	w := NewVec[int](small)
	if _, err := w.TryPush(1); !errors.Is(err, ErrBudgetExceeded) {
		t.Fatal(err)
	}
	v.Push(1) // the chunk is free again
	v.Release()
	// Reserving more than the parent allows is refused.
	big := NewBudget(NewBudget(nil, 100), 1<<20)
	wantAllocErr(t, Reserve[int](big, 64, 1), BudgetExceeded, 512)
	wantAllocErr(t, Reserve[int](big, 1<<50, 1), CapacityOverflow, 1<<50)
	wantAllocErr(t, Reserve[int](big, 8, -1), CapacityOverflow, 8)
	wantAllocErr(t, ReserveMap[int, int](big, int(^uint(0)>>1), 1), CapacityOverflow, math.MaxInt64)
	arena.Close()
	wantUsed(t, proc, 0)
	// After Close the chunks are dropped: nothing more is served.
	if _, err := NewVec[int](NewBudget(arena, 100)).TryPush(1); err == nil {
		t.Fatal("closed storage served a chunk")
	}
}

func TestReserveOnBusyBudgetPanics(t *testing.T) {
	b := NewBudget(nil, 100)
	if err := b.Acquire(1); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	Reserve[int](b, 1, 1)
}

func TestReservedStorageRootAndExact(t *testing.T) {
	root := NewBudget(nil, 1<<20) // a root reserves without charging anyone
	if err := Reserve[byte](root, 100, 2); err != nil {
		t.Fatal(err)
	}
	if err := Reserve[byte](root, 100, 1); err != nil { // same class again
		t.Fatal(err)
	}
	w := NewBuilder(root)
	if err := w.TryReserveExact(3); err != nil || w.Cap() != 128 {
		t.Fatal(err, w.Cap()) // exact rounds up to the chunk
	}
	w.Release()
	root.Close()
}

func TestRefusedReserveChangesNothing(t *testing.T) {
	b := NewBudget(NewBudget(nil, 10), 1<<10)
	if err := Reserve[int](b, 64, 1); err == nil {
		t.Fatal("reservation past the parent's limit granted")
	}
	if b.store != nil {
		t.Fatal("a refused Reserve made the budget storage-backed")
	}
	if _, err := NewVec[int](b).TryPush(1); err != nil {
		t.Fatal("heap growth refused after a refused Reserve:", err)
	}
}

// TestReservedStorageConcurrentTasks has tasks on several goroutines share
// one reservation; under -race this checks the free lists' locking, and at
// the end every chunk and byte is back.
func TestReservedStorageConcurrentTasks(t *testing.T) {
	proc := NewBudget(nil, 1<<24)
	pool := NewBudget(proc, 1<<24)
	must(Reserve[int](pool, 256, 4))
	must(Reserve[int](pool, 16, 8))
	done := make(chan error)
	for w := range 6 {
		go func() {
			var err error
			for i := range 200 {
				err = RunTask(pool, 1<<20, func(b *Budget) error {
					v := NewVec[int](b)
					defer v.Release()
					for j := range 16 + (i+w)%200 {
						if _, err := v.TryPush(j); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil && !errors.Is(err, ErrBudgetExceeded) {
					break // chunks may run out under contention: only that is allowed
				}
				err = nil
			}
			done <- err
		}()
	}
	for range 6 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	wantUsed(t, pool, 0)
	p := lookupPool[int](pool.store)
	if len(p.free[8]) != 4 || len(p.free[4]) != 8 {
		t.Fatalf("free chunks %d and %d, want 4 and 8", len(p.free[8]), len(p.free[4]))
	}
	pool.Close()
	wantUsed(t, proc, 0)
}
