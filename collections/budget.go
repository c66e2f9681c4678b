package collections

import (
	"math"
	"runtime/debug"
	"sync/atomic"
)

// Budget is a byte-accounting allocator that containers draw from. Every
// growth of a container is first charged to its budget, and through it to
// each ancestor; a charge that would take any of them past its limit is
// refused and changes nothing. Releasing a container's storage gives its
// bytes back. Closing a budget gives everything still drawn from it back to
// its parent at once, so a task's memory is accounted for as a unit.
//
// A Budget is safe for concurrent use: its counters are atomic. While one
// charge is under way its ancestors may briefly hold it before a refusal
// further down rolls it back, so a concurrent request may be refused where
// a serial order would have granted it; no limit is ever passed.
//
// A budget on which Reserve was called is storage-backed: see Reserve.
type Budget struct {
	parent *Budget
	store  *storage // nearest storage-backed budget's storage at or above b

	state  atomic.Uint64 // closedBit | bytes drawn
	limit  atomic.Int64
	follow atomic.Int64   // percent of the Go memory limit; 0: off
	inject *faultInjector // the fault-injection harness's, inherited

	errs [errSlots]errSlot // write-once failure records; see AllocError
}

const closedBit = 1 << 63

// NewBudget returns a budget that may draw up to limit bytes, charged also
// to parent unless parent is nil (a root budget). A negative limit is
// treated as zero. The child shares parent's reserved storage, if any:
// Reserve must be called on parent before its children are made.
func NewBudget(parent *Budget, limit int64) *Budget {
	b := &Budget{parent: parent}
	b.limit.Store(max(limit, 0))
	if parent != nil {
		b.store, b.inject = parent.store, parent.inject
	}
	return b
}

var defaultBudget = NewBudget(nil, math.MaxInt64)

// Default returns the process-wide root budget that zero-value containers
// draw from. Its limit is unbounded until set with SetLimit or
// FollowMemoryLimit.
//
//fallible:strict
func Default() *Budget { return defaultBudget }

// Parent returns the budget b charges beside itself, or nil for a root.
//
//fallible:strict
func (b *Budget) Parent() *Budget { return b.parent }

// Limit returns how many bytes b may have drawn at once.
//
//fallible:strict
func (b *Budget) Limit() int64 { return b.limit.Load() }

// SetLimit changes b's limit. Lowering it below Used refuses further
// requests until enough is released; nothing already drawn is taken back.
//
//fallible:strict
func (b *Budget) SetLimit(limit int64) { b.limit.Store(max(limit, 0)) }

// Used returns how many bytes are drawn from b now (0 once closed).
//
//fallible:strict
func (b *Budget) Used() int64 { return int64(b.state.Load() &^ closedBit) }

// Available returns how many more bytes b itself would grant; an ancestor
// may still refuse them.
//
//fallible:strict
func (b *Budget) Available() int64 { return max(b.Limit()-b.Used(), 0) }

// Closed reports whether Close was called.
//
//fallible:strict
func (b *Budget) Closed() bool { return b.state.Load()&closedBit != 0 }

// FollowMemoryLimit makes b's limit percent % of the Go runtime's memory
// limit (runtime/debug.SetMemoryLimit), so that a request fails with an
// error before the runtime itself would run out. The memory limit is read
// now and again whenever b is about to refuse a request, so a raised limit
// is seen at once; a lowered one is seen by the next refusal or the next
// call. Budgets count container storage only, not the rest of the heap: keep
// percent well under 100 (it is capped at 100). A percent of 0 or less
// stops following.
func (b *Budget) FollowMemoryLimit(percent int) {
	b.follow.Store(int64(min(max(percent, 0), 100)))
	b.syncMemoryLimit()
}

// syncMemoryLimit reloads the memory limit and reports whether it changed
// b's limit.
func (b *Budget) syncMemoryLimit() bool {
	p := b.follow.Load()
	if p == 0 {
		return false
	}
	ml := debug.SetMemoryLimit(-1)
	limit := int64(math.MaxInt64)
	if ml < math.MaxInt64/100 {
		limit = ml * p / 100
	}
	return b.limit.Swap(limit) != limit
}

