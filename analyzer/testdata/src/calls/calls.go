// Package calls exercises propagation inside one package: chains three // want package:"analysed"
// calls deep, methods, recursion, generics and function literals.
package calls

var (
	n        = 100
	sinkInts []int
	sinkInt  int
	sinkAny  any
)

func grow(s []int) []int { return append(s, n) } // want grow:"allocates\\(append\\) leaks\\(result:0\\)"

func fill(s []int) []int { return grow(s) } // want fill:"allocates\\(append via calls.grow, 1 hops\\) leaks\\(result:0\\)"

func load(s []int) []int { return fill(s) } // want load:"allocates\\(append via calls.fill, 2 hops\\) leaks\\(result:0\\)"

//fallible:strict
func ThreeDeep() { // want ThreeDeep:"allocates\\(append via calls.load, 3 hops\\)"
	sinkInts = load(sinkInts) // want `strict function ThreeDeep calls load, which may allocate: load → fill → grow → append at calls.go:12 may grow the slice`
}

// Stack is a fixed-capacity stack: its methods never allocate.
type Stack struct {
	items [16]int
	len   int
}

func (s *Stack) Push(v int) bool {
	if s.len == len(s.items) {
		return false
	}
	s.items[s.len] = v
	s.len++
	return true
}

// List grows without bound.
type List struct{ items []int } // want List:"^methods analysed; Push: allocates\\(append\\) leaks\\(content:0\\)$"

func (l *List) Push(v int) { l.items = append(l.items, v) } // want Push:"allocates\\(append\\) leaks\\(content:0\\)"

//fallible:strict
func Methods() { // want Methods:"allocates\\(append via \\(\\*calls.List\\).Push, 1 hops\\)"
	var s Stack
	s.Push(n)
	var l List
	l.Push(n) // want `strict function Methods calls \(\*List\).Push, which may allocate: \(\*List\).Push → append at calls.go:\d+ may grow the slice`
	sinkInt = s.len + len(l.items)
}

// sum recurses without allocating.
func sum(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	return xs[0] + sum(xs[1:])
}

// even and odd recurse through each other; odd allocates at the bottom.
func even(k int) []int { // want even:"allocates\\(make-slice via calls.odd, 1 hops\\)"
	if k == 0 {
		return nil
	}
	return odd(k - 1)
}

func odd(k int) []int { // want odd:"allocates\\(make-slice\\)"
	if k == 0 {
		return make([]int, n)
	}
	return even(k - 1)
}

//fallible:strict
func Recursion() { // want Recursion:"allocates\\(make-slice via calls.even, 2 hops\\)"
	sinkInt = sum(sinkInts)
	sinkInts = even(3) // want `strict function Recursion calls even, which may allocate: even → odd → make at calls.go:\d+ allocates a slice`
}

// Max is generic and allocates for no type argument.
func Max[T int | float64](a, b T) T { // want Max:"leaks\\(result:0,1\\)"
	if a > b {
		return a
	}
	return b
}

// Wrap boxes its argument whatever the type argument.
func Wrap[T any](v T) any { return v } // want Wrap:"allocates\\(box\\)"

//fallible:strict
func Generics() { // want Generics:"allocates\\(box via calls.Wrap, 1 hops\\)"
	sinkInt = Max(n, 3)
	_ = Max(1.5, float64(n))
	sinkAny = Wrap(n)   // want `strict function Generics calls Wrap, which may allocate: Wrap → conversion to interface at calls.go:\d+ allocates`
	sinkAny = Wrap("s") // want `strict function Generics calls Wrap, which may allocate`
}

//fallible:strict
func Literal() { // want Literal:"allocates\\(append\\)"
	f := func() {
		sinkInts = append(sinkInts[:0:0], n) // want `strict function Literal.func1 allocates: append may grow the slice`
	}
	f()
}
