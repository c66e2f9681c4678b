package analyzer_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	iofs "io/fs"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nofallalloc/nofallalloc/analyzer"
	"github.com/nofallalloc/nofallalloc/docs"
)

// TestCatalogue checks that every Category constant of the package is
// listed by Categories and has its entry in docs/diagnostics.md, which
// -explain prints.
func TestCatalogue(t *testing.T) {
	pkgs, err := parser.ParseDir(token.NewFileSet(), ".", func(fi iofs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	var consts []string
	for _, pkg := range pkgs {
		for _, f := range pkg.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				spec, ok := n.(*ast.ValueSpec)
				if !ok {
					return true
				}
				for i, name := range spec.Names {
					if strings.HasPrefix(name.Name, "Category") && i < len(spec.Values) {
						if lit, ok := spec.Values[i].(*ast.BasicLit); ok {
							v, _ := strconv.Unquote(lit.Value)
							consts = append(consts, v)
						}
					}
				}
				return true
			})
		}
	}
	if len(consts) < 8 {
		t.Fatalf("found only %d Category constants: %v", len(consts), consts)
	}
	slices.Sort(consts)
	listed := slices.Sorted(slices.Values(analyzer.Categories()))
	if !slices.Equal(consts, listed) {
		t.Errorf("the Category constants are %v, Categories lists %v", consts, listed)
	}
	for _, c := range consts {
		entry, ok := docs.Entry(c)
		if !ok {
			t.Errorf("docs/diagnostics.md has no section ## %s", c)
			continue
		}
		if !strings.Contains(entry, "```") {
			t.Errorf("the entry of %s shows no example", c)
		}
	}
}
