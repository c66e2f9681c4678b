package main

import (
	"bufio"
	"cmp"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/nofallalloc/nofallalloc/analyzer"
	"github.com/nofallalloc/nofallalloc/effects"
	"github.com/nofallalloc/nofallalloc/internal/escapelog"
	"github.com/nofallalloc/nofallalloc/internal/lazyregexp"
)

// agree runs the -agree measurement (docs/agree.md): for each package
// that opts names, it compares the analyzer's -sites inventory with the
// compiler's escape decisions and with the allocations that the
// package's tests make, and prints every disagreement and a summary.
func agree(opts options, stdout, stderr io.Writer) int {
	fail := func(err error) int {
		fmt.Fprintf(stderr, "nofallalloc: %v\n", err)
		return exitError
	}
	pkgs, err := escapelog.Build(opts.dir, opts.tags, opts.patterns)
	if err != nil {
		return fail(err)
	}
	if err := explainFreeDecisions(opts, pkgs); err != nil {
		return fail(err)
	}
	if opts.confirm == "compiler" {
		if err := useCompilerLog(pkgs); err != nil {
			return fail(err)
		}
	}
	if err := analyzer.Analyzer.Flags.Set("sites", "true"); err != nil {
		return fail(err)
	}
	opts.sites = true
	res, err := check(opts, analyzer.Analyzer)
	if err != nil {
		return fail(err)
	}
	paths := newPathShortener(opts.dir, opts.goroot)
	if len(res.problems) > 0 {
		for _, p := range sortedProblems(res.problems, paths) {
			fmt.Fprintln(stderr, p)
		}
		return exitError
	}
	sites := map[string][]modelSite{}
	for _, d := range res.diags {
		kind, fn, _ := strings.Cut(d.Message, " in ")
		sites[d.Package] = append(sites[d.Package], modelSite{pos: lineKey{d.Pos.Filename, d.Pos.Line}, col: d.Pos.Column, kind: parseKind(kind), fn: fn})
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	src := &sourceLines{files: map[string][]string{}}
	var total tally
	for _, p := range pkgs {
		var runtime map[lineKey]runtimeSite
		if p.Test {
			// Tests that do not build or run leave the runtime out of
			// this package's comparison, not the others'.
			if runtime, err = runtimeSites(opts.dir, opts.tags, p.Path, p.Files); err != nil {
				fmt.Fprintf(stderr, "nofallalloc: %v\ncompared without the runtime\n", err)
			}
		}
		c := compare(sites[p.Path], p.Entries, p.Code, runtime, src)
		c.print(w, src, paths)
		fmt.Fprintf(w, "summary %s %s\n", p.Path, c.tally)
		total.add(c.tally)
	}
	if len(pkgs) > 1 {
		fmt.Fprintf(w, "summary total %s\n", total)
	}
	return exitClean
}

// parseKind is the inverse of effects.Kind.String.
func parseKind(name string) effects.Kind {
	for k := effects.None; k.String() != "invalid"; k++ {
		if k.String() == name {
			return k
		}
	}
	return effects.None
}

// A modelSite is one line of the -sites inventory.
type modelSite struct {
	pos  lineKey
	col  int
	kind effects.Kind
	fn   string
}

// A finding is one line of the -agree output.
type finding struct {
	pos   lineKey
	col   int // 0 when only the line is known
	class string
	text  string
}

// tally is the summary of one package, or of all.
type tally struct {
	sites, agreeCompiler, agreeCode, agreeRuntime                       int
	contradicted, codeContradicted, unconfirmed                         int
	compilerHeap, compilerFound, static, inlined                        int
	runtimeLines, runtimeOnly, runtimeOwn, runtimeMoved, runtimeInlined int
	runtimeDynamic, runtimePanic                                        int
}

func (t *tally) add(u tally) {
	t.sites += u.sites
	t.agreeCompiler += u.agreeCompiler
	t.agreeCode += u.agreeCode
	t.agreeRuntime += u.agreeRuntime
	t.contradicted += u.contradicted
	t.codeContradicted += u.codeContradicted
	t.unconfirmed += u.unconfirmed
	t.compilerHeap += u.compilerHeap
	t.compilerFound += u.compilerFound
	t.static += u.static
	t.inlined += u.inlined
	t.runtimeLines += u.runtimeLines
	t.runtimeOnly += u.runtimeOnly
	t.runtimeOwn += u.runtimeOwn
	t.runtimeMoved += u.runtimeMoved
	t.runtimeInlined += u.runtimeInlined
	t.runtimeDynamic += u.runtimeDynamic
	t.runtimePanic += u.runtimePanic
}

func (t tally) String() string {
	agreeing := t.agreeCompiler + t.agreeCode + t.agreeRuntime
	decided := t.compilerHeap - t.static
	unexplained := t.runtimeOnly - t.runtimeOwn - t.runtimeMoved - t.runtimeInlined - t.runtimeDynamic - t.runtimePanic
	return fmt.Sprintf("sites=%d agree=%d (compiler=%d code=%d runtime=%d) analyzer-only=%d (contradicted=%d code-contradicted=%d unconfirmed=%d) "+
		"compiler-heap=%d compiler-only=%d (static=%d) inlined=%d runtime-lines=%d runtime-only=%d (runtime-own=%d moved=%d inlined=%d dynamic=%d panic=%d unexplained=%d) "+
		"runtime-missing=%s compiler-found=%s confirmed=%s",
		t.sites, agreeing, t.agreeCompiler, t.agreeCode, t.agreeRuntime, t.contradicted+t.codeContradicted+t.unconfirmed, t.contradicted, t.codeContradicted, t.unconfirmed,
		t.compilerHeap, t.compilerHeap-t.compilerFound, t.static, t.inlined, t.runtimeLines, t.runtimeOnly, t.runtimeOwn, t.runtimeMoved, t.runtimeInlined, t.runtimeDynamic, t.runtimePanic, unexplained,
		percent(unexplained, t.runtimeLines), percent(t.compilerFound, decided), percent(agreeing, t.sites))
}

func percent(n, of int) string {
	if of == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(of))
}

