// Command ssafloor is the floor that nofallalloc's speed is measured
// against: a vet tool whose one analyzer does nothing but require
// go/ssa and declare a fact. Under go vet, declaring a fact makes the go
// command run the tool on every dependency too (facts only), and
// requiring buildssa builds SSA for each package; that is the cost any
// SSA-based, fact-exporting analyzer pays before it does any work of its
// own. scripts/bench-analyzer.sh times go vet with it beside
// nofallalloc's vet tool.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/analysis/unitchecker"
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

func main() { unitchecker.Main(Analyzer) }
