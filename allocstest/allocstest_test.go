package allocstest_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/nofallalloc/nofallalloc/allocstest"
	"github.com/nofallalloc/nofallalloc/collections"
)

// recorder is a TB that keeps what it is told instead of failing the test.
type recorder struct{ errors []string }

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestZeroPassesACleanFunction(t *testing.T) {
	data := make([]int, 1000)
	var sum int
	var r recorder
	allocstest.Zero(&r, func() {
		for _, x := range data {
			sum += x
		}
	})
	if len(r.errors) != 0 {
		t.Errorf("Zero failed a function that allocates nothing:\n%s", strings.Join(r.errors, "\n"))
	}
}

// allocate64 puts 64 bytes on the heap: keep is captured by reference, so
// the slice escapes.
func allocate64(keep *[]byte) { *keep = make([]byte, 64) }

func TestZeroReportsTheAllocatingStack(t *testing.T) {
	var keep []byte
	var r recorder
	allocstest.Zero(&r, func() { allocate64(&keep) })
	if len(r.errors) != 1 {
		t.Fatalf("Zero reported %d errors on a function that allocates, want 1: %q", len(r.errors), r.errors)
	}
	msg := r.errors[0]
	for _, want := range []string{
		"the function allocates",
		"100 allocations (6400 bytes) at",
		"runtime.makeslice",
		"allocstest_test.allocate64",
		"allocstest_test.go:",
		"allocstest_test.TestZeroReportsTheAllocatingStack.func1",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("the report does not say %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "runtime.mallocgc") || strings.Contains(msg, "testing.tRunner") {
		t.Errorf("the report shows the allocator or the test runner:\n%s", msg)
	}
}

// TestZeroCatchesARareAllocation is where Zero and testing.AllocsPerRun
// part: a function that allocates once every ten calls averages 0.1
// allocations, which AllocsPerRun rounds down to 0.
func TestZeroCatchesARareAllocation(t *testing.T) {
	var keep []byte
	calls := 0
	f := func() {
		calls++
		if calls%10 == 0 {
			allocate64(&keep)
		}
	}
	if n := testing.AllocsPerRun(100, f); n != 0 {
		t.Fatalf("AllocsPerRun = %v, want 0 for the premise of this test", n)
	}
	var r recorder
	allocstest.Zero(&r, f)
	if len(r.errors) != 1 {
		t.Fatalf("Zero reported %d errors on a function that allocates every ten calls, want 1: %q", len(r.errors), r.errors)
	}
	if !strings.Contains(r.errors[0], "10 allocations (640 bytes) at") {
		t.Errorf("the report does not count 10 allocations in 100 calls:\n%s", r.errors[0])
	}
}

// TestZeroForgivesATransientAllocation stands for an allocation made
// elsewhere during one round (a background goroutine, the collector): a
// function that allocates during its first 150 calls only, warm-up
// included, is clean from the third round on.
func TestZeroForgivesATransientAllocation(t *testing.T) {
	var keep []byte
	calls := 0
	var r recorder
	allocstest.Zero(&r, func() {
		calls++
		if calls <= 150 {
			allocate64(&keep)
		}
	})
	if len(r.errors) != 0 {
		t.Errorf("Zero failed a function whose allocations stopped after two rounds:\n%s", strings.Join(r.errors, "\n"))
	}
	if calls <= 150 {
		t.Errorf("Zero stopped after %d calls, before the function became clean", calls)
	}
}

func TestZeroRestoresTheRuntime(t *testing.T) {
	procs, rate := runtime.GOMAXPROCS(0), runtime.MemProfileRate
	var keep []byte
	allocstest.Zero(new(recorder), func() { allocate64(&keep) })
	if got := runtime.GOMAXPROCS(0); got != procs {
		t.Errorf("GOMAXPROCS is %d after Zero, was %d", got, procs)
	}
	if runtime.MemProfileRate != rate {
		t.Errorf("MemProfileRate is %d after Zero, was %d", runtime.MemProfileRate, rate)
	}
}

// pushAll pushes n integers into a vector under b, and reports failure.
func pushAll(b *collections.Budget, n int) error {
	v := collections.NewVec[int](b)
	defer v.Release()
	for i := range n {
		if _, err := v.TryPush(i); err != nil {
			return fmt.Errorf("pushing %d: %w", i, err)
		}
	}
	return nil
}

func TestFaultsPassesATaskThatHandlesFailure(t *testing.T) {
	var r recorder
	rep := allocstest.Faults(&r, func(b *collections.Budget) error { return pushAll(b, 100) })
	if len(r.errors) != 0 {
		t.Errorf("Faults failed a task that handles every failure:\n%s", strings.Join(r.errors, "\n"))
	}
	if rep.Requests == 0 {
		t.Errorf("no request counted")
	}
}

func TestFaultsReportsATaskThatPanics(t *testing.T) {
	var r recorder
	rep := allocstest.Faults(&r, func(b *collections.Budget) error {
		v := collections.NewVec[int](b)
		defer v.Release()
		for i := range 100 {
			v.Push(i) // the infallible twin: panics when the budget refuses
		}
		return nil
	})
	if rep.Requests == 0 || len(r.errors) != rep.Requests {
		t.Fatalf("%d requests, %d errors; want one error per request: %q", rep.Requests, len(r.errors), r.errors)
	}
	if !strings.Contains(r.errors[0], "task panicked") {
		t.Errorf("the report does not say the task panicked: %s", r.errors[0])
	}
}

func TestFaultsReportsATaskThatSwallowsFailure(t *testing.T) {
	var r recorder
	allocstest.Faults(&r, func(b *collections.Budget) error {
		if err := pushAll(b, 10); !errors.Is(err, collections.ErrBudgetExceeded) {
			return err
		}
		return nil // gives up silently
	})
	if len(r.errors) == 0 || !strings.Contains(r.errors[0], "task succeeded although the request failed") {
		t.Errorf("Faults did not report a task that hides its allocation failures: %q", r.errors)
	}
}

// TestFaultsReportsATaskThatIgnoresItsBudget: a vector that draws from
// collections.Default makes no request of the task's budget, and fault
// injection would pass it without testing anything.
func TestFaultsReportsATaskThatIgnoresItsBudget(t *testing.T) {
	var r recorder
	allocstest.Faults(&r, func(*collections.Budget) error { return pushAll(collections.Default(), 10) })
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "no request of the budget") {
		t.Errorf("Faults did not report a task that never used its budget: %q", r.errors)
	}
}
