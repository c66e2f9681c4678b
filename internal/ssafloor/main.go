// Command ssafloor is the floor that nofallalloc's speed is measured
// against: one analyzer that does nothing but require go/ssa and declare a
// fact, run by the same two drivers as nofallalloc.
//
// As a vet tool (go vet -vettool=ssafloor), declaring a fact makes the go
// command run it on every dependency too (facts only), and requiring
// buildssa builds SSA for each package: the cost any SSA-based,
// fact-exporting analyzer pays under go vet before it does any work of its
// own.
//
// Run on package patterns (ssafloor ./...), it drives staticcheck's runner
// as nofallalloc's standalone command does: go list, every package and its
// dependencies type-checked from source and built into SSA, facts and
// results cached on disk per package, in $SSAFLOOR_CACHE. That is the cost
// of the standalone command before its model runs.
//
// scripts/bench-analyzer.sh times both beside nofallalloc.
package main

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/unitchecker"
	"golang.org/x/tools/go/packages"
	"honnef.co/go/tools/config"
	"honnef.co/go/tools/lintcmd/cache"
	"honnef.co/go/tools/lintcmd/runner"

	"github.com/nofallalloc/nofallalloc/internal/vetargs"
)

// Analyzer builds SSA and exports nothing.
var Analyzer = &analysis.Analyzer{
	Name:      "ssafloor",
	Doc:       "builds SSA for every package and does nothing else (a benchmark floor)",
	Requires:  []*analysis.Analyzer{buildssa.Analyzer},
	FactTypes: []analysis.Fact{new(nothing)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

// nothing is the declared fact type; it is never exported.
type nothing struct{}

func (*nothing) AFact() {}

func main() {
	if vetargs.FromGoVet(os.Args[1:]) {
		unitchecker.Main(Analyzer)
	}
	if err := standalone("", os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "ssafloor:", err)
		os.Exit(2)
	}
}

// standalone runs the floor over the packages the patterns name in dir
// (the current directory if empty), tests included, with the cache in
// $SSAFLOOR_CACHE.
func standalone(dir string, patterns []string) error {
	if len(patterns) == 0 {
		return fmt.Errorf("no packages: run ssafloor PATTERN... (or go vet -vettool=ssafloor)")
	}
	cacheDir := os.Getenv("SSAFLOOR_CACHE")
	if cacheDir == "" {
		return fmt.Errorf("SSAFLOOR_CACHE is not set: set it to the directory of the floor's cache")
	}
	if err := os.MkdirAll(cacheDir, 0o777); err != nil {
		return err
	}
	c, err := cache.Open(cacheDir)
	if err != nil {
		return err
	}
	defer c.Close()
	r, err := runner.New(config.Config{}, c)
	if err != nil {
		return err
	}
	results, err := r.Run(&packages.Config{Dir: dir, Tests: true}, []*analysis.Analyzer{Analyzer}, patterns)
	if err != nil {
		return err
	}
	initial := 0
	for _, res := range results {
		if res.Failed {
			return fmt.Errorf("%s: %v", res.Package.PkgPath, res.Errors)
		}
		if res.Initial {
			initial++
		}
	}
	if initial == 0 {
		return fmt.Errorf("no packages matched %s", strings.Join(patterns, " "))
	}
	return nil
}
