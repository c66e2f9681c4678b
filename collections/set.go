package collections

import "iter"

// Set is a hash set: a Map with no values, sharing its table, its growth
// and its accounting. The zero Set is empty and draws from Default(). A
// Set must not be copied after first use and is not safe for concurrent
// use.
type Set[K comparable] struct {
	m Map[K, struct{}]
}

// NewSet returns an empty Set drawing from b (Default() if nil).
func NewSet[K comparable](b *Budget) *Set[K] {
	s := &Set[K]{}
	s.m.b = b
	return s
}

// Budget returns the budget s draws from.
//
//fallible:strict
func (s *Set[K]) Budget() *Budget { return s.m.Budget() }

// SetBudget makes s draw from b from now on. It panics if s holds storage:
// Release it first.
//
//fallible:strict
func (s *Set[K]) SetBudget(b *Budget) { s.m.SetBudget(b) }

// Len returns the number of keys.
//
//fallible:strict
func (s *Set[K]) Len() int { return s.m.Len() }

// Cap returns how many keys fit without growing.
//
//fallible:strict
func (s *Set[K]) Cap() int { return s.m.Cap() }

// Contains reports whether k is present.
//
//fallible:strict
func (s *Set[K]) Contains(k K) bool { return s.m.Contains(k) }

// Delete removes k and reports whether it was present.
//
//fallible:strict
func (s *Set[K]) Delete(k K) bool {
	_, ok := s.m.Delete(k)
	return ok
}

// All yields every key.
func (s *Set[K]) All() iter.Seq[K] { return s.m.Keys() }

// Retain keeps the keys for which keep returns true and deletes the others,
// keeping the capacity. It allocates nothing itself.
//
//fallible:trusted it allocates nothing but what keep does: a keep written as a literal in strict code is checked there
func (s *Set[K]) Retain(keep func(K) bool) {
	s.m.Retain(func(k K, _ struct{}) bool { return keep(k) })
}

// Intersect deletes the keys of s that are not in other, keeping the
// capacity.
//
//fallible:strict
func (s *Set[K]) Intersect(other *Set[K]) {
	s.m.Retain(func(k K, _ struct{}) bool { return other.Contains(k) })
}

// Subtract deletes the keys of s that are in other, keeping the capacity.
//
//fallible:strict
func (s *Set[K]) Subtract(other *Set[K]) {
	s.m.Retain(func(k K, _ struct{}) bool { return !other.Contains(k) })
}

// Clear removes every key, keeping the capacity.
//
//fallible:strict
func (s *Set[K]) Clear() { s.m.Clear() }

// Release removes every key and gives the storage back to the budget.
//
//fallible:strict
func (s *Set[K]) Release() { s.m.Release() }

// TryReserve makes room for at least n more keys. On failure s is
// unchanged.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (s *Set[K]) TryReserve(n int) error { return s.m.reserve(n, false) }

// TryReserveExact makes room for n more keys in the smallest table that
// holds them. On failure s is unchanged.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (s *Set[K]) TryReserveExact(n int) error { return s.m.reserve(n, true) }

// TryInsert adds k. On failure s is unchanged and k is handed back with the
// error; on success the returned key is zero.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (s *Set[K]) TryInsert(k K) (K, error) {
	if err := s.add(k); err != nil {
		return k, err
	}
	var zero K
	return zero, nil
}

// Insert adds k, panicking with the *AllocError on failure.
//
//fallible:infallible
func (s *Set[K]) Insert(k K) {
	if err := s.add(k); err != nil {
		panic(err)
	}
}

// add adds k, growing if need be: the adder of the extend loops.
func (s *Set[K]) add(k K) error { return s.m.insert(k, struct{}{}, true) }

// InsertWithinCapacity adds k if that needs no growth and reports whether
// it did. It never allocates.
//
//fallible:strict
func (s *Set[K]) InsertWithinCapacity(k K) bool { return s.m.InsertWithinCapacity(k, struct{}{}) }

// TryExtend adds the keys of seq until seq ends or growth is refused, and
// returns how many it added and the Rest (see Rest).
//
//fallible:trusted growth is charged to the budget and failure is returned
func (s *Set[K]) TryExtend(seq iter.Seq[K]) (n int, rest Rest[K], err error) {
	return extendSeq(s, seq)
}

// TryExtendPull adds keys drawn from next until it reports the end or
// growth is refused; the Rest then holds the key drawn but not added.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (s *Set[K]) TryExtendPull(next func() (K, bool)) (n int, rest Rest[K], err error) {
	return extendPull(s, next)
}

// Extend adds every key of seq, panicking with the *AllocError on failure.
//
//fallible:infallible
func (s *Set[K]) Extend(seq iter.Seq[K]) {
	if _, _, err := s.TryExtend(seq); err != nil {
		panic(err)
	}
}

// TryUnion adds every key of other to s, all or nothing: it counts the
// keys s lacks, reserves room for them, then adds them, so on failure s is
// unchanged.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (s *Set[K]) TryUnion(other *Set[K]) error {
	return s.addAll(other, nil)
}

// TryIntersection adds to s every key that is in both a and b, all or
// nothing: on failure s is unchanged. With s empty, s becomes a ∩ b.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (s *Set[K]) TryIntersection(a, b *Set[K]) error {
	if b.Len() < a.Len() {
		a, b = b, a // walk the smaller set
	}
	return s.addAll(a, b)
}

// Union is TryUnion, panicking with the *AllocError on failure.
//
//fallible:infallible
func (s *Set[K]) Union(other *Set[K]) { must(s.TryUnion(other)) }

// Intersection is TryIntersection, panicking with the *AllocError on
// failure.
//
//fallible:infallible
func (s *Set[K]) Intersection(a, b *Set[K]) { must(s.TryIntersection(a, b)) }

// addAll adds to s the keys of from that are also in filter (every key of
// from when filter is nil), reserving room for the new ones first so that
// the inserts cannot fail.
func (s *Set[K]) addAll(from, filter *Set[K]) error {
	chosen := func(k K) bool { return filter == nil || filter.Contains(k) }
	fresh := 0
	for k := range from.All() {
		if chosen(k) && !s.Contains(k) {
			fresh++
		}
	}
	if fresh == 0 {
		return nil
	}
	if err := s.TryReserve(fresh); err != nil {
		return err
	}
	for k := range from.All() {
		if chosen(k) {
			s.InsertWithinCapacity(k) // room reserved above
		}
	}
	return nil
}

// ReserveSet reserves count tables for Set[K] of at least entries keys
// each, on storage-backed budget b; see Reserve.
//
//fallible:trusted reservation is charged to the parent budget and refusal is returned
func ReserveSet[K comparable](b *Budget, entries, count int) error {
	return ReserveMap[K, struct{}](b, entries, count)
}
