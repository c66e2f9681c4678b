package main

import (
	"encoding/json"
	"os"
	"testing"
)

// smokePackages are standard packages of every kind: formatting and
// reflection, parsing, generics, concurrency, cgo (os/user, when cgo is
// enabled), arithmetic with assembly.
var smokePackages = []string{
	"fmt", "encoding/json", "strconv", "strings", "regexp", "os/user",
	"sort", "slices", "maps", "sync", "unicode/utf8", "container/heap", "math/big",
}

// TestSmokeStd runs the command over smokePackages with all of the
// standard library strict, so that every function of them and of their
// dependencies is checked: no internal error, no panic, and every
// position reported, chains included, is in a file that exists.
func TestSmokeStd(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses a dozen standard packages and their dependencies")
	}
	t.Parallel()
	o := nofallalloc(t, fixture(t, "cli"), append([]string{"-strict=std", "-f", "json"}, smokePackages...)...)
	if o.exit != exitFindings || o.stderr != "" {
		t.Fatalf("exit %d, want 1 and nothing on standard error:\n%s", o.exit, o.stderr)
	}
	var out jsonOutput
	if err := json.Unmarshal([]byte(o.stdout), &out); err != nil || len(out) == 0 {
		t.Fatalf("want diagnostics in JSON, got %d (%v)", len(out), err)
	}
	seen := map[string]bool{}
	for _, d := range out {
		files := []string{d.Position.File}
		for _, r := range d.Related {
			files = append(files, r.Position.File)
		}
		for _, f := range files {
			if seen[f] {
				continue
			}
			seen[f] = true
			if _, err := os.Stat(f); err != nil {
				t.Errorf("%s:%d: %s: a position in a file that cannot be opened: %v", d.Position.File, d.Position.Line, d.Message, err)
			}
		}
	}
	t.Logf("%d diagnostics in %d files", len(out), len(seen))
}
