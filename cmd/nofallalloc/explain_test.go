package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/nofallalloc/nofallalloc/analyzer"
	"github.com/nofallalloc/nofallalloc/docs"
)

// TestExplain checks that -explain prints the catalogue entry of every
// category, and names them all when asked for one that does not exist.
func TestExplain(t *testing.T) {
	for _, category := range analyzer.Categories() {
		o := nofallalloc(t, ".", "-explain", category)
		wantExit(t, o, exitClean)
		want, _ := docs.Entry(category)
		if !strings.HasPrefix(o.stdout, "## "+category+"\n") || o.stdout != want {
			t.Errorf("-explain %s prints\n%s\nwant the catalogue entry\n%s", category, o.stdout, want)
		}
	}
	o := nofallalloc(t, ".", "-explain", "allocations")
	wantExit(t, o, exitError)
	if !strings.Contains(o.stderr, `unknown category "allocations": the categories are `+strings.Join(analyzer.Categories(), ", ")) {
		t.Errorf("-explain of an unknown category says\n%s", o.stderr)
	}
}

// TestTextPointsToCatalogue checks that a diagnostic of the text format
// ends with a category that -explain knows.
func TestTextPointsToCatalogue(t *testing.T) {
	o := nofallalloc(t, fixture(t, "cli"), "./strict")
	wantExit(t, o, exitFindings)
	m := regexp.MustCompile(` \[([a-z-]+)\]\n$`).FindStringSubmatch(o.stdout)
	if m == nil {
		t.Fatalf("the diagnostic does not end with its category:\n%s", o.stdout)
	}
	explained := nofallalloc(t, ".", "-explain", m[1])
	wantExit(t, explained, exitClean)
}
