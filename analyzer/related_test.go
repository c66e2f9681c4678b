package analyzer_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

// TestRelatedHops checks the related information of a chain that crosses
// two packages: one entry per hop, each at the hop's call to the next or
// at the allocation, never at a declaration, the unexported helper of the
// package two imports away included.
func TestRelatedHops(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "chain/upstream", "chain/middle", "chain/downstream")
	downstream := results[2]
	if len(downstream.Action.Diagnostics) != 1 {
		t.Fatalf("want one diagnostic in downstream, got %v", downstream.Action.Diagnostics)
	}
	fset := downstream.Action.Package.Fset
	var got []string
	for _, r := range downstream.Action.Diagnostics[0].Related {
		p := fset.Position(r.Pos)
		got = append(got, fmt.Sprintf("%s:%d:%d: %s", filepath.Base(p.Filename), p.Line, p.Column, r.Message))
	}
	want := []string{
		"middle.go:8:9: middle.Record calls (*chain/upstream.Buffer).Write",
		"upstream.go:9:49: (*chain/upstream.Buffer).Write calls chain/upstream.grow",
		"upstream.go:11:46: chain/upstream.grow: append may grow the slice",
	}
	if !slices.Equal(got, want) {
		t.Errorf("related information:\n%q\nwant\n%q", got, want)
	}
	for _, r := range downstream.Action.Diagnostics[0].Related {
		if p := fset.Position(r.Pos); !filepath.IsAbs(p.Filename) {
			t.Errorf("hop in %s: want the file's absolute path, as the package was analysed from it", p.Filename)
		}
	}
}

// TestRelatedTruncated checks the last related entry of a chain longer
// than the witness keeps: the hop's call on, not an allocation.
func TestRelatedTruncated(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "deep")
	diags := results[0].Action.Diagnostics
	if len(diags) != 1 || len(diags[0].Related) != 8 {
		t.Fatalf("want one diagnostic with 8 related hops, got %v", diags)
	}
	last := diags[0].Related[7]
	p := results[0].Action.Package.Fset.Position(last.Pos)
	if got, want := fmt.Sprintf("%d:%d: %s", p.Line, p.Column, last.Message), "13:15: f8 calls on: … → append may grow the slice"; got != want {
		t.Errorf("last hop: got %q, want %q", got, want)
	}
}
