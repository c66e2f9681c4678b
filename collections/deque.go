package collections

import (
	"iter"
	"unsafe"
)

// Deque is a double-ended queue on a ring buffer whose every growth is
// charged to a Budget. The zero Deque is empty and draws from Default(). A
// Deque must not be copied after first use and is not safe for concurrent
// use.
type Deque[T any] struct {
	b    *Budget
	buf  []T // the ring; len(buf) == cap(buf), charged to budget()
	head int // index in buf of element 0
	n    int // number of elements
}

// NewDeque returns an empty Deque drawing from b (Default() if nil).
func NewDeque[T any](b *Budget) *Deque[T] { return &Deque[T]{b: b} }

func (d *Deque[T]) budget() *Budget {
	if d.b == nil {
		return defaultBudget
	}
	return d.b
}

// Budget returns the budget d draws from.
//
//fallible:strict
func (d *Deque[T]) Budget() *Budget { return d.budget() }

// SetBudget makes d draw from b from now on. It panics if d holds storage:
// Release it first.
//
//fallible:strict
func (d *Deque[T]) SetBudget(b *Budget) {
	if len(d.buf) != 0 {
		panic("collections: SetBudget on a container that holds storage")
	}
	d.b = b
}

// Len returns the number of elements.
//
//fallible:strict
func (d *Deque[T]) Len() int { return d.n }

// Cap returns how many elements fit without growing.
//
//fallible:strict
func (d *Deque[T]) Cap() int { return len(d.buf) }

// slot returns the index in buf of element i, which must be in [0, Len].
// The ring is not a power of two (TryReserveExact, allocator rounding), so
// it wraps by subtraction rather than by mask.
func (d *Deque[T]) slot(i int) int {
	j := d.head + i
	if j >= len(d.buf) {
		j -= len(d.buf)
	}
	return j
}

// At returns element i, counting from the front. It panics if i is out of
// range.
//
//fallible:strict
func (d *Deque[T]) At(i int) T {
	if uint(i) >= uint(d.n) {
		panic("collections: Deque index out of range")
	}
	return d.buf[d.slot(i)]
}

// Set replaces element i. It panics if i is out of range.
//
//fallible:strict
func (d *Deque[T]) Set(i int, x T) {
	if uint(i) >= uint(d.n) {
		panic("collections: Deque index out of range")
	}
	d.buf[d.slot(i)] = x
}

// Front returns the first element; ok is false when d is empty.
//
//fallible:strict
func (d *Deque[T]) Front() (x T, ok bool) {
	if d.n == 0 {
		return x, false
	}
	return d.buf[d.head], true
}

// Back returns the last element; ok is false when d is empty.
//
//fallible:strict
func (d *Deque[T]) Back() (x T, ok bool) {
	if d.n == 0 {
		return x, false
	}
	return d.buf[d.slot(d.n-1)], true
}

// All yields the index and value of each element from front to back.
func (d *Deque[T]) All() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i := 0; i < d.n; i++ {
			if !yield(i, d.buf[d.slot(i)]) {
				return
			}
		}
	}
}

// Values yields each element from front to back.
func (d *Deque[T]) Values() iter.Seq[T] {
	return func(yield func(T) bool) {
		for i := 0; i < d.n; i++ {
			if !yield(d.buf[d.slot(i)]) {
				return
			}
		}
	}
}

// Backward yields the index and value of each element from back to front.
func (d *Deque[T]) Backward() iter.Seq2[int, T] {
	return func(yield func(int, T) bool) {
		for i := d.n - 1; i >= 0; i-- {
			if !yield(i, d.buf[d.slot(i)]) {
				return
			}
		}
	}
}

// PopFront removes and returns the first element; ok is false when empty.
//
//fallible:strict
func (d *Deque[T]) PopFront() (x T, ok bool) {
	if d.n == 0 {
		return x, false
	}
	var zero T
	x, d.buf[d.head] = d.buf[d.head], zero // drop the reference for the GC
	if d.head++; d.head == len(d.buf) {
		d.head = 0
	}
	d.n--
	return x, true
}

