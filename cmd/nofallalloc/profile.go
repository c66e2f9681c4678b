package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// startProfiles starts a CPU profile written to cpuFile and, at the end, a
// heap profile written to memFile (either may be empty for none), and
// returns the function that ends them.
func startProfiles(cpuFile, memFile string) (stop func(), err error) {
	stop = func() {}
	if cpuFile != "" {
		f, err := os.Create(cpuFile)
		if err != nil {
			return nil, fmt.Errorf("-cpuprofile: %v", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("-cpuprofile: %v", err)
		}
		stop = func() {
			pprof.StopCPUProfile()
			f.Close()
		}
	}
	if memFile != "" {
		stopCPU := stop
		stop = func() {
			stopCPU()
			f, err := os.Create(memFile)
			if err != nil {
				fmt.Fprintf(os.Stderr, "nofallalloc: -memprofile: %v\n", err)
				return
			}
			defer f.Close()
			runtime.GC()
			if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
				fmt.Fprintf(os.Stderr, "nofallalloc: -memprofile: %v\n", err)
			}
		}
	}
	return stop, nil
}

// Under go vet the tool runs once per package, so its profiles are
// directories: -cpuprofiledir and -memprofiledir name a directory that
// each run writes its package's profile into, as ID.cpu.pprof and
// ID.mem.pprof, ID being the unit's package ID ("example.com/a [example.com/a.test]")
// with every character other than a letter, a digit, '.', '-' or '_'
// written as '_'. go tool pprof merges any number of them.
//
// unitchecker ends the process itself (os.Exit) once the package is
// analyzed and its facts and types are written, so the profiles end when
// the analyzer's pass does: the type checking, the fact decoding and
// every analyzer are in them; the encoding of the facts and of the
// package's types that follows is not. A package that go vet serves from
// its cache is not run and writes no profile.
const (
	cpuProfileDirFlag = "cpuprofiledir"
	memProfileDirFlag = "memprofiledir"
)

// registerVetProfileFlags registers the profile directories, so that go
// vet, which passes on only the flags the tool lists, accepts them.
// vetProfiles reads their values from the command line itself, before
// unitchecker parses it, since the profile must start before the
// package's facts are decoded.
func registerVetProfileFlags() {
	fs := flag.CommandLine
	fs.String(cpuProfileDirFlag, "", "write a CPU profile of each package's analysis to `directory` (absolute), one file per package")
	fs.String(memProfileDirFlag, "", "write a heap profile of each package's analysis to `directory` (absolute), one file per package")
}

// vetProfiles starts the profiles that the tool's flags (args, before the
// config file cfgFile) ask for, and returns the analyzer to run: a's
// copy whose pass ends them, or a itself when none is asked for.
func vetProfiles(a *analysis.Analyzer, args []string, cfgFile string) (*analysis.Analyzer, error) {
	cpuDir, _ := scanFlag(args, cpuProfileDirFlag, false)
	memDir, _ := scanFlag(args, memProfileDirFlag, false)
	if cpuDir == "" && memDir == "" {
		return a, nil
	}
	id, err := unitID(cfgFile)
	if err != nil {
		return nil, err
	}
	cpuFile, err := profileFile(cpuProfileDirFlag, cpuDir, id+".cpu.pprof")
	if err != nil {
		return nil, err
	}
	memFile, err := profileFile(memProfileDirFlag, memDir, id+".mem.pprof")
	if err != nil {
		return nil, err
	}
	stop, err := startProfiles(cpuFile, memFile)
	if err != nil {
		return nil, err
	}
	profiled := *a
	profiled.Run = func(pass *analysis.Pass) (any, error) {
		defer stop()
		return a.Run(pass)
	}
	return &profiled, nil
}

// profileFile is the file name of a profile in dir, the value of -flag,
// which it creates; "" when dir is.
func profileFile(flag, dir, name string) (string, error) {
	if dir == "" {
		return "", nil
	}
	if !filepath.IsAbs(dir) {
		return "", fmt.Errorf("-%s=%s: the directory must be absolute, since go vet runs the tool in each package's directory", flag, dir)
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return "", fmt.Errorf("-%s: %v", flag, err)
	}
	return filepath.Join(dir, name), nil
}

// unitID is the package ID of the unit that cfgFile describes, as a file
// name.
func unitID(cfgFile string) (string, error) {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return "", err
	}
	var unit struct{ ID string }
	if err := json.Unmarshal(data, &unit); err != nil {
		return "", fmt.Errorf("cannot decode JSON config file %s: %v", cfgFile, err)
	}
	return strings.Map(func(r rune) rune {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '.', r == '-', r == '_':
			return r
		}
		return '_'
	}, unit.ID), nil
}
