package escapelog

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nofallalloc/nofallalloc/effects"
)

// A Package is one package of a build and the compiler's decisions about
// its own files.
type Package struct {
	Path    string     // import path
	Dir     string     // source directory
	Files   []string   // absolute paths of the compiled Go files
	Test    bool       // the package has _test.go files
	Entries []Entry    // decisions positioned in Files
	Code    []CodeLine // the code generated for the lines of Files, sorted
	Funcs   []FuncCode // the code of the functions declared in Files
	// InlinedCalls are the calls in Files that the compiler inlined.
	InlinedCalls []InlinedCall

	main bool // a command, whose binary go build would write
}

// Build compiles the packages that patterns name, in dir with the build
// tags tags, asking the compiler for its escape decisions and the calls
// it inlined (-m), its optimisation log (-json, which marks the heap
// decisions of inlined code) and its assembly listing (-S: which
// lines of the packages' files have code, and which allocating runtime
// functions it calls; and the code of each of their functions, that of
// the functions inlined into it included, wherever it is placed). Only
// the named packages are compiled with these flags; their dependencies
// come from the build cache. Decisions positioned outside
// the named packages' files (generic functions of other packages
// instantiated there) are dropped: they are those functions' sites.
func Build(dir, tags string, patterns []string) ([]*Package, error) {
	pkgs, err := list(dir, tags, patterns)
	if err != nil {
		return nil, err
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s: no package with Go files other than tests", strings.Join(patterns, " "))
	}
	tmp, err := os.MkdirTemp("", "nofallalloc-escape-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	// A fresh log directory is part of the compiler flags, so the named
	// packages are compiled again even when the build cache holds them:
	// the go command would replay the -m output but not write the log.
	args := []string{"build"}
	if len(pkgs) == 1 && pkgs[0].main {
		// Not into dir. Only then: with -o, go build compiles the main
		// packages among several, and ignores the others.
		args = append(args, "-o", tmp+"/bin/")
	}
	if tags != "" {
		args = append(args, "-tags="+tags)
	}
	for _, p := range pkgs {
		args = append(args, fmt.Sprintf("-gcflags=%s=-m -S -json=0,file://%s/log", p.Path, tmp))
	}
	for _, p := range pkgs {
		args = append(args, p.Path)
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go build with the escape log failed: %v\n%s", err, withoutListing(out.Bytes()))
	}
	byFile := map[string]*Package{}
	for _, p := range pkgs {
		for _, f := range p.Files {
			byFile[f] = p
		}
	}
	entries, err := Parse(bytes.NewReader(out.Bytes()), dir)
	if err != nil {
		return nil, err
	}
	code, funcs, err := ParseCode(bytes.NewReader(out.Bytes()), dir, func(file string) bool { return byFile[file] != nil })
	if err != nil {
		return nil, err
	}
	calls, err := ParseInlinedCalls(bytes.NewReader(out.Bytes()), dir)
	if err != nil {
		return nil, err
	}
	inlined, logged, err := readInlined(tmp + "/log")
	if err != nil {
		return nil, err
	}
	markInlined(entries, inlined)
	markInlinedAtCalls(entries, &sourceFiles{})
	markInlinedWithoutLog(entries, logged, code)
	// The compiler compiles functions concurrently: its output comes in
	// any order.
	slices.SortFunc(entries, func(a, b Entry) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), strings.Compare(a.Text, b.Text), compareBool(a.Inlined, b.Inlined))
	})
	seen := map[Entry]bool{} // a generic function is reported once per instantiation shape
	for _, e := range entries {
		if p := byFile[e.File]; p != nil && !seen[e] {
			seen[e] = true
			p.Entries = append(p.Entries, e)
		}
	}
	for _, c := range code {
		p := byFile[c.File]
		p.Code = append(p.Code, c)
	}
	for _, f := range funcs {
		p := byFile[f.File]
		p.Funcs = append(p.Funcs, f)
	}
	slices.SortFunc(calls, func(a, b InlinedCall) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), strings.Compare(a.Callee, b.Callee))
	})
	for _, c := range slices.Compact(calls) {
		if p := byFile[c.File]; p != nil {
			p.InlinedCalls = append(p.InlinedCalls, c)
		}
	}
	return pkgs, nil
}

