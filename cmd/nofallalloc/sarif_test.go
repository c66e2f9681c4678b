package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/nofallalloc/nofallalloc/analyzer"
	"github.com/nofallalloc/nofallalloc/docs"
)

func TestSARIFRules(t *testing.T) {
	rules, index := sarifRules()
	for _, c := range analyzer.Categories() {
		if _, ok := docs.Entry(c); !ok {
			t.Errorf("category %s has no entry in docs/diagnostics.md to describe its rule", c)
		}
		i, ok := index[c]
		if !ok || rules[i].ID != c {
			t.Errorf("category %s has no rule", c)
			continue
		}
		r := rules[i]
		if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" || r.Help.Markdown == "" {
			t.Errorf("rule %s lacks a description or help, which code scanning requires: %+v", c, r)
		}
		if !strings.HasSuffix(r.ShortDescription.Text, ".") || strings.Contains(r.ShortDescription.Text, ". ") {
			t.Errorf("rule %s: short description is not one sentence: %q", c, r.ShortDescription.Text)
		}
		if strings.HasPrefix(r.Help.Markdown, "## ") {
			t.Errorf("rule %s: help repeats the catalogue's heading", c)
		}
		if r.HelpURI != analyzer.CategoryURL(c) {
			t.Errorf("rule %s: helpUri %s, want %s", c, r.HelpURI, analyzer.CategoryURL(c))
		}
		if m := relativeLink().FindString(r.Help.Markdown); m != "" {
			t.Errorf("rule %s: help keeps the relative link %s, which leads nowhere in an alert", c, m)
		}
	}
	if len(rules) != len(analyzer.Categories()) {
		t.Errorf("%d rules for %d categories", len(rules), len(analyzer.Categories()))
	}
}

