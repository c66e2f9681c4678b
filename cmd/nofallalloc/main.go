package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

func main() {
	args := os.Args[1:]
	if isVetInvocation(args) {
		vetMain() // never returns
	}
	os.Exit(standalone(args, os.Stdout, os.Stderr))
}

// isVetInvocation reports whether the go command is driving the binary
// through the unitchecker protocol: "-V=full" to identify the tool for its
// cache, "-flags" to learn which flags to pass through, or the analyzer's
// flags followed by a single *.cfg file describing one package. A package
// pattern never ends in ".cfg", so the standalone channel loses nothing.
func isVetInvocation(args []string) bool {
	if len(args) == 0 {
		return false
	}
	switch args[0] {
	case "-V=full", "--V=full", "-flags", "--flags":
		return true
	}
	return strings.HasSuffix(args[len(args)-1], ".cfg")
}

// standalone runs the command-line channel and returns its exit status.
func standalone(args []string, stdout, stderr io.Writer) int {
	opts, status, done := parseFlags(args, stdout, stderr)
	if done {
		return status
	}
	tuneGC()
	stop, err := startProfiles(opts.cpuProfile, opts.memProfile)
	if err != nil {
		fmt.Fprintf(stderr, "nofallalloc: %v\n", err)
		return exitError
	}
	defer stop()
	cwd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "nofallalloc: %v\n", err)
		return exitError
	}
	opts.dir = cwd
	if opts.goroot, err = goEnv(cwd, "GOROOT"); err != nil {
		fmt.Fprintf(stderr, "nofallalloc: %v\n", err)
		return exitError
	}
	if opts.exportStd != "" {
		return exportStd(opts, stderr)
	}
	strict, err := resolveStrictPatterns(cwd)
	if err != nil {
		return usageError(stderr, err.Error())
	}
	if opts.agree {
		return agree(opts, stdout, stderr)
	}
	if opts.confirm == "compiler" {
		if err := confirmWithCompiler(opts); err != nil {
			fmt.Fprintf(stderr, "nofallalloc: %v\n", err)
			return exitError
		}
	}
	res, err := check(opts, analyzer.Analyzer)
	if err == nil {
		err = unmatchedStrictPatterns(strict, res.checked, opts.patterns)
	}
	if err != nil {
		fmt.Fprintf(stderr, "nofallalloc: %v\n", err)
		return exitError
	}
	return report(opts, res, stdout, stderr)
}

// standaloneGCPercent is the garbage collector's GOGC for the standalone
// command when the user has not set one. A run is one process that
// analyses the whole package graph, every package's SSA and facts short-
// lived, so the collector's work is a fifth of its CPU time at the
// default of 100; at 200 it does half as many cycles for a larger heap
// (on go.uber.org/zap, -tests ./...: 15% less user time, peak RSS from
// about 200 MB to about 270 MB, near staticcheck's). go vet's per-package
// processes keep the default: their peak memory is what the build's
// parallelism multiplies.
const standaloneGCPercent = 200

// tuneGC sets the collector's percent to standaloneGCPercent unless GOGC
// is set, which the runtime has then applied already.
func tuneGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(standaloneGCPercent)
	}
}
