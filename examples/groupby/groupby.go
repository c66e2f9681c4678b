// Package groupby is the aggregation operator of a small database engine
// (SELECT key, SUM(value) ... GROUP BY key): the kind of program that
// falls back to a cheaper strategy when memory runs out instead of failing
// the query. The fast strategy builds a hash table of the groups, charged
// to the operator's memory budget; when the budget refuses, the operator
// gives the table back and sorts the rows in place instead, which needs no
// memory at all. Both strategies are strict: nofallalloc proves that the
// operator never allocates behind its budget's back, so the fallback is
// the only thing that happens when memory is short.
//
// See docs/guides/fallback.md.
package groupby

import (
	"cmp"
	"slices"

	"github.com/nofallalloc/nofallalloc/collections"
)

// Row is one input row.
type Row struct {
	Key   uint64
	Value int64
}

// Emit receives the sum of one group. It is an effect contract: the
// operator calls it from strict code, and every function converted to Emit
// must allocate nothing.
//
//fallible:strict
type Emit func(key uint64, sum int64)

// Strategy is how a query was aggregated.
type Strategy uint8

const (
	Hash Strategy = iota // a hash table of the groups; groups in order of first appearance
	Sort                 // the rows sorted in place; groups in key order
)

func (s Strategy) String() string {
	if s == Sort {
		return "sort"
	}
	return "hash"
}

// Aggregator sums values by key. Its hash table is charged to the budget
// given to NewAggregator and kept between queries.
type Aggregator struct {
	groups collections.Vec[Row]         // one a key, in order of first appearance
	index  collections.Map[uint64, int] // key → its place in groups
}

// NewAggregator returns an aggregator whose hash table draws from b, the
// operator's memory grant.
func NewAggregator(b *collections.Budget) *Aggregator {
	a := &Aggregator{}
	a.groups.SetBudget(b)
	a.index.SetBudget(b)
	return a
}

// SumByKey emits the sum of the values of each key of rows, and reports
// the strategy it used. It may reorder rows.
//
//fallible:strict
func (a *Aggregator) SumByKey(rows []Row, emit Emit) Strategy {
	if a.hash(rows) {
		for _, g := range a.groups.Slice() {
			emit(g.Key, g.Value)
		}
		return Hash
	}
	// The budget refused: give the table back, so that other operators
	// get the memory, and aggregate in place.
	a.Release()
	sortAggregate(rows, emit)
	return Sort
}

// Release gives the hash table back to the budget.
//
//fallible:strict
func (a *Aggregator) Release() {
	a.groups.Release()
	a.index.Release()
}

// hash sums rows into the hash table, and reports whether the budget let
// it hold every group.
//
//fallible:strict
func (a *Aggregator) hash(rows []Row) bool {
	a.groups.Clear()
	a.index.Clear()
	for _, r := range rows {
		if i, ok := a.index.Get(r.Key); ok {
			g := a.groups.At(i)
			a.groups.Set(i, Row{Key: g.Key, Value: g.Value + r.Value})
			continue
		}
		if _, _, err := a.index.TryInsert(r.Key, a.groups.Len()); err != nil {
			return false
		}
		if _, err := a.groups.TryPush(r); err != nil {
			return false
		}
	}
	return true
}

// sortAggregate sorts rows by key and emits each run's sum.
//
//fallible:strict
func sortAggregate(rows []Row, emit Emit) {
	slices.SortFunc(rows, func(x, y Row) int { return cmp.Compare(x.Key, y.Key) })
	for i := 0; i < len(rows); {
		key, sum := rows[i].Key, int64(0)
		for ; i < len(rows) && rows[i].Key == key; i++ {
			sum += rows[i].Value
		}
		emit(key, sum)
	}
}
