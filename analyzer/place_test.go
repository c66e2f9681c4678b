package analyzer

import (
	"go/token"
	"testing"

	"github.com/nofallalloc/nofallalloc/effects"
)

// TestPlace checks that a hop in another package is placed at its own
// line and column, adjusted or not, whatever the file set already holds
// for its file: here the file as export data's importer leaves it, with
// only the lines up to a declaration on line 3. A hop once fell back to
// that declaration, and since which importer read the file first varies,
// so did the chain.
func TestPlace(t *testing.T) {
	fset := token.NewFileSet()
	const name = "/goroot/src/dep/dep.go"
	imported := fset.AddFile(name, -1, 1000)
	imported.SetLines([]int{0, 1, 2})
	known := map[token.Position]token.Pos{}
	hop := effects.Hop{Func: "dep.f", File: name, Line: 10, Col: 7}
	first := place(fset, known, hop)
	for _, adjusted := range []bool{true, false} {
		if got, want := fset.PositionFor(first, adjusted).String(), name+":10:7"; got != want {
			t.Errorf("hop placed at %s (adjusted: %v), want %s", got, adjusted, want)
		}
	}
	if again := place(fset, known, hop); again != first {
		t.Errorf("the same hop placed twice: %s and %s", fset.Position(first), fset.Position(again))
	}
	if got := fset.Position(place(fset, known, effects.Hop{File: name, Line: 1, Col: 1})).String(); got != name+":1:1" {
		t.Errorf("first line placed at %s", got)
	}
}
