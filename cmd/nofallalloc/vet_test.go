package main

import (
	"fmt"
	"os"
	"path/filepath"
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

// TestVetCached checks that go vet serves a second identical run from the
// build cache: a wrapper script logs every invocation of the tool, and the
// second run must not analyze any package (no *.cfg invocation) again. A
// strict pattern unique to this run keeps earlier runs from having filled
// the cache already, since go vet's cache key includes the tool's flags.
func TestVetCached(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	log := filepath.Join(tmp, "invocations.log")
	wrapper := filepath.Join(tmp, "vettool")
	script := fmt.Sprintf("#!/bin/sh\necho \"$@\" >> %q\nexec %q \"$@\"\n", log, binary)
	if err := os.WriteFile(wrapper, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	unique := fmt.Sprintf("-strict=example.com/unused/%d-%d", os.Getpid(), time.Now().UnixNano())
	dir := fixture(t, "multi")
	analyses := func() int {
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

	// b and c have no strict function: go vet succeeds and caches.
	first := goVet(t, dir, wrapper, unique, "./b")
	wantExit(t, first, 0)
	n := analyses()
	if n < 2 {
		t.Fatalf("first run analyzed %d packages, want b and its dependency c", n)
	}
	second := goVet(t, dir, wrapper, unique, "./b")
	wantExit(t, second, 0)
	if again := analyses() - n; again != 0 {
		t.Errorf("second identical run analyzed %d packages again, want 0 (served from the build cache)", again)
	}
}