// comparison is the outcome for one package.
type comparison struct {
	findings []finding
	tally
}

// compare matches the analyzer's sites of one package with the
// compiler's decisions and code and the runtime's allocating lines, line
// by line: a site agrees when a compatible heap decision lies on its line
// (at its column first), when it is of a kind that the escape log does
// not decide and the code of its line calls a runtime function that
// makes one, or when the tests allocated on its line; but not when the
// code of its line calls none.
func compare(sites []modelSite, entries []escapelog.Entry, code []escapelog.CodeLine, runtime map[lineKey]runtimeSite, src *sourceLines) *comparison {
	c := &comparison{}
	compiled := map[lineKey][]string{}
	runtimeCalls := map[lineKey][]string{}
	dynamic, panics := map[lineKey]bool{}, map[lineKey]bool{}
	filesWithCode := map[string]bool{}
	for _, l := range code {
		filesWithCode[l.File] = true
		compiled[lineKey{l.File, l.Line}] = l.Calls
		runtimeCalls[lineKey{l.File, l.Line}] = l.RuntimeOwn
		dynamic[lineKey{l.File, l.Line}] = l.Dynamic
		panics[lineKey{l.File, l.Line}] = l.Panics
	}
	heap := map[lineKey][]*escapelog.Entry{}
	stack := map[lineKey][]*escapelog.Entry{}
	inlined := map[lineKey][]*escapelog.Entry{}
	for i := range entries {
		e := &entries[i]
		k := lineKey{e.File, e.Line}
		switch {
		case e.Inlined || e.MaybeInlined:
			c.inlined++
			if e.Heap {
				inlined[k] = append(inlined[k], e)
			}
		case e.Heap:
			heap[k] = append(heap[k], e)
			c.compilerHeap++
		default:
			stack[k] = append(stack[k], e)
		}
	}
	matched := map[*escapelog.Entry]bool{}
	siteLines := map[lineKey]bool{}
	slices.SortFunc(sites, func(a, b modelSite) int {
		return cmp.Or(strings.Compare(a.pos.file, b.pos.file), cmp.Compare(a.pos.line, b.pos.line), cmp.Compare(a.col, b.col))
	})
	for _, s := range sites {
		c.sites++
		siteLines[s.pos] = true
		if s.kind == effects.Escape {
			// A parameter moved to the heap is allocated at the function's
			// entry, which the profiler places on the func keyword's line.
			if line, ok := src.signatureLine(s.pos.file, s.pos.line, s.col); ok {
				siteLines[lineKey{s.pos.file, line}] = true
			}
		}
		if s.kind == effects.Composite {
			// The compiler allocates a literal written over several lines
			// once it has evaluated the elements, with code on a later
			// line of the literal (its last element's).
			if first, last, ok := src.literalLines(s.pos.file, s.pos.line, s.col); ok {
				for line := first + 1; line <= last; line++ {
					if k := (lineKey{s.pos.file, line}); effects.CodeAllocates(effects.Composite, compiled[k]) {
						siteLines[k] = true
					}
				}
			}
		}
		if e := pick(heap[s.pos], s, matched); e != nil {
			matched[e] = true
			c.agreeCompiler++
			continue
		}
		said := pick(stack[s.pos], s, nil)
		verdict := codeVerdict(s, said != nil, compiled, src)
		if verdict == codeAllocates {
			c.agreeCode++
			continue
		}
		rs, ran := runtime[s.pos]
		if ran && verdict != codeWithout {
			c.agreeRuntime++
			continue
		}
		text := fmt.Sprintf("%s in %s: ", s.kind, s.fn)
		if said != nil {
			text += fmt.Sprintf("the compiler says %q", said.Text)
		} else {
			text += "the compiler says nothing of it"
		}
		_, compiledHere := compiled[s.pos]
		switch {
		case !compiledHere && verdict != codeWithout && src.inGeneric(s.pos.file, s.pos.line, s.col):
			c.unconfirmed++
			text += ", nor generated code for the line: a generic function that the build instantiates for no type argument"
		case verdict == escapeDecides:
			c.contradicted++
		case verdict == codeWithout:
			c.codeContradicted++
			text += ", and its code for the line makes no " + s.kind.String()
			if ran {
				text += fmt.Sprintf(" (the tests allocated %d objects on the line: another allocation)", rs.objects)
			}
		default:
			c.unconfirmed++
			text += ", which does not decide a " + s.kind.String() + ", nor generated code for the line, and the tests did not run it"
		}
		c.findings = append(c.findings, finding{pos: s.pos, col: s.col, class: "analyzer-only", text: text})
	}
	// The compiler may compile one allocation twice (a function literal's
	// body, once on its own and once where it is inlined) and word the
	// decisions differently ("x.String() escapes to heap", then its
	// devirtualized form): a decision at the place and of the kind of a
	// matched one is that site's too.
	type placeKind struct {
		line lineKey
		col  int
		kind effects.Kind
	}
	// An instantiation of a generic function may report the variables it
	// moves at the function's declaration too: "moved to heap: x" on the
	// declaration's line is the matched decision of that text inside it.
	type declaredMove struct {
		line lineKey
		text string
	}
	matchedAt := map[placeKind]bool{}
	movedIn := map[declaredMove]bool{}
	for e := range matched {
		matchedAt[placeKind{lineKey{e.File, e.Line}, e.Col, e.Kind}] = true
		if e.Kind == effects.Escape {
			if decl, ok := src.declarationLine(e.File, e.Line, e.Col); ok {
				movedIn[declaredMove{lineKey{e.File, decl}, e.Text}] = true
			}
		}
	}
	for k, es := range heap {
		for _, e := range es {
			if matched[e] || matchedAt[placeKind{k, e.Col, e.Kind}] || e.Kind == effects.Escape && movedIn[declaredMove{k, e.Text}] {
				c.compilerFound++
				continue
			}
			text := e.Text
			switch rs, ran := runtime[k]; {
			case e.Free() != "":
				c.static++
				text += " (" + e.Free() + ")"
			case codeAllocatesNothing(e, compiled):
				c.static++
				text += " (its code for the line calls no runtime function that allocates: inlined code's decision, or no allocation)"
			case deletedLine(e, compiled, filesWithCode):
				c.static++
				text += " (no code for the line: the compiler deleted it as dead after deciding, no allocation)"
			case namedConstantRE().MatchString(e.Text):
				c.static++
				text += " (probably a constant of a named type: static data, no allocation)"
			case ran:
				text += fmt.Sprintf(" (the tests allocated %d objects on this line)", rs.objects)
			}
			c.findings = append(c.findings, finding{pos: k, col: e.Col, class: "compiler-only", text: text})
		}
	}
	for k, rs := range runtime {
		c.runtimeLines++
		if siteLines[k] {
			continue
		}
		c.runtimeOnly++
		text := fmt.Sprintf("the tests allocated %d objects on this line", rs.objects)
		if own := runtimeOwn(runtimeCalls[k], src.line(k)); own != "" {
			c.runtimeOwn++
			text += " (probably " + own + ")"
		} else if slices.ContainsFunc(compiled[k], movesSlice) {
			c.runtimeMoved++
			text += " (its code moves a slice appended to in a stack buffer to the heap: an append's allocation, where the slice escapes)"
		} else if len(inlined[k]) > 0 && len(heap[k]) == 0 {
			c.runtimeInlined++
			text += fmt.Sprintf(" (code inlined at a call allocates here: the compiler says %q, the callee's site)", inlined[k][0].Text)
		} else if dynamic[k] && len(heap[k]) == 0 && len(compiled[k]) == 0 {
			// A method called through an interface may be a wrapper that the
			// compiler generated (a value method called on the pointer the
			// interface holds) with the method inlined into it; the profiler
			// drops wrappers' frames, and the callee's allocation lands on
			// the caller's line.
			c.runtimeDynamic++
			text += " (its code calls an interface method or a func value, and nothing else on the line allocates: probably the callee's allocation, in a method wrapper whose frames the profiler drops)"
		} else if panics[k] && len(heap[k]) == 0 && len(compiled[k]) == 0 {
			c.runtimePanic++
			text += " (its code may raise a run-time panic, and nothing else on the line allocates: the run-time error the panic carries, which the model leaves out on purpose)"
		}
		if len(heap[k]) > 0 {
			text += fmt.Sprintf("; the compiler says %q", heap[k][0].Text)
		}
		c.findings = append(c.findings, finding{pos: k, class: "runtime-only", text: text})
	}
	slices.SortFunc(c.findings, func(a, b finding) int {
		return cmp.Or(strings.Compare(a.pos.file, b.pos.file), cmp.Compare(a.pos.line, b.pos.line), cmp.Compare(a.col, b.col), strings.Compare(a.class, b.class), strings.Compare(a.text, b.text))
	})
	return c
}

