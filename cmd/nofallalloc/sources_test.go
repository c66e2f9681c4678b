package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// findingLines returns, sorted, the FILE:LINE:COL and function of each
// finding in output, files relative to dir.
func findingLines(output, dir string) []string {
	var out []string
	for line := range strings.Lines(output) {
		if m := findingRE.FindStringSubmatch(line); m != nil {
			out = append(out, strings.TrimPrefix(m[1], dir+string(filepath.Separator))+" "+m[2])
		}
	}
	slices.Sort(out)
	return out
}

var findingRE = regexp.MustCompile(`^(\S+:\d+:\d+): strict function (\S+)`)

// TestLineDirectives checks that positions moved by //line directives are
// the compiler's, with a column, and the same in the standalone command
// and under go vet.
func TestLineDirectives(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile(t, dir, "go.mod", "module example.com/linedir\n\ngo 1.26\n")
	writeFile(t, dir, "p.go", `// Package p allocates under //line directives.
//
//fallible:strict
package p

var sink []int

func A() {
//line grammar.y:10
	sink = make([]int, 1+len(sink))
}

func B() {
//line gen.go:20:5
	sink = make([]int, 2+len(sink))
}

func C() {
//line /nonexistent/gen.go:30
	sink = make([]int, 3+len(sink))
}
`)
	want := []string{"/nonexistent/gen.go:30:1 C", "gen.go:20:17 B", "grammar.y:10:1 A"}
	standalone := nofallalloc(t, dir, ".")
	wantExit(t, standalone, exitFindings)
	if got := findingLines(standalone.stdout, dir); !slices.Equal(got, want) {
		t.Errorf("standalone: %q, want %q\n%s", got, want, standalone.stdout)
	}
	vet := goVet(t, dir, binary, ".")
	if got := findingLines(vet.stderr, dir); !slices.Equal(got, want) {
		t.Errorf("go vet: %q, want %q\n%s", got, want, vet.stderr)
	}
}

// TestCgo checks a strict package that calls C: a call into C does not
// allocate on the Go heap, C.GoString does, nothing is reported in the
// wrappers cgo writes, and no position is outside the package.
func TestCgo(t *testing.T) {
	t.Parallel()
	if env := strings.Fields(run(t, ".", "go", "env", "CGO_ENABLED", "CC").stdout); len(env) < 2 || env[0] != "1" {
		t.Skipf("cgo is disabled (go env CGO_ENABLED CC: %q): cgo is not tested", env)
	} else if _, err := exec.LookPath(env[1]); err != nil {
		t.Skipf("no C compiler (go env CC is %s: %v): cgo is not tested", env[1], err)
	}
	dir := t.TempDir()
	writeFile(t, dir, "go.mod", "module example.com/cgo\n\ngo 1.26\n")
	writeFile(t, dir, "p.go", `// Package p calls C from strict code.
//
//fallible:strict
package p

/*
#include <string.h>
#include <stdlib.h>
static int add(int a, int b) { return a + b; }
static void fill(char *p, int n) { memset(p, 'x', n); }
*/
import "C"

import "unsafe"

func Add(a, b int) int { return int(C.add(C.int(a), C.int(b))) }

func Len(p *C.char) int { return int(C.strlen(p)) }

func Fill(buf []byte) { C.fill((*C.char)(unsafe.Pointer(&buf[0])), C.int(len(buf))) }

func Str(p *C.char) string { return C.GoString(p) }

func CStr(s string) *C.char { return C.CString(s) }

func Free(p *C.char) { C.free(unsafe.Pointer(p)) }
`)
	want := []string{"p.go:22:47 Str"}
	standalone := nofallalloc(t, dir, "-f", "json", ".")
	wantExit(t, standalone, exitFindings)
	var out jsonOutput
	if err := json.Unmarshal([]byte(standalone.stdout), &out); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, standalone.stdout)
	}
	var got []string
	for _, d := range out {
		got = append(got, d.Position.File+":"+strconv.Itoa(d.Position.Line)+":"+strconv.Itoa(d.Position.Column)+" "+d.Message)
		for _, r := range d.Related {
			if r.Position.File != "p.go" {
				t.Errorf("related position outside the package: %+v", r)
			}
		}
	}
	if len(got) != 1 || !strings.HasPrefix(got[0], "p.go:22:47 strict function Str calls C.GoString, which may allocate") {
		t.Errorf("standalone: %q, want only Str's call of C.GoString", got)
	}
	vet := goVet(t, dir, binary, ".")
	if got := findingLines(vet.stderr, dir); !slices.Equal(got, want) {
		t.Errorf("go vet: %q, want %q\n%s", got, want, vet.stderr)
	}
	if strings.Contains(vet.stderr, "_cgo_gotypes") || strings.Contains(vet.stderr, "go-build") {
		t.Errorf("go vet names cgo's files:\n%s", vet.stderr)
	}
}
