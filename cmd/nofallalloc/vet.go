package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

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
	tuneGC(vetGCPercent)
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
		if flag.Lookup(f.Name) == nil {
			flag.Var(f.Value, f.Name, f.Usage+" (short for -"+analyzer.Analyzer.Name+"."+f.Name+")")
		}
	})
	registerVetProfileFlags()
	a := analyzer.Analyzer
	args, err := reportInFactsOnlyRuns(os.Args)
	if err == nil && len(args) > 1 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		a, err = vetProfiles(a, args[1:len(args)-1], args[len(args)-1])
	}
	if err != nil {
		// As unitchecker reports a config it cannot read.
		fmt.Fprintf(os.Stderr, "%s: %v\n", analyzer.Analyzer.Name, err)
		os.Exit(1)
	}
	os.Args = args
	unitchecker.Main(a)
}

// reportInFactsOnlyRuns makes a facts-only run of a package print the same
// diagnostics as a full run, so that what the build cache replays never
// depends on which kind of run filled it.
//
// go vet analyzes the packages it was asked for in full and their
// dependencies for facts only (VetxOnly in the unit's config). Since Go 1.26
// it runs the tool with -json, saves the facts and the tool's standard output
// in the build cache under one key, and prints the diagnostics it finds in
// that output, whichever kind of run produced it. The key does not include
// VetxOnly. So a package first analyzed as a dependency was cached with no
// diagnostics, and a later go vet naming it replays that silence and exits
// 0; a package first vetted by name was cached with its diagnostics, and a
// later go vet of a package that imports it prints them and exits 1. Printing
// in both kinds of run gives one answer: a package's diagnostics are printed
// whenever go vet analyzes it or finds it in the cache, named or not.
//
// This costs nothing but the printing: unitchecker runs every analyzer that
// exports facts in both kinds of run, and the analyzer cannot tell them
// apart, so a facts-only run already does all the work of a full one; a
// package without strict functions or contracts has nothing to print.
//
// args is the tool's command line; when it is such a facts-only run, the
// result names a copy of the unit's config, beside it, that asks for a full
// run. Without -json (-fix, or a go command that reads diagnostics from
// standard error and the exit status) a facts-only run is left as it is:
// there a run that prints diagnostics exits 1, which go vet takes for a
// failure that withholds the package's facts from its importers.
func reportInFactsOnlyRuns(args []string) ([]string, error) {
	if len(args) < 2 || !strings.HasSuffix(args[len(args)-1], ".cfg") || !jsonFlagSet(args[1:len(args)-1]) {
		return args, nil
	}
	file := args[len(args)-1]
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	// A map of raw fields, so that fields unknown here pass through intact.
	var unit map[string]json.RawMessage
	if err := json.Unmarshal(data, &unit); err != nil {
		return nil, fmt.Errorf("cannot decode JSON config file %s: %v", file, err)
	}
	if string(unit["VetxOnly"]) != "true" {
		return args, nil
	}
	unit["VetxOnly"] = json.RawMessage("false")
	full, err := json.Marshal(unit)
	if err != nil {
		return nil, err
	}
	fullFile := strings.TrimSuffix(file, ".cfg") + ".full.cfg"
	if err := os.WriteFile(fullFile, full, 0o666); err != nil {
		return nil, err
	}
	return append(args[:len(args)-1:len(args)-1], fullFile), nil
}

// jsonFlagSet reports whether flags, the tool's flags before the config
// file, end up setting unitchecker's -json flag. go vet passes it as
// "-json"; the other spellings of a boolean flag are accepted too.
func jsonFlagSet(flags []string) bool {
	value, _ := scanFlag(flags, "json", true)
	on, _ := strconv.ParseBool(value)
	return on
}

// scanFlag returns the last value that flags, the tool's flags before the
// config file, give the flag name, and whether they set it at all, ahead
// of the flag package: "-name=value" or "--name=value", or for a string
// flag also "-name value"; a boolean flag given alone is "true".
func scanFlag(flags []string, name string, isBool bool) (value string, set bool) {
	for i, arg := range flags {
		if !strings.HasPrefix(arg, "-") {
			continue
		}
		n, v, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-"), "=")
		if n != name {
			continue
		}
		switch {
		case hasValue:
			value, set = v, true
		case isBool:
			value, set = "true", true
		case i+1 < len(flags):
			value, set = flags[i+1], true
		}
	}
	return value, set
}