// A verdict is what the compiler's code says of a site.
type verdict int

const (
	escapeDecides verdict = iota // the escape log decides the site's kind
	codeAllocates                // the line's code calls a runtime function that makes the site's kind
	codeWithout                  // the line has code, and none of it makes the site's kind
	noCode                       // the compiler generated no code for the line (here)
)

// codeVerdict judges a site of a kind that the escape log does not decide
// by the code that the compiler generated for its line, and one of a kind
// it decides, on which it says nothing (said is false), by whether that
// code makes one: the compiler reports the decisions of a function
// literal that it compiles only where it inlines it at the calls, but
// the code keeps the literal's lines. A map insertion that is an entry
// of a map literal is judged by every line of the literal: the compiler
// inserts the entries of a small literal at its opening brace, and fills
// a large literal of constants in a loop that it places at the brace or,
// when the keys are composite literals, at the last entry.
func codeVerdict(s modelSite, said bool, compiled map[lineKey][]string, src *sourceLines) verdict {
	if effects.DecidedByEscape(s.kind) {
		if !said && effects.CodeAllocates(s.kind, compiled[s.pos]) {
			return codeAllocates
		}
		return escapeDecides
	}
	lines := []lineKey{s.pos}
	if s.kind == effects.MapInsert {
		if first, last, inLiteral := src.literalLines(s.pos.file, s.pos.line, s.col); inLiteral {
			for line := first; line <= last; line++ {
				lines = append(lines, lineKey{s.pos.file, line})
			}
		}
	}
	v := noCode
	for _, l := range lines {
		calls, ok := compiled[l]
		switch {
		case !ok:
		case effects.CodeAllocates(s.kind, calls):
			return codeAllocates
		default:
			v = codeWithout
		}
	}
	return v
}

