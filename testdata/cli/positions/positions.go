// Package positions has one allocation of each kind that the compiler's
// -m output names; TestPositionsFollowCompiler checks that -sites reports
// each at the same line and column.
package positions

type T struct{ a, b int }

func (t T) Sum() int { return t.a + t.b }

// Laid out in the binary's data by the compiler: not an allocation.
var table = []int{1, 2, 3}

// A literal in an initialiser that escapes through a call: allocated.
var total = keepInts([]int{1, 2, 3})

func keepInts(xs []int) int {
	sinkS = xs
	return len(xs)
}

var (
	n       = 100
	str     = "a string that is longer than thirty-two bytes"
	bytes   []byte
	sinkAny any
	sinkPtr *T
	sinkStr string
	sinkB   []byte
	sinkFn  func() int
	sinkPP  **int
	sinkM   map[int]int
	sinkS   []int
)

func take(x any) { sinkAny = x }

func keep(xs ...*int) { sinkPP = &xs[0] }

func Kinds(p int) {
	sinkB = make([]byte, n)
	sinkM = make(map[int]int)
	sinkPtr = new(T)
	sinkPtr = &T{1, 2}
	sinkS = []int{n, n}
	sinkStr = str + str + str
	sinkStr = string(bytes)
	sinkB = []byte(str)
	sinkAny = n
	take(p)
	sinkAny = T{n, p}
	x := n
	sinkFn = func() int { return x }
	y := n
	keep(&y, &y)
	t := T{n, n}
	sinkFn = t.Sum
}

func Returns(p int) (any, *int) {
	q := p
	return p, &q
}

type wrapped struct{ err error }

func (w wrapped) Error() string { return "wrapped" }

var sinkErr error

var sinkAnys []any

func takeAll(xs ...any) { sinkAnys = xs }

// A deferred call's variadic slice and boxed argument are placed at its
// parenthesis; a conversion assigned to a variable, where it is assigned.
func Deferred(p int, err error, name string) {
	s := sinkS[:p]
	defer take(s)
	defer keep(&p)
	defer takeAll(s[1:], name)
	if p > 0 {
		err = wrapped{err}
		sinkAny = err
	}
	sinkErr = err
}

type pair struct{ a, b int }

// MapKey: a value boxed as a map key is placed at the key, not where the
// value is made.
func MapKey(m map[any]bool, a, b int) {
	k := pair{a, b}
	m[k] = true
}

// MapLiteralKey: the same in a map literal's entry.
func MapLiteralKey(a, b int) map[any]bool {
	k := pair{a, b}
	return map[any]bool{k: true}
}
