package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// wantCase is one testdata/*/want/*.txt file: a command line run in the
// fixture module's root, its exit status, and one regular expression per
// line of standard output.
type wantCase struct {
	args  []string
	exit  int
	lines []*regexp.Regexp
}

func readWantCase(t *testing.T, file string) wantCase {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var c wantCase
	for i, line := range strings.Split(strings.TrimRight(string(data), "\n"), "\n") {
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "args:"):
			c.args = strings.Fields(strings.TrimPrefix(line, "args:"))
		case strings.HasPrefix(line, "exit:"):
			if c.exit, err = strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "exit:"))); err != nil {
				t.Fatalf("%s:%d: %v", file, i+1, err)
			}
		default:
			re, err := regexp.Compile("^(?:" + line + ")$")
			if err != nil {
				t.Fatalf("%s:%d: %v", file, i+1, err)
			}
			c.lines = append(c.lines, re)
		}
	}
	return c
}

// TestWant runs the cases written down in the fixtures, text format.
func TestWant(t *testing.T) {
	files, err := filepath.Glob(fixture(t, "*", "want", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no want files: %v", err)
	}
	for _, file := range files {
		module := filepath.Dir(filepath.Dir(file))
		name := filepath.Base(module) + "/" + strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := readWantCase(t, file)
			o := nofallalloc(t, module, c.args...)
			wantExit(t, o, c.exit)
			checkLines(t, o.stdout, c.lines)
			if o.stderr != "" {
				t.Errorf("unexpected standard error:\n%s", o.stderr)
			}
		})
	}
}

func checkLines(t *testing.T, output string, want []*regexp.Regexp) {
	t.Helper()
	got := strings.Split(strings.TrimSuffix(output, "\n"), "\n")
	if output == "" {
		got = nil
	}
	for i := range max(len(got), len(want)) {
		switch {
		case i >= len(got):
			t.Errorf("missing line %d matching %s", i+1, want[i])
		case i >= len(want):
			t.Errorf("unexpected line %d: %s", i+1, got[i])
		case !want[i].MatchString(got[i]):
			t.Errorf("line %d: %s\ndoes not match %s", i+1, got[i], want[i])
		}
	}
}

// textLine is the contract's text format.
var textLine = regexp.MustCompile(`^([^:\s]+\.go):(\d+):(\d+): (\S.*)$`)

func TestTextFormat(t *testing.T) {
	t.Parallel()
	o := nofallalloc(t, fixture(t, "multi"), "./...")
	wantExit(t, o, 1)
	var prev []string
	for _, line := range strings.Split(strings.TrimSuffix(o.stdout, "\n"), "\n") {
		m := textLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("line not FILE:LINE:COL: MESSAGE: %q", line)
		}
		if filepath.IsAbs(m[1]) {
			t.Errorf("file name not relative to the working directory: %s", line)
		}
		if prev != nil && !positionLess(prev, m) {
			t.Errorf("not sorted by position: %q after %q", line, prev[0])
		}
		prev = m
	}
}

func positionLess(a, b []string) bool {
	if a[1] != b[1] {
		return a[1] < b[1]
	}
	la, _ := strconv.Atoi(a[2])
	lb, _ := strconv.Atoi(b[2])
	if la != lb {
		return la < lb
	}
	ca, _ := strconv.Atoi(a[3])
	cb, _ := strconv.Atoi(b[3])
	return ca <= cb
}

// TestPaths checks that file names are relative to the working directory
// when they lie below it, and absolute otherwise.
func TestPaths(t *testing.T) {
	t.Parallel()
	below := nofallalloc(t, fixture(t, "cli", "strict"), ".")
	wantExit(t, below, 1)
	if !strings.HasPrefix(below.stdout, "strict.go:") {
		t.Errorf("run in the package directory: got %q, want strict.go:...", below.stdout)
	}
	beside := nofallalloc(t, fixture(t, "cli", "clean"), "example.com/cli/strict")
	wantExit(t, beside, 1)
	if want := fixture(t, "cli", "strict", "strict.go") + ":"; !strings.HasPrefix(beside.stdout, want) {
		t.Errorf("run beside the package: got %q, want %s...", beside.stdout, want)
	}
}

