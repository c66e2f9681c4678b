package main

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// TestVetStartup checks that the binary does at initialisation only what
// every run needs: go vet starts it once per package (and once more for
// -flags and -V=full), so whatever only some modes use (the regular
// expressions that parse go list's errors, the compiler's -m output or
// Markdown links; a memory-profile parser) must be made on first use.
// GODEBUG=inittrace=1 makes the runtime print each package's
// initialisation: its allocations are counted, not timed.
func TestVetStartup(t *testing.T) {
	cmd := exec.Command(binary, "-flags")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	o := runCommand(t, cmd)
	wantExit(t, o, 0)
	// "init PKG @0.5 ms, 0.010 ms clock, 672 bytes, 21 allocs"
	const ownInitAllocs = 32 // a few flags and tables, no compiled expression
	seen := 0
	for line := range strings.Lines(o.stderr) {
		f := strings.Fields(line)
		if len(f) != 11 || f[0] != "init" || f[10] != "allocs" {
			continue
		}
		seen++
		pkg := f[1]
		allocs, err := strconv.Atoi(f[9])
		if err != nil {
			t.Fatalf("unexpected inittrace line %q", line)
		}
		switch {
		case strings.HasPrefix(pkg, "github.com/google/pprof/"):
			t.Errorf("%s is linked: its initialisation compiles regular expressions that only -agree's profile reading could use", pkg)
		case (pkg == "main" || strings.HasPrefix(pkg, "github.com/nofallalloc/nofallalloc/internal/")) && allocs > ownInitAllocs:
			t.Errorf("%s allocates %d times at initialisation, more than %d: make what only some modes use on first use (internal/lazyregexp)", pkg, allocs, ownInitAllocs)
		}
	}
	if seen == 0 {
		t.Fatalf("GODEBUG=inittrace=1 printed no initialisation:\n%s", o.stderr)
	}
}
