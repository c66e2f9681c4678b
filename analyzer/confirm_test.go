package analyzer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/nofallalloc/nofallalloc/analyzer"
	"github.com/nofallalloc/nofallalloc/effects"
	"github.com/nofallalloc/nofallalloc/internal/escapelog"
)

// TestConfirmCompiler checks -compiler-log: the compiler's decisions
// overrule the model's escape analysis, a heap decision that the model
// missed is a site, and the model decides what the compiler does not.
func TestConfirmCompiler(t *testing.T) {
	file := filepath.Join(analysistest.TestData(), "src", "confirm", "confirm.go")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// at returns the decision text about the first occurrence of expr on
	// the line that declares the function or variable fn.
	at := func(fn, expr, text string, kind effects.Kind, heap bool) escapelog.Entry {
		for i, line := range strings.Split(string(src), "\n") {
			if strings.HasPrefix(line, "func "+fn+"(") || strings.HasPrefix(line, "var "+fn+" ") {
				return escapelog.Entry{File: file, Line: i + 1, Col: strings.Index(line, expr) + 1, Text: text, Kind: kind, Heap: heap}
			}
		}
		t.Fatalf("no function %s in %s", fn, file)
		return escapelog.Entry{}
	}
	// code returns the code of the first line that holds text, calling
	// the runtime functions calls.
	code := func(text string, calls ...string) escapelog.CodeLine {
		for i, line := range strings.Split(string(src), "\n") {
			if strings.Contains(line, text) {
				return escapelog.CodeLine{File: file, Line: i + 1, Calls: calls}
			}
		}
		t.Fatalf("no line %q in %s", text, file)
		return escapelog.CodeLine{}
	}
	inlined := func(e escapelog.Entry) escapelog.Entry {
		e.Inlined = true
		return e
	}
	dir := t.TempDir()
	err = escapelog.WriteDir(dir, []*escapelog.Package{{
		Path:  "confirm",
		Files: []string{file},
		Entries: []escapelog.Entry{
			at("Kept", "&T{", "&T{...} escapes to heap", effects.Composite, true),
			at("Overruled", "&T{", "&T{...} does not escape", effects.Composite, false),
			at("Missed", "x :=", "moved to heap: x", effects.Escape, true),
			at("Grow", "(s, 1)", "append does not escape", effects.Append, false),
			at("Both", "a, b int", "moved to heap: a", effects.Escape, true),
			at("Quiet", "(sinkT.String", `"x" escapes to heap`, effects.Box, true),
			at("Boxed", "{msg}", "parseError{...} escapes to heap", effects.Composite, true),
			at("initMade", "(", "make([]int, count()) escapes to heap", effects.MakeSlice, true),
			inlined(at("InlinedOnly", "(a)", "&T{...} escapes to heap", effects.Composite, true)),
			at("newT", "&T{", "&T{...} escapes to heap", effects.Composite, true),
			inlined(at("Guessed", "t }", "t escapes to heap", effects.Box, true)),
			at("Static", "func(", "func literal escapes to heap", effects.Closure, true),
			at("Captures", "func(t", "func literal escapes to heap", effects.Closure, true),
			at("GenericKept[P any]", "func(t", "func literal escapes to heap", effects.Closure, true),
			at("GenericOverruled[P any]", "func(t", "func literal does not escape", effects.Closure, false),
			at("ident[P any]", "ident", "func literal does not escape", effects.Closure, false),
			func() escapelog.Entry {
				e := at("Probable", "()", "string(json.t.raw) escapes to heap", effects.Convert, true)
				e.MaybeInlined = true
				return e
			}(),
			at("BoxPair", "p }", "p escapes to heap", effects.Box, true),
			at("Elsewhere", "(a)", "&T{...} escapes to heap", effects.Composite, true),
			func() escapelog.Entry {
				l := code("return []int{") // the literal's brace, on the line after the declaration
				line := strings.Split(string(src), "\n")[l.Line-1]
				return escapelog.Entry{File: file, Line: l.Line, Col: strings.Index(line, "{") + 1, Text: "[]int{...} escapes to heap", Kind: effects.Composite, Heap: true}
			}(),
		},
		Code: []escapelog.CodeLine{
			code("func BoxPair("),
			code("func Elsewhere("),
			code("func Fits("),
			code("func Grows(", "growslice"),
			code("return map[string]int{", "makemap_small", "mapassign_faststr"),
			code(`"a": 1,`),
			code("m := make(map[string]int)"),
			code("m[k] = 1"),
			code("return []int{"),
			code("a + 1, // the last element", "newobject"),
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	setFlag(t, "sites", "true")
	setFlag(t, "compiler-log", dir)
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "confirm")
}

// TestConfirmInlined checks that -compiler-log settles a call that the
// compiler inlined into a function whose inlined code calls nothing that
// may allocate, and keeps it when the call is not inlined, when the
// compiler decides a heap allocation at the call, when the code left on
// the call's line, or any code inlined into the function (from this
// package's functions and literals, or from another package's), calls a
// function that may allocate: an allocating runtime function, one whose
// summary is not clean, or an unexported one, which has no summary.
func TestConfirmInlined(t *testing.T) {
	file := filepath.Join(analysistest.TestData(), "src", "confirminlined", "inlined.go")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	// line returns the 1-based number of the first line that holds text.
	line := func(text string) int {
		for i, l := range lines {
			if strings.Contains(l, text) {
				return i + 1
			}
		}
		t.Fatalf("no line %q in %s", text, file)
		return 0
	}
	// call returns the inlined call of grow on the line that holds text.
	call := func(text string) escapelog.InlinedCall {
		n := line(text)
		return escapelog.InlinedCall{File: file, Line: n, Col: strings.Index(lines[n-1], "grow(") + len("grow("), Callee: "grow"}
	}
	// fn returns the code of the function declared on the line that
	// holds decl, with the code lines code.
	fn := func(decl string, code ...escapelog.CodeLine) escapelog.FuncCode {
		return escapelog.FuncCode{File: file, Line: line(decl), Code: append([]escapelog.CodeLine{{File: file, Line: line(decl)}}, code...)}
	}
	at := func(text string, calls ...string) escapelog.CodeLine {
		return escapelog.CodeLine{File: file, Line: line(text), Calls: calls}
	}
	growLine := at("func grow(", "growslice")
	heap := call("func HeapAtCall(")
	dir := t.TempDir()
	err = escapelog.WriteDir(dir, []*escapelog.Package{{
		Path:  "confirminlined",
		Files: []string{file},
		Entries: []escapelog.Entry{
			{File: file, Line: heap.Line, Col: heap.Col, Text: "&x escapes to heap", Kind: effects.Composite, Heap: true, Inlined: true},
		},
		InlinedCalls: []escapelog.InlinedCall{
			call("func Settled("),
			heap,
			call("func AllocatingLine("),
			call("func InlinedAllocates("),
			call("func Elsewhere("),
			call("grow(s) // want"),
			call("func CleanCallee("),
			call("func AllocatingCallee("),
			call("func Unexported("),
		},
		Funcs: []escapelog.FuncCode{
			fn("func Settled(", at("func grow(")),
			fn("func NotInlined(", escapelog.CodeLine{File: file, Line: line("func NotInlined("), Static: true}),
			fn("func HeapAtCall(", at("func grow(")),
			fn("func AllocatingLine(", at("func AllocatingLine(", "newobject")),
			fn("func InlinedAllocates(", growLine),
			fn("func Elsewhere(", escapelog.CodeLine{File: "/go/src/strings/iter.go", Line: 49, Static: true}),
			fn("func InLiteral(", at("_ = len(s)", "newobject")),
			fn("func CleanCallee(", escapelog.CodeLine{File: "/go/src/strings/iter.go", Line: 49, Callees: []string{"strings.Index"}}),
			fn("func AllocatingCallee(", escapelog.CodeLine{File: "/go/src/strings/iter.go", Line: 49, Callees: []string{"strings.Index", "strings.Repeat"}}),
			fn("func Unexported(", escapelog.CodeLine{File: "/go/src/strings/strings.go", Line: 300, Callees: []string{"strings.genSplit"}}),
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	setFlag(t, "compiler-log", dir)
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "confirminlined")
}