// list runs go list on patterns.
func list(dir, tags string, patterns []string) ([]*Package, error) {
	args := []string{"list", "-e", "-json=ImportPath,Name,Dir,GoFiles,CgoFiles,TestGoFiles,XTestGoFiles,Error"}
	if tags != "" {
		args = append(args, "-tags="+tags)
	}
	cmd := exec.Command("go", append(args, patterns...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list %s: %v\n%s", strings.Join(patterns, " "), err, stderr.Bytes())
	}
	var pkgs []*Package
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var lp struct {
			ImportPath, Name, Dir                        string
			GoFiles, CgoFiles, TestGoFiles, XTestGoFiles []string
			Error                                        *struct{ Err string }
		}
		if err := dec.Decode(&lp); err != nil {
			return nil, fmt.Errorf("go list: %v", err)
		}
		if lp.Error != nil {
			return nil, fmt.Errorf("package %s: %s", lp.ImportPath, lp.Error.Err)
		}
		if len(lp.GoFiles)+len(lp.CgoFiles) == 0 {
			// Tests only (a module's api_tests/): nothing to build,
			// and go build fails on it.
			continue
		}
		p := &Package{Path: lp.ImportPath, Dir: lp.Dir, Test: len(lp.TestGoFiles)+len(lp.XTestGoFiles) > 0, main: lp.Name == "main"}
		for _, f := range append(lp.GoFiles, lp.CgoFiles...) {
			p.Files = append(p.Files, filepath.Join(lp.Dir, f))
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// position is a place in a file, as the optimisation log gives it.
type position struct {
	file      string
	line, col int
}

// heapCounts counts, at one outermost position, the heap allocations of
// the function's own code and of code inlined into it.
type heapCounts struct{ own, inlined int }

// readInlined reads the compiler's optimisation log (one JSON file per
// source file, a header line and then one LSP diagnostic a line) and
// counts its "escape" records, one per heap allocation other than a moved
// variable; a record whose related information starts with an inlineLoc
// comes from inlined code. logged holds the files whose records it read.
func readInlined(dir string) (counts map[position]*heapCounts, logged map[string]bool, err error) {
	counts, logged = map[position]*heapCounts{}, map[string]bool{}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && path == dir {
				return fs.SkipAll // nothing was compiled with the log
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".json") {
			return nil
		}
		return readLogFile(path, counts, logged)
	})
	return counts, logged, err
}

func readLogFile(path string, counts map[position]*heapCounts, logged map[string]bool) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	var file string
	for sc.Scan() {
		var rec struct {
			File  string `json:"file"`
			Range struct {
				Start struct{ Line, Character int }
			}
			Code    string
			Message string
			Related []struct{ Message string } `json:"relatedInformation"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		if rec.File != "" {
			file = strings.TrimPrefix(rec.File, "file://")
			logged[file] = true
			continue
		}
		if rec.Code != "escape" || rec.Message != "" {
			continue
		}
		pos := position{file, rec.Range.Start.Line, rec.Range.Start.Character}
		c := counts[pos]
		if c == nil {
			c = new(heapCounts)
			counts[pos] = c
		}
		if len(rec.Related) > 0 && rec.Related[0].Message == "inlineLoc" {
			c.inlined++
		} else {
			c.own++
		}
	}
	return sc.Err()
}

// markInlinedAtCalls marks the decisions that the text shows to come from
// inlined code, where the optimisation log could not say (it names its
// files by their base name, so that a file of the package and a file of
// the same name that inlined code comes from overwrite each other): at a
// call's parenthesis, a decision about a literal, a function literal, a
// concatenation or a variable, which the package's own code places at
// its & or brace, its func, its + or its name, or about a make, new or
// append that is not the call itself. new(x) of a value reports its
// allocation as a temporary moved to the heap, at its parenthesis: that
// decision becomes the new's. Anything else (a boxed call result,
// which the compiler may print as a method expression, a conversion of
// a call, a variadic slice) is kept as the package's own: wrongly
// dropping a decision would let -confirm=compiler call a site clean.
func markInlinedAtCalls(entries []Entry, src *sourceFiles) {
	for i := range entries {
		e := &entries[i]
		callee, ok := src.calleeAt(e.File, e.Line, e.Col)
		if ok && callee == "new" && strings.HasPrefix(e.Text, "moved to heap: .autotmp_") {
			// Go 1.26's new(x) copies x into a temporary, moved to the
			// heap when the pointer escapes: the new's own allocation
			// (Parse took the dotted name for an inlined one).
			e.Kind, e.Inlined = effects.New, false
			continue
		}
		if e.Inlined || !ok {
			continue
		}
		switch e.Kind {
		case effects.Composite, effects.Closure, effects.Concat, effects.Escape:
			e.Inlined = true
		case effects.MakeSlice, effects.MakeMap, effects.MakeChan, effects.New, effects.Append:
			name, _, _ := strings.Cut(e.Text, "(")
			name, _, _ = strings.Cut(name, " ") // "append escapes to heap"
			e.Inlined = name != callee
		case effects.Box:
			// ~r0, an inlined function's result, is boxed by the caller.
			e.MaybeInlined = !strings.HasPrefix(e.Text, "~") && lastName(calledIn(e.Text)) != lastName(callee)
		case effects.Convert:
			// string(f(x)) is placed at f's parenthesis.
			e.MaybeInlined = !strings.Contains(e.Text, lastName(callee)+"(")
		}
	}
}

// calledIn returns the function that the expression text calls:
// fmt.Sprintf in fmt.Sprintf("%v", ... argument...), and
// (*decodeState).arrayInterface in (*decodeState).arrayInterface(d), the
// compiler's spelling of d.arrayInterface().
func calledIn(text string) string {
	rest := text
	if strings.HasPrefix(rest, "(") {
		if i := strings.Index(rest, ")"); i >= 0 {
			rest = rest[i+1:]
		}
	}
	name, _, _ := strings.Cut(rest, "(")
	return name
}

// lastName returns the last element of a selector chain: Sprintf in
// fmt.Sprintf.
func lastName(chain string) string {
	return chain[strings.LastIndex(chain, ".")+1:]
}

// sourceFiles reads source files once each.
type sourceFiles map[string][]string

// calleeAt reports whether the byte at a 1-based line and column is a
// call's opening parenthesis, and returns the selector chain right before
// it: the function called (empty after an index or a parenthesis, and ok
// false; empty and ok true after a brace: a function literal called where
// it is written, func() {...}(), whose variables the compiler reports at
// that parenthesis once it inlines the literal).
func (s *sourceFiles) calleeAt(file string, line, col int) (callee string, ok bool) {
	if *s == nil {
		*s = sourceFiles{}
	}
	lines, cached := (*s)[file]
	if !cached {
		data, _ := os.ReadFile(file)
		lines = strings.Split(string(data), "\n")
		(*s)[file] = lines
	}
	if line < 1 || line > len(lines) || col < 2 || col > len(lines[line-1]) || lines[line-1][col-1] != '(' {
		return "", false
	}
	text := lines[line-1][:col-1]
	if strings.HasSuffix(text, "}") {
		return "", true
	}
	start := len(text)
	for start > 0 && (isIdent(text[start-1]) || text[start-1] == '.') {
		start--
	}
	return text[start:], start < len(text)
}

func isIdent(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
}

// markInlined marks the heap decisions made in inlined code. The text
// output does not say which of the decisions at one position is which:
// where the log counts both kinds there, the decisions are taken as the
// function's own, which keeps them in the comparison.
func markInlined(entries []Entry, counts map[position]*heapCounts) {
	for i := range entries {
		e := &entries[i]
		if !e.Heap || e.Kind == effects.Escape {
			continue
		}
		if c := counts[position{e.File, e.Line, e.Col}]; c != nil && c.own == 0 && c.inlined > 0 {
			e.Inlined = true
		}
	}
}

// markInlinedWithoutLog marks the heap decisions made in inlined code in
// the files that the optimisation log lost: it writes the records of
// each file to a file named after its base name, so that a file of the
// package and a file of the same name in another package (whose generic
// function the package instantiates) overwrite each other. There, the
// generated code tells: an allocation of the line's own code calls an
// allocating runtime function at the line, while that of code inlined
// there calls it at the inlined function's own line. A decision on a
// line whose code calls none is taken as inlined (or as allocating
// nothing: a closure that captures nothing, a constant).
func markInlinedWithoutLog(entries []Entry, logged map[string]bool, code []CodeLine) {
	allocating := map[fileLine]bool{}
	for _, c := range code {
		if len(c.Calls) > 0 {
			allocating[fileLine{c.File, c.Line}] = true
		}
	}
	for i := range entries {
		e := &entries[i]
		if e.Heap && e.Kind != effects.Escape && !logged[e.File] && !allocating[fileLine{e.File, e.Line}] {
			e.Inlined = true
		}
	}
}

// withoutListing drops the assembly listing (-S) from the go command's
// output, leaving its messages.
func withoutListing(out []byte) []byte {
	var b bytes.Buffer
	for line := range bytes.Lines(out) {
		// Instructions, dumps and relocations are indented; each symbol
		// is headed by its name, type and size=.
		if bytes.HasPrefix(line, []byte("\t")) || bytes.Contains(line, []byte(" size=")) {
			continue
		}
		b.Write(line)
	}
	return b.Bytes()
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}
