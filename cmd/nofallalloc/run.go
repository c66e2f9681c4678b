package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"honnef.co/go/tools/config"
	"honnef.co/go/tools/go/buildid"
	"honnef.co/go/tools/go/loader"
	"honnef.co/go/tools/lintcmd/cache"
	"honnef.co/go/tools/lintcmd/runner"

	"github.com/nofallalloc/nofallalloc/analyzer"
	"github.com/nofallalloc/nofallalloc/internal/lazyregexp"
)

// The standalone channel drives staticcheck's runner directly rather than
// through lintcmd, which would brand the output as staticcheck's. The
// runner loads the package graph with go list (export data for the
// imports, source for the package), analyzes every package bottom-up in
// parallel, dependencies for facts only, and caches facts and diagnostics
// on disk per package.

// result is what a run found.
type result struct {
	diags    []diagnostic // diagnostics of the packages named on the command line
	checked  []string     // import paths of those packages
	problems []problem    // why some of it could not be checked
}

// problem is an error that makes the run fail: a package that does not
// load or type-check, or an internal error of the analyzer.
type problem struct {
	pos     token.Position // where, when known
	pkg     string         // the package, when pos is unknown
	message string
}

// check analyzes the packages that opts names with a.
func check(opts options, a *analysis.Analyzer) (*result, error) {
	c, err := openCache()
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if err := setSalt(a); err != nil {
		return nil, err
	}
	r, err := runner.New(config.Config{}, c)
	if err != nil {
		return nil, err
	}
	results, err := r.Run(packagesConfig(opts), []*analysis.Analyzer{guard(a)}, opts.patterns)
	if err != nil {
		return nil, unwrapGoList(err)
	}
	res, err := collect(results)
	if err == nil && len(res.checked) == 0 {
		err = noPackages(opts)
	}
	return res, err
}

// unwrapGoList returns the go command's own message for an error that
// go/packages wraps as "err: exit status 1: stderr: MESSAGE".
func unwrapGoList(err error) error {
	if m := goListErrorRE().FindStringSubmatch(err.Error()); m != nil {
		return errors.New(strings.TrimSpace(m[1]))
	}
	return err
}

var goListErrorRE = lazyregexp.New(`(?s)^err: .*?: stderr: (.*)$`)

// noPackages explains why the patterns matched no package. go/packages
// drops the error of a go list that fails outright when it asks for
// export data (a malformed -tags, say), leaving no packages and no error:
// go list is asked again, for the same packages, to learn what it said.
// The runner also drops packages made of test files only, which are
// checked with -tests.
func noPackages(opts options) error {
	args := []string{"list", "-e", "-export", "-compiled", "-f", testsOnlyTemplate}
	if opts.tests {
		args = append(args, "-test")
	}
	args = append(args, packagesConfig(opts).BuildFlags...)
	cmd := exec.Command("go", append(append(args, "--"), opts.patterns...)...)
	cmd.Dir = opts.dir
	out, err := cmd.Output()
	if err != nil {
		return goCommandError(err)
	}
	if testsOnly := strings.Fields(string(out)); len(testsOnly) > 0 && !opts.tests {
		return fmt.Errorf("%s: only test files, which are checked with -tests", strings.Join(testsOnly, ", "))
	}
	return fmt.Errorf("no packages matched %s", strings.Join(opts.patterns, " "))
}

// testsOnlyTemplate prints the import path of a package made of test
// files only, for go list -f.
const testsOnlyTemplate = "{{if and (not .CompiledGoFiles) (or .TestGoFiles .XTestGoFiles)}}{{.ImportPath}}{{end}}"

func packagesConfig(opts options) *packages.Config {
	cfg := &packages.Config{Dir: opts.dir, Tests: opts.tests}
	if opts.tags != "" {
		cfg.BuildFlags = []string{"-tags=" + opts.tags}
	}
	return cfg
}

// openCache opens the on-disk cache: $NOFALLALLOC_CACHE, or nofallalloc/
// under the user cache directory. It is not staticcheck's cache directory:
// the two tools' entries would only evict each other.
func openCache() (cache.Cache, error) {
	dir, err := cacheDir()
	if err != nil {
		return nil, err
	}
	c, err := cache.Open(dir)
	if err != nil {
		return nil, err
	}
	return verifiedCache{c}, nil
}

