package collections

import (
	"iter"
	"slices"
)

// Vec is a growable array whose every growth is charged to a Budget. The
// zero Vec is empty and draws from Default(). A Vec must not be copied
// after first use (the copy would share, and later release, its storage)
// and is not safe for concurrent use.
type Vec[T any] struct {
	b *Budget
	s []T // len: Len, cap: Cap; charged allocSize[T](cap(s)) to budget()
}

// NewVec returns an empty Vec drawing from b (Default() if nil).
func NewVec[T any](b *Budget) *Vec[T] { return &Vec[T]{b: b} }

func (v *Vec[T]) budget() *Budget {
	if v.b == nil {
		return defaultBudget
	}
	return v.b
}

// Budget returns the budget v draws from.
//
//fallible:strict
func (v *Vec[T]) Budget() *Budget { return v.budget() }

// SetBudget makes v draw from b from now on. It panics if v holds storage,
// which was charged to the previous budget: Release it first.
//
//fallible:strict
func (v *Vec[T]) SetBudget(b *Budget) {
	if cap(v.s) != 0 {
		panic("collections: SetBudget on a container that holds storage")
	}
	v.b = b
}

// Len returns the number of elements.
//
//fallible:strict
func (v *Vec[T]) Len() int { return len(v.s) }

// Cap returns how many elements fit without growing.
//
//fallible:strict
func (v *Vec[T]) Cap() int { return cap(v.s) }

// At returns element i. It panics if i is out of range.
//
//fallible:strict
func (v *Vec[T]) At(i int) T { return v.s[i] }

// Set replaces element i. It panics if i is out of range.
//
//fallible:strict
func (v *Vec[T]) Set(i int, x T) { v.s[i] = x }

// Slice returns the elements as a slice that aliases v's storage. It is
// valid until v next grows or is released; with reserved storage the array
// is then reused, so do not keep it. Appending to it with append would
// bypass the budget: use v's methods to grow.
//
//fallible:strict
func (v *Vec[T]) Slice() []T { return v.s[:len(v.s):len(v.s)] }

// All yields the index and value of each element in order.
func (v *Vec[T]) All() iter.Seq2[int, T] { return slices.All(v.s) }

// Values yields each element in order.
func (v *Vec[T]) Values() iter.Seq[T] { return slices.Values(v.s) }

// Backward yields the index and value of each element from the last to the
// first.
func (v *Vec[T]) Backward() iter.Seq2[int, T] { return slices.Backward(v.s) }

// Pop removes and returns the last element; ok is false when v is empty.
//
//fallible:strict
func (v *Vec[T]) Pop() (x T, ok bool) {
	n := len(v.s)
	if n == 0 {
		return x, false
	}
	x = v.s[n-1]
	v.Truncate(n - 1)
	return x, true
}

// Truncate keeps the first n elements, keeping the capacity. It panics if n
// is negative or greater than Len.
//
//fallible:strict
func (v *Vec[T]) Truncate(n int) {
	clear(v.s[n:]) // drop references so the garbage collector can free them
	v.s = v.s[:n]
}

// Delete removes the elements v[i:j], shifting later elements down, like
// slices.Delete; it keeps the capacity and zeroes the vacated tail. It
// panics if v[i:j] is not a valid slice of v.
//
//fallible:strict
func (v *Vec[T]) Delete(i, j int) {
	_ = v.s[i:j] // bounds check before any change
	n := len(v.s)
	copy(v.s[i:], v.s[j:])
	v.Truncate(n - (j - i))
}

// SwapRemove removes element i and returns it, moving the last element
// into its place: O(1), but the order changes. It panics if i is out of
// range.
//
//fallible:strict
func (v *Vec[T]) SwapRemove(i int) T {
	x := v.s[i]
	last := len(v.s) - 1
	v.s[i] = v.s[last]
	v.Truncate(last)
	return x
}

// Retain keeps the elements for which keep returns true, in order, and
// removes the others, keeping the capacity. It allocates nothing itself.
//
//fallible:trusted it allocates nothing but what keep does: a keep written as a literal in strict code is checked there
func (v *Vec[T]) Retain(keep func(T) bool) {
	n := 0
	for _, x := range v.s {
		if keep(x) {
			v.s[n] = x
			n++
		}
	}
	v.Truncate(n)
}

// Clear removes every element, keeping the capacity.
//
//fallible:strict
func (v *Vec[T]) Clear() { v.Truncate(0) }

// Release removes every element and gives the storage back to the budget.
//
//fallible:strict
func (v *Vec[T]) Release() {
	discard(v.budget(), v.s)
	v.s = nil
}

// TryShrinkToFit moves the elements into an array of exactly Len elements
// and gives the bytes of the old one back to the budget; with reserved
// storage, into the smallest chunk class that holds them, if that is
// smaller. An empty v just releases its array. Shrinking needs the new array
// while the old one is still held, so the budget may refuse: then v is
// unchanged.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (v *Vec[T]) TryShrinkToFit() error {
	n := len(v.s)
	b := v.budget()
	switch {
	case n == 0:
		v.Release()
		return nil
	case n == cap(v.s), b.store != nil && classOf(n) >= classOf(cap(v.s)):
		return nil // no smaller array to move to
	}
	return v.move(b, n, true)
}

