package analyzer

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/nofallalloc/nofallalloc/internal/ssatest"
)

// FuzzAnalyze runs the analyzer, with the whole package strict, on Go
// programs generated from the fuzzer's bytes: functions that call each
// other (recursion included) and allocate, box, capture, defer, spawn,
// loop and branch in every combination the grammar below allows. The
// analyzer must not fail (a panic becomes an internal-error diagnostic),
// every diagnostic must lie in the program, and two analyses of it must
// give the same diagnostics and facts encoded alike, as nogo requires. The seed corpus is in
// testdata/fuzz/FuzzAnalyze; make fuzz runs it for FUZZTIME.
func FuzzAnalyze(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("append make map closure defer go"))
	f.Add([]byte{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4})
	f.Fuzz(func(t *testing.T, data []byte) {
		src := generate(data)
		// Twice: map iteration order differs from one analysis to the
		// next, and must not show in what the analyzer says.
		var outputs [2][]byte
		for i := range outputs {
			diags, facts := analyzeSource(t, src)
			var buf bytes.Buffer
			for _, d := range diags {
				if d.Category == CategoryInternal {
					t.Fatalf("internal error: %s\nprogram:\n%s", d.Message, src)
				}
				fmt.Fprintf(&buf, "%d %s %v\n", d.Pos, d.Message, d.Related)
			}
			enc := gob.NewEncoder(&buf)
			for _, fact := range facts {
				if err := enc.Encode(fact); err != nil {
					t.Fatalf("encoding fact %v: %v", fact, err)
				}
			}
			outputs[i] = buf.Bytes()
		}
		if !bytes.Equal(outputs[0], outputs[1]) {
			t.Fatalf("two analyses of one program differ in their diagnostics or facts\nprogram:\n%s", src)
		}
	})
}

// analyzeSource type-checks src as package p, builds its SSA and runs the
// analyzer on it as a driver would, returning its diagnostics and the
// facts it exported in export order.
func analyzeSource(t *testing.T, src string) ([]analysis.Diagnostic, []analysis.Fact) {
	t.Helper()
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("the generator wrote a program that does not parse: %v\n%s", err, src)
	}
	info := &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Instances:    map[*ast.Ident]types.Instance{},
		Scopes:       map[ast.Node]*types.Scope{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		FileVersions: map[*ast.File]string{},
	}
	conf := types.Config{GoVersion: "go1.26"}
	files := []*ast.File{file}
	pkg, err := conf.Check("p", fset, files, info)
	if err != nil {
		t.Fatalf("the generator wrote a program that does not type-check: %v\n%s", err, src)
	}
	prog := ssa.NewProgram(fset, ssa.InstantiateGenerics)
	ssaPkg := prog.CreatePackage(pkg, files, info, false)
	ssaPkg.Build()
	funcs := ssatest.SourceFuncs(ssaPkg, files, info)

	var diags []analysis.Diagnostic
	var facts []analysis.Fact
	pass := &analysis.Pass{
		Analyzer:          Analyzer,
		Fset:              fset,
		Files:             files,
		Pkg:               pkg,
		TypesInfo:         info,
		TypesSizes:        types.SizesFor("gc", "amd64"),
		ResultOf:          map[*analysis.Analyzer]any{buildssa.Analyzer: &buildssa.SSA{Pkg: ssaPkg, SrcFuncs: funcs}},
		Report:            func(d analysis.Diagnostic) { diags = append(diags, d) },
		ReadFile:          func(string) ([]byte, error) { return nil, fmt.Errorf("no other files") },
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(_ types.Object, f analysis.Fact) { facts = append(facts, f) },
		ExportPackageFact: func(f analysis.Fact) { facts = append(facts, f) },
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
	}
	if _, err := Analyzer.Run(pass); err != nil {
		t.Fatalf("analyzer error: %v\n%s", err, src)
	}
	tf := fset.File(file.Pos())
	for _, d := range diags {
		if p := fset.Position(d.Pos); d.Pos.IsValid() && p.Filename != tf.Name() {
			t.Fatalf("diagnostic outside the program, at %s: %s\n%s", p, d.Message, src)
		}
	}
	return diags, facts
}

// A generator writes a Go program from bytes: each byte picks the next
// choice of the grammar, and zero bytes once the input runs out end every
// list, so any input gives a program, and a short one a small program.
type generator struct {
	data  []byte
	b     strings.Builder
	depth int
	vars  int // names v0, v1, ... of block-local variables
}

// numFuncs is the number of generated functions, all of one signature so
// that any can call any.
const numFuncs = 4

func generate(data []byte) string {
	g := &generator{data: data}
	g.b.WriteString(programHeader)
	for i := range numFuncs {
		fmt.Fprintf(&g.b, "\nfunc f%d(n int, s []int, m map[string]int, t *T) int {\n", i)
		g.block()
		g.b.WriteString("\treturn n\n}\n")
	}
	return g.b.String()
}

