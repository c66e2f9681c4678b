package groupby_test

import (
	"errors"
	"fmt"
	"maps"
	"testing"

	"github.com/nofallalloc/nofallalloc/allocstest"
	"github.com/nofallalloc/nofallalloc/collections"
	"github.com/nofallalloc/nofallalloc/examples/groupby"
)

// table returns n rows over keys 0..keys-1, and the sum of each key.
func table(n, keys int) ([]groupby.Row, map[uint64]int64) {
	rows := make([]groupby.Row, n)
	want := make(map[uint64]int64)
	for i := range rows {
		rows[i] = groupby.Row{Key: uint64(i*7919) % uint64(keys), Value: int64(i)}
		want[rows[i].Key] += rows[i].Value
	}
	return rows, want
}

// sums runs a query and collects what it emits.
func sums(a *groupby.Aggregator, rows []groupby.Row) (map[uint64]int64, groupby.Strategy) {
	got := make(map[uint64]int64)
	strategy := a.SumByKey(rows, func(key uint64, sum int64) { got[key] += sum })
	return got, strategy
}

func TestStrategies(t *testing.T) {
	for _, tc := range []struct {
		budget int64
		want   groupby.Strategy
	}{
		{1 << 20, groupby.Hash},
		{4 << 10, groupby.Sort}, // 1000 groups do not fit in 4 KiB
	} {
		budget := collections.NewBudget(nil, tc.budget)
		a := groupby.NewAggregator(budget)
		rows, want := table(5000, 1000)
		got, strategy := sums(a, rows)
		if strategy != tc.want || !maps.Equal(got, want) {
			t.Errorf("under %d bytes: strategy %v, %d groups; want %v, %d groups", tc.budget, strategy, len(got), tc.want, len(want))
		}
		a.Release()
		if budget.Used() != 0 {
			t.Errorf("under %d bytes: %d bytes still drawn after Release", tc.budget, budget.Used())
		}
	}
}

// errFellBack stands for a query that fell back to sorting because its
// budget refused: in the fault-injection harness, that is the handled
// failure.
var errFellBack = fmt.Errorf("fell back to sorting: %w", collections.ErrBudgetExceeded)

// TestEveryAllocationFailureFallsBack fails each budget request of a
// query in turn: every time, the query must fall back to sorting and
// still return the right sums.
func TestEveryAllocationFailureFallsBack(t *testing.T) {
	rows, want := table(500, 100)
	rep := allocstest.Faults(t, func(b *collections.Budget) error {
		a := groupby.NewAggregator(b)
		defer a.Release()
		got, strategy := sums(a, append([]groupby.Row(nil), rows...))
		if !maps.Equal(got, want) {
			return errors.New("wrong sums")
		}
		if strategy == groupby.Sort {
			return errFellBack
		}
		return nil
	})
	if rep.Requests < 4 {
		t.Errorf("only %d budget requests", rep.Requests)
	}
}

// TestQueriesAllocateNothing: once the hash table has grown, a query
// allocates nothing; nor does the fallback when the budget has nothing
// left. (In between, the table's growth allocates, charged to the budget,
// until the budget refuses.)
func TestQueriesAllocateNothing(t *testing.T) {
	rows, _ := table(5000, 1000)
	var sums [1000]int64
	emit := func(key uint64, sum int64) { sums[key] = sum }
	for budget, strategy := range map[int64]groupby.Strategy{1 << 20: groupby.Hash, 0: groupby.Sort} {
		a := groupby.NewAggregator(collections.NewBudget(nil, budget))
		if got := a.SumByKey(rows, emit); got != strategy {
			t.Fatalf("under %d bytes: strategy %v, want %v", budget, got, strategy)
		}
		allocstest.Zero(t, func() { a.SumByKey(rows, emit) })
		a.Release()
	}
}

func ExampleAggregator() {
	rows := []groupby.Row{{3, 10}, {1, 5}, {3, 1}, {2, 7}, {1, 1}}
	print := func(key uint64, sum int64) { fmt.Printf("%d:%d ", key, sum) }
	for _, limit := range []int64{1 << 20, 64} {
		a := groupby.NewAggregator(collections.NewBudget(nil, limit))
		fmt.Println(a.SumByKey(rows, print))
		a.Release()
	}
	// Output:
	// 3:11 1:6 2:7 hash
	// 1:6 2:7 3:11 sort
}
