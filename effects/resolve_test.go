package effects

import (
	"go/token"
	"go/types"
	"testing"
)

// TestResolveExportDataLine checks that a dependency's hop resolves to its
// own line whatever lines the file set knows of its file. A function
// imported from export data lives in a file that has only the lines up to
// the last declaration the importer read: here line 3, F's declaration,
// while the hop is the allocation on line 10. The hop once fell back to
// F's declaration then, and since which importer creates F first varies
// from run to run, so did the chain.
func TestResolveExportDataLine(t *testing.T) {
	fset := token.NewFileSet()
	const name = "$GOROOT/src/dep/dep.go"
	file := fset.AddFile(name, -1, 1000)
	file.SetLines([]int{0, 1, 2}) // as the importer does: one byte per line
	pkg := types.NewPackage("dep", "dep")
	fn := types.NewFunc(file.Pos(2), pkg, "F", types.NewSignatureType(nil, nil, nil, nil, nil, false))
	r := &Result{cfg: &Config{Fset: fset, Dependencies: func() []*types.Func { return []*types.Func{fn} }}}

	for range 2 { // the second time from the cache
		pos := r.resolve(Hop{Func: qualifiedObjectName(fn), File: "dep.go", Line: 10})
		if got, want := fset.Position(pos).String(), name+":10:1"; got != want {
			t.Errorf("hop resolved to %s, want %s", got, want)
		}
	}
	if pos := r.resolve(Hop{Func: qualifiedObjectName(fn), File: "other.go", Line: 10}); pos.IsValid() {
		t.Errorf("a hop in another file resolved to %s", fset.Position(pos))
	}
}
