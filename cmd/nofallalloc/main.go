package main

import (
	"fmt"
	"io"
	"os"
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
