package main

import (
	"flag"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

// vetMain serves go vet -vettool. It does not return.
//
// unitchecker registers the analyzer's flags in their multi-analyzer form,
// -nofallalloc.strict, which is how go vet spells them. The contract also
// promises the short form -strict, so every analyzer flag is registered a
// second time under its bare name, bound to the same value: go vet asks the
// tool for its flags (-flags) and passes through exactly those it lists.
func vetMain() {
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
		if flag.Lookup(f.Name) == nil {
			flag.Var(f.Value, f.Name, f.Usage+" (short for -"+analyzer.Analyzer.Name+"."+f.Name+")")
		}
	})
	unitchecker.Main(analyzer.Analyzer)
}
