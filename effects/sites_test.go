package effects

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// TestMentionsTypeParam checks which types are built from a type
// parameter: the variables named with a leading "t" have such types.
func TestMentionsTypeParam(t *testing.T) {
	const src = `package p

type list[E any] struct{ e E }

func f[T comparable]() {
	var (
		tParam  T
		tPtr    *T
		tSlice  []T
		tArray  [2]T
		tChan   chan T
		tElem   map[int]T
		tKey    map[T]int
		tArg    func(T)
		tResult func() T
		tField  struct{ x T }
		tNamed  list[T]
		tNested []func(*list[T])
		concrete list[int]
		number   int
		fn       func(int) string
	)
	_, _, _, _, _, _, _, _, _, _, _, _, _, _, _ = tParam, tPtr, tSlice, tArray, tChan, tElem, tKey, tArg, tResult, tField, tNamed, tNested, concrete, number, fn
}
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Defs: map[*ast.Ident]types.Object{}}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("p", fset, []*ast.File{file}, info); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for id, obj := range info.Defs {
		v, ok := obj.(*types.Var)
		if !ok || v.IsField() || id.Name == "_" || v.Parent() == nil || v.Parent().Parent() == types.Universe {
			continue
		}
		checked++
		if got, want := mentionsTypeParam(v.Type()), strings.HasPrefix(id.Name, "t"); got != want {
			t.Errorf("mentionsTypeParam(%s) = %v, want %v", v.Type(), got, want)
		}
	}
	if checked != 15 {
		t.Errorf("checked %d variables, want 15", checked)
	}
}

// TestCleanCallsNotGathered: a call of a function whose summary is final
// and clean, one of an earlier component or of another package, is no
// finding even before settle: the function's array of findings is
// gathered without it. A call of a function of its own component (G,
// which allocates through F) waits for the fixpoint.
func TestCleanCallsNotGathered(t *testing.T) {
	const src = `package p

var sink []int

func clean() {}

func F(n int) {
	clean()
	clean()
	sink = make([]int, n)
	if n > 0 {
		G(n - 1)
	}
}

func G(n int) { F(n) }
`
	r, funcs := analyzeSource(t, "example.com/p", src)
	for _, fn := range funcs {
		if fn.Name() != "F" {
			continue
		}
		// settle keeps the findings in the array they were gathered in.
		if got := cap(r.nodes[fn].findings); got != 2 {
			t.Errorf("F gathered %d findings, want 2 (make, and G's call)", got)
		}
		if got := len(r.Findings(fn)); got != 2 {
			t.Errorf("F has %d findings, want 2", got)
		}
	}
}