// movesSlice reports whether the runtime function name moves a slice that
// appends filled in a stack buffer to the heap (Go 1.26 places the call
// where the slice escapes, a return for instance, not at the appends).
func movesSlice(name string) bool { return strings.HasPrefix(name, "moveSlice") }

// codeAllocatesNothing reports whether the compiler generated code for
// the line of heap decision e, other than a moved variable's (moved at
// the function's entry), and none of it calls a runtime function that
// may allocate.
func codeAllocatesNothing(e *escapelog.Entry, compiled map[lineKey][]string) bool {
	calls, ok := compiled[lineKey{e.File, e.Line}]
	return ok && len(calls) == 0 && e.Kind != effects.Escape
}

// deletedLine reports whether the line of heap decision e, other than a
// moved variable's (moved at the function's entry), has no code at all
// in a file that has some: the compiler decided before it deleted the
// line as dead (case false && x: go/ssa and the model delete it too).
func deletedLine(e *escapelog.Entry, compiled map[lineKey][]string, filesWithCode map[string]bool) bool {
	_, ok := compiled[lineKey{e.File, e.Line}]
	return !ok && filesWithCode[e.File] && e.Kind != effects.Escape
}

// namedConstantRE matches how the compiler prints a boxed constant of a
// named type, protoreflect.Name("x") or Delim(91), which a call with a
// constant argument would look like too: the confirm mode does not take
// it for static data, only -agree's count of static decisions does.
var namedConstantRE = lazyregexp.New(`^[\w.]+\((?:-?[\d.]+|"[^"]*")\) escapes to heap$`)

