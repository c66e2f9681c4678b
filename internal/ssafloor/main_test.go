package main

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/passes/buildssa"
)

// TestFloorBuildsSSA checks that the floor really pays for SSA: buildssa
// must have run and produced the package's functions, or the benchmark
// would measure less than nofallalloc's prerequisites.
func TestFloorBuildsSSA(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), Analyzer, "floor")
	if len(results) != 1 {
		t.Fatalf("got %d results, want 1", len(results))
	}
	ssa, ok := results[0].Pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	if !ok || len(ssa.SrcFuncs) != 2 {
		t.Fatalf("buildssa result %v, want the fixture's 2 source functions", results[0].Pass.ResultOf[buildssa.Analyzer])
	}
	if len(Analyzer.FactTypes) == 0 {
		t.Fatal("the floor declares no fact type: go vet would not run it on dependencies")
	}
}
