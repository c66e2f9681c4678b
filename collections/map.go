package collections

import (
	"hash/maphash"
	"iter"
)

// Map is a hash map with its own table (see table.go) so that every growth
// is an explicit allocation charged to a Budget. Keys are hashed with
// hash/maphash.Comparable, the runtime's own hash for the key type, seeded
// per map. The zero Map is empty and draws from Default(). A Map must not
// be copied after first use and is not safe for concurrent use.
//
// Iteration order is the table's order: unspecified, but the same for the
// same table, which is what Rest2 needs to resume a TryExtend from a Map.
type Map[K comparable, V any] struct {
	b *Budget
	t table[K, V]
}

// NewMap returns an empty Map drawing from b (Default() if nil).
func NewMap[K comparable, V any](b *Budget) *Map[K, V] { return &Map[K, V]{b: b} }

func (m *Map[K, V]) budget() *Budget {
	if m.b == nil {
		return defaultBudget
	}
	return m.b
}

// Budget returns the budget m draws from.
//
//fallible:strict
func (m *Map[K, V]) Budget() *Budget { return m.budget() }

// SetBudget makes m draw from b from now on. It panics if m holds storage:
// Release it first.
//
//fallible:strict
func (m *Map[K, V]) SetBudget(b *Budget) {
	if len(m.t.groups) != 0 {
		panic("collections: SetBudget on a container that holds storage")
	}
	m.b = b
}

// Len returns the number of entries.
//
//fallible:strict
func (m *Map[K, V]) Len() int { return m.t.count }

// Cap returns how many entries fit without growing. Deleting can leave
// tombstones that use up room until the next rebuild.
//
//fallible:strict
func (m *Map[K, V]) Cap() int { return m.t.count + m.t.left }

// Get returns the value for k; ok is false when k is absent.
//
//fallible:strict
func (m *Map[K, V]) Get(k K) (v V, ok bool) {
	if s := m.locate(k); s != nil {
		return s.val, true
	}
	return v, false
}

// Contains reports whether k is present.
//
//fallible:strict
func (m *Map[K, V]) Contains(k K) bool {
	return m.locate(k) != nil
}

// Delete removes k and returns its value; ok is false when k was absent.
//
//fallible:strict
func (m *Map[K, V]) Delete(k K) (v V, ok bool) {
	if len(m.t.groups) == 0 {
		return v, false
	}
	_, grp, i, found := m.t.findOrFree(k)
	if !found {
		return v, false
	}
	v = grp.slots[i].val
	m.t.remove(grp, i)
	return v, true
}

// Retain keeps the entries for which keep returns true and deletes the
// others, keeping the capacity. It allocates nothing itself.
//
//fallible:trusted it allocates nothing but what keep does: a keep written as a literal in strict code is checked there
func (m *Map[K, V]) Retain(keep func(K, V) bool) {
	groups := m.t.groups
	for gi := range groups {
		grp := &groups[gi]
		for i := range groupSlots {
			if grp.ctrl.get(i)&ctrlFull != 0 && !keep(grp.slots[i].key, grp.slots[i].val) {
				m.t.remove(grp, i)
			}
		}
	}
}

// All yields every entry. Entries deleted during iteration and not yet
// reached are not yielded; entries inserted may or may not be; if the
// table is rebuilt meanwhile, iteration goes on over the old array.
func (m *Map[K, V]) All() iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		groups := m.t.groups
		for gi := range groups {
			grp := &groups[gi]
			for i := range groupSlots {
				if grp.ctrl.get(i)&ctrlFull != 0 && !yield(grp.slots[i].key, grp.slots[i].val) {
					return
				}
			}
		}
	}
}

// Keys yields every key, in the order of All.
func (m *Map[K, V]) Keys() iter.Seq[K] {
	return func(yield func(K) bool) {
		for k := range m.All() {
			if !yield(k) {
				return
			}
		}
	}
}

// Values yields every value, in the order of All.
func (m *Map[K, V]) Values() iter.Seq[V] {
	return func(yield func(V) bool) {
		for _, v := range m.All() {
			if !yield(v) {
				return
			}
		}
	}
}

// Clear removes every entry, keeping the capacity.
//
//fallible:strict
func (m *Map[K, V]) Clear() {
	clear(m.t.groups) // zeroed control words are empty slots
	m.t.count, m.t.left = 0, maxLoad(len(m.t.groups))
}

// Release removes every entry and gives the storage back to the budget.
//
//fallible:strict
func (m *Map[K, V]) Release() {
	discard(m.budget(), m.t.groups)
	m.t = table[K, V]{}
}

// TryReserve makes room for at least n more entries, at least doubling
// when it grows. On failure m is unchanged.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (m *Map[K, V]) TryReserve(n int) error { return m.reserve(n, false) }

// TryReserveExact makes room for n more entries in the smallest table that
// holds them (tables come in powers of two groups of eight). On failure m
// is unchanged.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (m *Map[K, V]) TryReserveExact(n int) error { return m.reserve(n, true) }

func (m *Map[K, V]) reserve(more int, exact bool) error {
	need, ok := addCap(m.t.count, more)
	if !ok {
		return m.budget().fail(CapacityOverflow, wanted(m.t.count, more))
	}
	if more <= m.t.left {
		return nil
	}
	if !exact {
		need = max(need, 2*m.t.count)
	}
	return m.rebuild(need)
}

