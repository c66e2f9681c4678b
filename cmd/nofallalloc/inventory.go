package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"maps"
	"path/filepath"
	"strings"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

// The -suggest and -assumptions inventories. In text, an entry is a line
// at the declaration or directive, followed by a line per item (an
// allocation in the way, an offence hidden) whose message starts with a
// tab, as go vet prints related positions. With -f json, a list of
// records whose field names docs/json.md documents and tests keep stable.

// suggestionJSON is one function of -suggest -f json.
type suggestionJSON struct {
	Package     string       `json:"package"`
	Function    string       `json:"function"`
	Position    jsonPosition `json:"position"`
	Allocations []itemJSON   `json:"allocations"` // empty: it can be strict as it is
}

// assumptionJSON is one escape hatch of -assumptions -f json.
type assumptionJSON struct {
	Package    string       `json:"package"`
	Directive  string       `json:"directive"` // allow or trusted
	Reason     string       `json:"reason"`
	Position   jsonPosition `json:"position"`           // an allow's comment, a trusted function's name
	Function   string       `json:"function,omitempty"` // empty for an allow that exempts nothing
	Exempts    []itemJSON   `json:"exempts"`
	FaultTests *[]string    `json:"fault_tests,omitempty"` // trusted only
}

// itemJSON is an allocation, call or conversion of an entry.
type itemJSON struct {
	Position jsonPosition `json:"position"`
	Category string       `json:"category"`
	Function string       `json:"function"`
	What     string       `json:"what"`
	Fix      string       `json:"fix,omitempty"`
}

