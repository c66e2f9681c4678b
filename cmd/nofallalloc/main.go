package main

import (
	"fmt"
	"io"
	"os"

	"github.com/nofallalloc/nofallalloc/analyzer"
	"github.com/nofallalloc/nofallalloc/internal/vetargs"
)

func main() {
	args := os.Args[1:]
	if vetargs.FromGoVet(args) {
		vetMain() // never returns
	}
	os.Exit(standalone(args, os.Stdout, os.Stderr))
}

// standalone runs the command-line channel and returns its exit status.
func standalone(args []string, stdout, stderr io.Writer) int {
	opts, status, done := parseFlags(args, stdout, stderr)
	if done {
		return status
	}
	tuneGC(standaloneGCPercent)
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
