package collections

import (
	"errors"
	"math"
	"runtime/debug"
	"sync"
	"testing"
)

// wantAllocErr fails t unless err is an *AllocError of kind k asking for
// requested.
func wantAllocErr(t *testing.T, err error, k Kind, requested int64) {
	t.Helper()
	var ae *AllocError
	if !errors.As(err, &ae) {
		t.Fatalf("error %v is not an *AllocError", err)
	}
	if ae.Kind() != k || ae.Requested() != requested {
		t.Fatalf("got %v asking %d, want %v asking %d", ae.Kind(), ae.Requested(), k, requested)
	}
	sentinel := map[Kind]error{CapacityOverflow: ErrCapacityOverflow, BudgetExceeded: ErrBudgetExceeded}
	for kind, s := range sentinel {
		if errors.Is(err, s) != (kind == k) {
			t.Fatalf("errors.Is(%v, %v) = %v", err, s, !(kind == k))
		}
	}
}

func wantUsed(t *testing.T, b *Budget, used int64) {
	t.Helper()
	if got := b.Used(); got != used {
		t.Fatalf("budget used %d, want %d", got, used)
	}
}

func TestBudgetAcquireRelease(t *testing.T) {
	b := NewBudget(nil, 100)
	if err := b.Acquire(60); err != nil {
		t.Fatal(err)
	}
	wantUsed(t, b, 60)
	wantAllocErr(t, b.Acquire(41), BudgetExceeded, 41)
	wantUsed(t, b, 60) // refusal changes nothing
	if b.Available() != 40 {
		t.Fatalf("available %d, want 40", b.Available())
	}
	if err := b.Acquire(40); err != nil {
		t.Fatal(err)
	}
	b.Release(100)
	wantUsed(t, b, 0)
	wantAllocErr(t, b.Acquire(-1), CapacityOverflow, maxAmount) // saturated
	wantAllocErr(t, b.Acquire(math.MaxInt64), CapacityOverflow, maxAmount)
	b.Release(0)
	b.Release(-5) // nothing to give back
	wantUsed(t, b, 0)
}

func TestBudgetReleaseTooMuchPanics(t *testing.T) {
	b := NewBudget(nil, 10)
	defer func() {
		if recover() == nil {
			t.Fatal("releasing more than was drawn did not panic")
		}
	}()
	b.Release(1)
}

func TestBudgetSetLimit(t *testing.T) {
	b := NewBudget(nil, -5)
	if b.Limit() != 0 {
		t.Fatalf("negative limit became %d, want 0", b.Limit())
	}
	b.SetLimit(10)
	if err := b.Acquire(10); err != nil {
		t.Fatal(err)
	}
	b.SetLimit(5) // below Used: nothing taken back, new requests refused
	wantUsed(t, b, 10)
	wantAllocErr(t, b.Acquire(1), BudgetExceeded, 1)
	if b.Available() != 0 {
		t.Fatalf("available %d, want 0", b.Available())
	}
}

func TestBudgetNesting(t *testing.T) {
	proc := NewBudget(nil, 100)
	task := NewBudget(proc, 80)
	sub := NewBudget(task, 1000) // its own limit is no escape from task's
	if sub.Parent() != task || task.Parent() != proc || proc.Parent() != nil {
		t.Fatal("wrong parents")
	}
	if err := sub.Acquire(50); err != nil {
		t.Fatal(err)
	}
	wantUsed(t, sub, 50)
	wantUsed(t, task, 50)
	wantUsed(t, proc, 50)
	// task's limit refuses, and no level keeps a trace of the attempt.
	wantAllocErr(t, sub.Acquire(31), BudgetExceeded, 31)
	wantUsed(t, sub, 50)
	wantUsed(t, task, 50)
	wantUsed(t, proc, 50)
	// proc's limit refuses a sibling.
	other := NewBudget(proc, 100)
	wantAllocErr(t, other.Acquire(51), BudgetExceeded, 51)
	wantUsed(t, other, 0)
	wantUsed(t, proc, 50)
	sub.Release(20)
	wantUsed(t, sub, 30)
	wantUsed(t, task, 30)
	wantUsed(t, proc, 30)
}

func TestBudgetClose(t *testing.T) {
	proc := NewBudget(nil, 100)
	task := NewBudget(proc, 100)
	sub := NewBudget(task, 100)
	if err := sub.Acquire(10); err != nil {
		t.Fatal(err)
	}
	if err := task.Acquire(5); err != nil {
		t.Fatal(err)
	}
	sub.Close()
	if !sub.Closed() || task.Closed() {
		t.Fatal("Closed wrong")
	}
	wantUsed(t, sub, 0)
	wantUsed(t, task, 5)
	wantUsed(t, proc, 5)
	sub.Release(10) // after Close: nothing, Close gave it back already
	wantUsed(t, task, 5)
	wantAllocErr(t, sub.Acquire(1), BudgetExceeded, 1)
	wantUsed(t, proc, 5)
	task.Close()
	task.Close()
	wantUsed(t, proc, 0)
}

