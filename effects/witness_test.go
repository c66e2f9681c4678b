package effects

import (
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
