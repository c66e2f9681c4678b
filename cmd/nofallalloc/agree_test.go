package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nofallalloc/nofallalloc/effects"
	"github.com/nofallalloc/nofallalloc/internal/escapelog"
)

// TestCompare classifies one site, decision or allocating line of each
// class, without a compiler or tests to run.
func TestCompare(t *testing.T) {
	const f = "/src/p/p.go"
	at := func(line int) lineKey { return lineKey{f, line} }
	sites := []modelSite{
		{pos: at(3), col: 5, kind: effects.Composite, fn: "A"}, // the compiler agrees
		{pos: at(4), col: 2, kind: effects.Append, fn: "B"},    // the tests agree
		{pos: at(5), col: 3, kind: effects.Box, fn: "C"},       // the compiler disagrees
		{pos: at(8), col: 1, kind: effects.MapInsert, fn: "D"}, // nobody can tell
		{pos: at(10), col: 8, kind: effects.Box, fn: "E"},      // a boxed literal, printed as the literal
		{pos: at(12), col: 9, kind: effects.Escape, fn: "F"},   // not the variable the compiler moved
		{pos: at(16), col: 2, kind: effects.Escape, fn: "G"},   // the compiler agrees, twice
		{pos: at(18), col: 9, kind: effects.Convert, fn: "I"},  // a conversion to a named type, printed like a box
	}
	entries := []escapelog.Entry{
		{File: f, Line: 3, Col: 5, Text: "&T{...} escapes to heap", Kind: effects.Composite, Heap: true},
		{File: f, Line: 3, Col: 5, Text: "&T{...} escapes to heap (2)", Kind: effects.Composite, Heap: true}, // compiled twice: the same site
		{File: f, Line: 3, Col: 9, Text: "&U{...} escapes to heap", Kind: effects.Composite, Heap: true},     // another column: not the site
		{File: f, Line: 16, Col: 2, Text: "moved to heap: v", Kind: effects.Escape, Heap: true},
		{File: f, Line: 15, Col: 6, Text: "moved to heap: v", Kind: effects.Escape, Heap: true}, // the instantiation's, at the declaration
		{File: f, Line: 15, Col: 6, Text: "moved to heap: w", Kind: effects.Escape, Heap: true}, // another variable
		{File: f, Line: 5, Col: 3, Text: "x does not escape", Kind: effects.Box},
		{File: f, Line: 7, Col: 9, Text: `"c" escapes to heap`, Kind: effects.Box, Heap: true},
		{File: f, Line: 9, Col: 4, Text: "y escapes to heap", Kind: effects.Box, Heap: true},
		{File: f, Line: 11, Col: 8, Text: "[]byte{} escapes to heap", Kind: effects.Composite, Heap: true},
		{File: f, Line: 12, Col: 6, Text: "moved to heap: a", Kind: effects.Escape, Heap: true},
		{File: f, Line: 14, Col: 3, Text: `protoreflect.Name("x") escapes to heap`, Kind: effects.Box, Heap: true},
		{File: f, Line: 9, Col: 7, Text: "append escapes to heap", Kind: effects.Append, Heap: true, Inlined: true},
		{File: f, Line: 10, Col: 8, Text: "jsonError{...} escapes to heap", Kind: effects.Composite, Heap: true},
		{File: f, Line: 18, Col: 9, Text: "protoreflect.Name(b) escapes to heap", Kind: effects.Box, Heap: true},
	}
	runtime := map[lineKey]runtimeSite{at(4): {objects: 2}, at(6): {objects: 1}, at(9): {objects: 1}, at(13): {objects: 3}}
	lines := make([]string, 18)
	lines[0] = "package p"
	lines[11] = "func H(x any) {"
	lines[12] = "\tif w, ok := x.(io.Writer); ok {"
	lines[13] = "\t}}"
	lines[14] = "func G[T any]() *T {"
	lines[15] = "\tvar v T"
	lines[16] = "\treturn &v"
	lines[17] = "}"
	c := compare(sites, entries, nil, runtime, &sourceLines{files: map[string][]string{f: lines}})
	var got []string
	for _, f := range c.findings {
		got = append(got, fmt.Sprintf("%d:%d %s: %s", f.pos.line, f.col, f.class, f.text))
	}
	want := []string{
		`3:9 compiler-only: &U{...} escapes to heap`,
		`5:3 analyzer-only: box in C: the compiler says "x does not escape"`,
		`6:0 runtime-only: the tests allocated 1 objects on this line`,
		`7:9 compiler-only: "c" escapes to heap (a constant: static data, no allocation)`,
		`8:1 analyzer-only: map-insert in D: the compiler says nothing of it, which does not decide a map-insert, nor generated code for the line, and the tests did not run it`,
		`9:0 runtime-only: the tests allocated 1 objects on this line; the compiler says "y escapes to heap"`,
		`9:4 compiler-only: y escapes to heap (the tests allocated 1 objects on this line)`,
		`11:8 compiler-only: []byte{} escapes to heap (zero length: no allocation)`,
		`12:6 compiler-only: moved to heap: a`,
		`12:9 analyzer-only: escape in F: the compiler says nothing of it`,
		`13:0 runtime-only: the tests allocated 3 objects on this line (probably the runtime's: the itab table, on a first conversion to an interface)`,
		`14:3 compiler-only: protoreflect.Name("x") escapes to heap (probably a constant of a named type: static data, no allocation)`,
		`15:6 compiler-only: moved to heap: w`,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("findings:\n%q\nwant:\n%q", got, want)
	}
	wantTally := "sites=8 agree=5 (compiler=4 code=0 runtime=1) analyzer-only=3 (contradicted=2 code-contradicted=0 unconfirmed=1) " +
		"compiler-heap=13 compiler-only=7 (static=3) inlined=1 runtime-lines=4 runtime-only=3 (runtime-own=1 moved=0 inlined=0 dynamic=0 panic=0 unexplained=2) " +
		"runtime-missing=50.0% compiler-found=60.0% confirmed=62.5%"
	if s := c.tally.String(); s != wantTally {
		t.Errorf("tally:\n%s\nwant:\n%s", s, wantTally)
	}
}

