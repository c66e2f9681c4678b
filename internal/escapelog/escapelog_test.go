package escapelog

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nofallalloc/nofallalloc/effects"
)

// TestParse reads -m output as go build prints it.
func TestParse(t *testing.T) {
	const out = `# example.com/p
p/a.go:10:6: can inline newPoint
p/a.go:10:41: &Point{...} escapes to heap
p/a.go:12:45: &Point{...} does not escape
p/a.go:18:25: moved to heap: v
p/e.go:399:28: moved to heap: sync.d
p/a.go:20:11: leaking param: a
p/a.go:20:42: a + b escapes to heap
p/a.go:30:38: func literal escapes to heap
p/a.go:34:36: make([]byte, n) escapes to heap
p/d.go:9:11: make(Buf, n) escapes to heap
p/d.go:10:8: M{} escapes to heap
p/c.go:18:41: map[string]int{} escapes to heap
p/d.go:13:19: ... argument does not escape
p/d.go:14:16: string(b) escapes to heap
p/d.go:15:44: string(first) + rest + "E" + ~r0 escapes to heap
p/d.go:16:12: string(a + b) escapes to heap
p/d.go:17:14: zero-copy string->[]byte conversion
p/a.go:26:15: append escapes to heap
/usr/local/go/src/slices/slices.go:444:9: slices.rotateLeft[go.shape.int] ignoring self-assignment in slices.s[slices.i], slices.s[slices.j] = slices.s[slices.j], slices.s[slices.i]
/usr/local/go/src/slices/slices.go:151:27: make(go.shape.[]int, slices.n + slices.m - slices.i) does not escape
`
	entries, err := Parse(strings.NewReader(out), "/m")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, fmt.Sprintf("%s:%d:%d %s heap=%v zero-copy=%v inlined=%v", e.File, e.Line, e.Col, e.Kind, e.Heap, e.ZeroCopy, e.Inlined))
	}
	want := []string{
		"/m/p/a.go:10:41 composite heap=true zero-copy=false inlined=false",
		"/m/p/a.go:12:45 composite heap=false zero-copy=false inlined=false",
		"/m/p/a.go:18:25 escape heap=true zero-copy=false inlined=false",
		"/m/p/e.go:399:28 escape heap=true zero-copy=false inlined=true",
		"/m/p/a.go:20:42 concat heap=true zero-copy=false inlined=false",
		"/m/p/a.go:30:38 closure heap=true zero-copy=false inlined=false",
		"/m/p/a.go:34:36 make-slice heap=true zero-copy=false inlined=false",
		"/m/p/d.go:9:11 make-slice heap=true zero-copy=false inlined=false",
		"/m/p/d.go:10:8 composite heap=true zero-copy=false inlined=false",
		"/m/p/c.go:18:41 make-map heap=true zero-copy=false inlined=false",
		"/m/p/d.go:13:19 variadic heap=false zero-copy=false inlined=false",
		"/m/p/d.go:14:16 convert heap=true zero-copy=false inlined=false",
		"/m/p/d.go:15:44 concat heap=true zero-copy=false inlined=false",
		"/m/p/d.go:16:12 convert heap=true zero-copy=false inlined=false",
		"/m/p/d.go:17:14 convert heap=false zero-copy=true inlined=false",
		"/m/p/a.go:26:15 append heap=true zero-copy=false inlined=false",
		"/usr/local/go/src/slices/slices.go:151:27 make-slice heap=false zero-copy=false inlined=false",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMarkInlined takes the optimisation log's word on which heap
// decisions come from inlined code, and keeps a position where both kinds
// are counted as the function's own.
func TestMarkInlined(t *testing.T) {
	entries := []Entry{
		{File: "a.go", Line: 1, Col: 1, Heap: true},
		{File: "a.go", Line: 2, Col: 1, Heap: true},
		{File: "a.go", Line: 3, Col: 1, Heap: true},
		{File: "a.go", Line: 4, Col: 1}, // does not escape: the log does not say
	}
	markInlined(entries, map[position]*heapCounts{
		{"a.go", 1, 1}: {own: 1},
		{"a.go", 2, 1}: {inlined: 2},
		{"a.go", 3, 1}: {own: 1, inlined: 1},
	})
	var got []bool
	for _, e := range entries {
		got = append(got, e.Inlined)
	}
	if fmt.Sprint(got) != "[false true false false]" {
		t.Errorf("inlined: %v", got)
	}
}

// TestFree recognises the heap decisions whose text shows that they
// allocate nothing.
func TestFree(t *testing.T) {
	for text, want := range map[string]bool{
		`"constant" escapes to heap`:     true,
		`1000 escapes to heap`:           true,
		`f(5) escapes to heap`:           false, // or a constant Delim(91): not told
		`c == byte(116) escapes to heap`: true,
		`a < b escapes to heap`:          true,
		`[]byte{} escapes to heap`:       true,
		`([]byte)("") escapes to heap`:   true,
		`make([]any, 0) escapes to heap`: true,
		`x escapes to heap`:              false,
		`string(b) escapes to heap`:      false,
		`T{...} escapes to heap`:         false,
		`f(x) escapes to heap`:           false,
		`"constant" does not escape`:     false,
		`a + b escapes to heap`:          false,
	} {
		e := Entry{Text: text}
		if got := e.Free() != ""; got != want {
			t.Errorf("%s: free %v, want %v", text, got, want)
		}
	}
}

// TestMarkInlinedAtCalls tells an inlined callee's decisions, reported at
// the call, from the caller's own by where the caller's source puts them.
func TestMarkInlinedAtCalls(t *testing.T) {
	file := filepath.Join(t.TempDir(), "p.go")
	lines := []string{
		"package p",
		"func F(x []int, n int) error {",
		"\treturn errors.New(head+f, x...)",
		"\tsink = fmt.Sprint(n)",
		"\tb := make([]byte, n)",
		"\tseen.Set(n)",
		"\t}()",
		"\treturn new(n)",
		"}",
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o666); err != nil {
		t.Fatal(err)
	}
	at := func(line int, after string) (int, int) {
		return line, strings.Index(lines[line-1], after) + 1
	}
	entry := func(line, col int, text string, kind effects.Kind, heap bool) Entry {
		return Entry{File: file, Line: line, Col: col, Text: text, Kind: kind, Heap: heap}
	}
	l3, c3 := at(3, "(")
	l4, c4 := at(4, "(")
	l5, c5 := at(5, "(")
	l6, c6 := at(6, "(")
	l7, c7 := at(7, "(")
	l8, c8 := at(8, "(")
	entries := []Entry{
		entry(l3, c3, "&errors.prefixError{...} escapes to heap", effects.Composite, true),                                  // inlined
		entry(l3, c3, "... argument does not escape", effects.Variadic, false),                                              // own
		entry(l3, c3, "~r0 escapes to heap", effects.Box, true),                                                             // the result, boxed here
		entry(l3, c3+5, "head + f escapes to heap", effects.Concat, true),                                                   // own, at its +
		entry(l4, c4, "fmt.Sprint(... argument...) escapes to heap", effects.Box, true),                                     // own
		entry(l4, c4, "(*T).m(t) escapes to heap", effects.Box, true),                                                       // kept: a boxed result may be printed so
		entry(l5, c5, "make([]byte, n) escapes to heap", effects.MakeSlice, true),                                           // own
		entry(l6, c6, "make(map[uint64]struct {}) escapes to heap", effects.MakeMap, true),                                  // inlined
		entry(l6, c6, "moved to heap: x", effects.Escape, true),                                                             // inlined
		entry(l6, c6, "string(json.t.raw) escapes to heap", effects.Convert, true),                                          // probably inlined
		entry(l6, c6, "string(seen.Set(n)) escapes to heap", effects.Convert, true),                                         // own
		entry(l7, c7, "moved to heap: fd", effects.Escape, true),                                                            // a variable of the literal called here, inlined
		{File: file, Line: l8, Col: c8, Text: "moved to heap: .autotmp_3", Kind: effects.Escape, Heap: true, Inlined: true}, // new(n)'s own copy of n, as Parse reads it
	}
	markInlinedAtCalls(entries, &sourceFiles{})
	var got, maybe []bool
	for _, e := range entries {
		got = append(got, e.Inlined)
		maybe = append(maybe, e.MaybeInlined)
	}
	if fmt.Sprint(got) != "[true false false false false false false true true false false true false]" {
		t.Errorf("inlined: %v", got)
	}
	if fmt.Sprint(maybe) != "[false false false false false true false false false true false false false]" {
		t.Errorf("maybe inlined: %v", maybe)
	}
	if k := entries[len(entries)-1].Kind; k != effects.New {
		t.Errorf("new(n)'s temporary: kind %v, want %v", k, effects.New)
	}
}

// TestParseInlinedCalls reads the calls that the compiler inlined, at
// their outermost position, from -m output.
func TestParseInlinedCalls(t *testing.T) {
	const out = `# example.com/p
p/q.go:9:6: can inline Sum
p/q.go:21:26: inlining call to maps.Keys[go.shape.map[string]int,go.shape.string,go.shape.int]
p/q.go:21:26: func literal does not escape
p/q.go:21:2: inlining call to Sum-range1
	0x0043 00067 (/usr/local/go/src/maps/iter.go:27)	CALL	runtime.mapIterStart(SB)
`
	calls, err := ParseInlinedCalls(strings.NewReader(out), "/m")
	if err != nil {
		t.Fatal(err)
	}
	want := []InlinedCall{
		{File: "/m/p/q.go", Line: 21, Col: 26, Callee: "maps.Keys[go.shape.map[string]int,go.shape.string,go.shape.int]"},
		{File: "/m/p/q.go", Line: 21, Col: 2, Callee: "Sum-range1"},
	}
	if fmt.Sprint(calls) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", calls, want)
	}
}
