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

// TestCallsAndStoresRecorded: a call's arguments are found for placing
// only when the call may convert one (a parameter of interface or func
// type, a variadic one, an unknown callee) or is a conversion that is
// looked up (to an interface; to unsafe.Pointer, in the analyzer's
// fixtures); a store's value only
// when the stored type is an interface or a func type, and a map store's
// key only when the map's key type is.
func TestCallsAndStoresRecorded(t *testing.T) {
	const src = `package p

type T struct {
	n int
	v any
}

var (
	i, j int
	a any
	f func()
	s []int
	ms map[string]int
	ma map[any]int
)

func num(n int) int   { return n }
func box(v any) int   { return 0 }
func all(v ...int) int { return 0 }

func F(p *T) {
	num(i + 1)
	box(i + 2)
	all(i + 3)
	box(any(i + 4))
	num(int(int64(i + 5)))
	i = j + 7
	a = j + 8
	f = F2
	p.n = j + 9
	p.v = j + 10
	s[0] = j + 11
	ms["a"] = j + 12
	ma["b"] = j + 13
}

func F2() {}
`
	r, _ := analyzeSource(t, "example.com/p", src)
	p := r.pos
	decl := r.cfg.Files[0].Decls[len(r.cfg.Files[0].Decls)-2]
	p.load(decl.Pos())
	var operands, keys []string
	record := func(e []ast.Expr) {
		if len(e) == 1 {
			operands = append(operands, types.ExprString(e[0]))
		}
	}
	for _, e := range p.operands {
		record(e)
	}
	ast.Inspect(decl, func(n ast.Node) bool {
		if call, ok := n.(*ast.CallExpr); ok {
			record(p.operandsAt(call.Lparen))
		}
		return true
	})
	for _, k := range p.mapKeys {
		keys = append(keys, types.ExprString(k))
	}
	slices.Sort(operands)
	operands = slices.Compact(operands) // a field store is at the field and the selector's start
	if want := []string{"F2", "any(i + 4)", "i + 2", "i + 3", "i + 4", "j + 10", "j + 8"}; !slices.Equal(operands, want) {
		t.Errorf("stores and arguments recorded: %q, want %q", operands, want)
	}
	if want := []string{`"b"`}; !slices.Equal(keys, want) {
		t.Errorf("keys recorded: %q, want %q", keys, want)
	}
}

// TestTablesHoldLocals: the tables of variables hold a declaration's
// local variables only, and the count of assignments lasts for the
// declaration being loaded: a package variable is never followed, and a
// local one lives in one declaration.
func TestTablesHoldLocals(t *testing.T) {
	const src = `package p

var g, h any
var z int

func F() {
	l := any(1)
	var m int
	g = l
	h = 2
	z++
	_ = &g
	_ = &m
}
`
	r, _ := analyzeSource(t, "example.com/p", src)
	p := r.pos
	for _, d := range r.cfg.Files[0].Decls {
		p.load(d.Pos())
	}
	var names []string
	for _, table := range []map[types.Object]bool{p.unfollowed, p.zeroDeclared} {
		for obj := range table {
			names = append(names, obj.Name())
		}
	}
	for obj := range p.initial {
		names = append(names, obj.Name())
	}
	slices.Sort(names)
	if want := []string{"l", "m", "m"}; !slices.Equal(names, want) {
		t.Errorf("variables in the tables: %q, want %q", names, want)
	}
	if len(p.assigned) != 0 {
		t.Errorf("%d assignment counts left after loading, want 0", len(p.assigned))
	}
}
