package main

import (
	"strings"
	"testing"
)

// TestStrictPatternErrors checks that a -strict pattern that cannot match
// is an error naming it, never a gate that checks nothing and passes.
func TestStrictPatternErrors(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "cli")
	for _, tc := range []struct{ pattern, stderr string }{
		{"example.com/gat", `-strict pattern "example.com/gat" matches none of the packages checked (./clean)`},
		{"std", `-strict pattern "std" matches none of the packages checked`},
		{"./strict", `-strict pattern "./strict" matches none of the packages checked`},
		{"...", `-strict pattern "...": "..." alone is not supported`},
		{"[", `-strict pattern "[": malformed import path "[": invalid char '['`},
		{"example.com/*", `-strict pattern "example.com/*": malformed import path "example.com/*": invalid char '*'`},
		{"./typo", `-strict pattern "./typo": no directory `},
		{"/", `-strict pattern "/": directory patterns need a module, and / is in none`},
	} {
		o := nofallalloc(t, dir, "-strict="+tc.pattern, "./clean")
		if o.exit != exitError || o.stdout != "" || !strings.Contains(o.stderr, tc.stderr) {
			t.Errorf("-strict=%s: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.pattern, o.exit, o.stdout, o.stderr, tc.stderr)
		}
	}
	// A pattern that matches only a dependency checks nothing either:
	// nothing is reported in dependencies.
	o := nofallalloc(t, fixture(t, "multi"), "-strict=example.com/multi/c", "./a")
	if want := `-strict pattern "example.com/multi/c" matches none of the packages checked (./a)`; o.exit != exitError || !strings.Contains(o.stderr, want) {
		t.Errorf("-strict on a dependency only: exit %d, stderr %q; want exit 2 and %q", o.exit, o.stderr, want)
	}
}

// TestStrictPatternForms checks the forms of -strict that do match: an
// absolute directory is resolved like a relative one, and std makes the
// standard library strict.
func TestStrictPatternForms(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "cli")
	for _, pattern := range []string{"./...", "./lax", dir + "/lax", dir + "/...", "example.com/cli/lax", "example.com/cli/..."} {
		o := nofallalloc(t, dir, "-strict="+pattern, "./clean", "./lax")
		if o.exit != exitFindings || !strings.HasPrefix(o.stdout, "lax/lax.go:7:12: strict function Grow") {
			t.Errorf("-strict=%s: exit %d, stdout %q, stderr %q; want Grow's finding", pattern, o.exit, o.stdout, o.stderr)
		}
	}
	o := nofallalloc(t, dir, "-strict=std", "unicode/utf8")
	if o.exit != exitFindings || !strings.Contains(o.stdout, "strict function AppendRune allocates") {
		t.Errorf("-strict=std unicode/utf8: exit %d, stdout %q, stderr %q; want AppendRune's append", o.exit, o.stdout, o.stderr)
	}
	vet := goVet(t, dir, binary, "-strict=std", "unicode/utf8")
	if vet.exit != 1 || !strings.Contains(vet.stderr, "strict function AppendRune allocates") {
		t.Errorf("go vet -strict=std unicode/utf8: exit %d, stderr %q; want AppendRune's append", vet.exit, vet.stderr)
	}
}
