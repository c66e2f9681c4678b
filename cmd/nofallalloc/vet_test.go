package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// goVet runs go vet with the built binary as its vet tool.
func goVet(t *testing.T, dir, tool string, args ...string) outcome {
	t.Helper()
	return run(t, dir, "go", append([]string{"vet", "-vettool=" + tool}, args...)...)
}

func TestVet(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "cli")
	clean := goVet(t, dir, binary, "./clean")
	wantExit(t, clean, 0)

	strict := goVet(t, dir, binary, "./strict")
	wantExit(t, strict, 1)
	if !strings.Contains(strict.stderr, "strict/strict.go:8:12: strict function Push") {
		t.Errorf("go vet did not report the append:\n%s", strict.stderr)
	}
}

// TestVetFacts checks that facts flow between packages through go vet.
func TestVetFacts(t *testing.T) {
	t.Parallel()
	o := goVet(t, fixture(t, "multi"), binary, "./a")
	wantExit(t, o, 1)
	if !strings.Contains(o.stderr, "a/a.go:10:16: strict function Use calls b.Relay, which may allocate: b.Relay → example.com/multi/c.Grow → append at c.go:6") {
		t.Errorf("go vet did not report the call:\n%s", o.stderr)
	}
}

// TestVetIndirect: a package that reaches another's types only through a
// third's API has no package fact of it under go vet, yet its clean
// methods are known to be clean (from the type's fact, or from a sibling
// method's summary), and its allocating ones still allocate.
func TestVetIndirect(t *testing.T) {
	t.Parallel()
	o := goVet(t, fixture(t, "indirect"), binary, "./c")
	wantExit(t, o, 1)
	if strings.Contains(o.stderr, "not analysed") || strings.Contains(o.stderr, "strict function Clean") {
		t.Errorf("go vet took a clean method of an indirectly imported package to allocate:\n%s", o.stderr)
	}
	if !strings.Contains(o.stderr, "c/c.go:12:29: strict function Grows calls (*a.U).Push, which may allocate") {
		t.Errorf("go vet did not report the allocating method:\n%s", o.stderr)
	}
}

// TestCommandsExternalTest: the external test package of a command
// imports it, and learns its functions' summaries from its facts like
// any importer, under go vet and standalone: the clean function is clean,
// the allocating one allocates, and nothing says the command was not
// analysed.
func TestCommandsExternalTest(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "commandtest")
	for _, o := range []outcome{goVet(t, dir, binary, "./..."), run(t, dir, binary, "-tests", "./...")} {
		wantExit(t, o, 1)
		out := o.stdout + o.stderr
		if strings.Contains(out, "not analysed") || strings.Contains(out, "strict function count") {
			t.Errorf("the command's clean function was taken to allocate:\n%s", out)
		}
		if !strings.Contains(out, "main_test.go:13:28: strict function record calls main.Record, which may allocate: main.Record → append at main.go:13") {
			t.Errorf("the command's allocating function was not reported:\n%s", out)
		}
	}
}

// TestVetFlags checks both spellings of the analyzer's flags through go vet:
// the contract's -strict and go vet's own -nofallalloc.strict.
func TestVetFlags(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "cli")
	for _, flag := range []string{"-strict", "-nofallalloc.strict"} {
		o := goVet(t, dir, binary, flag+"=example.com/cli/lax", "./lax")
		if o.exit != 1 || !strings.Contains(o.stderr, "lax/lax.go:7:12: strict function Grow") {
			t.Errorf("go vet %s: exit %d, want 1 and a diagnostic in lax.go:\n%s", flag, o.exit, o.stderr)
		}
	}
}

