package main

import (
	"strings"
	"testing"

	"github.com/nofallalloc/nofallalloc/internal/escapelog"
)

// TestExplainFreeDecisions: the compiler says "escapes to heap" of a
// single byte, a zero-size value, a literal of ordinary code that
// captures nothing, an append of a slice's own tail, a literal of
// constants and a zero value of a small type, which allocate nothing; the
// types and the syntax tell them from those that allocate.
func TestExplainFreeDecisions(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the compiler")
	}
	dir := t.TempDir()
	src := `package p

type small uint8

type empty struct{}

var sink any

func Byte(b small) { sink = b }

func Empty() { sink = empty{} }

var sinkEmpty *empty

func EmptyLiteral() { sinkEmpty = &empty{} }

func EmptyNew() { sinkEmpty = new(empty) }

var sinkSmall *small

func SmallNew() { sinkSmall = new(small) }

func Static() func() int { return func() int { return 1 } }

func Captures(n int) func() int { return func() int { return n } }

func GenericStatic[T any]() func() int { return func() int { return 1 } }

var genericStatic = GenericStatic[int]

type gbox[T any] struct{ v T }

func (b *gbox[T]) GenericMethod() func() int { return func() int { return 2 } }

var genericMethod = (*gbox[int]).GenericMethod

func Int(n int) { sink = n }

type T struct{ a, b int }

func (t T) M() int { return t.a }

func Method(t T) func() int { return t.M }

type H map[string]int

func NamedMap(n int) H { return H{"a": n} }

type list struct{ items []int }

func Delete(l *list, i int) { l.items = append(l.items[:i], l.items[i+1:]...) }

func Splice(l *list, i, j int) { l.items = append(l.items[:i], l.items[j:]...) }

type big struct{ a, b, c int64 }

type counter int

func (c *counter) peek() int { return int(*c) }

func ZeroNew32() { sink = *new(int32) }

func ZeroString() { var s string; sink = s }

func ZeroBig() { var b big; sink = b }

func Literal() { sink = big{a: 1} }

func LiteralVar() { x := big{a: 1}; sink = x }

func ConstVar() { x := 1000; sink = x }

func Reassigned() { x := 1000; sink = x; x = 2000; sink = x }

func FieldAssigned() { x := big{a: 1}; x.a = 2; sink = x }

func PointerMethod() { x := counter(1000); _ = x.peek(); sink = x }

func Sliced() { a := [2]int64{1000, 1}; _ = a[:]; sink = a }

func Ranged() { x := 1000; for x = range 2 {}; sink = x }

func Incremented() { x := big{a: 1}; x.a++; sink = x }

type labels []string

func NilLabels() { sink = labels(nil) }

func SomeLabels(s string) { sink = labels{s} }

type errs []error

var sinkErrs errs

func NoErrs() { sinkErrs = errs{} }
`
	for name, text := range map[string]string{"go.mod": "module example.com/free\n\ngo 1.26\n", "p/p.go": src} {
		writeFile(t, dir, name, text)
	}
	opts := options{dir: dir, patterns: []string{"./..."}}
	pkgs, err := escapelog.Build(dir, "", opts.patterns)
	if err != nil {
		t.Fatal(err)
	}
	if err := explainFreeDecisions(opts, pkgs); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(src, "\n")
	got := map[string]string{}
	for _, e := range pkgs[0].Entries {
		if e.Heap && !e.Inlined {
			fields := strings.Fields(lines[e.Line-1])
			fn := fields[1]
			if strings.HasPrefix(fn, "(") { // a method: func (r T) Name(
				fn = fields[3]
			}
			got[fn[:strings.IndexAny(fn, "([")]] = e.Free()
		}
	}
	want := map[string]string{
		"Byte":  "a single byte: the runtime's static table, no allocation",
		"Empty": "zero size: runtime.zerobase, no allocation",
		// An object of zero size that escapes is runtime.zerobase too.
		"EmptyLiteral": "zero size: runtime.zerobase, no allocation",
		"EmptyNew":     "zero size: runtime.zerobase, no allocation",
		"SmallNew":     "",
		"Static":       "a function literal that captures nothing: static data, no allocation",
		"Captures":     "",
		"Int":          "",
		"Method":       "", // the method value's closure, not a box of a func value
		"NamedMap":     "", // the map, not a box of it
		"Delete":       "a slice's own tail appended after a prefix that ends where the tail starts or before: it never outgrows the capacity, no allocation",
		"Splice":       "", // j may be less than i
		"NilLabels":    "a nil slice: no allocation",
		"SomeLabels":   "",
		"NoErrs":       "zero length: no allocation",
		// Boxes of values that the types and the syntax tell: the
		// compiler's static data, the runtime's static memory for a zero
		// value, and what the compiler does not follow (effects.Boxes).
		"ZeroNew32":     "a value below 256: the runtime's static table, no allocation",
		"ZeroString":    "the empty string: no allocation",
		"ZeroBig":       "",
		"Literal":       "a literal of constants: static data, no allocation",
		"LiteralVar":    "a literal of constants: static data, no allocation",
		"ConstVar":      "a constant: static data, no allocation",
		"Reassigned":    "",
		"FieldAssigned": "",
		"PointerMethod": "",
		"Sliced":        "",
		"Ranged":        "",
		"Incremented":   "",

		// In generic code, a literal captures the instantiation's dictionary.
		"GenericStatic": "",
		"GenericMethod": "",
	}
	for fn, why := range want {
		if g, ok := got[fn]; !ok {
			t.Errorf("%s: no heap decision of the compiler (decisions: %q)", fn, got)
		} else if g != why {
			t.Errorf("%s: Free() = %q, want %q", fn, g, why)
		}
	}
}

type deletable struct{ items []int }

// TestAppendOwnTailAllocatesNothing backs the judge's appendsOwnTail: the
// idiom never allocates, though the compiler says the append escapes.
func TestAppendOwnTailAllocatesNothing(t *testing.T) {
	d := &deletable{items: make([]int, 10)}
	i := 3
	if n := testing.AllocsPerRun(100, func() {
		d.items = append(d.items[:i], d.items[i+1:]...)
		d.items = d.items[:10]
	}); n != 0 {
		t.Errorf("append(s[:i], s[i+1:]...) allocated %v times, want 0", n)
	}
}
