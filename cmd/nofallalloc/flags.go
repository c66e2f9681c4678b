package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nofallalloc/nofallalloc/analyzer"
	"github.com/nofallalloc/nofallalloc/docs"
)

// Exit statuses of the standalone channel, as the contract fixes them.
const (
	exitClean    = 0 // nothing reported
	exitFindings = 1 // diagnostics reported
	exitError    = 2 // could not run
)

// options is the parsed command line of the standalone channel.
type options struct {
	format  string // text, json or sarif
	tags    string // -tags, passed to the go command
	tests   bool   // also check _test.go files
	sites   bool   // the analyzer's -sites is set: an inventory, not a verdict
	confirm string // -confirm: "compiler" follows the compiler's escape decisions
	agree   bool   // -agree: measure agreement with the compiler and the runtime
	// The analyzer's -suggest or -assumptions is set: an inventory of
	// entries with items, whose -f json is a list of records.
	suggest, assumptions bool
	patterns             []string // package patterns
	dir                  string   // directory the patterns and relative paths are resolved in
	goroot               string   // the go command's GOROOT, for the $GOROOT of export data
	srcroot              string   // -srcroot, absolute: the base of SARIF's relative URIs; empty for the enclosing repository's root
	exportStd            string   // -export-std: the file to write standard-library summaries to
	cpuProfile           string   // -cpuprofile: where to write a CPU profile of the run
	memProfile           string   // -memprofile: where to write a heap profile at the end of the run
}

const usageText = `usage: nofallalloc [flags] PACKAGES...

Reports infallible heap allocations that strict functions may reach.
Exit status: 0 nothing reported, 1 diagnostics reported, 2 could not run.
Also usable as go vet -vettool=$(command -v nofallalloc) PACKAGES...

Flags:
`

// parseFlags parses the standalone command line. When done is true the
// command is over (help, version, or a usage error) and status is its exit
// status.
//
// The analyzer's own flags are registered under their bare names, bound to
// the analyzer's flag values, so the standalone tool, go vet and the
// golangci plugin all configure the same variables.
func parseFlags(args []string, stdout, stderr io.Writer) (opts options, status int, done bool) {
	fs := flag.NewFlagSet("nofallalloc", flag.ContinueOnError)
	// The flag package would print the whole usage after every mistake; we
	// print one clear line instead, and the usage only when asked.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
		fs.Var(f.Value, f.Name, f.Usage)
	})
	fs.StringVar(&opts.format, "f", "text", "output `format`: text, json or sarif")
	fs.StringVar(&opts.tags, "tags", "", "comma-separated build `tags`, as for go build")
	fs.BoolVar(&opts.tests, "tests", false, "also check the packages' _test.go files")
	fs.StringVar(&opts.confirm, "confirm", "", "`compiler`: build the named packages with the compiler's escape decisions (go build -gcflags=-m) and follow them for those packages' own sites, and for calls it inlined into code that allocates nothing")
	fs.BoolVar(&opts.agree, "agree", false, "compare the -sites inventory with the compiler's escape decisions and with what the packages' tests allocate, and print every disagreement (docs/agree.md)")
	fs.StringVar(&opts.srcroot, "srcroot", "", "`directory` that -f sarif's file URIs are relative to, as %SRCROOT% (default: the root of the enclosing repository, where .git is)")
	fs.StringVar(&opts.exportStd, "export-std", "", "write the summaries of the standard library (or of the standard PACKAGES given) to `file`, for -std-summaries under drivers that never analyse it, such as Bazel nogo, and exit")
	fs.StringVar(&opts.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to `file`")
	fs.StringVar(&opts.memProfile, "memprofile", "", "write a heap profile to `file` at the end of the run")
	version := fs.Bool("version", false, "print the version and exit")
	explain := fs.String("explain", "", "print the catalogue entry of a diagnostic `category` (the word in brackets at the end of a message) and exit")

	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usageText)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return opts, exitClean, true
	case err != nil:
		return opts, usageError(stderr, err.Error()), true
	case *version:
		fmt.Fprintln(stdout, versionString())
		return opts, exitClean, true
	case *explain != "":
		return opts, explainCategory(*explain, stdout, stderr), true
	}
	switch opts.format {
	case "text", "json", "sarif":
	default:
		return opts, usageError(stderr, fmt.Sprintf("unknown output format %q: want text, json or sarif", opts.format)), true
	}
	if opts.confirm != "" && opts.confirm != "compiler" {
		return opts, usageError(stderr, fmt.Sprintf("unknown -confirm=%s: the one source of confirmation is compiler", opts.confirm)), true
	}
	if opts.srcroot != "" {
		if err := checkSrcRoot(&opts.srcroot); err != nil {
			return opts, usageError(stderr, err.Error()), true
		}
	}
	opts.patterns = fs.Args()
	if len(opts.patterns) == 0 && opts.exportStd != "" {
		opts.patterns = []string{"std"}
	}
	if len(opts.patterns) == 0 {
		return opts, usageError(stderr, "no packages given: name some, for example ./..."), true
	}
	opts.sites = analyzerFlagSet("sites")
	opts.suggest = analyzerFlagSet("suggest")
	opts.assumptions = analyzerFlagSet("assumptions")
	modes := 0
	for _, on := range []bool{opts.sites, opts.suggest, opts.assumptions} {
		if on {
			modes++
		}
	}
	switch {
	case modes > 1:
		return opts, usageError(stderr, "-sites, -suggest and -assumptions list different things: give one of them"), true
	case (opts.suggest || opts.assumptions) && opts.format == "sarif":
		return opts, usageError(stderr, "-suggest and -assumptions print -f text or -f json, not sarif"), true
	}
	return opts, 0, false
}

// analyzerFlagSet reports whether the analyzer's boolean flag name is set.
func analyzerFlagSet(name string) bool {
	f := analyzer.Analyzer.Flags.Lookup(name)
	return f != nil && f.Value.String() == "true"
}

// inventory reports whether the run lists rather than judges: its exit
// status is 0 whatever it prints.
func (opts options) inventory() bool { return opts.sites || opts.suggest || opts.assumptions }

// explainCategory prints the catalogue entry of category.
func explainCategory(category string, stdout, stderr io.Writer) int {
	entry, ok := docs.Entry(category)
	if !ok || !slices.Contains(analyzer.Categories(), category) {
		return usageError(stderr, fmt.Sprintf("unknown category %q: the categories are %s", category, strings.Join(analyzer.Categories(), ", ")))
	}
	fmt.Fprint(stdout, entry)
	return exitClean
}

func usageError(stderr io.Writer, msg string) int {
	fmt.Fprintf(stderr, "nofallalloc: %s\nRun 'nofallalloc -h' for usage.\n", msg)
	return exitError
}

// checkSrcRoot makes -srcroot absolute and checks that it is a directory.
func checkSrcRoot(dir *string) error {
	abs, err := filepath.Abs(*dir)
	if err != nil {
		return fmt.Errorf("-srcroot %s: %v", *dir, err)
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return fmt.Errorf("-srcroot %s is not a directory: give the root of the source tree, for example the repository's", *dir)
	}
	*dir = abs
	return nil
}
