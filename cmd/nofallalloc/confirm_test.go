package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestConfirmKeepsAllocations: -confirm=compiler keeps the sites whose
// allocation the compiler's log or code shows in a way the model once
// read as none: the box of an empty slice literal, whose decision reads
// like the literal's ([]int{} escapes to heap: the slice has no storage,
// its box does), and a defer in a range-over-func loop's body, which
// goes through runtime.deferprocat, not deferproc.
func TestConfirmKeepsAllocations(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	dir := keepModule(t, "example.com/confirm", map[string]string{
		"q/q.go": `package q

var sink any

var count int

func Empty() {
	sink = []int{}
}

func seq(yield func(int) bool) {
	for i := range 3 {
		if !yield(i) {
			return
		}
	}
}

func RangeDefer() {
	for i := range seq {
		defer func() { count += i }()
	}
}
`,
	})
	o := nofallalloc(t, dir, "-sites", "-confirm=compiler", "./q")
	wantExit(t, o, exitClean)
	for _, want := range []string{
		"q/q.go:8:14: box in Empty",
		"q/q.go:21:3: defer in RangeDefer.func1",
	} {
		if !strings.Contains(o.stdout, want+"\n") {
			t.Errorf("no site %q:\n%s", want, o.stdout)
		}
	}
}

// TestConfirmInlinedIterators: -confirm=compiler settles a range-over-func
// loop whose iterator the compiler inlines with code that allocates
// nothing (maps.Keys, slices.All, one of the package's own,
// strings.SplitSeq, whose code calls internal/stringslite.Index, which
// allocates nothing), the call that returns the iterator and the call of
// the iterator, which may allocate when they are not inlined. It keeps
// those of an iterator whose inlined code allocates (a slice that
// grows), also in the body of a loop over a func value that the
// compiler compiles on its own (Outer-range1), and settles them in a
// loop body of an inlined iterator (Nested). The module's test checks
// the allocations with testing.AllocsPerRun.
func TestConfirmInlinedIterators(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	dir := keepModule(t, "example.com/inlined", map[string]string{
		"q/q.go": `package q

import (
	"maps"
	"slices"
	"strings"
)

func upTo(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

func collected(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		var s []int
		for i := range n {
			s = append(s, i)
		}
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

//fallible:strict
func Keys(m map[string]int) (n int) {
	for k := range maps.Keys(m) {
		n += len(k)
	}
	return n
}

//fallible:strict
func All(s []int) (n int) {
	for _, v := range slices.All(s) {
		n += v
	}
	return n
}

//fallible:strict
func Local(k int) (n int) {
	for i := range upTo(k) {
		n += i
	}
	return n
}

//fallible:strict
func Collected(k int) (n int) {
	for i := range collected(k) {
		n += i
	}
	return n
}

//fallible:strict
func Split(s string) (n int) {
	for f := range strings.SplitSeq(s, ",") {
		n += len(f)
	}
	return n
}

//fallible:strict
func Nested(m map[string][]int) (n int) {
	for k := range maps.Keys(m) {
		for _, v := range slices.All(m[k]) {
			n += v
		}
	}
	return n
}

//fallible:strict
func Outer(it func(func(int) bool), k int) (n int) { //fallible:allow not what is tested
	for range it { //fallible:allow not what is tested
		for v := range collected(k) {
			n += v
		}
	}
	return n
}
`,
		"q/q_test.go": `package q

import "testing"

// Called through variables, so that the functions' own code runs, not
// a copy inlined into the test.
var keys, all, local, collect, split, nested, outer = Keys, All, Local, Collected, Split, Nested, Outer

func once(yield func(int) bool) { yield(0) }

func TestAllocs(t *testing.T) {
	m := map[string]int{"a": 1, "bb": 2}
	s := []int{1, 2, 3}
	nm := map[string][]int{"a": s}
	for _, c := range []struct {
		name   string
		f      func()
		allocs bool
	}{
		{"Keys", func() { keys(m) }, false},
		{"All", func() { all(s) }, false},
		{"Local", func() { local(100) }, false},
		{"Collected", func() { collect(100) }, true},
		{"Split", func() { split("a,b,c") }, false},
		{"Nested", func() { nested(nm) }, false},
		{"Outer", func() { outer(once, 100) }, true},
	} {
		if got := testing.AllocsPerRun(100, c.f); (got > 0) != c.allocs {
			t.Errorf("%s: %v allocations per run", c.name, got)
		}
	}
}
`,
	})
	test := exec.Command("go", "test", "./q")
	test.Dir = dir
	if out, err := test.CombinedOutput(); err != nil {
		t.Fatalf("go test ./q: %v\n%s", err, out)
	}
	o := nofallalloc(t, dir, "-confirm=compiler", "./q")
	wantExit(t, o, exitFindings)
	var got []string // the calls reported
	for line := range strings.Lines(o.stdout) {
		if pos, _, _ := strings.Cut(line, ": "); strings.HasSuffix(line, "[call]\n") || strings.HasSuffix(line, "[dynamic-call]\n") {
			got = append(got, pos)
		}
	}
	want := []string{
		"q/q.go:59:2",  // Collected's call of the iterator
		"q/q.go:59:26", // Collected's call of collected
		"q/q.go:86:3",  // in Outer's loop body, which the compiler compiles on its own
		"q/q.go:86:27",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics at %q, want %q:\n%s", got, want, o.stdout)
	}
}