func TestSites(t *testing.T) {
	t.Parallel()
	o := nofallalloc(t, fixture(t, "multi"), "-sites", "./...")
	wantExit(t, o, 0)
	site := regexp.MustCompile(`^[^:\s]+\.go:\d+:\d+: (make-slice|make-map|make-chan|new|composite|append|map-insert|concat|convert|box|closure|escape|variadic|method-value|go|defer) in \S+$`)
	for _, line := range strings.Split(strings.TrimSuffix(o.stdout, "\n"), "\n") {
		if !site.MatchString(line) {
			t.Errorf("not FILE:LINE:COL: KIND in FUNC: %q", line)
		}
	}
}

// jsonOutput mirrors the -f json format.
type jsonOutput []struct {
	Package  string `json:"package"`
	Category string `json:"category"`
	Position struct {
		File   string `json:"file"`
		Line   int    `json:"line"`
		Column int    `json:"column"`
	} `json:"position"`
	Message string `json:"message"`
	URL     string `json:"url"`
	Related []struct {
		Position struct {
			File string `json:"file"`
			Line int    `json:"line"`
		} `json:"position"`
		Message string `json:"message"`
	} `json:"related"`
}

func TestJSONEmpty(t *testing.T) {
	t.Parallel()
	o := nofallalloc(t, fixture(t, "cli"), "-f", "json", "./clean")
	wantExit(t, o, 0)
	var out jsonOutput
	if err := json.Unmarshal([]byte(o.stdout), &out); err != nil || out == nil || len(out) != 0 {
		t.Fatalf("want an empty JSON array, got %q (%v)", o.stdout, err)
	}
}

func TestJSON(t *testing.T) {
	t.Parallel()
	// A chain within one package, so that every hop has a position.
	o := nofallalloc(t, fixture(t, "cli"), "-f", "json", "./chain")
	wantExit(t, o, 1)
	var out jsonOutput
	if err := json.Unmarshal([]byte(o.stdout), &out); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, o.stdout)
	}
	if len(out) != 1 {
		t.Fatalf("want 1 diagnostic, got %d:\n%s", len(out), o.stdout)
	}
	d := out[0]
	if d.Package != "example.com/cli/chain" || d.Position.File != "chain/chain.go" || d.Position.Line == 0 || d.Message == "" || d.Category == "" {
		t.Errorf("incomplete diagnostic: %+v", d)
	}
	if len(d.Related) == 0 {
		t.Fatalf("a call chain without related information: %+v", d)
	}
	for _, r := range d.Related {
		if r.Position.File == "" || r.Position.Line == 0 || r.Message == "" {
			t.Errorf("incomplete related information: %+v", r)
		}
	}
}

// sarifOutput mirrors the parts of SARIF the tests check.
type sarifOutput struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID      string `json:"id"`
					HelpURI string `json:"helpUri"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Invocations []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
		} `json:"invocations"`
		Results []struct {
			RuleID    string                `json:"ruleId"`
			RuleIndex int                   `json:"ruleIndex"`
			Message   struct{ Text string } `json:"message"`
			Locations []sarifLoc            `json:"locations"`
			Related   []sarifLoc            `json:"relatedLocations"`
			CodeFlows []struct {
				ThreadFlows []struct {
					Locations []struct {
						Location sarifLoc `json:"location"`
					} `json:"locations"`
				} `json:"threadFlows"`
			} `json:"codeFlows"`
		} `json:"results"`
	} `json:"runs"`
}

type sarifLoc struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine int `json:"startLine"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

func parseSARIF(t *testing.T, o outcome) sarifOutput {
	t.Helper()
	var out sarifOutput
	if err := json.Unmarshal([]byte(o.stdout), &out); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, o.stdout)
	}
	if out.Version != "2.1.0" || len(out.Runs) != 1 || out.Runs[0].Tool.Driver.Name != "nofallalloc" {
		t.Fatalf("not a SARIF 2.1.0 log of one nofallalloc run:\n%s", o.stdout)
	}
	if !strings.Contains(o.stdout, `"results": [`) {
		t.Errorf("results must be an array, even when empty:\n%s", o.stdout)
	}
	return out
}

func TestSARIFEmpty(t *testing.T) {
	t.Parallel()
	o := nofallalloc(t, fixture(t, "cli"), "-f", "sarif", "./clean")
	wantExit(t, o, 0)
	run := parseSARIF(t, o).Runs[0]
	if len(run.Results) != 0 || !run.Invocations[0].ExecutionSuccessful {
		t.Errorf("want no results from a successful run:\n%s", o.stdout)
	}
}

