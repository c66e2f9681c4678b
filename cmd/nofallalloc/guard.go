package main

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

// staticcheck's runner calls Analyzer.Run on worker goroutines without
// recovering, so one panic would take the whole process down; and it drops
// the error of any analyzer silently, skipping the analyzers that need its
// result. guard wraps the analyzer graph so that both become a failure of
// that package, reported through the analyzer's own failure mechanism
// (analyzer.Failed: an internal-error diagnostic, a Failure fact that the
// importing packages report) and the runner's own channels, and therefore
// cached consistently with everything else:
//
//   - every prerequisite (buildssa, ctrlflow, ...) runs under recover, and a
//     failure becomes its result, handed up instead of the real one;
//   - the top analyzer's failure, its own or a prerequisite's, goes to
//     analyzer.Failed.
//
// The driver prints internal-error diagnostics on standard error and exits 2.

// urlFixPrefix marks the suggested fix that carries a diagnostic's URL
// through the runner: the runner's cached Diagnostic has no URL field, and
// the SARIF rules need it. The fix has no edits and is never shown.
const urlFixPrefix = "nofallalloc-url:"

// failedPrereq is what a guarded prerequisite returns instead of its
// result when it panicked or returned an error.
type failedPrereq struct{ msg string }

// guard returns a copy of a, and of the analyzers it requires, that never
// panics and never fails silently. The originals are left untouched: the
// copies hand each original Run a pass whose Analyzer and ResultOf name the
// originals, so analyzer code that looks up pass.ResultOf[buildssa.Analyzer]
// still finds its result.
func guard(a *analysis.Analyzer) *analysis.Analyzer {
	copies := map[*analysis.Analyzer]*analysis.Analyzer{}
	g := *guardPrereq(a, copies)
	if !slices.ContainsFunc(a.FactTypes, isFailure) {
		g.FactTypes = append(slices.Clip(a.FactTypes), new(analyzer.Failure))
	}
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
			return &failedPrereq{err.Error()}, nil
		}
		return res, nil
	}
	return g
}

func isFailure(f analysis.Fact) bool {
	_, ok := f.(*analyzer.Failure)
	return ok
}

// runTop runs the top analyzer a on the pass of its guarded copy and
// hands whatever went wrong to analyzer.Failed. It returns a's result, or
// nil on failure.
func runTop(a *analysis.Analyzer, pass *analysis.Pass) any {
	p, f := unguard(a, pass)
	var res any
	var err error
	if f != nil {
		err = errors.New(f.msg)
	} else {
		p.Report = carryURL(a, pass.Report)
		res, err = protect(a, p)
	}
	if err != nil {
		analyzer.Failed(pass, err)
	}
	return res
}

// unguard turns the pass of guarded copy into the pass that the original
// analyzer a expects. If a prerequisite failed, it returns that failure.
func unguard(a *analysis.Analyzer, pass *analysis.Pass) (*analysis.Pass, *failedPrereq) {
	p := *pass
	p.Analyzer = a
	p.ResultOf = make(map[*analysis.Analyzer]any, len(a.Requires))
	for i, r := range a.Requires {
		res := pass.ResultOf[pass.Analyzer.Requires[i]]
		if f, ok := res.(*failedPrereq); ok {
			return nil, f
		}
		p.ResultOf[r] = res
	}
	if p.ReadFile == nil {
		// The runner leaves ReadFile unset; analyzers may rely on it.
		p.ReadFile = os.ReadFile
	}
	return &p, nil
}

// protect runs a, turning a panic into an error that names where it
// happened.
func protect(a *analysis.Analyzer, pass *analysis.Pass) (res any, err error) {
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, fmt.Errorf("%s %w", a.Name, analyzer.PanicError(v))
		}
	}()
	res, err = a.Run(pass)
	if err != nil {
		err = fmt.Errorf("%s: %w", a.Name, err)
	}
	return res, err
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
