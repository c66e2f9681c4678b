// Package suggest is checked with -suggest: the functions that could be // want package:"analysed"
// marked //fallible:strict as they are, and those one or two allocations
// away.
package suggest

var sink []int

func Ready(xs []int) int { return len(xs) } // want `^Ready can be marked //fallible:strict as it is$`

// An allowed allocation is not in the way.
func Allowed(xs []int) []int { // want Allowed:"leaks\\(result:0\\)" `^Allowed can be marked //fallible:strict as it is$`
	return append(xs, 1) //fallible:allow the caller reserves room
}

// A function literal's allocation counts for its enclosing function, which
// marking strict would make strict too.
func WithLiteral(xs []int) func() { // want WithLiteral:"allocates\\(closure\\)" `^WithLiteral is 2 allocations away from //fallible:strict$`
	return func() { sink = append(xs, 1) }
}

func OneAway(xs []int) []int { return append(xs, 1) } // want OneAway:"allocates\\(append\\) leaks\\(result:0\\)" `^OneAway is 1 allocation away from //fallible:strict$`

func ThreeAway(xs []int) []int { // want ThreeAway:"allocates\\(append\\) leaks\\(result:0\\)"
	xs = append(xs, 1)
	xs = append(xs, 2)
	return append(xs, 3)
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Len() int { return len(s.items) } // want `^\(\*Stack\[T\]\)\.Len can be marked //fallible:strict as it is$`

// Already strict, trusted or infallible functions are not suggested, nor
// is init.

//fallible:strict
func Marked() int { return 1 }

//fallible:trusted it checks its capacity
func Trusted(xs []int) []int { return append(xs, 1) } // want Trusted:"leaks\\(result:0\\)"

//fallible:infallible
func Infallible() []int { return make([]int, 8) } // want Infallible:"allocates\\(infallible\\)"

func init() { sink = make([]int, 0, 8) }
