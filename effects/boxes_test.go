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

// TestUnfollowedTypes: the types of the variables the compiler does not
// follow are gathered once per outermost function, and a function
// literal is answered from its enclosing function's: a variable declared
// without a value (C), or whose address is taken (E), is not followed; one
// assigned once where it is declared (D) is.
func TestUnfollowedTypes(t *testing.T) {
	const src = `package p

type (
	C int
	D int
	E int
	F int
)

var sink any

func G() {
	var c C
	d := D(1)
	e := E(2)
	p := &e
	sink, sink, sink = c, d, p
	func() { sink = c }()
}
`
	r, funcs := analyzeSource(t, "example.com/p", src)
	var g *ssa.Function
	for _, fn := range funcs {
		if fn.Name() == "G" {
			g = fn
		}
	}
	scope := g.Pkg.Pkg.Scope()
	for _, fn := range []*ssa.Function{g, g.AnonFuncs[0]} {
		for name, want := range map[string]bool{"C": true, "D": false, "E": true, "F": false} {
			if got := r.pos.unfollowedVarOfType(fn, scope.Lookup(name).Type()); got != want {
				t.Errorf("%s: unfollowedVarOfType(%s) = %v, want %v", fn, name, got, want)
			}
		}
	}
	if n := len(r.pos.unfollowedTypes); n != 1 {
		t.Errorf("the variables' types were gathered for %d functions, want 1 (G's)", n)
	}
}
