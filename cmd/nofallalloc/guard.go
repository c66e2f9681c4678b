package main

import (
	"fmt"
	"go/token"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

// staticcheck's runner calls Analyzer.Run on worker goroutines without
// recovering, so one panic would take the whole process down; and it drops
// the error of any analyzer silently, skipping the analyzers that need its
// result. guard wraps the analyzer graph so that both become an error of
// that package, reported through the runner's own channels and therefore
// cached consistently with everything else:
//
//   - every prerequisite (buildssa, ctrlflow, ...) runs under recover, and a
//     failure becomes its result, handed up instead of the real one;
//   - the top analyzer reports any failure, its own or a prerequisite's, as
//     a diagnostic of category internal-error at the package clause, and
//     exports it as a package fact, so that the packages that import a
//     package analyzed only for facts learn that those facts are missing.
//
// The driver prints internal-error diagnostics on standard error and exits 2.

// categoryInternal is the category of the diagnostics by which guard
// reports failures of the analyzer itself.
const categoryInternal = analyzer.CategoryInternal

// urlFixPrefix marks the suggested fix that carries a diagnostic's URL
// through the runner: the runner's cached Diagnostic has no URL field, and
// the SARIF rules need it. The fix has no edits and is never shown.
const urlFixPrefix = "nofallalloc-url:"

// failureFact records that a package could not be analyzed.
type failureFact struct{ Msg string }

func (*failureFact) AFact() {}

func (f *failureFact) String() string { return "failure(" + f.Msg + ")" }

// failure is what a guarded prerequisite returns instead of its result when
// it panicked or returned an error.
type failure struct{ msg string }

// guard returns a copy of a, and of the analyzers it requires, that never
// panics and never fails silently. The originals are left untouched: the
// copies hand each original Run a pass whose Analyzer and ResultOf name the
// originals, so analyzer code that looks up pass.ResultOf[buildssa.Analyzer]
// still finds its result.
func guard(a *analysis.Analyzer) *analysis.Analyzer {
	copies := map[*analysis.Analyzer]*analysis.Analyzer{}
	g := *guardPrereq(a, copies)
	g.FactTypes = append(slices.Clip(a.FactTypes), new(failureFact))
	g.Run = func(pass *analysis.Pass) (any, error) { return runTop(a, pass), nil }
	return &g
}

// guardPrereq returns the guarded copy of a prerequisite, sharing copies
// so that the graph keeps its shape.
func guardPrereq(a *analysis.Analyzer, copies map[*analysis.Analyzer]*analysis.Analyzer) *analysis.Analyzer {
	if g, ok := copies[a]; ok {
		return g
	}
	g := new(analysis.Analyzer)
	*g = *a
	copies[a] = g
	g.Requires = make([]*analysis.Analyzer, len(a.Requires))
	for i, r := range a.Requires {
		g.Requires[i] = guardPrereq(r, copies)
	}
	g.Run = func(pass *analysis.Pass) (any, error) {
		p, f := unguard(a, pass)
		if f != nil {
			return f, nil
		}
		// The runner prints the diagnostics of every analyzer of the graph.
		p.Report = carryURL(a, pass.Report)
		res, err := protect(a, p)
		if err != nil {
			return &failure{err.Error()}, nil
		}
		return res, nil
	}
	return g
}

// runTop runs the top analyzer a on the pass of its guarded copy and
// reports whatever went wrong. It returns a's result, or nil on failure.
func runTop(a *analysis.Analyzer, pass *analysis.Pass) any {
	reportDependencyFailures(pass)
	p, f := unguard(a, pass)
	var res any
	var err error
	if f != nil {
		err = fmt.Errorf("%s", f.msg)
	} else {
		p.Report = carryURL(a, pass.Report)
		res, err = protect(a, p)
	}
	if err == nil {
		return res
	}
	pass.ExportPackageFact(&failureFact{Msg: err.Error()})
	pass.Report(analysis.Diagnostic{
		Pos:      packagePos(pass),
		Category: categoryInternal,
		Message:  fmt.Sprintf("internal error: package %s could not be analyzed: %v", pass.Pkg.Path(), err),
	})
	return nil
}

// unguard turns the pass of guarded copy into the pass that the original
// analyzer a expects. If a prerequisite failed, it returns that failure.
func unguard(a *analysis.Analyzer, pass *analysis.Pass) (*analysis.Pass, *failure) {
	p := *pass
	p.Analyzer = a
	p.ResultOf = make(map[*analysis.Analyzer]any, len(a.Requires))
	for i, r := range a.Requires {
		res := pass.ResultOf[pass.Analyzer.Requires[i]]
		if f, ok := res.(*failure); ok {
			return nil, f
		}
		p.ResultOf[r] = res
	}
	if p.ReadFile == nil {
		// The runner leaves ReadFile unset; analyzers may rely on it.
		p.ReadFile = os.ReadFile
	}
	all := pass.AllPackageFacts
	p.AllPackageFacts = func() []analysis.PackageFact {
		// The runner does not filter package facts by type: hide ours.
		return slices.DeleteFunc(all(), func(f analysis.PackageFact) bool {
			_, ours := f.Fact.(*failureFact)
			return ours
		})
	}
	return &p, nil
}

// protect runs a, turning a panic into an error that names where it
// happened.
func protect(a *analysis.Analyzer, pass *analysis.Pass) (res any, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("%s panicked: %v%s", a.Name, r, panicSite())
		}
	}()
	res, err = a.Run(pass)
	if err != nil {
		err = fmt.Errorf("%s: %w", a.Name, err)
	}
	return res, err
}