// rebuild moves the entries into a new table sized for n entries.
func (m *Map[K, V]) rebuild(n int) error {
	b := m.budget()
	groups, ok := groupsFor(n)
	if _, fits := allocSize[group[K, V]](groups); !ok || !fits {
		return b.fail(CapacityOverflow, int64(n)) // in entries, not groups
	}
	fresh, err := obtain[group[K, V]](b, nil, groups, true)
	if err != nil {
		return err
	}
	old := m.t.groups
	if old == nil {
		m.t.seed = maphash.MakeSeed()
	}
	// Reserved storage may hand out a larger power-of-two chunk: use it all.
	m.t.groups = fresh[:cap(fresh)]
	m.t.count, m.t.left = 0, maxLoad(cap(fresh))
	m.t.moveFrom(old)
	discard(b, old)
	return nil
}

// grow makes room for one more entry after put found none: twice the
// groups if live entries fill more than half the table, else the same size
// again, which drops the tombstones.
func (m *Map[K, V]) grow() error {
	n := maxLoad(len(m.t.groups))
	if m.t.count >= n/2 {
		n *= 2
	}
	return m.rebuild(n)
}

// TryInsert sets the value for k. On failure m is unchanged and k and v are
// handed back with the error; on success the returned pair is zero.
// Replacing the value of a present key never allocates.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (m *Map[K, V]) TryInsert(k K, v V) (K, V, error) {
	// place's body is repeated here rather than called, so that the
	// common case costs one call fewer: neither is small enough to inline.
	placed := false
	if len(m.t.groups) != 0 {
		h, grp, i, found := m.t.findOrFree(k)
		if found {
			grp.slots[i].val = v
			placed = true
		} else {
			placed = m.t.put(grp, i, k, v, h)
		}
	}
	if !placed {
		if err := m.insertSlow(k, v, true); err != nil {
			return k, v, err
		}
	}
	var zk K
	var zv V
	return zk, zv, nil
}

// insert stores k, v, growing if mayGrow; errFull reports no room when
// growth is not allowed.
func (m *Map[K, V]) insert(k K, v V, mayGrow bool) error {
	if m.place(k, v) {
		return nil
	}
	return m.insertSlow(k, v, mayGrow)
}

// add stores k, v, growing if need be: the adder of the extend loops.
func (m *Map[K, V]) add(k K, v V) error { return m.insert(k, v, true) }

// place stores k, v if that needs no growth and reports whether it did.
func (m *Map[K, V]) place(k K, v V) bool {
	if len(m.t.groups) == 0 {
		return false
	}
	h, grp, i, found := m.t.findOrFree(k)
	if found {
		grp.slots[i].val = v
		return true
	}
	return m.t.put(grp, i, k, v, h)
}

// insertSlow grows the table and stores k, which is absent, and v.
func (m *Map[K, V]) insertSlow(k K, v V, mayGrow bool) error {
	if !mayGrow {
		return errFull
	}
	var err error
	if len(m.t.groups) == 0 {
		err = m.rebuild(1)
	} else {
		err = m.grow()
	}
	if err != nil {
		return err
	}
	h := m.t.hash(k)
	grp, i := m.t.freeSlot(h)
	m.t.put(grp, i, k, v, h)
	return nil
}

// errFull is insert's answer when it may not grow: never returned to users.
var errFull = &AllocError{}

// Insert sets the value for k, panicking with the *AllocError on failure.
//
//fallible:infallible
func (m *Map[K, V]) Insert(k K, v V) {
	if err := m.add(k, v); err != nil {
		panic(err)
	}
}

// InsertWithinCapacity sets the value for k if that needs no growth and
// reports whether it did. It never allocates.
//
//fallible:strict
func (m *Map[K, V]) InsertWithinCapacity(k K, v V) bool {
	return m.place(k, v)
}

// TryExtend inserts the pairs of seq until seq ends or growth is refused,
// and returns how many it inserted and the Rest2 (see Rest).
//
//fallible:trusted growth is charged to the budget and failure is returned
func (m *Map[K, V]) TryExtend(seq iter.Seq2[K, V]) (n int, rest Rest2[K, V], err error) {
	return extendSeq2(m, seq)
}

// TryExtendPull inserts pairs drawn from next until it reports the end or
// growth is refused; the Rest2 then holds the pair drawn but not inserted.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (m *Map[K, V]) TryExtendPull(next func() (K, V, bool)) (n int, rest Rest2[K, V], err error) {
	return extendPull2(m, next)
}

// Extend inserts every pair of seq, panicking with the *AllocError on
// failure.
//
//fallible:infallible
func (m *Map[K, V]) Extend(seq iter.Seq2[K, V]) {
	if _, _, err := m.TryExtend(seq); err != nil {
		panic(err)
	}
}

// ReserveMap reserves count tables for Map[K, V] (and Set[K] when V is
// struct{}) of at least entries entries each, on storage-backed budget b;
// see Reserve.
//
//fallible:trusted reservation is charged to the parent budget and refusal is returned
func ReserveMap[K comparable, V any](b *Budget, entries, count int) error {
	groups, ok := groupsFor(entries)
	if !ok {
		return b.fail(CapacityOverflow, int64(entries))
	}
	return Reserve[group[K, V]](b, groups, count)
}
