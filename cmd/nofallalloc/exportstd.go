package main

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

// exportStd writes the summaries of the standard packages opts names
// (and of everything they import) to opts.exportStd, for the analyzer's
// -std-summaries: drivers such as Bazel's nogo never run analyzers on the
// standard library, and without them its functions are taken to
// allocate. The packages are loaded from source with the go command's
// toolchain and analysed in one process, as by any driver.
func exportStd(opts options, stderr io.Writer) int {
	fail := func(err error) int {
		fmt.Fprintf(stderr, "nofallalloc: -export-std: %v\n", err)
		return exitError
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: opts.dir}
	pkgs, err := packages.Load(cfg, opts.patterns...)
	if err != nil {
		return fail(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		return fail(fmt.Errorf("the packages did not load"))
	}
	for _, p := range pkgs {
		if p.Module != nil {
			return fail(fmt.Errorf("%s is not a standard-library package: only the standard library needs summaries of its own (run the analyzer on the rest)", p.PkgPath))
		}
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{analyzer.Analyzer}, pkgs, nil)
	if err != nil {
		return fail(err)
	}
	var (
		analysed  []string
		summaries []analyzer.StdSummary
	)
	for act := range graph.All() {
		if act.Analyzer != analyzer.Analyzer {
			continue
		}
		if act.Err != nil {
			return fail(fmt.Errorf("%s: %v", act.Package.PkgPath, act.Err))
		}
		analysed = append(analysed, act.Package.Types.Path())
		own, err := analyzer.ExportedSummaries(act.Package.Types, act)
		if err != nil {
			return fail(err)
		}
		summaries = append(summaries, own...)
	}
	var buf bytes.Buffer
	if err := analyzer.WriteStdSummaries(&buf, analysed, summaries); err != nil {
		return fail(err)
	}
	if err := os.WriteFile(opts.exportStd, buf.Bytes(), 0o666); err != nil {
		return fail(err)
	}
	fmt.Fprintf(stderr, "nofallalloc: wrote the summaries of %d packages (%d functions that may allocate or leak) to %s\n", len(analysed), len(summaries), opts.exportStd)
	return exitClean
}