// TestCompareCode classifies sites of kinds that the escape log does not
// decide by the code of their lines.
func TestCompareCode(t *testing.T) {
	const f = "/src/p/p.go"
	lines := strings.Split(`package p

func F(s []int, m map[string]int) []int {
	s = append(s, 1)
	s = append(s[:0], 2)
	m = M{
		"a": 1,
	}
	m["b"] = 2
	return s
}

func G[T any](v T) any {
	return v
}

var f = func() map[int]int {
	return make(map[int]int)
}

func H(d descer, s []int) []int {
	_, idx := d.Desc()
	return append(idx, d.Desc2()...)
}

func I(b []byte, i int) {
	b[i] = 0
}

var keyed = map[K]int{
	{1}: 1,
	{2}: 2,
}

func J(n int) int {
	return len(make(map[int]int, n))
}

func P(
	n int,
) *int {
	return &n
}

func Q() []int {
	return []int{
		1,
		2,
	}
}`, "\n")
	at := func(line int) lineKey { return lineKey{f, line} }
	sites := []modelSite{
		{pos: at(4), col: 12, kind: effects.Append, fn: "F"},
		{pos: at(5), col: 12, kind: effects.Append, fn: "F"},
		{pos: at(7), col: 6, kind: effects.MapInsert, fn: "F"},
		{pos: at(9), col: 3, kind: effects.MapInsert, fn: "F"},
		{pos: at(14), col: 9, kind: effects.Box, fn: "G"},
		{pos: at(18), col: 13, kind: effects.MakeMap, fn: "init.func1"}, // compiled where inlined
		{pos: at(31), col: 5, kind: effects.MapInsert, fn: "init"},
		{pos: at(40), col: 2, kind: effects.Escape, fn: "P"},     // allocated at the function's entry
		{pos: at(46), col: 14, kind: effects.Composite, fn: "Q"}, // allocated with code on its last element's line
		{pos: at(36), col: 17, kind: effects.MakeMap, fn: "J"},   // not escaping, a hint the runtime may not fit in the frame
	}
	code := []escapelog.CodeLine{
		{File: f, Line: 4, Calls: []string{"growslice"}},
		{File: f, Line: 5},
		{File: f, Line: 6, Calls: []string{"makemap_small", "mapassign_faststr"}},
		{File: f, Line: 7},
		{File: f, Line: 10, Calls: []string{"moveSliceNoScan"}},
		{File: f, Line: 18, Calls: []string{"makemap_small"}},
		{File: f, Line: 16, RuntimeOwn: []string{"chanrecv2"}}, // nothing in the text tells
		{File: f, Line: 22, Dynamic: true},                     // the callee's allocation, its frames dropped
		{File: f, Line: 23, Dynamic: true, Calls: []string{"growslice"}},
		{File: f, Line: 27, Panics: true}, // an index out of range, recovered by the tests
		{File: f, Line: 30, Calls: []string{"makemap"}},
		{File: f, Line: 31},
		{File: f, Line: 32, Calls: []string{"mapassign"}}, // composite keys: the loop at the last entry
		{File: f, Line: 48, Calls: []string{"newobject"}},
		{File: f, Line: 36, Calls: []string{"makemap"}},
	}
	runtime := map[lineKey]runtimeSite{at(5): {objects: 2}, at(10): {objects: 1}, at(11): {objects: 3}, at(16): {objects: 1}, at(22): {objects: 1}, at(23): {objects: 1}, at(27): {objects: 2}, at(39): {objects: 1}, at(48): {objects: 1}}
	entries := []escapelog.Entry{
		{File: f, Line: 5, Col: 12, Text: "x escapes to heap", Kind: effects.Box, Heap: true}, // no call on the line
		{File: f, Line: 4, Col: 12, Text: "y escapes to heap", Kind: effects.Box, Heap: true}, // growslice is one
		{File: f, Line: 11, Col: 9, Text: "moved to heap: b", Kind: effects.Escape, Heap: true, Inlined: true},
		{File: f, Line: 40, Col: 2, Text: "moved to heap: n", Kind: effects.Escape, Heap: true},
		{File: f, Line: 9, Col: 11, Text: "k escapes to heap", Kind: effects.Box, Heap: true}, // a line without code: deleted
		{File: f, Line: 46, Col: 14, Text: "[]int{...} escapes to heap", Kind: effects.Composite, Heap: true},
		{File: f, Line: 36, Col: 17, Text: "make(map[int]int, n) does not escape", Kind: effects.MakeMap},
	}
	c := compare(sites, entries, code, runtime, &sourceLines{files: map[string][]string{f: lines}})
	var got []string
	for _, f := range c.findings {
		got = append(got, fmt.Sprintf("%d:%d %s: %s", f.pos.line, f.col, f.class, f.text))
	}
	want := []string{
		`4:12 compiler-only: y escapes to heap`,
		`5:12 analyzer-only: append in F: the compiler says nothing of it, and its code for the line makes no append (the tests allocated 2 objects on the line: another allocation)`,
		`5:12 compiler-only: x escapes to heap (its code for the line calls no runtime function that allocates: inlined code's decision, or no allocation)`,
		`9:3 analyzer-only: map-insert in F: the compiler says nothing of it, which does not decide a map-insert, nor generated code for the line, and the tests did not run it`,
		`9:11 compiler-only: k escapes to heap (no code for the line: the compiler deleted it as dead after deciding, no allocation)`,
		`10:0 runtime-only: the tests allocated 1 objects on this line (its code moves a slice appended to in a stack buffer to the heap: an append's allocation, where the slice escapes)`,
		`11:0 runtime-only: the tests allocated 3 objects on this line (code inlined at a call allocates here: the compiler says "moved to heap: b", the callee's site)`,
		`14:9 analyzer-only: box in G: the compiler says nothing of it, nor generated code for the line: a generic function that the build instantiates for no type argument`,
		`16:0 runtime-only: the tests allocated 1 objects on this line (probably the runtime's: its code calls runtime.chanrecv2, a blocked goroutine's sudog)`,
		`22:0 runtime-only: the tests allocated 1 objects on this line (its code calls an interface method or a func value, and nothing else on the line allocates: probably the callee's allocation, in a method wrapper whose frames the profiler drops)`,
		`23:0 runtime-only: the tests allocated 1 objects on this line`, // growslice: the line's own append, which the analyzer missed
		`27:0 runtime-only: the tests allocated 2 objects on this line (its code may raise a run-time panic, and nothing else on the line allocates: the run-time error the panic carries, which the model leaves out on purpose)`,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("findings:\n%q\nwant:\n%q", got, want)
	}
	if c.agreeCode != 5 || c.codeContradicted != 1 || c.unconfirmed != 2 || c.static != 2 || c.runtimeMoved != 1 || c.runtimeInlined != 1 || c.runtimeOwn != 1 || c.runtimeDynamic != 1 || c.runtimePanic != 1 {
		t.Errorf("tally: %s; want code=5 code-contradicted=1 unconfirmed=2 static=2 moved=1 inlined=1 runtime-own=1 dynamic=1 panic=1", c.tally)
	}
}