// PopBack removes and returns the last element; ok is false when empty.
//
//fallible:strict
func (d *Deque[T]) PopBack() (x T, ok bool) {
	if d.n == 0 {
		return x, false
	}
	var zero T
	j := d.slot(d.n - 1)
	x, d.buf[j] = d.buf[j], zero
	d.n--
	return x, true
}

// Clear removes every element, keeping the capacity.
//
//fallible:strict
func (d *Deque[T]) Clear() {
	clear(d.buf)
	d.head, d.n = 0, 0
}

// Release removes every element and gives the storage back to the budget.
//
//fallible:strict
func (d *Deque[T]) Release() {
	discard(d.budget(), d.buf)
	d.buf, d.head, d.n = nil, 0, 0
}

// TryReserve makes room for at least n more elements, at least doubling
// when it grows, and to no fewer than 64 bytes' worth (see minRing). On
// failure d is unchanged.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (d *Deque[T]) TryReserve(n int) error { return d.reserve(n, false) }

// TryReserveExact makes room for exactly n more elements (reserved storage
// may round up to its chunk size). On failure d is unchanged.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (d *Deque[T]) TryReserveExact(n int) error { return d.reserve(n, true) }

func (d *Deque[T]) reserve(more int, exact bool) error {
	need, ok := addCap(d.n, more)
	if !ok {
		return d.budget().fail(CapacityOverflow, wanted(d.n, more))
	}
	if need <= len(d.buf) {
		return nil
	}
	if !exact {
		// Double, as ring buffers do: a deque's growth copies the whole
		// ring, and append's gentler 1.25× past 256 would copy it 2.5 times
		// as much over a run of pushes.
		need = max(need, 2*len(d.buf), minRing[T]())
	}
	b := d.budget()
	s, err := obtain[T](b, nil, need, exact)
	if err != nil {
		return err
	}
	s = s[:cap(s)]
	// Unwrap the ring into the new buffer: the part from head to the end
	// of buf, then the part that wrapped around to its start.
	k := copy(s, d.buf[d.head:min(d.head+d.n, len(d.buf))])
	copy(s[k:d.n], d.buf)
	discard(b, d.buf)
	d.buf, d.head = s, 0
	return nil
}

// minRing is the least capacity a deque grows to unless told exactly: 64
// bytes' worth of elements, as hand-written rings start at 8 words, so that
// a small queue does not grow four times on its way to 8 elements.
func minRing[T any]() int {
	var zero T
	if size := int(unsafe.Sizeof(zero)); size > 0 && size < 64 {
		return 64 / size
	}
	return 1
}

// TryPushBack appends x at the back. On failure d is unchanged and x is
// handed back with the error; on success the returned element is zero.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (d *Deque[T]) TryPushBack(x T) (T, error) {
	// The fast path is here so that a push costs one call, not two.
	if !d.PushBackWithinCapacity(x) {
		if err := d.add(x); err != nil {
			return x, err
		}
	}
	var zero T
	return zero, nil
}

// add appends x, growing first if d is full: TryPushBack without handing x
// back, and the adder of the extend loops.
func (d *Deque[T]) add(x T) error {
	if d.n == len(d.buf) {
		if err := d.reserve(1, false); err != nil {
			return err
		}
	}
	d.buf[d.slot(d.n)] = x
	d.n++
	return nil
}

// TryPushFront inserts x at the front. On failure d is unchanged and x is
// handed back with the error; on success the returned element is zero.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (d *Deque[T]) TryPushFront(x T) (T, error) {
	if d.n == len(d.buf) {
		if err := d.reserve(1, false); err != nil {
			return x, err
		}
	}
	d.PushFrontWithinCapacity(x)
	var zero T
	return zero, nil
}