func TestBudgetCloseWithOpenChild(t *testing.T) {
	proc := NewBudget(nil, 100)
	task := NewBudget(proc, 100)
	child := NewBudget(task, 100)
	if err := child.Acquire(30); err != nil {
		t.Fatal(err)
	}
	task.Close() // the child's 30 bytes were task's too: all go back
	wantUsed(t, proc, 0)
	child.Release(30) // reaches the closed task and stops
	wantUsed(t, proc, 0)
	wantAllocErr(t, child.Acquire(1), BudgetExceeded, 1)
	wantUsed(t, child, 0)
}

// TestBudgetConcurrentExact has goroutines race for single bytes: exactly
// limit of them must be granted, at every level, and all given back.
func TestBudgetConcurrentExact(t *testing.T) {
	const limit, workers, tries = 1000, 8, 400
	proc := NewBudget(nil, 1<<40)
	task := NewBudget(proc, limit)
	var granted [workers]int
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			sub := NewBudget(task, 1<<40)
			for range tries {
				if sub.Acquire(1) == nil {
					granted[w]++
				}
			}
		})
	}
	wg.Wait()
	total := 0
	for _, g := range granted {
		total += g
	}
	if total != limit {
		t.Fatalf("granted %d bytes, want exactly %d", total, limit)
	}
	wantUsed(t, task, limit)
	wantUsed(t, proc, limit)
	task.Close()
	wantUsed(t, proc, 0)
}

// TestBudgetConcurrentChurn mixes acquires, releases and containers from
// several goroutines on one shared budget; it must end at zero.
func TestBudgetConcurrentChurn(t *testing.T) {
	proc := NewBudget(nil, 64<<10)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			task := NewBudget(proc, 32<<10)
			var v Vec[int]
			v.SetBudget(task)
			for i := range 2000 {
				if (i+w)%3 == 0 && task.Acquire(64) == nil {
					task.Release(64)
				}
				if _, err := v.TryPush(i); err != nil {
					v.Release()
				}
			}
			v.Release()
			wantUsed(t, task, 0)
			task.Close()
		})
	}
	wg.Wait()
	wantUsed(t, proc, 0)
}

func TestBudgetFollowMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(1 << 30)
	defer debug.SetMemoryLimit(old)
	b := NewBudget(nil, 0)
	b.FollowMemoryLimit(50)
	if b.Limit() != 1<<29 {
		t.Fatalf("limit %d, want %d", b.Limit(), 1<<29)
	}
	debug.SetMemoryLimit(1 << 31) // raised: seen by the next would-be refusal
	if err := b.Acquire(1<<29 + 1); err != nil {
		t.Fatal(err)
	}
	if b.Limit() != 1<<30 {
		t.Fatalf("limit %d after raise, want %d", b.Limit(), 1<<30)
	}
	debug.SetMemoryLimit(math.MaxInt64)
	b.FollowMemoryLimit(50)
	if b.Limit() != math.MaxInt64 {
		t.Fatalf("unlimited memory gave limit %d", b.Limit())
	}
	b.FollowMemoryLimit(0)
	b.SetLimit(1)
	wantAllocErr(t, b.Acquire(1<<30), BudgetExceeded, 1<<30)
}

func TestDefaultBudget(t *testing.T) {
	if Default() == nil || Default().Parent() != nil || Default().Limit() != math.MaxInt64 {
		t.Fatal("Default is not an unlimited root")
	}
	var v Vec[int] // the zero value draws from Default
	before := Default().Used()
	v.Push(1)
	if v.Budget() != Default() || Default().Used() <= before {
		t.Fatal("zero Vec did not draw from Default")
	}
	v.Release()
}

func TestAllocErrorRingAndText(t *testing.T) {
	b := NewBudget(nil, 0)
	first := b.Acquire(7)
	wantAllocErr(t, first, BudgetExceeded, 7)
	for i := range errRing - 1 {
		_ = b.Acquire(int64(100 + i))
	}
	wantAllocErr(t, first, BudgetExceeded, 7) // not yet overwritten
	_ = b.Acquire(1000)
	wantAllocErr(t, first, BudgetExceeded, 1000) // the ring came round
	if got := first.Error(); got != "collections: budget exceeded: 1000 bytes requested" {
		t.Fatalf("message %q", got)
	}
	over := b.fail(CapacityOverflow, 12)
	if got := over.Error(); got != "collections: capacity overflow: 12 elements requested" {
		t.Fatalf("message %q", got)
	}
	for k, want := range map[Kind]string{CapacityOverflow: "capacity overflow", BudgetExceeded: "budget exceeded", 9: "Kind(9)"} {
		if k.String() != want {
			t.Fatalf("Kind(%d).String() = %q", k, k.String())
		}
	}
	var odd AllocError // a zero record matches no sentinel
	if odd.Is(ErrBudgetExceeded) || odd.Is(ErrCapacityOverflow) {
		t.Fatal("zero AllocError matched a sentinel")
	}
}
