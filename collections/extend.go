package collections

import "iter"

// Extending from a sequence, shared by every container.
//
// A push iterator (iter.Seq) cannot be paused: once TryExtend stops it, the
// value in hand and the producer's position are gone unless they are handed
// back. Two forms therefore exist, and both hand back a Rest:
//
//   - TryExtend(seq) ranges over seq. Its Rest re-ranges seq and skips the
//     values already appended, so it suits sequences that yield the same
//     values in the same order every time: slices.Values, a container's
//     Values or All, generators over fixed data. The loop is written once,
//     in extendSeq, small enough to inline into each container's TryExtend
//     and from there into the caller: at a call site that builds seq there,
//     the compiler then sees the whole loop and allocates nothing; a seq
//     that arrives through a function value makes the runtime allocate
//     range-over-func's loop-body closure.
//   - TryExtendPull(next) draws from a pull iterator (iter.Pull, a
//     channel receive, a scanner). Its Rest holds the value that was drawn
//     but did not fit, then keeps drawing from next, so nothing is lost from
//     a single-use source, and nothing is ever allocated.

// adder is a container's insert of one value with growth, which the
// extend loops share. A type parameter constrained by it, rather than a
// func value, keeps the call direct once extendSeq is inlined, and a
// pointer receiver in it is never boxed.
type adder[T any] interface{ add(x T) error }

// extendSeq is TryExtend for every container that inserts one value at a
// time.
func extendSeq[T any, A adder[T]](a A, seq iter.Seq[T]) (n int, rest Rest[T], err error) {
	// seq is called rather than ranged over: range-over-func's state
	// checks would cost the inlining budget that keeps the loop
	// allocation-free. The one check that matters is kept.
	seq(func(x T) bool {
		if err != nil {
			panic(errSeqWentOn)
		}
		if err = a.add(x); err != nil {
			rest = restOf(seq, n)
			return false
		}
		n++
		return true
	})
	return n, rest, err
}

const errSeqWentOn = "collections: the sequence called yield after TryExtend stopped it"

// extendPull is TryExtendPull for every container that inserts one value
// at a time.
func extendPull[T any, A adder[T]](a A, next func() (T, bool)) (n int, rest Rest[T], err error) {
	for x, ok := next(); ok; x, ok = next() {
		if err = a.add(x); err != nil {
			return n, restPulled(next, x), err
		}
		n++
	}
	return n, rest, nil
}

// Rest is the part of a sequence that a refused TryExtend or TryExtendPull
// did not append. The zero Rest is empty.
type Rest[T any] struct {
	seq     iter.Seq[T] // TryExtend: seq, whose first skip values were appended
	skip    int
	next    func() (T, bool) // TryExtendPull: the source, held drawn from it
	held    T
	pending bool // held is valid
}

// Held returns the value TryExtendPull drew from its source but could not
// append; ok is false for TryExtend's Rest, whose first value is still in
// the sequence.
//
//fallible:strict
func (r Rest[T]) Held() (x T, ok bool) { return r.held, r.pending }

// All yields the values not appended, in order. For a TryExtendPull Rest it
// yields Held and then drains the pull source: range over it once.
func (r Rest[T]) All() iter.Seq[T] {
	return func(yield func(T) bool) {
		if r.next != nil {
			drainPull(r.held, r.pending, r.next, yield)
			return
		}
		if r.seq != nil {
			skipSeq(r.seq, r.skip, yield)
		}
	}
}

func drainPull[T any](held T, pending bool, next func() (T, bool), yield func(T) bool) {
	if pending && !yield(held) {
		return
	}
	for x, ok := next(); ok && yield(x); x, ok = next() {
	}
}

func skipSeq[T any](seq iter.Seq[T], skip int, yield func(T) bool) {
	for x := range seq {
		if skip > 0 {
			skip--
			continue
		}
		if !yield(x) {
			return
		}
	}
}

// restOf is the Rest of a TryExtend that appended skip values of seq.
func restOf[T any](seq iter.Seq[T], skip int) Rest[T] { return Rest[T]{seq: seq, skip: skip} }

// restPulled is the Rest of a TryExtendPull that drew x from next but
// could not append it.
func restPulled[T any](next func() (T, bool), x T) Rest[T] {
	return Rest[T]{next: next, held: x, pending: true}
}

// Rest2 is Rest for key-value sequences (Map.TryExtend, Map.TryExtendPull).
type Rest2[K, V any] struct {
	seq     iter.Seq2[K, V]
	skip    int
	next    func() (K, V, bool)
	key     K
	val     V
	pending bool
}

// Held returns the pair TryExtendPull drew from its source but could not
// insert; ok is false for TryExtend's Rest2.
//
//fallible:strict
func (r Rest2[K, V]) Held() (k K, v V, ok bool) { return r.key, r.val, r.pending }

// All yields the pairs not inserted, in order. For a TryExtendPull Rest2 it
// yields Held and then drains the pull source: range over it once.
func (r Rest2[K, V]) All() iter.Seq2[K, V] {
	return func(yield func(K, V) bool) {
		if r.next != nil {
			if r.pending && !yield(r.key, r.val) {
				return
			}
			for k, v, ok := r.next(); ok && yield(k, v); k, v, ok = r.next() {
			}
			return
		}
		if r.seq == nil {
			return
		}
		skip := r.skip
		for k, v := range r.seq {
			if skip > 0 {
				skip--
			} else if !yield(k, v) {
				return
			}
		}
	}
}

// adder2 is adder for key-value containers.
type adder2[K, V any] interface{ add(k K, v V) error }

// extendSeq2 is extendSeq for key-value sequences.
func extendSeq2[K, V any, A adder2[K, V]](a A, seq iter.Seq2[K, V]) (n int, rest Rest2[K, V], err error) {
	seq(func(k K, v V) bool {
		if err != nil {
			panic(errSeqWentOn)
		}
		if err = a.add(k, v); err != nil {
			rest = rest2Of(seq, n)
			return false
		}
		n++
		return true
	})
	return n, rest, err
}

// extendPull2 is extendPull for key-value pull iterators.
func extendPull2[K, V any, A adder2[K, V]](a A, next func() (K, V, bool)) (n int, rest Rest2[K, V], err error) {
	for k, v, ok := next(); ok; k, v, ok = next() {
		if err = a.add(k, v); err != nil {
			return n, rest2Pulled(next, k, v), err
		}
		n++
	}
	return n, rest, nil
}

// rest2Of is restOf for key-value sequences.
func rest2Of[K, V any](seq iter.Seq2[K, V], skip int) Rest2[K, V] {
	return Rest2[K, V]{seq: seq, skip: skip}
}

// rest2Pulled is restPulled for key-value pull iterators.
func rest2Pulled[K, V any](next func() (K, V, bool), k K, v V) Rest2[K, V] {
	return Rest2[K, V]{next: next, key: k, val: v, pending: true}
}
