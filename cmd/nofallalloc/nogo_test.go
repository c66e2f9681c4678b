package main

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestNogoWithoutStdFacts simulates Bazel's nogo, which runs the analyzer
// over a repository's packages through unitchecker-style configs but never
// over the standard library, so that no standard package has facts:
//   - without summaries, no standard function may pass for clean: each
//     package called from strict code is reported as not analysed;
//   - with -std-summaries from nofallalloc -export-std, the diagnostics
//     are those of go vet, which analyses the standard library itself.
func TestNogoWithoutStdFacts(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "nogo")
	vet := run(t, dir, "go", "vet", "-vettool="+binary, "./strict")
	wantExit(t, vet, 1)
	want := diagnosticLines(vet.stderr)
	if n := strings.Count(vet.stderr, "strict function"); n != 2 {
		t.Fatalf("go vet: %d diagnostics, want Quote's and Repeat's:\n%s", n, vet.stderr)
	}

	cfg := nogoConfig(t, dir, "example.com/nogo/strict")
	bare := run(t, dir, binary, cfg)
	wantExit(t, bare, 1)
	for _, pkg := range []string{"strconv", "strings", "unicode/utf8"} {
		if !strings.Contains(bare.stderr, "package "+pkg+" was not analysed") {
			t.Errorf("without std facts or summaries: no diagnostic says %s was not analysed:\n%s", pkg, bare.stderr)
		}
	}
	if n := strings.Count(bare.stderr, "was not analysed"); n != 3 {
		t.Errorf("without std facts or summaries: %d not-analysed diagnostics, want one per package, 3:\n%s", n, bare.stderr)
	}

	summaries := filepath.Join(t.TempDir(), "std.summaries")
	export := run(t, dir, binary, "-export-std", summaries, "strconv", "strings", "unicode/utf8")
	wantExit(t, export, 0)
	with := run(t, dir, binary, "-std-summaries="+summaries, cfg)
	wantExit(t, with, 1)
	if got := diagnosticLines(with.stderr); !slices.Equal(got, want) {
		t.Errorf("with -std-summaries:\n%s\nwant as under go vet:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Only the standard library gets summaries: the rest is analysed.
	again := run(t, dir, binary, "-export-std", summaries, "./strict")
	wantExit(t, again, 2)
	if !strings.Contains(again.stderr, "not a standard-library package") {
		t.Errorf("-export-std of a module's package: %s", again.stderr)
	}
}

// nogoConfig writes the unitchecker config of pkg, in dir's module, that
// a driver which never runs nofallalloc on the standard library gives it:
// the standard packages' types, and no facts. unitchecker reads a
// dependency's types from the vetx file of its own run on it, so each
// standard dependency is first run, in dependency order, through
// internal/ssafloor, a vet tool that declares a fact type and exports no
// fact.
func nogoConfig(t *testing.T, dir, pkg string) string {
	t.Helper()
	tmp := t.TempDir()
	floor := filepath.Join(tmp, "ssafloor")
	if out, err := exec.Command("go", "build", "-o", floor, "../../internal/ssafloor").CombinedOutput(); err != nil {
		t.Fatalf("building ssafloor: %v\n%s", err, out)
	}
	list := exec.Command("go", "list", "-deps", "-compiled", "-json=ImportPath,Dir,CompiledGoFiles,SFiles,ImportMap,Imports,Standard", pkg)
	list.Dir = dir
	out, err := list.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	vetx := map[string]string{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for i := 0; dec.More(); i++ {
		var p struct {
			ImportPath, Dir         string
			CompiledGoFiles, SFiles []string
			Imports                 []string
			ImportMap               map[string]string
			Standard                bool
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if p.ImportPath == "unsafe" {
			continue
		}
		abs := func(files []string) []string {
			var out []string
			for _, f := range files {
				if !filepath.IsAbs(f) {
					f = filepath.Join(p.Dir, f)
				}
				out = append(out, f)
			}
			return out
		}
		importMap := map[string]string{}
		for _, imp := range p.Imports {
			importMap[imp] = imp
		}
		for from, to := range p.ImportMap {
			importMap[from] = to
		}
		cfg, err := json.Marshal(map[string]any{
			"ID":          p.ImportPath,
			"Compiler":    "gc",
			"Dir":         p.Dir,
			"ImportPath":  p.ImportPath,
			"GoFiles":     abs(p.CompiledGoFiles),
			"NonGoFiles":  abs(p.SFiles),
			"ImportMap":   importMap,
			"PackageVetx": maps.Clone(vetx),
			"VetxOnly":    p.ImportPath != pkg,
			"VetxOutput":  filepath.Join(tmp, fmt.Sprintf("%d.vetx", i)),
		})
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(tmp, fmt.Sprintf("%d.cfg", i))
		if err := os.WriteFile(file, cfg, 0o666); err != nil {
			t.Fatal(err)
		}
		if p.ImportPath == pkg {
			return file
		}
		if !p.Standard {
			t.Fatalf("%s imports %s, which is not in the standard library: the fixture should import only the standard library", pkg, p.ImportPath)
		}
		if out, err := exec.Command(floor, file).CombinedOutput(); err != nil {
			t.Fatalf("ssafloor on %s: %v\n%s", p.ImportPath, err, out)
		}
		vetx[p.ImportPath] = filepath.Join(tmp, fmt.Sprintf("%d.vetx", i))
	}
	t.Fatalf("go list did not list %s", pkg)
	return ""
}

// diagnosticLines returns the diagnostics of a vet tool's text output,
// and the hops of their chains below them, each as BASE:LINE:COL: MESSAGE,
// sorted: go vet and unitchecker name
// files differently.
func diagnosticLines(stderr string) []string {
	var lines []string
	diag := regexp.MustCompile(`^(\S+?):(\d+:\d+: .*)$`)
	for line := range strings.Lines(stderr) {
		if m := diag.FindStringSubmatch(strings.TrimRight(line, "\n")); m != nil {
			lines = append(lines, filepath.Base(m[1])+":"+m[2])
		}
	}
	slices.Sort(lines)
	return lines
}
