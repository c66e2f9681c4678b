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
	wantAllocErr(t, b.Acquire(-1), CapacityOverflow, -1)
	wantAllocErr(t, b.Acquire(math.MaxInt64), CapacityOverflow, math.MaxInt64)
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

// TestAllocErrorNeverChanges keeps the first error of a budget while many
// more failures, of every amount, happen on it: the kept error and its
// message stay as they were. The budget's records are used up by distinct
// amounts, after which failures get the shared, inexact records.
func TestAllocErrorNeverChanges(t *testing.T) {
	b := NewBudget(nil, 0)
	first := b.Acquire(7)
	wantAllocErr(t, first, BudgetExceeded, 7)
	text := first.Error()
	if text != "collections: budget exceeded: 7 bytes requested" {
		t.Fatalf("message %q", text)
	}
	var kept []error
	for i := range 1000 {
		err := b.Acquire(int64(100 + i))
		if i < errSlots-1 {
			wantAllocErr(t, err, BudgetExceeded, int64(100+i)) // a record of b's
		}
		kept = append(kept, err)
	}
	if err := b.Acquire(7); err != first {
		t.Fatal("the same failure did not get the same record")
	}
	wantAllocErr(t, first, BudgetExceeded, 7)
	if first.Error() != text || !first.(*AllocError).Exact() {
		t.Fatalf("the kept error changed to %q", first.Error())
	}
	for i, err := range kept {
		var ae *AllocError
		errors.As(err, &ae)
		asked := int64(100 + i)
		if ae.Kind() != BudgetExceeded || ae.Requested() > asked || asked >= 2*ae.Requested() {
			t.Fatalf("failure %d asking %d reports %v asking %d", i, asked, ae.Kind(), ae.Requested())
		}
		if ae.Exact() != (i < errSlots-1) {
			t.Fatalf("failure %d: Exact %v", i, ae.Exact())
		}
	}
	if got := kept[len(kept)-1].Error(); got != "collections: budget exceeded: between 1024 and 2047 bytes requested" {
		t.Fatalf("shared record's message %q", got)
	}
}

func TestAllocErrorText(t *testing.T) {
	b := NewBudget(nil, 0)
	for _, c := range []struct {
		kind Kind
		n    int64
		want string
	}{
		{CapacityOverflow, 12, "collections: capacity overflow: 12 elements requested"},
		{CapacityOverflow, math.MinInt64, "collections: capacity overflow: -9223372036854775808 elements requested"},
		{BudgetExceeded, math.MaxInt64, "collections: budget exceeded: 9223372036854775807 bytes requested"},
		{BudgetExceeded, 0, "collections: budget exceeded: 0 bytes requested"},
	} {
		if got := b.fail(c.kind, c.n).Error(); got != c.want {
			t.Errorf("fail(%v, %d): %q, want %q", c.kind, c.n, got, c.want)
		}
	}
	for n, want := range map[int64]string{
		0:             "collections: capacity overflow: 0 elements requested",
		1:             "collections: capacity overflow: 1 elements requested",
		3:             "collections: capacity overflow: between 2 and 3 elements requested",
		-5:            "collections: capacity overflow: a negative number of elements requested",
		math.MaxInt64: "collections: capacity overflow: between 4611686018427387904 and 9223372036854775807 elements requested",
	} {
		e := &rangeErrors[rangeIndex(CapacityOverflow)][rangeOf(n)]
		if e.Error() != want || e.Kind() != CapacityOverflow {
			t.Errorf("shared record for %d: %q, want %q", n, e.Error(), want)
		}
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

// TestAllocErrorConcurrentFailures: goroutines failing on one budget at
// once each get a record that says what they asked, and keeps saying it.
func TestAllocErrorConcurrentFailures(t *testing.T) {
	b := NewBudget(nil, 0)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				asked := int64(g*1000 + i%4 + 1) // few distinct amounts per goroutine
				err := b.Acquire(asked)
				var ae *AllocError
				if !errors.As(err, &ae) || ae.Kind() != BudgetExceeded {
					t.Errorf("goroutine %d: %v", g, err)
					return
				}
				if ae.Exact() && ae.Requested() != asked || !ae.Exact() && (ae.Requested() > asked || asked >= 2*ae.Requested()) {
					t.Errorf("goroutine %d asked %d, error says %d (exact %v)", g, asked, ae.Requested(), ae.Exact())
					return
				}
			}
		})
	}
	wg.Wait()
}
