// Package directives uses every directive, well and badly. // want package:"analysed"
package directives

var (
	n       = 100
	sink    []int
	sinkAny any
)

// Reserve grows a slice but handles its own failure: callers may treat it
// as allocation-free, and its body is not checked.
//
//fallible:trusted the capacity is checked against a budget first
func Reserve(s []int, k int) []int {
	return make([]int, 0, k)
}

// MustReserve is an infallible twin: it allocates, whatever its body says.
//
//fallible:infallible
func MustReserve(k int) []int { // want MustReserve:"allocates\\(infallible\\)"
	return nil
}

//fallible:strict
func UsesTrusted() {
	sink = Reserve(sink, n)
}

//fallible:strict
func UsesInfallible() { // want UsesInfallible:"allocates\\(infallible via directives.MustReserve, 1 hops\\)"
	sink = MustReserve(n) // want `strict function UsesInfallible calls MustReserve, which may allocate: MustReserve, which is marked //fallible:infallible`
}

//fallible:strict
func Allowed() {
	sink = append(sink[:0], n) //fallible:allow the slice always has spare capacity here
	//fallible:allow boxing a package error is accepted here
	sinkAny = n
}

//fallible:strict
func UnusedAllow() {
	sink = sink[:0] //fallible:allow nothing allocates on this line // want `//fallible:allow exempts nothing on its line: remove it`
}

//fallible:allow misplaced on a function // want `//fallible:allow is misplaced in the doc comment of a function: put it at the end of the line to exempt, or alone on the line directly above a statement`
func Misplaced() {}

/* // want `//fallible:trusted needs a reason: write //fallible:trusted REASON` */ //fallible:trusted
func NoReason() {
	_ = n
}

//fallible:stric // want `unknown directive //fallible:stric: did you mean //fallible:strict\?`
func Misspelt() {}

// fallible:strict // want `malformed directive // fallible:strict: directives are written //fallible:strict with no space`
func Spaced() {}

//fallible:strict
//fallible:trusted reasons // want `//fallible:trusted conflicts with //fallible:strict: strict checks the body and trusted skips it, keep one`
func Conflict() {}

/* // want `//fallible:strict is misplaced in the doc comment of a variable: .*` */ //fallible:strict
var misplacedVar int

// Allowed allocation in a function that is not strict still counts as used,
// and keeps the function clean for its callers.
func quiet() {
	sink = append(sink, n) //fallible:allow amortised growth accepted by the caller's budget
}

//fallible:strict
func CallsQuiet() { quiet() }

func plusOne(x int) int { return x + 1 }

// The only finding on the allowed line is a call that turns out clean.
//
//fallible:strict
func AllowOnCleanCall() {
	n = plusOne(n) //fallible:allow plusOne might allocate // want `//fallible:allow exempts nothing on its line: remove it`
}
