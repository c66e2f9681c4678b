package analyzer_test

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

// verdict is what the analyzer says of one fixture function.
type verdict int

const (
	clean    verdict = iota // no diagnostic at all
	direct                  // at least one direct allocation
	viaCalls                // only calls and dynamic calls, which inlining may change
)

// crossCheck runs the analyzer on a fixture package whose exported
// functions take no arguments, then compiles the package and counts with
// testing.AllocsPerRun what each function really allocates. The runtime is
// the authority: a function the analyzer calls clean must allocate
// nothing, and one it flags with a direct allocation must allocate. It
// returns its verdicts and measures, for checks of a fixture's own.
func crossCheck(t *testing.T, pkg string) (map[string]verdict, map[string]float64) {
	t.Helper()
	results := analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, pkg)
	if len(results) != 1 {
		t.Fatalf("want one result for %s, got %d", pkg, len(results))
	}
	res := results[0]
	verdicts := map[string]verdict{}
	funcs := exportedNullary(res.Action.Package.Syntax)
	for _, f := range funcs {
		verdicts[f.Name.Name] = clean
	}
	fset := res.Action.Package.Fset
	for _, d := range res.Diagnostics {
		name := enclosing(funcs, d.Pos)
		if name == "" {
			continue
		}
		if d.Category == analyzer.CategoryAllocation {
			verdicts[name] = direct
		} else if verdicts[name] == clean {
			verdicts[name] = viaCalls
		}
		_ = fset
	}
	allocs := measure(t, filepath.Join(analysistest.TestData(), "src", pkg), funcs)
	for _, f := range funcs {
		name := f.Name.Name
		got, ok := allocs[name]
		if !ok {
			t.Errorf("%s.%s: not measured", pkg, name)
			continue
		}
		t.Logf("%s.%s: verdict %d, %v allocations per run", pkg, name, verdicts[name], got)
		switch verdicts[name] {
		case clean:
			if got != 0 {
				t.Errorf("%s.%s: analyzer says clean, runtime sees %v allocations per run", pkg, name, got)
			}
		case direct:
			if got < 1 {
				t.Errorf("%s.%s: analyzer reports an allocation, runtime sees %v per run", pkg, name, got)
			}
		}
	}
	return verdicts, allocs
}

func exportedNullary(files []*ast.File) []*ast.FuncDecl {
	var out []*ast.FuncDecl
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if ok && fd.Recv == nil && fd.Name.IsExported() && fd.Type.Params.NumFields() == 0 && fd.Type.Results.NumFields() == 0 {
				out = append(out, fd)
			}
		}
	}
	return out
}

func enclosing(funcs []*ast.FuncDecl, pos token.Pos) string {
	for _, f := range funcs {
		if f.Pos() <= pos && pos < f.End() {
			return f.Name.Name
		}
	}
	return ""
}

// measure builds the fixture as a module of its own with a generated test
// that prints AllocsPerRun for every function, called through a func
// value so that it is not inlined into the measurement.
func measure(t *testing.T, src string, funcs []*ast.FuncDecl) map[string]float64 {
	t.Helper()
	if testing.Short() {
		t.Skip("the runtime cross-check compiles and runs the fixture")
	}
	dir := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	pkgName := ""
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if pkgName == "" {
			pkgName = packageClause(string(data))
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), data, 0o666); err != nil {
			t.Fatal(err)
		}
	}
	var gen strings.Builder
	fmt.Fprintf(&gen, "package %s\n\nimport (\n\t\"fmt\"\n\t\"testing\"\n)\n\nfunc TestAllocs(t *testing.T) {\n", pkgName)
	fmt.Fprintf(&gen, "\tfor _, c := range []struct {\n\t\tname string\n\t\tf    func()\n\t}{\n")
	for _, f := range funcs {
		fmt.Fprintf(&gen, "\t\t{%q, %s},\n", f.Name.Name, f.Name.Name)
	}
	fmt.Fprintf(&gen, "\t} {\n\t\tfmt.Printf(\"ALLOCS %%s %%v\\n\", c.name, testing.AllocsPerRun(50, c.f))\n\t}\n}\n")
	write(t, filepath.Join(dir, "zz_allocs_test.go"), gen.String())
	write(t, filepath.Join(dir, "go.mod"), "module crosscheck\n\ngo 1.26\n")
	cmd := exec.Command("go", "test", "-count=1", "-run=^TestAllocs$", "-v", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("running the fixture: %v\n%s", err, out)
	}
	allocs := map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 3 && fields[0] == "ALLOCS" {
			v, err := strconv.ParseFloat(fields[2], 64)
			if err != nil {
				t.Fatal(err)
			}
			allocs[fields[1]] = v
		}
	}
	return allocs
}

func packageClause(src string) string {
	for line := range strings.Lines(src) {
		if name, ok := strings.CutPrefix(line, "package "); ok {
			return strings.TrimSpace(name)
		}
	}
	return ""
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
}