// ShrinkToFit is TryShrinkToFit, panicking with the *AllocError on failure.
//
//fallible:infallible
func (v *Vec[T]) ShrinkToFit() { must(v.TryShrinkToFit()) }

// TryReserve makes room for at least n more elements, growing as append
// would so that repeated calls stay amortized O(1). On failure v is
// unchanged.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (v *Vec[T]) TryReserve(n int) error { return v.reserve(n, false) }

// TryReserveExact makes room for exactly n more elements (reserved storage
// may round up to its chunk size). On failure v is unchanged.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (v *Vec[T]) TryReserveExact(n int) error { return v.reserve(n, true) }

func (v *Vec[T]) reserve(more int, exact bool) error {
	need, ok := addCap(len(v.s), more)
	if !ok {
		return v.budget().fail(CapacityOverflow, wanted(len(v.s), more))
	}
	if need <= cap(v.s) {
		return nil
	}
	if !exact {
		need = growCap(cap(v.s), need)
	}
	return v.move(v.budget(), need, exact)
}

// move moves the elements into a new array of capacity n (at least, unless
// exact) drawn from b, and gives the old one back; on failure v is
// unchanged.
func (v *Vec[T]) move(b *Budget, n int, exact bool) error {
	s, err := obtain(b, v.s, n, exact)
	if err != nil {
		return err
	}
	discard(b, v.s)
	v.s = s
	return nil
}

// TryPush appends x. On failure v is unchanged and x is handed back with
// the error; on success the returned element is the zero value.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (v *Vec[T]) TryPush(x T) (T, error) {
	// The fast path is here rather than in push so that a push costs one
	// call, not two: neither function is small enough to inline.
	if len(v.s) < cap(v.s) {
		v.put(x)
	} else if err := v.pushSlow(x); err != nil {
		return x, err
	}
	var zero T
	return zero, nil
}

// add is TryPush without handing x back: the adder of the extend loops.
func (v *Vec[T]) add(x T) error {
	if len(v.s) == cap(v.s) {
		return v.pushSlow(x)
	}
	v.put(x)
	return nil
}

// put appends x to v, which has room for it, by reslicing and storing:
// the array pointer is not written, where append writes the whole slice
// header back, which costs a GC write barrier on every call while the
// collector runs.
func (v *Vec[T]) put(x T) {
	n := len(v.s)
	v.s = v.s[:n+1]
	v.s[n] = x
}

// pushSlow grows v and appends x.
func (v *Vec[T]) pushSlow(x T) error {
	if err := v.reserve(1, false); err != nil {
		return err
	}
	v.put(x)
	return nil
}

// Push appends x, panicking with the *AllocError on failure (see RunTask).
//
//fallible:infallible
func (v *Vec[T]) Push(x T) {
	if err := v.add(x); err != nil {
		panic(err)
	}
}

// PushWithinCapacity appends x if that needs no growth and reports whether
// it did. It never allocates.
//
//fallible:strict
func (v *Vec[T]) PushWithinCapacity(x T) bool {
	if len(v.s) == cap(v.s) {
		return false
	}
	v.put(x)
	return true
}

// TryInsert inserts x at index i, shifting later elements up. It panics if
// i is out of range [0, Len]. On failure v is unchanged and x is handed back.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (v *Vec[T]) TryInsert(i int, x T) (T, error) {
	n := len(v.s)
	_ = v.s[:n][i:] // bounds check before any change
	if n == cap(v.s) {
		if err := v.reserve(1, false); err != nil {
			return x, err
		}
	}
	v.s = v.s[:n+1]
	copy(v.s[i+1:], v.s[i:n])
	v.s[i] = x
	var zero T
	return zero, nil
}

// Insert inserts x at index i, panicking with the *AllocError on failure.
//
//fallible:infallible
func (v *Vec[T]) Insert(i int, x T) {
	if _, err := v.TryInsert(i, x); err != nil {
		panic(err)
	}
}

// TryAppendSlice appends all of xs or, on failure, nothing.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (v *Vec[T]) TryAppendSlice(xs []T) error {
	if err := v.reserve(len(xs), false); err != nil {
		return err
	}
	n := len(v.s)
	v.s = v.s[:n+len(xs)]
	copy(v.s[n:], xs)
	return nil
}

// TryExtend appends the values of seq until seq ends or growth is refused.
// It returns how many it appended and, on failure, the Rest: seq minus the
// values appended (see Rest for which sequences suit this form).
//
//fallible:trusted growth is charged to the budget and failure is returned
func (v *Vec[T]) TryExtend(seq iter.Seq[T]) (n int, rest Rest[T], err error) {
	return extendSeq(v, seq)
}

// TryExtendPull appends values drawn from next until it reports the end or
// growth is refused; the Rest then holds the value drawn but not appended,
// and next still yields the others. Nothing is lost, from any source.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (v *Vec[T]) TryExtendPull(next func() (T, bool)) (n int, rest Rest[T], err error) {
	return extendPull(v, next)
}

// Extend appends every value of seq, panicking with the *AllocError on
// failure.
//
//fallible:infallible
func (v *Vec[T]) Extend(seq iter.Seq[T]) {
	if _, _, err := v.TryExtend(seq); err != nil {
		panic(err)
	}
}
