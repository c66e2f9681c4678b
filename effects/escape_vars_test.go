package effects

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/ssa"
)

// TestVarFinderAfterLargeFunction: after a function of more local
// variables than maxKeptVariables, the finder's map of their numbers is
// made anew rather than emptied (emptying costs its capacity, for every
// function after); after a small one it is kept. Either way the next
// function sees only its own variables.
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
	mapOf := func() uintptr { return reflect.ValueOf(f.num).Pointer() }
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

// TestValuesInPositionOrder: the finder's index holds a function's
// values sorted by position and, at one position, in the order of the
// code, as a stable sort would leave them, though some come out of
// position order: a loop's condition, placed before its body, in a block
// after it, and the variables a literal captures, declared before it,
// after its code.
func TestValuesInPositionOrder(t *testing.T) {
	var src strings.Builder
	src.WriteString("package p\n\ntype T struct{ next *T }\n\nvar sink *T\n\nfunc F(k int) {\n\tp, q := &T{}, &T{}\n\tfunc() {\n")
	for i := range 20 {
		fmt.Fprintf(&src, "\t\tfor x := (&T{next: p}); x != q; x = x.next {\n\t\t\tp = &T{next: x}\n\t\t}\n\t\tsink = p\n")
		_ = i
	}
	src.WriteString("\t}()\n}\n")
	r, funcs := analyzeSource(t, "example.com/p", src.String())
	outer := funcs[slices.IndexFunc(funcs, func(fn *ssa.Function) bool { return fn.Name() == "F" })]
	fn := outer.AnonFuncs[0]
	f := newVarFinder(r.cfg.Info)
	f.localVariables(fn, liveBlocks(fn))
	f.valuesAt(fn.Pos()) // builds the index

	var want []positioned // in the order of the code
	for _, b := range fn.Blocks {
		for _, ins := range b.Instrs {
			if v, ok := ins.(ssa.Value); ok && tracked(v) && v.Pos().IsValid() {
				want = append(want, positioned{pos: v.Pos(), value: v})
			}
		}
	}
	for _, fv := range fn.FreeVars {
		want = append(want, positioned{pos: fv.Pos(), value: fv})
	}
	late := 0
	for i := 1; i < len(want); i++ {
		if want[i].pos < want[i-1].pos {
			late++
		}
	}
	if late < 20 {
		t.Fatalf("%d values out of position order, want 20 or more: the test tests too little", late)
	}
	slices.SortStableFunc(want, func(a, b positioned) int { return cmp.Compare(a.pos, b.pos) })
	if len(f.at) != len(want) {
		t.Fatalf("%d values indexed, want %d", len(f.at), len(want))
	}
	for i := range want {
		if f.at[i].pos != want[i].pos || f.at[i].value != want[i].value {
			t.Errorf("value %d: %v at %d, want %v at %d", i, f.at[i].value, f.at[i].pos, want[i].value, want[i].pos)
		}
	}
}
