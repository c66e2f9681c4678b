package main

import (
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNormalizeOneFindingOnce checks that a finding reported by a package
// and by its test variant is printed once, even when their chains differ,
// and that the one kept does not depend on the order they came in.
func TestNormalizeOneFindingOnce(t *testing.T) {
	at := func(line int) token.Position { return token.Position{Filename: "/m/a.go", Line: line, Column: 2} }
	hop := func(line int) []related {
		return []related{{Pos: token.Position{Filename: "/m/b.go", Line: line, Column: 1}, Message: "b.F"}}
	}
	mk := func(line, hopLine int) diagnostic {
		return diagnostic{Category: "call", Message: "strict function F calls b.F", Pos: at(line), Related: hop(hopLine)}
	}
	paths := newPathShortener("/m", "")
	for _, in := range [][]diagnostic{
		{mk(3, 9), mk(3, 7), mk(1, 5)},
		{mk(1, 5), mk(3, 7), mk(3, 9)},
	} {
		out := normalize(in, paths)
		if len(out) != 2 || out[0].Pos.Line != 1 || out[1].Pos.Line != 3 || out[1].Related[0].Pos.Line != 7 {
			t.Errorf("normalize(%v) = %v; want the findings at lines 1 and 3, the latter with its lowest hop", in, out)
		}
	}
}

func TestTextFile(t *testing.T) {
	for name, want := range map[string]string{
		"a/b.go":            "a/b.go",
		`C:\src\b.go`:       `C:\src\b.go`, // a colon before a backslash reads one way only
		"a:9:9: b.go":       `"a:9:9: b.go"`,
		"a: b.go":           `"a: b.go"`,
		"a:1.go":            `"a:1.go"`,
		"a\x1b[2K.go":       `"a\x1b[2K.go"`,
		"a\xff.go":          `"a\xff.go"`,
		`"quoted".go`:       `"\"quoted\".go"`,
		"dir with space.go": "dir with space.go",
	} {
		if got := textFile(name); got != want {
			t.Errorf("textFile(%q) = %s, want %s", name, got, want)
		}
	}
}

func TestPrintable(t *testing.T) {
	for s, want := range map[string]string{
		"unknown directive //fallible:stric": "unknown directive //fallible:stric",
		"a → b":                              "a → b",
		"erase\x1b[2K\rline":                 `erase\x1b[2K\rline`,
		"bad\xffbyte\tand tab\n":             "bad\\xffbyte\tand tab\\n",
	} {
		if got := printable(s); got != want {
			t.Errorf("printable(%q) = %s, want %s", s, got, want)
		}
	}
}

// TestTextUnambiguous runs the command on a module whose file name looks
// like a position and whose comment carries terminal escape codes.
func TestTextUnambiguous(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "go.mod", "module example.com/odd\n\ngo 1.26\n")
	writeFile(t, dir, "a:9:9: b.go", "package odd\n\n//fallible:stric\x1b[2K\x1b[1A\nfunc F() {}\n")
	o := nofallalloc(t, dir, ".")
	wantExit(t, o, exitFindings)
	want := `"a:9:9: b.go":3:1: unknown directive "//fallible:stric\x1b[2K\x1b[1A": the directives are`
	if !strings.HasPrefix(o.stdout, want) || strings.ContainsRune(o.stdout, 0x1b) {
		t.Errorf("got %q, want a line starting with %s and no escape character", o.stdout, want)
	}
}

// writeFile writes content to dir/name, making the directories on the way.
func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
		t.Fatal(err)
	}
}
