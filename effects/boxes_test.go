package effects

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"

	"github.com/nofallalloc/nofallalloc/annotations"
)

// TestStaticDataInFIPSModule: the compiler lays out no boxed constant,
// nor a package initialiser's literal, in static data in the packages of
// the FIPS 140 module (panic("x") calls runtime.convTstring there, and
// crypto/internal/fips140/aes/gcm's init allocates ghashReductionTable),
// and does everywhere else.
func TestStaticDataInFIPSModule(t *testing.T) {
	const src = `package p

var sink any

func Constant() { sink = "a constant" }

func Literal() { sink = [2]int64{1, 2} }

func Small() { sink = 5 }

var table = []uint16{1, 2}
`
	for path, want := range map[string]map[string]int{
		"example.com/p":                    {"Constant": 0, "Literal": 0, "Small": 0, "init": 0},
		"crypto/internal/fips140/p":        {"Constant": 1, "Literal": 1, "Small": 0, "init": 1},
		"crypto/internal/fips140/p_test":   {"Constant": 0, "Literal": 0, "Small": 0, "init": 0},
		"crypto/internal/fips140deps/time": {"Constant": 0, "Literal": 0, "Small": 0, "init": 0},
	} {
		sites := map[string]int{}
		r, funcs := analyzeSource(t, path, src)
		for _, fn := range funcs {
			for _, s := range r.Sites(fn) {
				if s.Kind == Box || s.Kind == Composite {
					sites[fn.Name()]++
				}
			}
		}
		for fn, n := range want {
			if sites[fn] != n {
				t.Errorf("%s: %s has %d box or composite sites, want %d", path, fn, sites[fn], n)
			}
		}
	}
}

// analyzeSource analyses one file of source as the package path.
func analyzeSource(t *testing.T, path, src string) (*Result, []*ssa.Function) {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg := types.NewPackage(path, "p")
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Implicits:  map[ast.Node]types.Object{},
		Scopes:     map[ast.Node]*types.Scope{},
		Instances:  map[*ast.Ident]types.Instance{},
	}
	files := []*ast.File{file}
	if err := types.NewChecker(&types.Config{Importer: importer.Default()}, fset, pkg, info).Files(files); err != nil {
		t.Fatal(err)
	}
	prog := ssa.NewProgram(fset, ssa.SanityCheckFunctions)
	ssaPkg := prog.CreatePackage(pkg, files, info, false)
	ssaPkg.Build()
	var funcs []*ssa.Function
	for _, m := range ssaPkg.Members {
		if fn, ok := m.(*ssa.Function); ok {
			funcs = append(funcs, fn)
		}
	}
	directives, _ := annotations.Parse(fset, files, info)
	r := Analyze(&Config{Fset: fset, Pkg: pkg, Files: files, Info: info, Funcs: funcs, Sizes: types.SizesFor("gc", "amd64"), Directives: directives})
	return r, funcs
}
