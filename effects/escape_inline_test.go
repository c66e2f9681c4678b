package effects

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestCompilerInlines checks the model's bound on the compiler's
// inlining decisions against what go build -gcflags=-m=2 says of the
// same functions with go1.26: Retrying "can inline with cost 35", Twice
// "cost 88 exceeds budget 80", Deferring "unhandled op DEFER", Big "cost
// 6520". The bound may say no where the compiler inlines (Looping, cost
// 26: the model does not estimate range loops), never yes where it does
// not.
func TestCompilerInlines(t *testing.T) {
	var src strings.Builder
	src.WriteString(`package p

type again struct{}

func (again) Error() string { return "again" }

var errAgain error = again{}

func Retrying(fn func(p []byte) (int, error), p []byte) (int, error) {
	for {
		n, err := fn(p)
		if err != errAgain {
			return n, err
		}
	}
}

func Twice(fn func(p []byte) (int, error), p []byte) (int, error) {
	Retrying(fn, p)
	return Retrying(fn, p)
}

func Deferring(fn func(p []byte), p []byte) { defer fn(p) }

func Looping(fn func(p []byte), ps [][]byte) {
	for _, p := range ps {
		fn(p)
	}
}

func Big(fn func(p []byte), p []byte) {
`)
	for i := range 1300 {
		fmt.Fprintf(&src, "\tp[%d] = 1\n", i)
	}
	src.WriteString("\tfn(p)\n}\n")
	_, funcs := analyzeSource(t, "example.com/p", src.String())
	want := map[string]struct{ inlines, big bool }{
		"Retrying":  {true, false},
		"Twice":     {false, false},
		"Deferring": {false, false},
		"Looping":   {false, false},
		"Big":       {false, true},
	}
	for _, fn := range funcs {
		w, ok := want[fn.Name()]
		if !ok {
			continue
		}
		if got := compilerInlines(fn); got != w.inlines {
			t.Errorf("compilerInlines(%s) = %v, want %v", fn.Name(), got, w.inlines)
		}
		if got := bigForInlining(fn); got != w.big {
			t.Errorf("bigForInlining(%s) = %v, want %v", fn.Name(), got, w.big)
		}
	}
}

// TestMergeParamCallLeaks: a recursive component's rounds keep the
// entries of the rounds before, one per condition, sorted.
func TestMergeParamCallLeaks(t *testing.T) {
	old := []ParamCallLeak{{Func: 0, Arg: 1, Heap: 1 << 2}, {Func: 1, Arg: 0, Returned: true, Result: 1}}
	next := []ParamCallLeak{{Func: 0, Arg: 1, Content: 1 << 3}, {Func: 0, Arg: 1, Returned: true, Heap: 1 << 2}}
	got := mergeParamCallLeaks(old, next)
	want := []ParamCallLeak{
		{Func: 0, Arg: 1, Heap: 1 << 2, Content: 1 << 3},
		{Func: 0, Arg: 1, Returned: true, Heap: 1 << 2},
		{Func: 1, Arg: 0, Returned: true, Result: 1},
	}
	if !slices.Equal(got, want) {
		t.Errorf("merged %v and %v: %v, want %v", old, next, got, want)
	}
	if old[0].Content != 0 {
		t.Error("merging changed the entries it was given")
	}
}