// keepModule writes, in a new directory, the module path whose package p
// has one allocation (Keep's n), and the other files given.
func keepModule(t *testing.T, path string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir, "go.mod", "module "+path+"\n\ngo 1.26\n")
	writeFile(t, dir, "p/p.go", "package p\n\nvar sink *int\n\nfunc Keep(n int) { sink = &n }\n")
	for name, src := range files {
		writeFile(t, dir, name, src)
	}
	return dir
}

// TestAgreeTestsOnly: a package of tests only (a module's api_tests/)
// has no code of its own to compare, and go build fails on it: the run
// compares the others, and says so when nothing else is left.
func TestAgreeTestsOnly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	dir := keepModule(t, "example.com/testsonly", map[string]string{
		"api_tests/api_test.go": "package api_tests\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) {}\n",
	})
	o := nofallalloc(t, dir, "-agree", "./...")
	wantExit(t, o, exitClean)
	if !strings.Contains(o.stdout, "summary example.com/testsonly/p sites=1 agree=1") || strings.Contains(o.stdout+o.stderr, "api_tests") {
		t.Errorf("want p compared and api_tests left out; stdout:\n%s\nstderr:\n%s", o.stdout, o.stderr)
	}
	o = nofallalloc(t, dir, "-agree", "./api_tests")
	wantExit(t, o, exitError)
	if !strings.Contains(o.stderr, "./api_tests: no package with Go files other than tests") {
		t.Errorf("stderr does not say why nothing was compared:\n%s", o.stderr)
	}
}

// TestAgreeBrokenTests: a package whose tests do not build is compared
// without the runtime, and the run goes on.
func TestAgreeBrokenTests(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	dir := keepModule(t, "example.com/broken", map[string]string{
		"p/p_test.go": "package p\n\nfunc TestX(t *testing.T) {}\n", // testing is not imported
	})
	o := nofallalloc(t, dir, "-agree", "./...")
	wantExit(t, o, exitClean)
	if !strings.Contains(o.stderr, "compared without the runtime") {
		t.Errorf("standard error does not say that the runtime was left out:\n%s", o.stderr)
	}
	want := "summary example.com/broken/p sites=1 agree=1 (compiler=1 code=0 runtime=0) analyzer-only=0 (contradicted=0 code-contradicted=0 unconfirmed=0) " +
		"compiler-heap=1 compiler-only=0 (static=0) inlined=0 runtime-lines=0 runtime-only=0 (runtime-own=0 moved=0 inlined=0 dynamic=0 panic=0 unexplained=0) " +
		"runtime-missing=- compiler-found=100.0% confirmed=100.0%\n"
	if o.stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", o.stdout, want)
	}
}