// cacheDir returns the directory of the on-disk cache, created. It checks
// that it can write there: a read-only cache would otherwise fail halfway
// through the run, without saying which directory or how to choose
// another.
func cacheDir() (string, error) {
	dir := os.Getenv("NOFALLALLOC_CACHE")
	source := "from NOFALLALLOC_CACHE"
	switch {
	case dir == "":
		base, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("no cache directory: set NOFALLALLOC_CACHE to a writable directory (%v)", err)
		}
		dir = filepath.Join(base, "nofallalloc")
		source = "the default, as NOFALLALLOC_CACHE is not set"
	case !filepath.IsAbs(dir):
		return "", fmt.Errorf("NOFALLALLOC_CACHE is not an absolute path: %s", dir)
	}
	if err := checkWritable(dir); err != nil {
		return "", fmt.Errorf("cannot use the cache directory %s (%s): %v; set NOFALLALLOC_CACHE to a writable directory", dir, source, err)
	}
	return dir, nil
}

// checkWritable creates dir if need be and a file in it.
func checkWritable(dir string) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	probe, err := os.CreateTemp(dir, "probe-")
	if err != nil {
		return err
	}
	probe.Close()
	return os.Remove(probe.Name())
}

// verifiedCache checks every entry it hands out against the hash of its
// content, which the cache records as the entry's output ID, and turns an
// entry that fails the check, or cannot be read, into a miss: the runner
// then recomputes it and writes it anew. Without this, one corrupted file
// (a disk error, a killed writer on a file system without atomic renames)
// fails every later run with a gob decoding error, because the runner
// decodes what it finds in the cache without a second chance. The hash
// costs a read of each entry used, a small part of decoding it.
type verifiedCache struct{ cache.Cache }

var errCorruptEntry = errors.New("cache entry corrupted")

func (c verifiedCache) Get(id cache.ActionID) (cache.Entry, error) {
	e, err := c.Cache.Get(id)
	if err != nil {
		return e, err
	}
	f, err := os.Open(c.OutputFile(e.OutputID))
	if err != nil {
		return cache.Entry{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return cache.Entry{}, err
	}
	if !bytes.Equal(h.Sum(nil), e.OutputID[:]) {
		return cache.Entry{}, errCorruptEntry
	}
	return e, nil
}

// setSalt makes the cache keys depend on the binary and on the analyzer's
// flags. The runner's own key covers the package, its dependencies' facts
// and the analyzers' names, but not their flags, although -strict, -sites
// and -panic-paths change both facts and diagnostics.
func setSalt(a *analysis.Analyzer) error {
	id, err := executableID()
	if err != nil {
		return fmt.Errorf("cache: cannot identify the executable: %w", err)
	}
	var b strings.Builder
	b.WriteString(id)
	a.Flags.VisitAll(func(f *flag.Flag) {
		fmt.Fprintf(&b, "\n-%s=%s", f.Name, f.Value)
	})
	cache.SetSalt([]byte(b.String()))
	return nil
}

// executableID returns the build ID of the running binary, or else the hash
// of its contents, so that a rebuilt analyzer never reuses stale results.
func executableID() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if id, err := buildid.ReadFile(exe); err == nil {
		return id, nil
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return fmt.Sprintf("%x", h.Sum(nil)), nil
}

// collect gathers the diagnostics of the packages named on the command line
// and the problems of every package, dependencies included: a dependency
// that does not load fails the packages that import it without an error of
// their own.
func collect(results []runner.Result) (*result, error) {
	res := &result{}
	for _, r := range results {
		if r.Initial {
			res.checked = append(res.checked, r.Package.PkgPath)
		}
		switch {
		case r.Failed:
			res.problems = append(res.problems, loadProblems(r)...)
		case !r.Initial:
		case r.Skipped:
			res.problems = append(res.problems, problem{pkg: r.Package.ID, message: "not checked: a file is too large to parse"})
		default:
			data, err := r.Load()
			if err != nil {
				return nil, fmt.Errorf("%s: %w", r.Package.ID, err)
			}
			for _, d := range data.Diagnostics {
				res.add(r.Package.PkgPath, d)
			}
		}
	}
	return res, nil
}

// add records d, diverting internal errors to the problems.
func (res *result) add(pkg string, d runner.Diagnostic) {
	if d.Category == analyzer.CategoryInternal {
		res.problems = append(res.problems, problem{pos: d.Position, pkg: pkg, message: d.Message})
		return
	}
	out := diagnostic{Package: pkg, Category: d.Category, Message: d.Message, Pos: d.Position, End: d.End}
	for _, f := range d.SuggestedFixes {
		if u, ok := strings.CutPrefix(f.Message, urlFixPrefix); ok {
			out.URL = u
		}
		if data, ok := strings.CutPrefix(f.Message, analyzer.RecordFixPrefix); ok {
			out.Record = new(analyzer.Record)
			if err := json.Unmarshal([]byte(data), out.Record); err != nil {
				res.problems = append(res.problems, problem{pos: d.Position, pkg: pkg, message: "internal error: malformed inventory record: " + err.Error()})
				return
			}
		}
	}
	for _, r := range d.Related {
		out.Related = append(out.Related, related{Pos: r.Position, End: r.End, Message: r.Message})
	}
	res.diags = append(res.diags, out)
}

// goEnv returns the value of the go command's environment variable name,
// as the go command sees it in dir.
func goEnv(dir, name string) (string, error) {
	cmd := exec.Command("go", "env", name)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env %s: %v", name, goCommandError(err))
	}
	return strings.TrimSpace(string(out)), nil
}