// TryInsert inserts x at index i, counting from the front, moving the
// elements on the shorter side of i by one. It panics if i is out of range
// [0, Len]. On failure d is unchanged and x is handed back with the error;
// on success the returned element is zero.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (d *Deque[T]) TryInsert(i int, x T) (T, error) {
	if uint(i) > uint(d.n) {
		panic("collections: Deque index out of range")
	}
	if d.n == len(d.buf) {
		if err := d.reserve(1, false); err != nil {
			return x, err
		}
	}
	if i < d.n/2 {
		// Move elements 0..i-1 one step towards the front.
		d.head = d.slot(len(d.buf) - 1)
		for j := range i {
			d.buf[d.slot(j)] = d.buf[d.slot(j+1)]
		}
	} else {
		// Move elements i..n-1 one step towards the back.
		for j := d.n; j > i; j-- {
			d.buf[d.slot(j)] = d.buf[d.slot(j-1)]
		}
	}
	d.buf[d.slot(i)] = x
	d.n++
	var zero T
	return zero, nil
}

// Insert inserts x at index i, panicking with the *AllocError on failure.
//
//fallible:infallible
func (d *Deque[T]) Insert(i int, x T) {
	if _, err := d.TryInsert(i, x); err != nil {
		panic(err)
	}
}

// Remove removes element i, counting from the front, and returns it,
// moving the elements on the shorter side of i by one. It panics if i is
// out of range.
//
//fallible:strict
func (d *Deque[T]) Remove(i int) T {
	if uint(i) >= uint(d.n) {
		panic("collections: Deque index out of range")
	}
	x := d.buf[d.slot(i)]
	var zero T
	if i < d.n/2 {
		// Move elements 0..i-1 one step towards the back.
		for j := i; j > 0; j-- {
			d.buf[d.slot(j)] = d.buf[d.slot(j-1)]
		}
		d.buf[d.head] = zero // drop the reference for the GC
		if d.head++; d.head == len(d.buf) {
			d.head = 0
		}
	} else {
		// Move elements i+1..n-1 one step towards the front.
		for j := i; j < d.n-1; j++ {
			d.buf[d.slot(j)] = d.buf[d.slot(j+1)]
		}
		d.buf[d.slot(d.n-1)] = zero
	}
	d.n--
	return x
}

// PushBack appends x, panicking with the *AllocError on failure.
//
//fallible:infallible
func (d *Deque[T]) PushBack(x T) {
	if err := d.add(x); err != nil {
		panic(err)
	}
}

// PushFront inserts x at the front, panicking with the *AllocError on
// failure.
//
//fallible:infallible
func (d *Deque[T]) PushFront(x T) {
	if _, err := d.TryPushFront(x); err != nil {
		panic(err)
	}
}

// PushBackWithinCapacity appends x if that needs no growth and reports
// whether it did. It never allocates.
//
//fallible:strict
func (d *Deque[T]) PushBackWithinCapacity(x T) bool {
	if d.n == len(d.buf) {
		return false
	}
	d.buf[d.slot(d.n)] = x
	d.n++
	return true
}

// PushFrontWithinCapacity inserts x at the front if that needs no growth
// and reports whether it did. It never allocates.
//
//fallible:strict
func (d *Deque[T]) PushFrontWithinCapacity(x T) bool {
	if d.n == len(d.buf) {
		return false
	}
	d.head = d.slot(len(d.buf) - 1) // one step back, wrapping
	d.buf[d.head] = x
	d.n++
	return true
}

// TryExtend appends the values of seq at the back until seq ends or growth
// is refused, and returns how many it appended and the Rest (see Rest).
//
//fallible:trusted growth is charged to the budget and failure is returned
func (d *Deque[T]) TryExtend(seq iter.Seq[T]) (n int, rest Rest[T], err error) {
	return extendSeq(d, seq)
}

// TryExtendPull appends values drawn from next at the back until it
// reports the end or growth is refused; the Rest then holds the value
// drawn but not appended.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (d *Deque[T]) TryExtendPull(next func() (T, bool)) (n int, rest Rest[T], err error) {
	return extendPull(d, next)
}

// Extend appends every value of seq at the back, panicking with the
// *AllocError on failure.
//
//fallible:infallible
func (d *Deque[T]) Extend(seq iter.Seq[T]) {
	if _, _, err := d.TryExtend(seq); err != nil {
		panic(err)
	}
}