// typeAssertRE matches a type assertion or switch to an interface type
// (a name, qualified or not, or a literal), or to any type: x.(type).
var typeAssertRE = lazyregexp.New(`\.\((?:type|[\w.]+|interface\{[^}]*\})\)`)

// runtimeOwn names an allocation that the runtime makes for its own
// structures on a line, which the model deliberately leaves out
// (docs/bodyless.md): the sudog of a goroutine that blocks in a select or
// a channel operation, the itab table growing when a type first meets an
// interface, or what a runtime function called there allocates. The
// memory profile has no runtime frames to tell. It trusts the line's code
// (calls: the runtime functions of effects.RuntimeOwn that it calls), and
// guesses from the source line where there is none. It returns "" when
// neither shows one.
func runtimeOwn(calls []string, line string) string {
	if len(calls) > 0 {
		return "the runtime's: its code calls runtime." + calls[0] + ", " + effects.RuntimeOwn(calls[0])
	}
	switch {
	case strings.HasPrefix(line, "select {") || strings.Contains(line, "<-"):
		return "the runtime's: a blocked goroutine's sudog"
	case typeAssertRE().MatchString(line):
		return "the runtime's: the itab table, on a first conversion to an interface"
	case strings.Contains(line, "runtime."):
		return "the runtime's: inside a runtime function called here"
	}
	return ""
}

// pick returns the decision among es that speaks of s: a compatible one
// at its column, else a compatible one on its line (unless
// effects.MatchesOnLine says no), skipping those already matched.
func pick(es []*escapelog.Entry, s modelSite, matched map[*escapelog.Entry]bool) *escapelog.Entry {
	for _, exact := range []bool{true, false} {
		if !exact && !effects.MatchesOnLine(s.kind) {
			break
		}
		for _, e := range es {
			if !matched[e] && (!exact || e.Col == s.col) && effects.Compatible(s.kind, e.Kind) {
				return e
			}
		}
	}
	return nil
}

// print writes the findings, each followed by its source line.
func (c *comparison) print(w io.Writer, src *sourceLines, paths *pathShortener) {
	for _, f := range c.findings {
		pos := fmt.Sprintf("%s:%d", paths.shorten(f.pos.file), f.pos.line)
		if f.col > 0 {
			pos += fmt.Sprintf(":%d", f.col)
		}
		fmt.Fprintf(w, "%s: %s: %s\n\t%s\n", pos, f.class, f.text, src.line(f.pos))
	}
}