const programHeader = `// Package p is generated.
//
//fallible:strict
package p

type T struct {
	a int
	p *int
	s []int
}

func (t *T) M() int { return t.a }
func (t T) V() int  { return t.a }

type I interface{ M() int }

var (
	sink     any
	sinkInts []int
	sinkT    *T
)

func id[X any](x X) X { return x }
`

// next returns the next choice among n, 0 when the input is used up.
func (g *generator) next(n int) int {
	if len(g.data) == 0 {
		return 0
	}
	c := int(g.data[0])
	g.data = g.data[1:]
	return c % n
}

// block writes statements until the choice says stop (0), at most 6.
func (g *generator) block() {
	g.depth++
	defer func() { g.depth-- }()
	for range 6 {
		k := g.next(len(statements) + 1)
		if k == 0 {
			return
		}
		g.stmt(k - 1)
	}
}

func (g *generator) line(format string, args ...any) {
	g.b.WriteString(strings.Repeat("\t", g.depth))
	fmt.Fprintf(&g.b, format, args...)
	g.b.WriteByte('\n')
}

// fresh returns a new variable name.
func (g *generator) fresh() string {
	g.vars++
	return fmt.Sprintf("v%d", g.vars)
}

// statements are the simple statements; compound ones follow them in
// stmt, and nest only a few levels deep.
var statements = []string{
	"s = append(s, n)",
	"s = make([]int, n%8)",
	"s = make([]int, 4)",
	`m["k"] = n`,
	"t = &T{a: n}",
	"sinkT = t",
	"sink = n",
	"sink = t",
	"sink = T{a: n}",
	"sinkInts = s",
	"n += len(s) + len(m)",
	"n = f%d(n, s, m, t)",
	`n += len("a" + string(rune(n)))`,
	`n += len([]byte("xy"))`,
	"n = id(n)",
	"sink = id[any](n)",
	"if n < 0 {\n\tpanic(\"negative\")\n}",
	"%[1]s := [4]int{n}\ns = %[1]s[:]",
	"%[1]s := new(int)\nt.p = %[1]s",
	"%[1]s := func() int { return n + len(s) }\nn = %[1]s()",
	"%[1]s := func(k int) { s = append(s, k) }\n%[1]s(n)",
	"%[1]s := t.M\nn = %[1]s()",
	"var %[1]s I = t\nn = %[1]s.M()",
	"%[1]s := make(chan int, 1)\n%[1]s <- n\nn = <-%[1]s",
	"defer func() { n++ }()",
	"defer func() {\n\tif r := recover(); r != nil {\n\t\tn = 0\n\t}\n}()",
	"go func() { _ = len(s) }()",
	"switch x := sink.(type) {\ncase int:\n\tn = x\ncase *T:\n\tn = x.a\n}",
}

func (g *generator) stmt(k int) {
	compound := g.depth < 4 && g.next(4) == 0
	switch {
	case compound && k%4 == 0:
		g.line("if n > %d {", k)
		g.block()
		g.line("} else {")
		g.block()
		g.line("}")
	case compound && k%4 == 1:
		g.line("for %[1]s := 0; %[1]s < n; %[1]s++ {", g.fresh())
		g.block()
		g.line("}")
	case compound && k%4 == 2:
		g.line("for %[1]s, %[2]s := range m {", g.fresh(), g.fresh())
		g.line("\tn += len(v%d) + v%d", g.vars-1, g.vars)
		g.block()
		g.line("}")
	case compound:
		g.line("switch n %% 3 {")
		g.line("case 0:")
		g.block()
		g.line("default:")
		g.block()
		g.line("}")
	default:
		s := statements[k]
		switch {
		case strings.Contains(s, "%d"):
			s = fmt.Sprintf(s, g.next(numFuncs))
		case strings.Contains(s, "%[1]s"):
			s = fmt.Sprintf(s, g.fresh())
		}
		for l := range strings.SplitSeq(s, "\n") {
			g.line("%s", l)
		}
	}
}

// TestGenerate checks that the generator's programs type-check and that
// the analyzer runs on them, for a few fixed inputs, in every test run.
func TestGenerate(t *testing.T) {
	for _, data := range [][]byte{
		nil,
		[]byte("append make map closure defer go"),
		bytes.Repeat([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29}, 8),
	} {
		src := generate(data)
		diags, _ := analyzeSource(t, src)
		for _, d := range diags {
			if d.Category == CategoryInternal {
				t.Errorf("internal error: %s\n%s", d.Message, src)
			}
		}
		if len(data) > 0 && len(diags) == 0 {
			t.Errorf("no diagnostics in a strict program that allocates:\n%s", src)
		}
	}
}
