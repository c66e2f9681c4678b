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