// panicSite returns " (at FILE:LINE)" for the function that panicked, when
// called from a deferred function during the panic.
func panicSite() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
	panicking := false
	for {
		fr, more := frames.Next()
		if panicking && !strings.HasPrefix(fr.Function, "runtime.") {
			return fmt.Sprintf(" (at %s:%d)", fr.File, fr.Line)
		}
		if fr.Function == "runtime.gopanic" {
			panicking = true
		}
		if !more {
			return ""
		}
	}
}

// reportDependencyFailures reports, in a package under analysis, the
// packages that it depends on and that could not be analyzed: their facts
// are missing, so its own diagnostics may be incomplete.
func reportDependencyFailures(pass *analysis.Pass) {
	var msgs []string
	for _, f := range pass.AllPackageFacts() {
		if ff, ok := f.Fact.(*failureFact); ok && f.Package != pass.Pkg {
			msgs = append(msgs, fmt.Sprintf("internal error: dependency %s could not be analyzed: %s", f.Package.Path(), ff.Msg))
		}
	}
	slices.Sort(msgs)
	for _, msg := range msgs {
		pass.Report(analysis.Diagnostic{Pos: packagePos(pass), Category: categoryInternal, Message: msg})
	}
}

// packagePos is where package-wide errors are reported: the package clause
// of the first file.
func packagePos(pass *analysis.Pass) token.Pos {
	if len(pass.Files) == 0 {
		return token.NoPos
	}
	return pass.Files[0].Package
}

// carryURL wraps report so that every diagnostic carries its resolved URL
// in a marker fix (see urlFixPrefix).
func carryURL(a *analysis.Analyzer, report func(analysis.Diagnostic)) func(analysis.Diagnostic) {
	return func(d analysis.Diagnostic) {
		if u := resolveURL(a, d); u != "" {
			d.SuggestedFixes = append(slices.Clip(d.SuggestedFixes), analysis.SuggestedFix{Message: urlFixPrefix + u})
		}
		report(d)
	}
}

// resolveURL follows the documented meaning of analysis.Diagnostic.URL: a
// URL relative to the analyzer's, defaulting to "#CATEGORY".
func resolveURL(a *analysis.Analyzer, d analysis.Diagnostic) string {
	if a.URL == "" {
		return d.URL
	}
	raw := d.URL
	if raw == "" && d.Category != "" {
		raw = "#" + d.Category
	}
	base, err := url.Parse(a.URL)
	if err != nil {
		return d.URL
	}
	ref, err := url.Parse(raw)
	if err != nil {
		return d.URL
	}
	return base.ResolveReference(ref).String()
}
