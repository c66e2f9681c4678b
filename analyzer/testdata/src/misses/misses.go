// Package misses documents where the model says "may allocate" and the // want package:"analysed"
// compiled program does not: each want below is a known imprecision, kept
// so that a change to the model that removes one is noticed (and the want
// then moved to lookalikes). None of these is ever the other way round: the
// model does not call clean what allocates.
package misses

var (
	n       = 100
	sinkInt int
	sinkAny any
	origin  = &point{}
)

type point struct{ x, y int }

// newPoint is inlined by the compiler, which then keeps the point on the
// stack of Inlined; the model does not inline.
func newPoint(x, y int) *point { return &point{x, y} } // want newPoint:"allocates\\(composite\\)"

//fallible:strict
func Inlined() { // want Inlined:"allocates\\(composite via misses.newPoint, 1 hops\\)"
	sinkInt = newPoint(n, n).x // want `strict function Inlined calls newPoint, which may allocate: newPoint → composite literal at misses.go:\d+ escapes to the heap`
}

// wrap is analysed once for every type argument: boxing a T counts even
// when T is a pointer, which needs no box.
func wrap[T any](v T) any { return v } // want wrap:"allocates\\(box\\) leaks\\(result:0\\)"

//fallible:strict
func GenericPointer() { // want GenericPointer:"allocates\\(box via misses.wrap, 1 hops\\)"
	sinkAny = wrap(origin) // want `strict function GenericPointer calls wrap, which may allocate: wrap → conversion to interface at misses.go:\d+ allocates`
}

// A map insertion into a small map that stays within its first bucket.
//
//fallible:strict
func SmallMapInsert() { // want SmallMapInsert:"allocates\\(map-insert\\)"
	m := make(map[int]int)
	m[n] = n // want `strict function SmallMapInsert allocates: map insertion may grow the map`
	sinkInt = m[n]
}

var spare = make([]int, 0, 8)

// A capacity check that the model does not follow: the append adds two
// elements, and the model recognises only a check for one.
//
//fallible:strict
func AppendTwoAfterCheck() { // want AppendTwoAfterCheck:"allocates\\(append\\)"
	if cap(spare)-len(spare) >= 2 {
		spare = append(spare, n, n) // want `strict function AppendTwoAfterCheck allocates: append may grow the slice`
	}
	spare = spare[:0]
}
