package collections

import (
	"math"
	"unsafe"
)

// Growth and accounting shared by every container. A container's backing
// array is obtained and discarded only here, so that every byte of it is
// charged to the container's budget before the Go heap (or the budget's
// reserved storage) is asked, and credited back when it is dropped.
//
// The invariant: a container's budget is charged exactly
// allocSize[E](cap(s)) for its backing slice s.

// allocSize returns the size in bytes of n elements of E, or false when n
// is negative or the size passes maxAllocSize, the largest single
// allocation we let the runtime attempt (beyond it, make panics instead of
// failing softly, and no machine could satisfy it anyway).
func allocSize[E any](n int) (int64, bool) {
	var zero E
	size := int64(unsafe.Sizeof(zero))
	switch {
	case n < 0:
		return 0, false
	case size == 0:
		return 0, true
	case int64(n) > maxAllocSize/size:
		return 0, false
	}
	return int64(n) * size, true
}

// growCap returns the capacity to grow to from cur so that need elements
// fit, amortized like append (double below 256, then about 1.25×), so that
// a run of pushes costs what append would.
func growCap(cur, need int) int {
	const threshold = 256
	double := cur + cur
	if need > double {
		return need
	}
	if cur < threshold {
		return double
	}
	c := cur
	for c < need || c == cur {
		c += (c + 3*threshold) >> 2
	}
	if c <= 0 { // overflowed: let allocSize report it
		return need
	}
	return c
}

// addCap returns have+more, or false on overflow or negative more.
func addCap(have, more int) (int, bool) {
	if more < 0 || have > int(^uint(0)>>1)-more {
		return 0, false
	}
	return have + more, true
}

// wanted is the number of elements a refused addCap(have, more) asked
// for, as an error reports it: more itself when negative, saturated at
// math.MaxInt64 when the sum overflows.
func wanted(have, more int) int64 {
	if more < 0 {
		return int64(more)
	}
	return int64(min(uint64(have)+uint64(more), math.MaxInt64))
}

// obtain returns a new backing slice with capacity at least n holding a
// copy of keep (len(keep) elements), charged to b; on failure nothing
// changes and the error says why. With exact unset the Go allocator's size
// class rounding is kept as extra capacity if b grants it too.
func obtain[E any](b *Budget, keep []E, n int, exact bool) ([]E, error) {
	bytes, ok := allocSize[E](n)
	if !ok || n < len(keep) {
		return nil, b.fail(CapacityOverflow, int64(n))
	}
	if st := b.store; st != nil {
		return obtainStored(b, st, keep, n, bytes)
	}
	if !b.request(bytes) {
		return nil, b.fail(BudgetExceeded, bytes)
	}
	if exact || n <= cap(keep) {
		s := make([]E, len(keep), n)
		copy(s, keep)
		return s, nil
	}
	// append copies keep and clears only the new part (make then copy would
	// clear the whole array first, which is measurably slower once arrays
	// are recycled rather than fresh from the OS), and rounds the capacity
	// up to the allocator's size class: as fast as append itself. It is
	// given keep's whole capacity so that its growth policy, which starts
	// from the old capacity, lands on n as growCap did; from the length it
	// would overshoot (832 bytes asked from 510 of 512 became 1280).
	l := len(keep)
	s := append(keep[:l:cap(keep)], make([]E, n-l)...)[:l]
	if c := cap(s); c > n {
		extra, _ := allocSize[E](c - n)
		// An opportunistic charge, not a request: refusing it changes
		// nothing the caller sees, so fault injection must not count it.
		if !b.charge(extra) {
			s = s[:l:n] // the budget says no: leave the tail unused
		}
	}
	return s, nil
}

// obtainStored is obtain for a storage-backed budget: the smallest free
// reserved chunk that holds n elements, charged for its whole capacity.
func obtainStored[E any](b *Budget, st *storage, keep []E, n int, bytes int64) ([]E, error) {
	s, ok := takeChunk[E](st, n)
	if !ok {
		return nil, b.fail(BudgetExceeded, bytes)
	}
	bytes, _ = allocSize[E](cap(s))
	if !b.request(bytes) {
		pushChunk(st, s) // still clear: it was never written
		return nil, b.fail(BudgetExceeded, bytes)
	}
	return append(s, keep...), nil
}

// discard gives s's backing array back: its bytes to b, and the array
// itself to b's reserved storage when b is storage-backed.
func discard[E any](b *Budget, s []E) {
	if cap(s) == 0 {
		return
	}
	bytes, _ := allocSize[E](cap(s))
	if st := b.store; st != nil {
		putChunk(st, s)
	}
	b.credit(bytes)
}
