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
	if err := facts.Summaries.GobDecode([]byte{1, 1, 'F', 1, 0}); err != nil {
		t.Fatal(err)
	}
	user := types.NewPackage("example.com/user", "user")
	user.SetImports([]*types.Package{pkg})
	pass := &analysis.Pass{Pkg: user, AllPackageFacts: func() []analysis.PackageFact {
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

// TestIndirectPackageAnalysed checks what a package learns of a method
// of a package it does not import (b.Get() returning an a.T), whose type
// has no fact, from the package facts of its direct imports, as go vet
// gives them (to direct importers only): the method is clean when every
// direct import was analysed and depends on nothing unknown, and may
// allocate, as not analysed, otherwise.
func TestIndirectPackageAnalysed(t *testing.T) {
	a := types.NewPackage("example.com/a", "a")
	named := types.NewNamed(types.NewTypeName(token.NoPos, a, "T", nil), types.NewStruct(nil, nil), nil)
	method := types.NewFunc(token.NoPos, a, "Get", types.NewSignatureType(types.NewVar(token.NoPos, a, "", named), nil, nil, nil, nil, false))
	named.AddMethod(method)
	b := types.NewPackage("example.com/b", "b")
	std := types.NewPackage("std", "std") // a standard package, under nogo: no facts
	c := types.NewPackage("example.com/c", "c")
	c.SetImports([]*types.Package{b, std, types.Unsafe})
	bAnalysed := analysis.PackageFact{Package: b, Fact: new(packageSummaries)}
	covered := &stdSummaries{packages: map[string]bool{"std": true}}
	for _, test := range []struct {
		name      string
		facts     []analysis.PackageFact
		std       *stdSummaries
		allocates bool
	}{
		{"b analysed, depending on nothing unknown; std answered by -std-summaries", []analysis.PackageFact{bAnalysed}, covered, false},
		{"std neither analysed nor answered", []analysis.PackageFact{bAnalysed}, nil, true},
		{"b analysed, depending on a package nothing is known of", []analysis.PackageFact{{Package: b, Fact: &packageSummaries{Incomplete: true}}}, covered, true},
		{"b not analysed", nil, covered, true},
	} {
		pass := &analysis.Pass{
			Pkg:              c,
			AllPackageFacts:  func() []analysis.PackageFact { return test.facts },
			ImportObjectFact: func(types.Object, analysis.Fact) bool { return false },
		}
		s := newDependencies(pass, test.std).imported(method)
		if got := s != nil && s.Allocates(); got != test.allocates {
			t.Errorf("%s: (a.T).Get is %v, want allocating %v", test.name, s, test.allocates)
		}
	}
}
