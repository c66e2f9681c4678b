package collections

import (
	"math/bits"
	"reflect"
	"sync"
)

// The embedded profile: storage reserved up front.
//
// A storage-backed budget holds, per element type, free lists of []E chunks
// made once by Reserve (at startup, from the Go heap, charged to the
// budget's parent). A container under that budget takes its backing array
// from the free list instead of asking the Go heap, and gives it back
// (cleared) when it grows past it or is released; nothing under the budget
// ever falls back to the heap. Chunks are ordinary typed Go slices, so the
// garbage collector sees every pointer in them and any element type is
// allowed: no byte arena is reinterpreted as []T.
//
// Chunk capacities are powers of two (one free list per size class), so a
// request takes the smallest free chunk that holds it. A growth step that
// doubles therefore reuses chunks of the classes below it.

// storage is the reserved storage of one storage-backed budget.
type storage struct {
	owner    *Budget
	reserved int64 // bytes charged to owner.parent

	mu    sync.Mutex
	pools map[reflect.Type]any // *pool[E], keyed by E
}

// maxClass bounds the chunk size classes: capacity 1<<(maxClass-1) at most.
const maxClass = 48

// pool holds the free chunks of one element type, by size class.
type pool[E any] struct {
	free [maxClass][][]E // free[c]: chunks of capacity 1<<c; never grown
}

// Reserve reserves count chunks of at least capacity elements of type E
// for the containers under b (Vec[E], Deque[E]; Builder uses E = byte; see
// ReserveMap and ReserveSet for the hash containers). The capacity is
// rounded up to a power of two. The bytes are charged to b's parent once,
// now, and given back when b is closed. From the first Reserve on, b is
// storage-backed: containers under it draw only from reserved chunks of
// their own element type, and a request no free chunk can serve is refused
// like any other. Call Reserve at startup, before b is shared, before its
// children are made, and while nothing is drawn from b.
//
//fallible:trusted reservation is charged to the parent budget and refusal is returned
func Reserve[E any](b *Budget, capacity, count int) error {
	class := classOf(capacity)
	if class >= maxClass || count < 0 {
		return b.fail(CapacityOverflow, int64(capacity))
	}
	size, ok := allocSize[E](1 << class)
	if !ok || size > maxAllocSize/int64(max(count, 1)) {
		return b.fail(CapacityOverflow, int64(capacity))
	}
	if !b.ownsStore() && b.Used() != 0 {
		panic("collections: Reserve on a budget that has storage drawn")
	}
	total := size * int64(count)
	if b.parent != nil && !b.parent.request(total) {
		return b.fail(BudgetExceeded, total) // b is not storage-backed yet
	}
	st := b.ownStore()
	st.mu.Lock()
	defer st.mu.Unlock()
	st.reserved += total
	p := poolFor[E](st)
	slab := make([]E, count<<class)
	list := make([][]E, len(p.free[class]), len(p.free[class])+count)
	copy(list, p.free[class])
	for i := range count {
		list = append(list, slab[i<<class:(i+1)<<class:(i+1)<<class])
	}
	p.free[class] = list
	return nil
}

// ownStore makes b storage-backed if it is not yet, and returns its storage.
func (b *Budget) ownStore() *storage {
	if b.ownsStore() {
		return b.store
	}
	b.store = &storage{owner: b, pools: make(map[reflect.Type]any)}
	return b.store
}

// close gives the reservation back to the owner's parent and drops the
// chunks, which the garbage collector frees once no container holds them.
func (st *storage) close(owner *Budget) {
	st.mu.Lock()
	total := st.reserved
	st.reserved = 0
	clear(st.pools)
	st.mu.Unlock()
	if owner.parent != nil && total > 0 {
		owner.parent.credit(total)
	}
}

// lookupPool returns st's pool for E, or nil; st.mu is held. Looking up a
// reflect.Type allocates nothing, so returning chunks never allocates.
func lookupPool[E any](st *storage) *pool[E] {
	if p, ok := st.pools[reflect.TypeFor[E]()]; ok {
		return p.(*pool[E])
	}
	return nil
}

// poolFor returns st's pool for E, making it if need be; st.mu is held.
func poolFor[E any](st *storage) *pool[E] {
	if p := lookupPool[E](st); p != nil {
		return p
	}
	p := new(pool[E])
	st.pools[reflect.TypeFor[E]()] = p
	return p
}

// takeChunk removes the smallest free chunk of E with room for n elements.
func takeChunk[E any](st *storage, n int) ([]E, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	p := lookupPool[E](st)
	if p == nil {
		return nil, false
	}
	for c := classOf(n); c < maxClass; c++ {
		if l := p.free[c]; len(l) > 0 {
			s := l[len(l)-1]
			l[len(l)-1] = nil
			p.free[c] = l[:len(l)-1]
			return s[:0], true
		}
	}
	return nil, false
}

// putChunk clears s and puts it back on its free list, so that no stale
// pointer is kept alive and the next user sees zeros, as from make.
func putChunk[E any](st *storage, s []E) {
	clear(s[:cap(s)])
	pushChunk(st, s)
}

// pushChunk puts the clear chunk s back on its free list. The list has
// room: it was made with capacity for every chunk of its class. After Close
// dropped the pools, the chunk is left to the garbage collector.
func pushChunk[E any](st *storage, s []E) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if p := lookupPool[E](st); p != nil {
		c := classOf(cap(s))
		p.free[c] = append(p.free[c], s[:0]) //fallible:allow the list was made with room for every chunk of its class
	}
}

// classOf returns the size class that holds n elements: ⌈log₂ n⌉.
func classOf(n int) int {
	if n <= 1 {
		return 0
	}
	return bits.Len(uint(n - 1))
}
