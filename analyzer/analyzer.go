// Package analyzer wires nofallalloc's allocation model into an
// analysis.Analyzer: flags, strict scoping and reporting.
package analyzer

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
)

// Analyzer reports allocations that strict functions may reach.
var Analyzer = &analysis.Analyzer{
	Name:     "nofallalloc",
	Doc:      "report infallible allocations reachable from strict functions",
	URL:      "https://pkg.go.dev/github.com/nofallalloc/nofallalloc/analyzer",
	Requires: []*analysis.Analyzer{buildssa.Analyzer},
	Run:      run,
}

// Flag values, registered on Analyzer.Flags so that every driver sets them
// the same way.
var (
	strictPatterns string
	panicPaths     bool
	sites          bool
)

func init() {
	Analyzer.Flags.StringVar(&strictPatterns, "strict", "", "comma-separated package `patterns` whose functions are all strict (as if the package doc said //fallible:strict); a pattern ending in /... matches the package and everything below it")
	Analyzer.Flags.BoolVar(&panicPaths, "panic-paths", false, "also report allocations on paths that can only end in a panic or os.Exit")
	Analyzer.Flags.BoolVar(&sites, "sites", false, "report every direct heap allocation site of every function, as \"KIND in FUNC\", instead of checking strict functions")
}

func run(pass *analysis.Pass) (any, error) {
	return nil, nil
}