// loggingTool returns a vet tool that runs the built binary and logs each
// invocation, and a function that counts the packages it analyzed so far
// (invocations on a *.cfg file).
func loggingTool(t *testing.T) (tool string, analyses func() int) {
	t.Helper()
	tmp := t.TempDir()
	log := filepath.Join(tmp, "invocations.log")
	tool = filepath.Join(tmp, "vettool")
	script := fmt.Sprintf("#!/bin/sh\necho \"$@\" >> %q\nexec %q \"$@\"\n", log, binary)
	if err := os.WriteFile(tool, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return tool, func() int {
		t.Helper()
		data, err := os.ReadFile(log)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		n := 0
		for _, line := range strings.Split(string(data), "\n") {
			if strings.HasSuffix(line, ".cfg") {
				n++
			}
		}
		return n
	}
}

// TestVetCached checks that go vet serves a second identical run from the
// build cache: the second run must not analyze any package again. A strict
// pattern unique to this run keeps earlier runs from having filled the cache
// already, since go vet's cache key includes the tool's flags.
func TestVetCached(t *testing.T) {
	t.Parallel()
	tool, analyses := loggingTool(t)
	unique := fmt.Sprintf("-strict=example.com/unused/%d-%d", os.Getpid(), time.Now().UnixNano())
	dir := fixture(t, "multi")

	// b and c have no strict function: go vet succeeds and caches.
	first := goVet(t, dir, tool, unique, "./b")
	wantExit(t, first, 0)
	n := analyses()
	if n < 2 {
		t.Fatalf("first run analyzed %d packages, want b and its dependency c", n)
	}
	second := goVet(t, dir, tool, unique, "./b")
	wantExit(t, second, 0)
	if again := analyses() - n; again != 0 {
		t.Errorf("second identical run analyzed %d packages again, want 0 (served from the build cache)", again)
	}
}

// TestVetCacheOrder checks that what go vet reports does not depend on what
// ran before on the same build cache. go vet caches the tool's output for a
// package under a key that does not say whether the package was analyzed in
// full (named on the command line) or for its facts only (as a dependency):
// see reportInFactsOnlyRuns. Here c is strict and allocates, and a imports b
// imports c. Each command, run after another, must give what it gives on a
// cache of its own.
func TestVetCacheOrder(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "multi")
	vet := func(gocache, pkg string) outcome {
		t.Helper()
		cmd := exec.Command("go", "vet", "-vettool="+binary, "-strict=./c", pkg)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOCACHE="+gocache)
		return runCommand(t, cmd)
	}
	const violation = "c/c.go:6:15: strict function Grow allocates"
	alone := make(map[string]outcome)
	for _, pkg := range []string{"./a", "./b", "./c", "./..."} {
		o := vet(t.TempDir(), pkg)
		// c's violation is reported whenever c is analyzed, named or not.
		if o.exit != 1 || !strings.Contains(o.stderr, violation) {
			t.Errorf("go vet %s on a fresh cache: exit %d, want 1 and c's violation:\n%s", pkg, o.exit, o.stderr)
		}
		alone[pkg] = o
	}
	for _, order := range [][]string{{"./a", "./c", "./..."}, {"./c", "./b", "./..."}} {
		gocache := t.TempDir()
		for _, pkg := range order {
			got, want := vet(gocache, pkg), alone[pkg]
			if got.exit != want.exit || !slices.Equal(sortedLines(got.stderr), sortedLines(want.stderr)) {
				t.Errorf("go vet %s after go vet %s: exit %d, want %d as on a fresh cache\ngot:\n%s\nwant:\n%s",
					pkg, strings.Join(order[:slices.Index(order, pkg)], ", then "), got.exit, want.exit, got.stderr, want.stderr)
			}
		}
	}
}

// TestVetCacheAcrossModules checks the order of a repository with two
// modules that CI vets one after the other on one build cache: lib, a
// dependency of app through a replace directive, analyzed first for facts
// only, must still be reported when its own module is vetted. go vet's
// cache key includes neither VetxOnly nor the module a package is vetted
// from, so printing a dependency's diagnostics only when it belongs to the
// main module would replay app's silence for lib.
func TestVetCacheAcrossModules(t *testing.T) {
	t.Parallel()
	vet := func(gocache, module string) outcome {
		t.Helper()
		cmd := exec.Command("go", "vet", "-vettool="+binary, "./...")
		cmd.Dir = fixture(t, "vetdeps", module)
		cmd.Env = append(os.Environ(), "GOCACHE="+gocache)
		return runCommand(t, cmd)
	}
	const finding = "lib.go:9:13: strict function Numbers allocates"
	shared := t.TempDir()
	vet(shared, "app")
	if o := vet(shared, "lib"); o.exit != 1 || !strings.Contains(o.stderr, finding) {
		t.Errorf("go vet in lib after go vet in app: exit %d, want 1 and its finding:\n%s", o.exit, o.stderr)
	}
	if o := vet(t.TempDir(), "lib"); o.exit != 1 || !strings.Contains(o.stderr, finding) {
		t.Errorf("go vet in lib on a fresh cache: exit %d, want 1 and its finding:\n%s", o.exit, o.stderr)
	}
}

