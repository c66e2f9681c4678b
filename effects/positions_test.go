package effects

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"testing"
)

// TestRangeOverFuncSites: the body of a range-over-func loop is a
// function literal, not a method value, and the compiler reports it, and
// the loop's state that moves to the heap with it, at the for keyword
// (15:2 here, as go build -gcflags=-m prints for an iterator it cannot
// inline).
func TestRangeOverFuncSites(t *testing.T) {
	const src = `package p

var it = func(yield func(int) bool) {
	for i := range 3 {
		if !yield(i) {
			return
		}
	}
}

var sink int

func F() {
	s := 0
	for x := range it {
		s += x
	}
	sink = s
}
`
	r, funcs := analyzeSource(t, "example.com/p", src)
	var got []string
	for _, fn := range funcs {
		if fn.Name() != "F" {
			continue
		}
		for _, s := range r.Sites(fn) {
			p := r.cfg.Fset.Position(s.Pos)
			got = append(got, fmt.Sprintf("%d:%d %s", p.Line, p.Column, s.Kind))
		}
	}
	slices.Sort(got)
	want := []string{"14:2 escape", "15:2 closure", "15:2 escape"}
	if !slices.Equal(got, want) {
		t.Errorf("sites of F: %q, want %q", got, want)
	}
}

// TestElements checks which elements of composite literals the positions
// record: those whose store may convert the value (to an interface or a
// func type), and the keys of a map whose key type is an interface; no
// other, since a table of generated data has thousands.
func TestElements(t *testing.T) {
	const src = `package p

type T struct {
	n int
	v any
}

var x, y int

func F() {
	_ = []int{x, y}
	_ = []any{x, y}
	_ = map[string]any{"k": x}
	_ = map[any]int{x: 1}
	_ = T{x, y}
	_ = T{n: x, v: y}
	_ = []*T{{v: x}}
	_ = []func(){F}
}
`
	r, _ := analyzeSource(t, "example.com/p", src)
	p := r.pos
	var f *ast.FuncDecl
	for _, d := range r.cfg.Files[0].Decls {
		if fd, ok := d.(*ast.FuncDecl); ok {
			f = fd
		}
	}
	p.load(f.Pos())
	var operands, keys []string
	for pos := range p.operands {
		if e := p.operands[pos]; len(e) == 1 && isElement(f, pos) {
			operands = append(operands, types.ExprString(e[0]))
		}
	}
	for _, k := range p.mapKeys {
		keys = append(keys, types.ExprString(k))
	}
	slices.Sort(operands)
	if want := []string{"F", "x", "x", "x", "y", "y", "y"}; !slices.Equal(operands, want) {
		t.Errorf("elements recorded: %q, want %q", operands, want)
	}
	if want := []string{"x"}; !slices.Equal(keys, want) {
		t.Errorf("keys recorded: %q, want %q", keys, want)
	}
}

// isElement reports whether pos is the position of an element's store in
// a composite literal of f: an unkeyed element's start or a keyed one's
// colon.
func isElement(f *ast.FuncDecl, pos token.Pos) bool {
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.CompositeLit); ok {
			for _, elt := range lit.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok && kv.Colon == pos || elt.Pos() == pos {
					found = true
				}
			}
		}
		return !found
	})
	return found
}