// goCommandError returns the go command's own message for a failure to
// run it.
func goCommandError(err error) error {
	var exit *exec.ExitError
	if errors.As(err, &exit) && len(exit.Stderr) > 0 {
		return errors.New(strings.TrimSpace(string(exit.Stderr)))
	}
	return err
}

// loadProblems turns the errors of a package that failed into problems.
func loadProblems(r runner.Result) []problem {
	var out []problem
	for _, err := range r.Errors {
		var perr packages.Error
		if !errors.As(err, &perr) {
			out = append(out, problem{pkg: r.Package.ID, message: err.Error()})
			continue
		}
		msg := strings.TrimSpace(perr.Msg)
		if pos, ok := parsePos(perr.Pos); ok {
			out = append(out, problem{pos: pos, message: msg})
			continue
		}
		if p, ok := importCycle(r.Package, msg); ok {
			out = append(out, p)
			continue
		}
		out = append(out, compilerProblems(r.Package.ID, msg)...)
	}
	return out
}

// compilerProblems splits a position-less error of go list. When the
// compiler rejects a package, go list reports its output as one message,
// "# PKG" and then a "FILE:LINE:COL: MESSAGE" line per error: each becomes
// a problem of its own, so that it is sorted and shortened like the rest.
// Any other output of the compiler (a crash: "internal compiler error",
// then a stack) stays whole and in order, introduced as the compiler's so
// that it is not taken for a crash of nofallalloc; so does any other
// message.
func compilerProblems(pkg, msg string) []problem {
	header, body, compiler := strings.Cut(msg, "\n")
	if !compiler || !strings.HasPrefix(header, "# ") {
		return []problem{{pkg: pkg, message: msg}}
	}
	var out []problem
	for line := range strings.Lines(body) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		m := compilerLineRE().FindStringSubmatch(line)
		if m == nil {
			return []problem{{pkg: pkg, message: "the Go compiler failed on " + pkg + " (run by go list -export); its output follows:\n" + msg}}
		}
		pos, _ := parsePos(m[1])
		out = append(out, problem{pos: pos, message: m[2]})
	}
	return out
}

// importCycle gives an import cycle, which go list reports without a
// position, the position of the import that starts it in pkg's files.
func importCycle(pkg *loader.PackageSpec, msg string) (problem, bool) {
	m := importCycleRE().FindStringSubmatch(msg)
	if m == nil {
		return problem{}, false
	}
	stack := strings.Fields(m[1])
	i := slices.Index(stack, pkg.PkgPath)
	if i < 0 || i+1 >= len(stack) {
		return problem{}, false
	}
	cycle := "import cycle not allowed: " + strings.Join(stack[i:], " imports ")
	fset := token.NewFileSet()
	for _, name := range pkg.GoFiles {
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			continue
		}
		for _, spec := range f.Imports {
			if path, err := strconv.Unquote(spec.Path.Value); err == nil && path == stack[i+1] {
				return problem{pos: fset.Position(spec.Path.Pos()), message: cycle}, true
			}
		}
	}
	return problem{}, false
}

var importCycleRE = lazyregexp.New(`^import cycle not allowed: import stack: \[([^\]]*)\]$`)

// compilerLineRE matches FILE:LINE:COL: MESSAGE, FILE ending in .go.
var compilerLineRE = lazyregexp.New(`^(\S+?\.go:\d+(?::\d+)?): (.*)$`)

var posRE = lazyregexp.New(`^(.+?):(\d+)(?::(\d+))?$`)

// parsePos parses the FILE:LINE[:COL] of a packages.Error.
func parsePos(s string) (token.Position, bool) {
	m := posRE().FindStringSubmatch(s)
	if m == nil {
		return token.Position{}, false
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return token.Position{Filename: m[1], Line: line, Column: col}, true
}
