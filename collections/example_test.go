package collections_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/nofallalloc/nofallalloc/collections"
)

// wordCount is a task in the style strict code is written in: every growth
// is a Try call whose failure is returned, so running out of budget is an
// error the caller handles, never a crash.
func wordCount(b *collections.Budget, text string) (top string, err error) {
	counts := collections.NewMap[string, int](b)
	defer counts.Release()
	for w := range strings.FieldsSeq(text) {
		n, _ := counts.Get(w)
		if _, _, err := counts.TryInsert(w, n+1); err != nil {
			return "", fmt.Errorf("counting %q: %w", w, err)
		}
	}
	words := collections.NewVec[string](b)
	defer words.Release()
	if err := words.TryReserveExact(counts.Len()); err != nil {
		return "", err
	}
	for w := range counts.Keys() {
		words.PushWithinCapacity(w) // reserved above: cannot fail
	}
	s := words.Slice()
	slices.SortFunc(s, func(a, b string) int {
		na, _ := counts.Get(a)
		nb, _ := counts.Get(b)
		return cmpDesc(na, nb, a, b)
	})
	return s[0], nil
}

func cmpDesc(na, nb int, a, b string) int {
	if na != nb {
		return nb - na
	}
	return strings.Compare(a, b)
}

const text = `the cat saw the dog and the dog saw the cat run
a bird on a wire sang of a cat in a hat near the old red barn by the sea`

// A task draws from its own budget under the process budget; when the task
// ends, everything it drew goes back at once.
func ExampleRunTask() {
	process := collections.NewBudget(nil, 1<<20)
	err := collections.RunTask(process, 4<<10, func(b *collections.Budget) error {
		top, err := wordCount(b, text)
		fmt.Println("most frequent:", top)
		return err
	})
	fmt.Println("error:", err, "- process budget in use:", process.Used())

	// A task too large for its budget gets an error, not a crash.
	err = collections.RunTask(process, 64, func(b *collections.Budget) error {
		_, err := wordCount(b, text)
		return err
	})
	var ae *collections.AllocError
	fmt.Println(errors.Is(err, collections.ErrBudgetExceeded), errors.As(err, &ae), ae.Requested() > 64)
	// Output:
	// most frequent: the
	// error: <nil> - process budget in use: 0
	// true true true
}

// The infallible twins panic with the allocation error, and RunTask turns
// that panic, and only that one, back into an error at the task boundary.
func ExampleRunTask_panicProfile() {
	err := collections.RunTask(collections.Default(), 100, func(b *collections.Budget) error {
		v := collections.NewVec[int64](b)
		for i := range 1000 {
			v.Push(int64(i))
		}
		return nil
	})
	fmt.Println(err)
	// Output: collections: budget exceeded: 128 bytes requested
}

// TryExtend hands back what it could not take.
func ExampleVec_TryExtend() {
	b := collections.NewBudget(nil, 32)
	v := collections.NewVec[int64](b)
	_ = v.TryReserveExact(4)
	n, rest, err := v.TryExtend(slices.Values([]int64{1, 2, 3, 4, 5, 6}))
	fmt.Println(n, v.Slice(), errors.Is(err, collections.ErrBudgetExceeded))
	fmt.Println(slices.Collect(rest.All()))
	// Output:
	// 4 [1 2 3 4] true
	// [5 6]
}

// Storage reserved at startup serves the tasks' containers: growth never
// reaches the Go heap, and running out of reserved storage is a refusal.
// A container whose element type has no reservation is refused too.
func ExampleReserve() {
	process := collections.NewBudget(nil, 1<<20)
	pool := collections.NewBudget(process, 1<<20)
	_ = collections.ReserveMap[string, int](pool, 100, 2) // 2 maps of up to 100 entries
	_ = collections.Reserve[string](pool, 64, 2)          // 2 vectors of up to 64 strings
	fmt.Println("reserved:", process.Used())

	err := collections.RunTask(pool, 1<<20, func(b *collections.Budget) error {
		top, err := wordCount(b, text)
		fmt.Println("most frequent:", top)
		return err
	})
	fmt.Println(err, "- in use after the task:", pool.Used(), process.Used())
	// Output:
	// reserved: 8448
	// most frequent: the
	// <nil> - in use after the task: 0 8448
}

// The fault-injection harness fails each budget request of the task in turn
// and checks that the task reports it, without panicking or leaking.
func TestWordCountHandlesEveryAllocationFailure(t *testing.T) {
	rep := collections.CheckAllocationFailures(t, func(b *collections.Budget) error {
		_, err := wordCount(b, text)
		return err
	})
	t.Logf("%d budget requests, each failed once", rep.Requests)
}

func ExampleInjectFaults() {
	careless := func(b *collections.Budget) error {
		v := collections.NewVec[int](b)
		for i := range 100 {
			v.TryPush(i) // error ignored
		}
		return nil
	}
	rep := collections.InjectFaults(collections.FaultOptions{}, careless)
	fmt.Println(rep.Requests, "requests;", rep.Violations[0])
	// Output: 8 requests; request 0: task succeeded although the request failed
}

// An error stays as it was returned, however many failures follow it.
func ExampleAllocError() {
	b := collections.NewBudget(nil, 100)
	v := collections.NewVec[int64](b)
	err := v.TryReserveExact(1000) // 8000 bytes: refused
	for i := range 100 {
		_ = b.Acquire(int64(1000 + i)) // more failures, of other sizes
	}
	var ae *collections.AllocError
	errors.As(err, &ae)
	fmt.Println(ae.Kind(), ae.Requested(), ae.Exact())
	fmt.Println(err)
	// Output:
	// budget exceeded 8000 true
	// collections: budget exceeded: 8000 bytes requested
}

// Union and intersection into a fallible target are all or nothing.
func ExampleSet_TryUnion() {
	a, b := collections.NewSet[string](nil), collections.NewSet[string](nil)
	a.Extend(slices.Values([]string{"x", "y"}))
	b.Extend(slices.Values([]string{"y", "z"}))
	both := collections.NewSet[string](nil)
	if err := both.TryIntersection(a, b); err != nil {
		fmt.Println(err)
	}
	if err := a.TryUnion(b); err != nil {
		fmt.Println(err)
	}
	fmt.Println(slices.Sorted(a.All()), slices.Sorted(both.All()))
	// Output:
	// [x y z] [y]
}
