package analyzer

import (
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestCorruptFactIsAnError checks that a summary in a dependency's fact
// that cannot be read is taken to allocate, never to be clean, and that
// the pass ends with an error naming the package whose facts are corrupt
// and the remedy, rather than a panic.
func TestCorruptFactIsAnError(t *testing.T) {
	pkg := types.NewPackage("example.com/a", "a")
	fn := types.NewFunc(token.NoPos, pkg, "F", types.NewSignatureType(nil, nil, nil, nil, nil, false))
	facts := new(packageSummaries)
	// One entry, F, whose summary is one byte where a summary takes eight.
	if err := facts.GobDecode([]byte{1, 1, 'F', 1, 0}); err != nil {
		t.Fatal(err)
	}
	pass := &analysis.Pass{AllPackageFacts: func() []analysis.PackageFact {
		return []analysis.PackageFact{{Package: pkg, Fact: facts}}
	}}
	d := newDependencies(pass, nil)
	if s := d.imported(fn); s == nil || !s.Allocates() {
		t.Errorf("a corrupt summary was read as %v, want one that allocates", s)
	}
	if d.err == nil || !strings.Contains(d.err.Error(), "example.com/a") || !strings.Contains(d.err.Error(), "clear the cache") {
		t.Errorf("error %v, want one naming example.com/a and the remedy", d.err)
	}
}
