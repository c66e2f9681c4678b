// Package staticinit is checked with -sites: the composite literals of // want package:"analysed"
// package variable initialisers are laid out in static data by the
// compiler, even those with elements computed at run time, which the
// package's init stores into them (go build -gcflags=-S shows an init that
// calls no allocation helper for them). They are no sites; a make, a map,
// a copying conversion, or a literal passed to a function that keeps it
// are.
package staticinit

type tc struct { // want tc:"methods analysed"
	in  []bool
	out string
	b   []byte
	p   *tc
}

var n = 1

var (
	crlf     = []byte("\r\n")
	cases    = []tc{{[]bool{true}, "x", []byte("ab"), nil}, {[]bool{false, true}, "y", nil, &tc{out: "z"}}}
	nested   = [][]byte{[]byte("a"), {1, 2}}
	ifaces   = []any{1, "a", 3.5}
	ptr      = &tc{in: []bool{true}}
	arr      = [2][]int{{1}, {2, 3}}
	computed = []int{n, n + 1}
	inner    = []*tc{{in: []bool{n > 0}}, {out: text()}}
	pair, _  = []int{n}, 3
)

func (t *tc) Error() string { return t.out } // want Error:"leaks\\(result-content:0\\)"

// A literal's address converted to an interface is static too.
var (
	errStatic   error = &tc{out: "timeout"}
	errs              = []error{&tc{out: "a"}, &tc{in: []bool{n > 0}}}
	errComputed error = &tc{out: text()}
	keptIface         = keepAny(&tc{out: "k"}) // want `composite in init`
)

var (
	made     = [][]int{make([]int, n)} // want `make-slice in init`
	fromCall = []byte(text())          // want `convert in init`
	table    = map[string]int{"a": 1}  // want `make-map in init` `map-insert in init`
	kept     = keep([]int{n})          // want `composite in init`
)

var sink []int

func keep(xs []int) int { // want keep:"leaks\\(heap:0\\)"
	sink = xs
	return len(xs)
}

type sig []byte

func (s sig) match() bool { return len(s) > 0 }

type matcher interface{ match() bool }

// A constant converted to a byte slice type and boxed into an interface
// is static too, box included. A computed one is converted at run time;
// its box, which -m calls escaping, goes to a static temporary as well
// (go build -gcflags=-S calls no convT), which the model does not follow.
var (
	sigs                = []matcher{sig("<!DOCTYPE HTML"), sig("<HTML")}
	one         matcher = sig("<P")
	computedSig matcher = sig(text()) // want `convert in init` `box in init`
)

var sinkAny any

func keepAny(x any) int { // want keepAny:"leaks\\(heap:0\\)"
	sinkAny = x
	return 0
}

func text() string { return "text" }
