package main

import (
	"go/token"
	"os"
	"path/filepath"
	"testing"
)

func TestIsVetInvocation(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"-V=full"}, true},
		{[]string{"-flags"}, true},
		{[]string{"/tmp/go-build1/b001/vet.cfg"}, true},
		{[]string{"-nofallalloc.strict=x", "-strict=y", "vet.cfg"}, true},
		{nil, false},
		{[]string{"./..."}, false},
		{[]string{"-f", "json", "./cfg"}, false},
		{[]string{"-version"}, false},
	} {
		if got := isVetInvocation(tc.args); got != tc.want {
			t.Errorf("isVetInvocation(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

func TestCompilerProblems(t *testing.T) {
	msg := "# example.com/broken/typeerr\ntypeerr/typeerr.go:5:13: cannot use x\ntypeerr/other.go:7:2: undefined: y\nsomething else\n"
	got := compilerProblems("example.com/broken/typeerr", msg)
	want := []problem{
		{pos: token.Position{Filename: "typeerr/typeerr.go", Line: 5, Column: 13}, message: "cannot use x"},
		{pos: token.Position{Filename: "typeerr/other.go", Line: 7, Column: 2}, message: "undefined: y"},
		{pkg: "example.com/broken/typeerr", message: "something else"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("problem %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestPathShortener(t *testing.T) {
	s := newPathShortener("/work/mod", "/usr/local/go")
	for name, want := range map[string]string{
		"/work/mod/a/a.go":         "a/a.go",
		"$GOROOT/src/fmt/print.go": "/usr/local/go/src/fmt/print.go",
		"/work/mod/a.go":           "a.go",
		"/work/module/a.go":        "/work/module/a.go", // beside, not below
		"/work/other/b.go":         "/work/other/b.go",
		"rel/c.go":                 "rel/c.go",
		"":                         "",
	} {
		if got := s.shorten(name); got != want {
			t.Errorf("shorten(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestSARIFColumn checks the conversion of Go's byte columns to SARIF's
// default UTF-16 columns.
func TestSARIFColumn(t *testing.T) {
	dir := t.TempDir()
	// "é" is 2 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
	src := "package p\nvar s = \"é😀\" + x\n"
	if err := os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	sw := &sarifWriter{dir: dir, lines: map[string][][]byte{}}
	for _, tc := range []struct{ byteCol, want int }{{1, 1}, {9, 9}, {10, 10}, {12, 11}, {16, 13}, {19, 16}} {
		if got := sw.column(token.Position{Filename: "p.go", Line: 2, Column: tc.byteCol}); got != tc.want {
			t.Errorf("byte column %d: got %d, want %d", tc.byteCol, got, tc.want)
		}
	}
	if got := sw.column(token.Position{Filename: "missing.go", Line: 2, Column: 7}); got != 7 {
		t.Errorf("unreadable file: got %d, want the byte column 7", got)
	}
}