// writeInventory prints the entries of -suggest or -assumptions.
func writeInventory(w io.Writer, opts options, diags []diagnostic) error {
	entries := make([]any, 0, len(diags))
	faults := &faultTestIndex{dir: opts.dir, tests: map[string][]faultTest{}}
	for _, d := range diags {
		rec := d.Record
		if rec == nil || len(rec.Items) != len(d.Related) {
			return fmt.Errorf("%s: %s: the analyzer gave no record for this entry", positionString(d.Pos), d.Message)
		}
		var tests []string
		if rec.Directive == "trusted" {
			tests = faults.exercising(d.Pos.Filename, rec.Function)
		}
		if opts.format != "json" {
			writeEntryText(w, d, rec, tests)
			continue
		}
		items := make([]itemJSON, len(rec.Items))
		for i, it := range rec.Items {
			items[i] = itemJSON{Position: toJSONPosition(d.Related[i].Pos), Category: it.Category, Function: it.Function, What: it.What, Fix: it.Fix}
		}
		if opts.suggest {
			entries = append(entries, suggestionJSON{Package: d.Package, Function: rec.Function, Position: toJSONPosition(d.Pos), Allocations: items})
			continue
		}
		a := assumptionJSON{Package: d.Package, Directive: rec.Directive, Reason: rec.Reason, Position: toJSONPosition(d.Pos), Function: rec.Function, Exempts: items}
		if rec.Directive == "trusted" {
			a.FaultTests = &tests
		}
		entries = append(entries, a)
	}
	if opts.format != "json" {
		return nil
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(entries)
}

func writeEntryText(w io.Writer, d diagnostic, rec *analyzer.Record, faultTests []string) {
	msg := d.Message
	if rec.Directive == "trusted" {
		if len(faultTests) == 0 {
			msg += "; no fault-injection test found"
		} else {
			msg += "; fault-injection tests: " + strings.Join(faultTests, ", ")
		}
	}
	fmt.Fprintf(w, "%s: %s\n", positionString(d.Pos), msg)
	for _, r := range d.Related {
		fmt.Fprintf(w, "%s: \t%s\n", positionString(r.Pos), r.Message)
	}
}

// faultEntryPoints are the functions that run code under fault
// injection, by package name and function name; an empty package name
// matches an unqualified call, as in the package's own tests.
var faultEntryPoints = []struct{ pkg, name string }{
	{"collections", "InjectFaults"},
	{"collections", "CheckAllocationFailures"},
	{"allocstest", "Faults"},
	{"", "InjectFaults"},
	{"", "CheckAllocationFailures"},
}

// faultTestIndex finds fault-injection tests, reading the test files of
// each directory once.
//
// The heuristic, as docs/json.md states it: a trusted function counts as
// exercised under fault injection by a function declared in a _test.go
// file of its own directory (a test or a helper, whatever its package
// clause and build constraints) whose body, function literals included,
// both calls a fault-injection entry point and names the trusted function
// (an identifier or a selector with its name), itself or through the
// functions of the same test files that it names, transitively (the task
// it passes by name, the helpers it calls). Functions are matched by name,
// not by type: a test that calls a same-named method of another type
// counts, and one that reaches the function only through non-test code
// does not.
type faultTestIndex struct {
	dir   string                 // the command's directory, for relative file names
	tests map[string][]faultTest // by directory
}

// faultTest is a function of a test file that injects faults.
type faultTest struct {
	name  string
	names map[string]bool // the identifiers and selectors its body mentions
}

// exercising returns the fault-injection tests that name function, a
// function or method as messages print it, declared in file.
func (ix *faultTestIndex) exercising(file, function string) []string {
	if !filepath.IsAbs(file) {
		file = filepath.Join(ix.dir, file)
	}
	dir := filepath.Dir(file)
	tests, ok := ix.tests[dir]
	if !ok {
		tests = readFaultTests(dir)
		ix.tests[dir] = tests
	}
	bare := function[strings.LastIndexByte(function, '.')+1:]
	found := []string{}
	for _, t := range tests {
		if t.names[bare] {
			found = append(found, t.name)
		}
	}
	return found
}

// readFaultTests parses the _test.go files of dir and returns the
// functions that inject faults, each with the names its body mentions and
// those of the functions of the test files it names in turn (a task
// passed by name, a helper it calls). A file that does not parse is
// skipped: the inventory reports, it does not compile.
func readFaultTests(dir string) []faultTest {
	files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
	var all []faultTest
	injects := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, decl := range f.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			t := faultTest{name: fd.Name.Name, names: map[string]bool{}}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.Ident:
					t.names[n.Name] = true
				case *ast.SelectorExpr:
					t.names[n.Sel.Name] = true
				case *ast.CallExpr:
					injects[t.name] = injects[t.name] || isFaultEntryPoint(n.Fun)
				}
				return true
			})
			all = append(all, t)
		}
	}
	byName := map[string]faultTest{}
	for _, t := range all {
		if fd, ok := byName[t.name]; ok { // methods of several types: merge
			maps.Copy(fd.names, t.names)
			continue
		}
		byName[t.name] = t
	}
	var out []faultTest
	for _, t := range all {
		if injects[t.name] {
			out = append(out, faultTest{name: t.name, names: reachableNames(t.name, byName)})
			delete(injects, t.name) // a name declared twice is listed once
		}
	}
	return out
}

// reachableNames returns the names mentioned by the test-file function
// start and by every test-file function it names, transitively.
func reachableNames(start string, byName map[string]faultTest) map[string]bool {
	names := map[string]bool{}
	visited := map[string]bool{}
	queue := []string{start}
	for len(queue) > 0 {
		fn := queue[0]
		queue = queue[1:]
		if visited[fn] {
			continue
		}
		visited[fn] = true
		for name := range byName[fn].names {
			names[name] = true
			if _, ok := byName[name]; ok {
				queue = append(queue, name)
			}
		}
	}
	return names
}

func isFaultEntryPoint(fun ast.Expr) bool {
	if ix, ok := fun.(*ast.IndexExpr); ok { // an explicit instantiation
		fun = ix.X
	}
	pkg, name := "", ""
	switch fun := fun.(type) {
	case *ast.Ident:
		name = fun.Name
	case *ast.SelectorExpr:
		if x, ok := fun.X.(*ast.Ident); ok {
			pkg, name = x.Name, fun.Sel.Name
		}
	}
	for _, e := range faultEntryPoints {
		if e.pkg == pkg && e.name == name {
			return true
		}
	}
	return false
}
