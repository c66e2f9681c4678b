package effects

import (
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"testing"
)

// TestShortFileRoundTrip checks that the files of a chain, as a fact
// records them after one another, read back the same.
func TestShortFileRoundTrip(t *testing.T) {
	abs := func(elem ...string) string {
		return filepath.Join(append([]string{string(filepath.Separator), "src"}, elem...)...)
	}
	chain := []string{
		abs("strconv", "quote.go"),
		abs("strconv", "quote.go"),   // same file: ""
		abs("strconv", "itoa.go"),    // same directory: "itoa.go"
		abs("internal", "x", "x.go"), // elsewhere: the whole name
		"root.go",                    // a relative name at the root, as Bazel may give
		"root.go",
		filepath.Join("pkg", "p.go"),
		"", // a function without a body: no place
	}
	want := []string{abs("strconv", "quote.go"), "", "itoa.go", abs("internal", "x", "x.go"), "." + string(filepath.Separator) + "root.go", "", filepath.Join("pkg", "p.go"), ""}
	var short, back []string
	prev, last := "", ""
	for _, f := range chain {
		s := shortFile(prev, f)
		short = append(short, s)
		prev = f
		if f != "" {
			last = fullFile(last, s)
			back = append(back, last)
		} else {
			back = append(back, "")
		}
	}
	if !slices.Equal(short, want) {
		t.Errorf("short names %q, want %q", short, want)
	}
	if !slices.Equal(back, chain) {
		t.Errorf("read back %q, want %q", back, chain)
	}
}

// TestExportUnanalysedOnlyWhatImportersCall checks that a package the
// model failed on exports, like any other, no summary for its unexported
// package-level functions, which no other package can call, and one for
// each of its methods.
func TestExportUnanalysedOnlyWhatImportersCall(t *testing.T) {
	pkg := types.NewPackage("example.com/p", "p")
	sig := types.NewSignatureType(nil, nil, nil, nil, nil, false)
	for _, name := range []string{"Exported", "helper"} {
		pkg.Scope().Insert(types.NewFunc(token.NoPos, pkg, name, sig))
	}
	tn := types.NewTypeName(token.NoPos, pkg, "t", nil)
	named := types.NewNamed(tn, types.NewStruct(nil, nil), nil)
	recv := types.NewVar(token.NoPos, pkg, "", named)
	for _, name := range []string{"M", "m"} {
		named.AddMethod(types.NewFunc(token.NoPos, pkg, name, types.NewSignatureType(recv, nil, nil, nil, nil, false)))
	}
	pkg.Scope().Insert(tn)
	var got []string
	ExportUnanalysed(pkg, func(fn *types.Func, s *Summary) {
		if s.Kind != Unanalysed {
			t.Errorf("%s: %v, want unanalysed", fn.Name(), s)
		}
		got = append(got, fn.Name())
	})
	if want := []string{"Exported", "M", "m"}; !slices.Equal(got, want) {
		t.Errorf("exported %q, want %q", got, want)
	}
}