func TestAbsoluteLinks(t *testing.T) {
	const url = "https://example.com/docs/diagnostics.md#call"
	for in, want := range map[string]string{
		"see [allocation](#allocation).":        "see [allocation](https://example.com/docs/diagnostics.md#allocation).",
		"[directives.md](directives.md#errors)": "[directives.md](https://example.com/docs/directives.md#errors)",
		"[collections](collections.md)":         "[collections](https://example.com/docs/collections.md)",
		"[Go](https://go.dev/) and `f(x)` stay": "[Go](https://go.dev/) and `f(x)` stay",
	} {
		if got := absoluteLinks(in, url); got != want {
			t.Errorf("absoluteLinks(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSARIFArtifactURIs checks that every file gets a URI relative to the
// innermost base that holds it: the source root, GOROOT for the standard
// library, GOMODCACHE for dependencies, and an absolute file URI only
// outside all three.
func TestSARIFArtifactURIs(t *testing.T) {
	root := t.TempDir()
	dir := func(elem ...string) string { return filepath.Join(append([]string{root}, elem...)...) }
	modcache := dir("gopath", "pkg", "mod")
	sw := &sarifWriter{dir: dir("repo", "mod"), bases: []sarifBase{
		// A repository checked out inside the module cache's parent, to
		// show that the innermost base wins whatever the order.
		newSARIFBase(modCacheID, modcache, ""),
		newSARIFBase(srcRootID, dir("repo"), ""),
		newSARIFBase(goRootID, dir("go"), ""),
	}}
	for name, want := range map[string]sarifArtifact{
		"a/a.go":                            {URI: "mod/a/a.go", URIBaseID: srcRootID}, // relative to the working directory
		dir("repo", "mod", "b", "b.go"):     {URI: "mod/b/b.go", URIBaseID: srcRootID},
		dir("go", "src", "strconv", "q.go"): {URI: "src/strconv/q.go", URIBaseID: goRootID},
		filepath.Join(modcache, "example.com", "dep@v1.2.0", "dep.go"): {URI: "example.com/dep@v1.2.0/dep.go", URIBaseID: modCacheID},
		dir("elsewhere", "with space.go"):                              {URI: fileURI(dir("elsewhere", "with space.go"))},
		dir("repo", "sp ace", "x.go"):                                  {URI: "sp%20ace/x.go", URIBaseID: srcRootID},
	} {
		if got := sw.artifact(name); got != want {
			t.Errorf("artifact(%s) = %+v, want %+v", name, got, want)
		}
	}
	if got := fileURI(dir("elsewhere", "with space.go")); !strings.HasPrefix(got, "file:///") || !strings.HasSuffix(got, "/with%20space.go") {
		t.Errorf("file URI %s: want file:///... with the space escaped", got)
	}
}

func TestEnclosingRepository(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	module := filepath.Join(repo, "services", "api")
	worktree := filepath.Join(root, "worktree")
	for _, d := range []string{filepath.Join(repo, ".git"), module, filepath.Join(worktree, "pkg")} {
		if err := os.MkdirAll(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	// A worktree's or a submodule's .git is a file.
	if err := os.WriteFile(filepath.Join(worktree, ".git"), []byte("gitdir: elsewhere\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	for dir, want := range map[string]string{
		module:                         repo,
		repo:                           repo,
		filepath.Join(worktree, "pkg"): worktree,
		filepath.Join(root, "norepo"):  filepath.Join(root, "norepo"), // no repository: the directory itself
	} {
		if got := enclosingRepository(dir); got != want {
			t.Errorf("enclosingRepository(%s) = %s, want %s", dir, got, want)
		}
	}
}

func TestNumericVersion(t *testing.T) {
	for in, want := range map[string]string{
		"v0.3.0":                             "0.3.0",
		"v1.2.3-rc.1":                        "1.2.3-rc.1",
		"v0.3.0+dirty":                       "0.3.0+dirty",
		"(devel)":                            version,
		"":                                   version,
		"v0.0.0-20261125224500-0123456789ab": version, // a commit, not a release
		"v0.1.1-0.20261125224500-0123456789ab+dirty": version,
	} {
		if got := numericVersion(in); got != want {
			t.Errorf("numericVersion(%q) = %q, want %q", in, got, want)
		}
	}
	if !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(version) {
		t.Errorf("version %q is not numeric", version)
	}
}

// flowStep is one location of a result's code flow, as "URI:LINE:COL".
type flowStep struct {
	base, uri    string
	line, column int
}

func (s flowStep) String() string { return fmt.Sprintf("%s %s:%d:%d", s.base, s.uri, s.line, s.column) }

// sarifFlows runs the binary with -f sarif and returns, for each result, its
// code flow's locations.
func sarifFlows(t *testing.T, dir string, args ...string) (flows [][]flowStep, bases map[string]string) {
	t.Helper()
	o := nofallalloc(t, dir, append([]string{"-f", "sarif"}, args...)...)
	wantExit(t, o, 1)
	var log struct {
		Runs []struct {
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				CodeFlows []struct {
					ThreadFlows []struct {
						Locations []struct {
							NestingLevel int `json:"nestingLevel"`
							Location     struct {
								PhysicalLocation struct {
									ArtifactLocation struct{ URI, URIBaseID string }
									Region           struct{ StartLine, StartColumn int }
								} `json:"physicalLocation"`
							} `json:"location"`
						} `json:"locations"`
					} `json:"threadFlows"`
				} `json:"codeFlows"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(o.stdout), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("not a SARIF log of one run (%v):\n%s", err, o.stdout)
	}
	bases = map[string]string{}
	for id, a := range log.Runs[0].OriginalURIBaseIDs {
		bases[id] = a.URI
	}
	for _, r := range log.Runs[0].Results {
		if len(r.CodeFlows) != 1 || len(r.CodeFlows[0].ThreadFlows) != 1 {
			t.Fatalf("want one code flow with one thread flow per result:\n%s", o.stdout)
		}
		var steps []flowStep
		for i, l := range r.CodeFlows[0].ThreadFlows[0].Locations {
			if l.NestingLevel != i {
				t.Errorf("step %d at nesting level %d, want one level deeper per call", i, l.NestingLevel)
			}
			p := l.Location.PhysicalLocation
			steps = append(steps, flowStep{p.ArtifactLocation.URIBaseID, p.ArtifactLocation.URI, p.Region.StartLine, p.Region.StartColumn})
		}
		flows = append(flows, steps)
	}
	return flows, bases
}

// TestSARIFCodeFlows checks that a code flow starts at the call in the
// strict function and has one location per hop, each at the call to the
// next hop or at the allocation, in the module's packages and in the
// standard library, through strconv's unexported quoteWith too.
func TestSARIFCodeFlows(t *testing.T) {
	t.Parallel()
	multi := fixture(t, "multi")
	flows, _ := sarifFlows(t, multi, "./a")
	want := []flowStep{
		{srcRootID, "testdata/multi/a/a.go", 10, 16},
		{srcRootID, "testdata/multi/b/b.go", 9, 15},
		{srcRootID, "testdata/multi/c/c.go", 6, 15},
	}
	if len(flows) != 1 || fmt.Sprint(flows[0]) != fmt.Sprint(want) {
		t.Errorf("code flows %v, want [%v]", flows, want)
	}

	// -srcroot moves the base; a relative one is taken from the working
	// directory.
	flows, bases := sarifFlows(t, multi, "-srcroot", ".", "./a")
	if len(flows) != 1 || flows[0][0].uri != "a/a.go" || flows[0][2].uri != "c/c.go" {
		t.Errorf("with -srcroot .: code flows %v, want URIs relative to the module", flows)
	}
	if want := fileURI(multi) + "/"; bases[srcRootID] != want {
		t.Errorf("with -srcroot .: %s is %s, want %s", srcRootID, bases[srcRootID], want)
	}

	flows, bases = sarifFlows(t, fixture(t, "cli"), "./stdchain")
	if len(flows) != 1 || len(flows[0]) != 3 {
		t.Fatalf("want the call, strconv.Quote and strconv.quoteWith; got %v", flows)
	}
	if s := flows[0][0]; s.String() != srcRootID+" testdata/cli/stdchain/stdchain.go:13:22" {
		t.Errorf("flow starts at %v, want the call in the strict function", s)
	}
	goroot := run(t, multi, "go", "env", "GOROOT")
	wantExit(t, goroot, 0)
	if want := fileURI(strings.TrimSpace(goroot.stdout)) + "/"; bases[goRootID] != want {
		t.Errorf("%s is %s, want %s", goRootID, bases[goRootID], want)
	}
	for i, callee := range []string{"quoteWith", "make"} {
		s := flows[0][i+1]
		if s.base != goRootID || s.uri != "src/strconv/quote.go" {
			t.Errorf("hop %d at %v, want src/strconv/quote.go under %s", i+1, s, goRootID)
			continue
		}
		line := strings.Split(readFile(t, strings.TrimSpace(goroot.stdout), s.uri), "\n")[s.line-1]
		if before := line[:s.column-1]; !strings.HasSuffix(before, callee) || line[s.column-1] != '(' {
			t.Errorf("hop %d at %v, which is not the call of %s: %q", i+1, s, callee, line)
		}
	}
}

// TestSARIFModuleCacheHops checks that a chain into a dependency has its
// hops relative to GOMODCACHE, which the log describes.
func TestSARIFModuleCacheHops(t *testing.T) {
	t.Parallel()
	const dep = "golang.org/x/mod@v0.42.0"
	dir := t.TempDir()
	path, version, _ := strings.Cut(dep, "@")
	for name, text := range map[string]string{
		"go.mod": "module example.com/modcache\n\ngo 1.26\n\nrequire " + path + " " + version + "\n",
		"p.go":   "package p\n\nimport \"golang.org/x/mod/semver\"\n\n//fallible:strict\nfunc Canon(v string) string {\n\treturn semver.Canonical(v)\n}\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	// The module downloads its dependency itself, and go mod tidy writes
	// its go.sum.
	tidy := run(t, dir, "go", "mod", "tidy")
	wantExit(t, tidy, 0)
	modcache := run(t, dir, "go", "env", "GOMODCACHE")
	wantExit(t, modcache, 0)

	flows, bases := sarifFlows(t, dir, "-srcroot", dir, ".")
	if want := fileURI(strings.TrimSpace(modcache.stdout)) + "/"; bases[modCacheID] != want {
		t.Errorf("%s is %s, want %s", modCacheID, bases[modCacheID], want)
	}
	if len(flows) != 1 || len(flows[0]) < 2 || flows[0][0].String() != srcRootID+" p.go:7:25" {
		t.Fatalf("want a flow from the call in p.go into semver; got %v", flows)
	}
	for _, s := range flows[0][1:] {
		if s.base != modCacheID || !strings.HasPrefix(s.uri, dep+"/semver/") || s.line == 0 || s.column == 0 {
			t.Errorf("hop at %v, want a place in %s/semver/ under %s", s, dep, modCacheID)
		}
	}
}
