package main

import (
	"os"
	"path/filepath"
	"strings"
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

// TestStandalone runs the floor as the standalone command runs
// nofallalloc, on a module of one package that imports the standard
// library: it must load, analyze and cache it without error, and fail,
// naming the package, on one that does not type-check.
func TestStandalone(t *testing.T) {
	t.Setenv("SSAFLOOR_CACHE", t.TempDir())
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "go.mod"), "module example.com/floor\n\ngo 1.26\n")
	writeFile(t, filepath.Join(dir, "floor.go"), "package floor\n\nimport \"fmt\"\n\nfunc Show(n int) string { return fmt.Sprint(n) }\n")
	if err := standalone(dir, []string{"./..."}); err != nil {
		t.Fatalf("standalone on a module that builds: %v", err)
	}
	if err := standalone(dir, []string{"example.com/floor/none/..."}); err == nil || !strings.Contains(err.Error(), "example.com/floor/none/...") {
		t.Errorf("standalone on a pattern that matches nothing: %v, want an error naming the pattern", err)
	}
	writeFile(t, filepath.Join(dir, "broken.go"), "package floor\n\nfunc Broken() int { return \"\" }\n")
	if err := standalone(dir, []string{"./..."}); err == nil || !strings.Contains(err.Error(), "example.com/floor") {
		t.Errorf("standalone on a package that does not type-check: %v, want an error naming it", err)
	}
}

func TestStandaloneNeedsACache(t *testing.T) {
	t.Setenv("SSAFLOOR_CACHE", "")
	if err := standalone(t.TempDir(), []string{"./..."}); err == nil || !strings.Contains(err.Error(), "SSAFLOOR_CACHE") {
		t.Errorf("standalone without SSAFLOOR_CACHE: %v, want an error naming it", err)
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
}
