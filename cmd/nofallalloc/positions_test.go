package main

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// heapLine matches the compiler's -m lines that name a heap allocation.
var heapLine = regexp.MustCompile(`^(?:\./)?(\S+\.go:\d+:\d+): (?:.* escapes to heap|moved to heap: \w+)$`)

// TestPositionsFollowCompiler checks the contract's promise that sites are
// reported where go build -gcflags=-m reports them: every heap allocation
// the compiler names in the fixture is a site at the same line and column,
// and the other way round.
func TestPositionsFollowCompiler(t *testing.T) {
	dir := fixture(t, "cli")
	build := run(t, dir, "go", "build", "-gcflags=-m", "./positions")
	wantExit(t, build, 0)
	var compiler []string
	for line := range strings.Lines(build.stderr) {
		if m := heapLine.FindStringSubmatch(strings.TrimSpace(line)); m != nil {
			compiler = append(compiler, m[1])
		}
	}
	sites := nofallalloc(t, dir, "-sites", "./positions")
	wantExit(t, sites, 0)
	var model []string
	for line := range strings.Lines(sites.stdout) {
		// -m never names a map insertion (mapassign may grow the map
		// whatever escape analysis says), so it has no position to check.
		if pos, what, ok := strings.Cut(line, ": "); ok && !strings.HasPrefix(what, "map-insert in ") {
			model = append(model, pos)
		}
	}
	slices.Sort(compiler)
	slices.Sort(model)
	if len(compiler) < 15 {
		t.Fatalf("the compiler named only %d heap allocations; the fixture has more:\n%s", len(compiler), build.stderr)
	}
	if !slices.Equal(compiler, model) {
		t.Errorf("sites differ from -gcflags=-m\ncompiler: %q\nmodel:    %q\n-sites output:\n%s", compiler, model, sites.stdout)
	}
}