// Acquire charges n bytes to b and its ancestors, for callers that build
// their own structures on a budget. On refusal it changes nothing and
// returns an *AllocError of kind BudgetExceeded; a negative or impossible n
// is a CapacityOverflow.
//
//fallible:trusted only counts bytes; refusal is returned as a preallocated error
func (b *Budget) Acquire(n int64) error {
	if n < 0 || n > maxAllocSize {
		return b.fail(CapacityOverflow, n)
	}
	if !b.request(n) {
		return b.fail(BudgetExceeded, n)
	}
	return nil
}

// Release gives n bytes, drawn earlier with Acquire, back to b and its
// ancestors. Releasing into a closed budget does nothing: Close already gave
// everything back. Releasing more than is drawn panics.
//
//fallible:strict
func (b *Budget) Release(n int64) {
	if n > 0 {
		b.credit(n)
	}
}

// Close gives everything still drawn from b back to its parent and refuses
// every later request. Containers that still hold storage from b keep it
// (it stays valid) but are no longer accounted for; releasing them later
// does nothing. Close b's children before b. Closing twice does nothing.
//
//fallible:strict
func (b *Budget) Close() {
	var s uint64
	for {
		s = b.state.Load()
		if s&closedBit != 0 {
			return
		}
		if b.state.CompareAndSwap(s, closedBit) {
			break
		}
	}
	if up := b.up(); up != nil && s > 0 {
		up.credit(int64(s))
	}
	if b.ownsStore() {
		b.store.close(b)
	}
}

// up returns the budget that b's charges continue to. A storage-backed
// budget is the top of its own accounting: its parent was charged for the
// whole reservation once, so requests served from it must not reach it.
func (b *Budget) up() *Budget {
	if b.ownsStore() {
		return nil
	}
	return b.parent
}

func (b *Budget) ownsStore() bool { return b.store != nil && b.store.owner == b }

// request is one request for n bytes by a container or a caller of
// Acquire: the unit that fault injection counts and fails.
func (b *Budget) request(n int64) bool {
	if b.inject != nil && b.inject.refuse() {
		return false
	}
	return b.charge(n)
}

// charge draws n bytes from b and its accounting ancestors, top down, so
// that an ancestor holds a charge whenever a descendant does (what Close
// relies on). It reports whether every level granted it; on refusal every
// level that had granted is rolled back.
func (b *Budget) charge(n int64) bool {
	if !b.fits(n) {
		return false // refuse before touching ancestors, the common case
	}
	up := b.up()
	if up != nil && !up.charge(n) {
		return false
	}
	if !b.take(n) {
		if up != nil {
			up.credit(n)
		}
		return false
	}
	return true
}

// fits reports whether n more bytes are within b's limit now.
func (b *Budget) fits(n int64) bool {
	if n <= b.Limit()-b.Used() {
		return true
	}
	return b.syncMemoryLimit() && n <= b.Limit()-b.Used()
}

// take adds n to b's own count unless that passes the limit or b is closed.
func (b *Budget) take(n int64) bool {
	for {
		s := b.state.Load()
		if s&closedBit != 0 || n > b.Limit()-int64(s) {
			return false
		}
		if b.state.CompareAndSwap(s, s+uint64(n)) {
			return true
		}
	}
}

// credit subtracts n from b's count and its accounting ancestors', bottom
// up. It stops at a closed budget, whose Close has already given the whole
// count back.
func (b *Budget) credit(n int64) {
	for {
		s := b.state.Load()
		if s&closedBit != 0 {
			return
		}
		if int64(s) < n {
			panic("collections: budget released more than was drawn")
		}
		if b.state.CompareAndSwap(s, s-uint64(n)) {
			break
		}
	}
	if up := b.up(); up != nil {
		up.credit(n)
	}
}