// sourceLines reads source files once each, and parses those it is
// asked about.
type sourceLines struct {
	files  map[string][]string
	fset   *token.FileSet
	parsed map[string]*ast.File // nil for a file that does not parse
}

// inGeneric reports whether the 1-based line and column of file lie in a
// generic function or a method of a generic type.
func (s *sourceLines) inGeneric(file string, line, col int) bool {
	f, pos := s.parse(file, line, col)
	if f == nil {
		return false
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || pos < fd.Pos() || pos >= fd.End() {
			continue
		}
		if fd.Type.TypeParams != nil {
			return true
		}
		if fd.Recv != nil && len(fd.Recv.List) == 1 {
			recv := fd.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			switch recv.(type) {
			case *ast.IndexExpr, *ast.IndexListExpr:
				return true
			}
		}
	}
	return false
}

// signatureLine returns the line of the func keyword of the function
// whose receiver, parameters or results contain the 1-based line and
// column of file: a declaration or a literal.
func (s *sourceLines) signatureLine(file string, line, col int) (int, bool) {
	f, pos := s.parse(file, line, col)
	if f == nil {
		return 0, false
	}
	found := token.NoPos
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil || found.IsValid() || pos < n.Pos() || pos >= n.End() {
			return false
		}
		switch fn := n.(type) {
		case *ast.FuncDecl:
			if fn.Recv != nil && within(pos, fn.Recv) || within(pos, fn.Type) {
				found = fn.Pos()
			}
		case *ast.FuncLit:
			if within(pos, fn.Type) {
				found = fn.Pos()
			}
		}
		return true
	})
	if !found.IsValid() {
		return 0, false
	}
	return s.fset.File(f.Pos()).Line(found), true
}

// declarationLine returns the line of the func keyword of the function
// declaration around the 1-based line and column of file.
func (s *sourceLines) declarationLine(file string, line, col int) (int, bool) {
	f, pos := s.parse(file, line, col)
	if f == nil {
		return 0, false
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Pos() <= pos && pos < fd.End() {
			return s.fset.File(f.Pos()).Line(fd.Pos()), true
		}
	}
	return 0, false
}

// literalLines returns the lines of the opening and the closing brace of
// the innermost composite literal around the 1-based line and column of
// file: for a map insertion, the map literal whose entry it is (its type
// may be a named map type, which the syntax does not tell from a struct).
func (s *sourceLines) literalLines(file string, line, col int) (first, last int, ok bool) {
	f, pos := s.parse(file, line, col)
	if f == nil {
		return 0, 0, false
	}
	tf := s.fset.File(f.Pos())
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil || pos < n.Pos() || pos >= n.End() {
			return false
		}
		if lit, isLit := n.(*ast.CompositeLit); isLit {
			first, last, ok = tf.Line(lit.Lbrace), tf.Line(lit.Rbrace), true
		}
		return true
	})
	return first, last, ok
}

// parse returns the syntax of file, parsed once, and the position of
// its 1-based line and column; nil if it does not parse or has no such
// line.
func (s *sourceLines) parse(file string, line, col int) (*ast.File, token.Pos) {
	if s.fset == nil {
		s.fset, s.parsed = token.NewFileSet(), map[string]*ast.File{}
	}
	f, ok := s.parsed[file]
	if !ok {
		var err error
		if f, err = parser.ParseFile(s.fset, file, strings.Join(s.lines(file), "\n"), parser.SkipObjectResolution); err != nil {
			f = nil
		}
		s.parsed[file] = f
	}
	if f == nil {
		return nil, token.NoPos
	}
	tf := s.fset.File(f.Pos())
	if line < 1 || line > tf.LineCount() {
		return nil, token.NoPos
	}
	return f, tf.LineStart(line) + token.Pos(col-1)
}

func (s *sourceLines) lines(file string) []string {
	lines, ok := s.files[file]
	if !ok {
		data, _ := os.ReadFile(file)
		lines = strings.Split(string(data), "\n")
		s.files[file] = lines
	}
	return lines
}

func (s *sourceLines) line(k lineKey) string {
	lines := s.lines(k.file)
	if k.line < 1 || k.line > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[k.line-1])
}
