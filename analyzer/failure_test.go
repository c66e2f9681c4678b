package analyzer

import (
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

// TestFailureIsContained makes the analyzer fail on one package, as a bug
// would: on failing/dep it runs without its SSA prerequisite, and panics.
// The packages importing it report that, and take its functions to
// allocate rather than to be clean.
func TestFailureIsContained(t *testing.T) {
	a := *Analyzer
	a.Run = func(pass *analysis.Pass) (any, error) {
		if pass.Pkg.Path() == "failing/dep" {
			p := *pass
			p.ResultOf = map[*analysis.Analyzer]any{}
			pass = &p
		}
		return run(pass)
	}
	analysistest.Run(t, analysistest.TestData(), withFunctionFacts(&a), "failing/user")
}

// TestUnanalysedDependency runs the analyzer as a driver that skips one
// package (Bazel's nogo skips the standard library): the package fact
// of each package that depends on it says so, through an intermediate
// package, and a method of the skipped package that a package sees only
// through another's API may allocate, as nothing is known of it.
func TestUnanalysedDependency(t *testing.T) {
	a := *Analyzer
	a.Run = func(pass *analysis.Pass) (any, error) {
		if pass.Pkg.Path() == "unanalysed/dep" {
			return (*Summaries)(nil), nil
		}
		return run(pass)
	}
	analysistest.Run(t, analysistest.TestData(), &a, "unanalysed/mid", "unanalysed/top")
}