func TestSARIF(t *testing.T) {
	t.Parallel()
	o := nofallalloc(t, fixture(t, "cli"), "-f", "sarif", "./chain")
	wantExit(t, o, 1)
	run := parseSARIF(t, o).Runs[0]
	if len(run.Results) != 1 {
		t.Fatalf("want 1 result, got %d:\n%s", len(run.Results), o.stdout)
	}
	r := run.Results[0]
	if r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
		t.Errorf("result's rule %q at index %d not among the rules", r.RuleID, r.RuleIndex)
	} else if run.Tool.Driver.Rules[r.RuleIndex].HelpURI == "" {
		t.Errorf("rule %q has no helpUri", r.RuleID)
	}
	// The module is in a subdirectory of the repository: URIs are
	// relative to the repository's root, as code scanning wants them.
	loc := r.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "testdata/cli/chain/chain.go" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.Region.StartLine == 0 {
		t.Errorf("location not relative to the repository's root: %+v", loc)
	}
	if len(r.Related) == 0 || len(r.CodeFlows) != 1 || len(r.CodeFlows[0].ThreadFlows) != 1 {
		t.Fatalf("want related locations and one code flow with one thread flow:\n%s", o.stdout)
	}
	flow := r.CodeFlows[0].ThreadFlows[0].Locations
	if len(flow) != len(r.Related)+1 {
		t.Fatalf("thread flow has %d locations, want the call and then one per hop (%d)", len(flow), len(r.Related))
	}
	if flow[0].Location.PhysicalLocation != r.Locations[0].PhysicalLocation {
		t.Errorf("thread flow starts at %+v, not at the call in the strict function %+v", flow[0].Location, r.Locations[0])
	}
	for i, rel := range r.Related {
		if flow[i+1].Location.PhysicalLocation != rel.PhysicalLocation {
			t.Errorf("hop %d: thread flow location %+v differs from related location %+v", i, flow[i+1].Location, rel)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "cli")
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"-bogus", "./clean"}, "flag provided but not defined: -bogus"},
		{[]string{"-f", "xml", "./clean"}, `unknown output format "xml"`},
		{[]string{"-srcroot", "nowhere", "./clean"}, "-srcroot nowhere is not a directory"},
		{[]string{"-f"}, "flag needs an argument: -f"},
		{nil, "no packages given"},
		{[]string{"./nothing/..."}, "nothing"},
		{[]string{"./missing"}, "missing"},
	} {
		o := nofallalloc(t, dir, tc.args...)
		if o.exit != 2 || o.stdout != "" || !strings.Contains(o.stderr, tc.stderr) {
			t.Errorf("nofallalloc %q: exit %d, stdout %q, stderr %q; want exit 2, nothing on stdout and an error mentioning %q",
				tc.args, o.exit, o.stdout, o.stderr, tc.stderr)
		}
	}
}

func TestHelpAndVersion(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "cli")
	help := nofallalloc(t, dir, "-h")
	wantExit(t, help, 0)
	for _, flag := range []string{"-strict", "-panic-paths", "-sites", "-f", "-tags", "-tests", "-version", "-srcroot"} {
		if !strings.Contains(help.stdout, "  "+flag) {
			t.Errorf("-h does not document %s:\n%s", flag, help.stdout)
		}
	}
	version := nofallalloc(t, dir, "-version")
	wantExit(t, version, 0)
	if !regexp.MustCompile(`^nofallalloc \d+\.\d+\.\d+\S* \(go`).MatchString(version.stdout) {
		t.Errorf("-version printed %q, want a numeric version first", version.stdout)
	}
}

// TestBroken checks that packages which do not load make the run fail with
// their errors on standard error, FILE:LINE:COL first.
func TestBroken(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "broken")
	for _, tc := range []struct {
		pkg, stderr string
	}{
		{"./typeerr", `typeerr/typeerr.go:5:13: cannot use "not a number"`},
		{"./syntax", "syntax/syntax.go:4:14: syntax error"},
		{"./deperr", "typeerr/typeerr.go:5:13: "}, // the dependency's error
	} {
		for _, format := range []string{"text", "json", "sarif"} {
			o := nofallalloc(t, dir, "-f", format, tc.pkg)
			if o.exit != 2 || !strings.Contains(o.stderr, tc.stderr+"") {
				t.Errorf("nofallalloc -f %s %s: exit %d, stderr %q; want exit 2 and %q", format, tc.pkg, o.exit, o.stderr, tc.stderr)
			}
		}
	}
}
