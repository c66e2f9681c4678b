package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// vetHop matches a hop of a chain as go vet prints it, below its
// diagnostic: FILE:LINE:COL: and the message after a tab.
var vetHop = regexp.MustCompile(`^(\S+:\d+:\d+): \t`)

// TestChainsEverywhere checks that go vet and -f json show every hop of a
// chain, at the same place: the hop's call to the next or its allocation.
// One chain crosses two packages of the module (a → b.Relay → c.Grow);
// the other goes into the standard library through an unexported function
// (strconv.Quote → strconv.quoteWith), whose files are absolute paths,
// never $GOROOT/....
func TestChainsEverywhere(t *testing.T) {
	t.Parallel()
	goroot := run(t, fixture(t, "cli"), "go", "env", "GOROOT")
	wantExit(t, goroot, 0)
	quote := filepath.Join(strings.TrimSpace(goroot.stdout), "src", "strconv", "quote.go")
	for _, tc := range []struct {
		dir, pkg string
		want     []*regexp.Regexp
	}{
		{fixture(t, "multi"), "./a", []*regexp.Regexp{
			regexp.MustCompile(`^b/b\.go:9:15$`),
			regexp.MustCompile(`^c/c\.go:6:15$`),
		}},
		{fixture(t, "cli"), "./stdchain", []*regexp.Regexp{
			regexp.MustCompile(`^` + regexp.QuoteMeta(quote) + `:\d+:\d+$`),
			regexp.MustCompile(`^` + regexp.QuoteMeta(quote) + `:\d+:\d+$`),
		}},
	} {
		vet := goVet(t, tc.dir, binary, tc.pkg)
		wantExit(t, vet, 1)
		var vetHops []string
		for line := range strings.Lines(vet.stderr) {
			if m := vetHop.FindStringSubmatch(line); m != nil {
				vetHops = append(vetHops, m[1])
			}
		}

		o := nofallalloc(t, tc.dir, "-f", "json", tc.pkg)
		wantExit(t, o, 1)
		var diags []struct {
			Related []struct {
				Position struct {
					File         string
					Line, Column int
				}
			}
		}
		if err := json.Unmarshal([]byte(o.stdout), &diags); err != nil || len(diags) != 1 {
			t.Fatalf("%s: want one diagnostic (%v):\n%s", tc.pkg, err, o.stdout)
		}
		var jsonHops []string
		for _, r := range diags[0].Related {
			jsonHops = append(jsonHops, fmt.Sprintf("%s:%d:%d", r.Position.File, r.Position.Line, r.Position.Column))
		}

		if !slices.Equal(vetHops, jsonHops) {
			t.Errorf("%s: go vet shows the hops %q, -f json %q", tc.pkg, vetHops, jsonHops)
		}
		if len(jsonHops) != len(tc.want) {
			t.Errorf("%s: hops %q, want %d", tc.pkg, jsonHops, len(tc.want))
			continue
		}
		for i, re := range tc.want {
			if !re.MatchString(jsonHops[i]) {
				t.Errorf("%s: hop %d at %s, want %s", tc.pkg, i+1, jsonHops[i], re)
			}
		}
	}
}
