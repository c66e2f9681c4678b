package effects

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestVarFinderAfterLargeFunction: after a function of more local
// variables than maxKeptVariables, the finder's maps are made anew rather
// than emptied (emptying costs their capacity, for every function after);
// after a small one they are kept. Either way the next function sees
// only its own variables.
func TestVarFinderAfterLargeFunction(t *testing.T) {
	var src strings.Builder
	src.WriteString("package p\n\nvar sink *int\n\nfunc Large(k int) {\n")
	for i := range maxKeptVariables + 1 {
		fmt.Fprintf(&src, "\tx%d := new(int)\n\tif k > %d {\n\t\tx%d = sink\n\t}\n\tsink = x%d\n", i, i, i, i)
	}
	src.WriteString("}\n\nfunc Small(p *int) {\n\tq := p\n\tif p == nil {\n\t\tq = new(int)\n\t}\n\tsink = q\n}\n")
	r, funcs := analyzeSource(t, "example.com/p", src.String())
	byName := map[string]int{}
	for i, fn := range funcs {
		byName[fn.Name()] = i
	}
	f := newVarFinder(r.cfg.Info)
	mapOf := func() uintptr { return reflect.ValueOf(f.local).Pointer() }
	for _, step := range []struct {
		fn       string
		vars     int
		replaced bool
	}{
		{"Large", maxKeptVariables + 1, false},
		{"Small", 1, true},
		{"Small", 1, false},
	} {
		before := mapOf()
		fn := funcs[byName[step.fn]]
		vars := f.localVariables(fn, liveBlocks(fn))
		if len(vars) != step.vars {
			t.Errorf("%s: %d variables of two values or more, want %d", step.fn, len(vars), step.vars)
		}
		if replaced := mapOf() != before; replaced != step.replaced {
			t.Errorf("%s: maps made anew: %v, want %v", step.fn, replaced, step.replaced)
		}
	}
}
