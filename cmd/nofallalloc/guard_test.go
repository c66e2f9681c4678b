package main

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

// These tests drive the runner in-process with small fake analyzers, to
// check what the real analyzer cannot be made to do on purpose: fail. They
// share the process-wide cache salt, so they do not run in parallel; each
// fake analyzer has a name of its own, since the runner's cache key names
// analyzers.

// checkWith runs a on the packages of the multi fixture and returns the
// exit status and standard error of the report.
func checkWith(t *testing.T, a *analysis.Analyzer, patterns ...string) (int, string) {
	t.Helper()
	res, err := check(options{format: "text", patterns: patterns, dir: fixture(t, "multi")}, a)
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	status := report(options{format: "text", dir: fixture(t, "multi")}, res, &stdout, &stderr)
	return status, stderr.String()
}

// panicsIn returns an analyzer named name that panics on package pkg and
// reports each file's package clause elsewhere.
func panicsIn(name, pkg string, requires ...*analysis.Analyzer) *analysis.Analyzer {
	return &analysis.Analyzer{
		Name:     name,
		Doc:      "test analyzer",
		Requires: requires,
		Run: func(pass *analysis.Pass) (any, error) {
			if pass.Pkg.Path() == pkg {
				var m map[string]int
				//lint:ignore SA5000 a run-time panic, not a deliberate one, is what the guard must survive
				m["boom"]++
			}
			for _, f := range pass.Files {
				pass.Reportf(f.Package, "package %s", pass.Pkg.Name())
			}
			return "ok", nil
		},
	}
}

// quiet drops the diagnostics of run: the runner prints those of every
// analyzer, prerequisites included.
func quiet(run func(*analysis.Pass) (any, error)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(analysis.Diagnostic) {}
		return run(&p)
	}
}

func TestGuardPanic(t *testing.T) {
	a := panicsIn("panicsina", "example.com/multi/a")
	for run := range 2 { // the second run is served from the cache
		status, stderr := checkWith(t, a, "./a")
		if status != exitError || !strings.Contains(stderr, "a/a.go:2:1: internal error: package example.com/multi/a could not be analyzed: panicsina panicked: assignment to entry in nil map (at ") {
			t.Errorf("run %d: status %d, stderr %q; want 2 and the panic at the package clause", run, status, stderr)
		}
	}
}

func TestGuardError(t *testing.T) {
	a := &analysis.Analyzer{
		Name: "failsina",
		Doc:  "test analyzer",
		Run: func(pass *analysis.Pass) (any, error) {
			return nil, fmt.Errorf("no luck with %s", pass.Pkg.Path())
		},
	}
	status, stderr := checkWith(t, a, "./a")
	if status != exitError || !strings.Contains(stderr, "failsina: no luck with example.com/multi/a") {
		t.Errorf("status %d, stderr %q; want 2 and the analyzer's error", status, stderr)
	}
}

// TestGuardPrerequisite checks that a prerequisite's panic reaches the
// analyzer that needs it, and that the analyzer sees the original
// prerequisite in ResultOf when nothing fails.
func TestGuardPrerequisite(t *testing.T) {
	pre := panicsIn("prepanicsinb", "example.com/multi/b")
	pre.Run = quiet(pre.Run)
	top := &analysis.Analyzer{
		Name:     "usesprereq",
		Doc:      "test analyzer",
		Requires: []*analysis.Analyzer{pre, inspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			if pass.ResultOf[pre] != "ok" || pass.ResultOf[inspect.Analyzer] == nil {
				return nil, fmt.Errorf("prerequisite results missing: %v", pass.ResultOf)
			}
			return nil, nil
		},
	}
	status, stderr := checkWith(t, top, "./c")
	if status != exitClean || stderr != "" {
		t.Errorf("on c: status %d, stderr %q; want a clean run", status, stderr)
	}
	status, stderr = checkWith(t, top, "./b")
	if status != exitError || !strings.Contains(stderr, "b/b.go:3:1: internal error: package example.com/multi/b could not be analyzed: prepanicsinb panicked") {
		t.Errorf("on b: status %d, stderr %q; want 2 and the prerequisite's panic", status, stderr)
	}
}

// TestGuardDependency checks that the failure of a package analyzed only
// for facts, here of a prerequisite on it, is reported in the packages
// named on the command line, by the analyzer's own failure mechanism.
func TestGuardDependency(t *testing.T) {
	pre := panicsIn("prepanicsinc", "example.com/multi/c")
	pre.Run = quiet(pre.Run)
	a := *analyzer.Analyzer
	a.Name = "nofallallocwithpre" // the runner's cache keys name analyzers
	a.Requires = append(slices.Clip(a.Requires), pre)
	status, stderr := checkWith(t, &a, "./a")
	if status != exitError || !strings.Contains(stderr, "a/a.go:2:1: internal error: dependency example.com/multi/c could not be analyzed: prepanicsinc panicked: assignment to entry in nil map (at ") {
		t.Errorf("status %d, stderr %q; want 2 and c's failure", status, stderr)
	}
}

// TestGuardURL checks that a diagnostic's URL survives the runner's cache.
func TestGuardURL(t *testing.T) {
	a := &analysis.Analyzer{
		Name: "reportsurl",
		Doc:  "test analyzer",
		URL:  "https://example.com/docs/",
		Run: func(pass *analysis.Pass) (any, error) {
			for _, f := range pass.Files {
				pass.Report(analysis.Diagnostic{Pos: f.Package, Category: "plain", Message: "default URL"})
				pass.Report(analysis.Diagnostic{Pos: f.Name.Pos(), Category: "own", URL: "own.html#x", Message: "own URL"})
			}
			return nil, nil
		},
	}
	for run := range 2 {
		res, err := check(options{patterns: []string{"./c"}, dir: fixture(t, "multi")}, a)
		if err != nil {
			t.Fatal(err)
		}
		urls := map[string]string{}
		for _, d := range res.diags {
			urls[d.Category] = d.URL
		}
		if urls["plain"] != "https://example.com/docs/#plain" || urls["own"] != "https://example.com/docs/own.html#x" {
			t.Errorf("run %d: URLs %v", run, urls)
		}
	}
}
