package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withCache runs the built binary in dir with NOFALLALLOC_CACHE set to
// cacheDir.
func withCache(t *testing.T, cacheDir, dir string, args ...string) outcome {
	t.Helper()
	return run(t, dir, "env", append([]string{"NOFALLALLOC_CACHE=" + cacheDir, binary}, args...)...)
}

// TestCorruptedCacheEntry overwrites every cached file with garbage of the
// same size: the next runs must recompute, not fail on what they read.
func TestCorruptedCacheEntry(t *testing.T) {
	t.Parallel()
	cacheDir := t.TempDir()
	dir := fixture(t, "cli")
	first := withCache(t, cacheDir, dir, "./chain")
	wantExit(t, first, exitFindings)
	files, err := filepath.Glob(filepath.Join(cacheDir, "*", "*-d"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cached data files: %v", err)
	}
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, []byte(strings.Repeat("\x7f", int(fi.Size()))), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	for run := range 2 { // the second run reads what the first rewrote
		o := withCache(t, cacheDir, dir, "./chain")
		if o != first {
			t.Errorf("run %d on a corrupted cache: %+v, want %+v", run, o, first)
		}
	}
}

// TestUnusableCache checks that a cache directory that cannot be created
// is named, with the variable that sets it and the fix.
func TestUnusableCache(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	cacheDir := filepath.Join(file, "cache")
	o := withCache(t, cacheDir, fixture(t, "cli"), "./chain")
	want := "nofallalloc: cannot use the cache directory " + cacheDir + " (from NOFALLALLOC_CACHE): mkdir " + file + ": not a directory; set NOFALLALLOC_CACHE to a writable directory"
	if o.exit != exitError || strings.TrimSpace(o.stderr) != want {
		t.Errorf("exit %d, stderr %q; want exit 2 and %q", o.exit, o.stderr, want)
	}
}
