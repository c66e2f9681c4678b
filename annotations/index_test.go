package annotations

import (
	"go/ast"
	"go/token"
	"go/types"
	"testing"
)

const genericSrc = `package p

//fallible:strict
func G[T any](t T) T { return t }

type Box[T any] struct{ v T }

//fallible:trusted reads one field
func (b *Box[T]) Get() T { return b.v }

type Getter[T any] interface {
	//fallible:strict
	Get() T
}

//fallible:strict
type Fn[T any] func(T)

var _ = G[int]
`

// TestGenericOrigins checks that instantiations find the directives of the
// generic declarations they come from.
func TestGenericOrigins(t *testing.T) {
	l := load(t, genericSrc)
	scope := l.pkg.Scope()
	intArgs := []types.Type{types.Typ[types.Int]}
	instantiate := func(name string) types.Type {
		inst, err := types.Instantiate(nil, scope.Lookup(name).Type(), intArgs, true)
		if err != nil {
			t.Fatal(err)
		}
		return inst
	}

	box := instantiate("Box").(*types.Named)
	get := box.Method(0)
	if get.Origin() == get {
		t.Fatal("test is broken: Box[int].Get is not an instantiation")
	}
	if d := l.ix.Func(get).Trusted; d == nil || d.Reason != "reads one field" {
		t.Errorf("Func(Box[int].Get).Trusted = %v, want reads one field", d)
	}

	getter := instantiate("Getter").Underlying().(*types.Interface)
	if d := l.ix.Contract(getter.Method(0)); d == nil || d.Kind != Strict {
		t.Errorf("Contract(Getter[int].Get) = %v, want strict", d)
	}

	fn := instantiate("Fn").(*types.Named)
	if d := l.ix.Contract(fn.Obj()); d == nil {
		t.Errorf("Contract(Fn[int]) = nil, want strict")
	}

	for id, obj := range l.info.Uses {
		if id.Name == "G" {
			if d := l.ix.Func(obj.(*types.Func)).Strict; d == nil {
				t.Errorf("Func(%v).Strict = nil, want strict", obj)
			}
		}
	}
}

// TestLookupsOfNothing checks the lookups that find nothing.
func TestLookupsOfNothing(t *testing.T) {
	l := load(t, genericSrc)
	if got := l.ix.Func(nil); got != (FuncDirectives{}) {
		t.Errorf("Func(nil) = %v", got)
	}
	if got := l.ix.Contract(nil); got != nil {
		t.Errorf("Contract(nil) = %v", got)
	}
	var nilFunc *types.Func
	if got := l.ix.Contract(nilFunc); got != nil {
		t.Errorf("Contract((*types.Func)(nil)) = %v", got)
	}
	box := l.pkg.Scope().Lookup("Box")
	if got := l.ix.Contract(box); got != nil {
		t.Errorf("Contract(Box) = %v", got)
	}
	if got := l.ix.Allow(token.NoPos); got != nil {
		t.Errorf("Allow(NoPos) = %v", got)
	}
	if got := l.ix.PackageStrict(); got != nil {
		t.Errorf("PackageStrict() = %v", got)
	}
}

// TestUnusedAllows checks that Allow uses up what it returns and that the
// rest comes back in source order.
func TestUnusedAllows(t *testing.T) {
	l := load(t, `package p

func F(s []int) []int {
	s = append(s, 1) //fallible:allow first
	//fallible:allow second
	s = append(s, 2)
	s = append(s, 3) //fallible:allow third
	return s
}
`, `package p

func G(s []int) []int {
	return append(s, 4) //fallible:allow fourth
}
`)
	tf := l.fset.File(l.files[0].Pos())
	lineStart := func(line int) token.Pos { return tf.LineStart(line) }

	if d := l.ix.Allow(lineStart(5)); d != nil {
		t.Errorf("Allow(line 5) = %v, want nil: the second allow covers line 6", d)
	}
	d := l.ix.Allow(lineStart(6) + 3) // anywhere on the line
	if d == nil || d.Reason != "second" || d.Kind != Allow {
		t.Fatalf("Allow(line 6) = %v, want the second allow", d)
	}
	if pos := l.fset.PositionFor(d.Pos, false); pos.Line != 5 || pos.Column != 2 {
		t.Errorf("second allow at %v, want 5:2", pos)
	}
	l.ix.Allow(lineStart(6)) // twice is fine
	got := l.ix.UnusedAllows()
	want := []string{"first", "third", "fourth"}
	if len(got) != len(want) {
		t.Fatalf("UnusedAllows() = %v, want %v", got, want)
	}
	for i := range want {
		if got[i].Reason != want[i] {
			t.Errorf("UnusedAllows()[%d].Reason = %q, want %q", i, got[i].Reason, want[i])
		}
	}
}

// TestParseWithoutInfo checks that missing type information costs the
// lookups by object but not the errors or the allows.
func TestParseWithoutInfo(t *testing.T) {
	l := load(t, `package p

//fallible:strict
//fallible:strict
func F() {
	_ = 1 //fallible:allow r
}
`)
	ix, errs := Parse(l.fset, l.files, nil)
	if len(errs) != 1 || errs[0].Msg != "duplicate //fallible:strict: remove this one" {
		t.Errorf("errors = %v, want one duplicate", errs)
	}
	if d := ix.Allow(l.fset.File(l.files[0].Pos()).LineStart(6)); d == nil {
		t.Errorf("Allow(line 6) = nil, want the allow")
	}
	ix, errs = Parse(l.fset, nil, nil)
	if len(errs) != 0 || ix.PackageStrict() != nil || len(ix.UnusedAllows()) != 0 {
		t.Errorf("Parse of no files = %v, %v", ix, errs)
	}
}

// TestFileOrder checks that errors and unused allows come in source order
// (the order of the file set) whatever the order of the files given.
func TestFileOrder(t *testing.T) {
	l := load(t, "package p\n\nvar A = 1 //fallible:allow a\n\n//fallible:strict\nvar B = 1\n",
		"package p\n\nvar C = 1 //fallible:allow c\n\n//fallible:strict\nvar D = 1\n")
	ix, errs := Parse(l.fset, []*ast.File{l.files[1], l.files[0]}, l.info)
	allows := ix.UnusedAllows()
	if len(allows) != 2 || allows[0].Reason != "a" || allows[1].Reason != "c" {
		t.Errorf("UnusedAllows() = %v, want a then c", allows)
	}
	if len(errs) != 2 || errs[0].Pos > errs[1].Pos {
		t.Errorf("errors = %v, want two in source order", errs)
	}
}
