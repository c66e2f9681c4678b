// Package confirm is checked with -sites and a compiler log written by // want package:"analysed"
// TestConfirmCompiler: each function's comment says what the log says of
// it.
package confirm

type T struct{ a, b int }

var sinkT *T

// Kept: the compiler says &T{...} escapes to heap.
func Kept(a int) { sinkT = &T{a, a} } // want Kept:"allocates\\(composite\\)" `composite in Kept`

// Overruled: the compiler says &T{...} does not escape.
func Overruled(a int) { sinkT = &T{a, a} }

// Deleted: the compiler says nothing of the line.
func Deleted(a int) { sinkT = &T{a, a} }

// Missed: the compiler says moved to heap: x.
func Missed(a int) int { x := a; return x } // want Missed:"allocates\\(escape\\)" `escape in Missed`

// Grow: the compiler says append does not escape, which does not decide
// whether it grows.
func Grow(s []int) []int { return append(s, 1) } // want Grow:"allocates\\(append\\) leaks\\(result:0\\)" `append in Grow`

// Wrap: the compiler says nothing, as it compiles a generic function in
// the packages that instantiate it.
func Wrap[V any](v V) any { return v } // want Wrap:"allocates\\(box\\) leaks\\(result:0\\)" `box in Wrap`

// Both: the compiler says moved to heap: a, and nothing of b, declared on
// the same line.
func Both(a, b int) (*int, *int) { return &a, &b } // want Both:"allocates\\(escape\\)" `escape in Both`

// Quiet: the compiler says "x" escapes to heap, where code inlined from
// this package boxes a constant (static data).
func Quiet() int { return len(sinkT.String()) }

func (t *T) String() string { return "x" }

type parseError struct{ msg string } // want parseError:"methods analysed"

func (e parseError) Error() string { return e.msg } // want Error:"leaks\\(result:0\\)"

// Boxed: the compiler says parseError{...} escapes to heap, at the
// literal's brace: the conversion to error, not the literal.
func Boxed(msg string) error { return parseError{msg} } // want Boxed:"allocates\\(box\\)" `box in Boxed`

func count() int { return len(sinkT.String()) }

// initBox: the compiler says nothing of the line (it lays the value out
// as static data).
var initBox any = T{1, 2}

// initMade: the compiler says make([]int, count()) escapes to heap.
var initMade = make([]int, count()) // want `make-slice in init`

// Literal: the compiler says nothing of the literal's line: it compiles
// the literal only where it inlines it, and reports there.
func Literal(a int) *T { // want Literal:"allocates\\(composite\\)"
	mk := func() *T {
		return &T{a, a} // want `composite in Literal`
	}
	return mk()
}

// InlinedOnly: the compiler says &T{...} escapes to heap at the call,
// about code inlined from newT (newT's own site; the call is charged
// with it).
func InlinedOnly(a int) *T { return newT(a) } // want InlinedOnly:"allocates\\(composite via confirm.newT, 1 hops\\)"

func newT(a int) *T { return &T{a, a} } // want newT:"allocates\\(composite\\)" `composite in newT`

// Guessed: the only decision on the line is a heap decision taken for
// inlined code; it still settles the box.
func Guessed(t T) any { return t } // want Guessed:"allocates\\(box\\)" `box in Guessed`

// Probable: the compiler says string(json.t.raw) escapes to heap at the
// call, which probably comes from inlined code: no site of its own.
func Probable(t *T) string { return t.String() }

type option func(*T)

// Static: the compiler says func literal escapes to heap, about a literal
// that captures nothing: it is laid out as static data (no site).
func Static() option { return func(t *T) { t.a = 1 } }

// Captures: the compiler says func literal escapes to heap, about a
// literal that captures a: the closure is allocated.
func Captures(a int) option { return func(t *T) { t.a = a } } // want Captures:"allocates\\(closure\\)" `closure in Captures`

// GenericKept: the compiler says func literal escapes to heap, about a
// literal of generic code that captures only its dictionary: the closure
// is allocated.
func GenericKept[P any]() option { return func(t *T) { t.a = 2 } } // want GenericKept:"allocates\\(closure\\)" `closure in GenericKept`

// GenericOverruled: the compiler keeps such a literal on the stack (in
// this package's instantiations), where the model has it escape.
func GenericOverruled[P any]() option { return func(t *T) { t.a = 3 } }

// GenericInstance: an instantiation's closure, of which the compiler says
// nothing (a decision at the declaration of what it instantiates is
// not about it): the model decides.
func GenericInstance[P any]() func(P) P { return ident[P] } // want GenericInstance:"allocates\\(closure\\)" `closure in GenericInstance`

func ident[P any](p P) P { return p } // want ident:"leaks\\(result:0\\)"

// Fits: the compiler generated code for the line, without a call that
// grows a slice: it proved that the append fits.
func Fits(a int) int { var buf [4]int; s := append(buf[:0], a); return len(s) }

// Grows: the compiler's code for the line calls runtime.growslice.
func Grows(s []int, a int) []int { return append(s, a) } // want Grows:"allocates\\(append\\) leaks\\(result:0\\)" `append in Grows`

// Entries: the entry's line has code that inserts nothing; the
// literal's line calls runtime.mapassign_faststr (the loop that fills a
// large literal of constants is placed there). The compiler says nothing
// of the literal (this log has no decision for it), so its make-map is
// not a site.
func Entries(k string) map[string]int { // want Entries:"allocates\\(map-insert\\)"
	return map[string]int{
		"a": 1, // want `map-insert in Entries`
	}
}

// Inserted: neither the insertion's line nor that of the make that the
// map comes from calls a runtime.mapassign function.
func Inserted(k string) int { // want Inserted:"leaks\\(heap:0\\)"
	m := make(map[string]int)
	m[k] = 1
	return len(m)
}

type pair struct{ a, b int }

// BoxPair: the compiler says p escapes to heap, but its code for the line
// calls no runtime function that boxes: the last word is the code's.
func BoxPair(p pair) any { return p }

// Elsewhere: the compiler says &T{...} escapes to heap at the call,
// without marking it inlined, and its code for the line calls no
// allocating function: not a site of Elsewhere (newT's, charged to the
// call).
func Elsewhere(a int) *T { return newT(a) } // want Elsewhere:"allocates\\(composite via confirm.newT, 1 hops\\)"

// Spread: a literal written over several lines, which the compiler
// allocates with its last element's code; its brace's line has code that
// allocates nothing.
func Spread(a int) []int { // want Spread:"allocates\\(composite\\)"
	return []int{ // want `composite in Spread`
		a,
		a + 1, // the last element
	}
}