// sortedLines returns the lines of s in order: go vet prints the packages'
// diagnostics in the order the analyses finish.
func sortedLines(s string) []string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(lines)
	return lines
}

// TestReportInFactsOnlyRuns checks which invocations are turned into full
// runs: only a facts-only run whose output go vet reads as JSON, and the
// copy of its config keeps the fields this tool does not know.
func TestReportInFactsOnlyRuns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, content string) string {
		t.Helper()
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
		return file
	}
	factsOnly := write("facts.cfg", `{"ID":"p","VetxOnly":true,"Future":[1,2]}`)
	full := write("full.cfg", `{"ID":"p","VetxOnly":false}`)
	for _, tc := range []struct {
		args    []string
		changed bool
	}{
		{[]string{"tool", "-json", factsOnly}, true},
		{[]string{"tool", "--json=true", "-strict=./c", factsOnly}, true},
		{[]string{"tool", "-json", "-json=false", factsOnly}, false},
		{[]string{"tool", "-fix", factsOnly}, false},
		{[]string{"tool", factsOnly}, false},
		{[]string{"tool", "-json", full}, false},
		{[]string{"tool", "-flags"}, false},
	} {
		got, err := reportInFactsOnlyRuns(tc.args)
		if err != nil {
			t.Fatalf("%q: %v", tc.args, err)
		}
		if !tc.changed {
			if !slices.Equal(got, tc.args) {
				t.Errorf("%q: changed to %q, want it unchanged", tc.args, got)
			}
			continue
		}
		last := len(got) - 1
		if !slices.Equal(got[:last], tc.args[:last]) || got[last] == factsOnly {
			t.Fatalf("%q: got %q, want the same flags and another config", tc.args, got)
		}
		data, err := os.ReadFile(got[last])
		if err != nil {
			t.Fatal(err)
		}
		if want := `{"Future":[1,2],"ID":"p","VetxOnly":false}`; string(data) != want {
			t.Errorf("%q: config %s, want %s", tc.args, data, want)
		}
	}
}

// TestVetSharedCache shows go vet sharing nofallalloc's results between
// machines through GOCACHEPROG: two runs with build caches of their own
// behind one internal/sharedcache backend, as two CI runners behind one
// remote cache. The second run must print what the first printed without
// analyzing any package.
func TestVetSharedCache(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	backend := filepath.Join(tmp, "sharedcache")
	wantExit(t, run(t, ".", "go", "build", "-o", backend, "github.com/nofallalloc/nofallalloc/internal/sharedcache"), 0)
	remote := filepath.Join(tmp, "remote")
	tool, analyses := loggingTool(t)
	dir := fixture(t, "multi")
	// A strict pattern unique to this run: the cache key includes the tool's
	// flags, so no other run can have filled the remote cache already.
	strict := fmt.Sprintf("-strict=./c,example.com/unused/%d-%d", os.Getpid(), time.Now().UnixNano())
	vetOnMachine := func(machine string) outcome {
		t.Helper()
		local := filepath.Join(tmp, machine)
		cmd := exec.Command("go", "vet", "-vettool="+tool, strict, "./a")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(),
			"GOCACHE="+filepath.Join(local, "gocache"),
			fmt.Sprintf("GOCACHEPROG=%q -remote %q -local %q", backend, remote, filepath.Join(local, "copies")))
		return runCommand(t, cmd)
	}

	first := vetOnMachine("first")
	wantExit(t, first, 1)
	if !strings.Contains(first.stderr, "c/c.go:6:15: strict function Grow allocates") {
		t.Fatalf("first machine: go vet did not report c's violation:\n%s", first.stderr)
	}
	n := analyses()
	if n != 3 {
		t.Fatalf("first machine analyzed %d packages, want a, b and c", n)
	}
	second := vetOnMachine("second")
	if again := analyses() - n; again != 0 {
		t.Errorf("second machine analyzed %d packages, want 0 (served from the shared cache)", again)
	}
	if second.exit != first.exit || !slices.Equal(sortedLines(second.stderr), sortedLines(first.stderr)) {
		t.Errorf("second machine: exit %d, want %d, and the same diagnostics\ngot:\n%s\nwant:\n%s", second.exit, first.exit, second.stderr, first.stderr)
	}
}
