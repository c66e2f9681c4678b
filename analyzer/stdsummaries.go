package analyzer

import (
	"compress/gzip"
	"encoding/gob"
	"fmt"
	"go/types"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/nofallalloc/nofallalloc/effects"
)

// Standard-library summaries, for drivers that never run the analyzer on
// the standard library (Bazel's nogo): `nofallalloc -export-std FILE`
// analyses it with the running toolchain and writes every summary an
// importer can ask for; -std-summaries=FILE loads them, and a standard
// package without facts is then answered from the file instead of being
// taken to allocate throughout.
//
// The file is a gzip-compressed gob of stdFile: deterministic (sorted, no
// maps, no timestamps), so that a build system can cache and compare it,
// and tied to the Go release whose sources it describes.

// stdFileFormat changes whenever stdFile or effects.Summary does.
const stdFileFormat = 3

type stdFile struct {
	Format    int
	GoVersion string   // runtime.Version() of the toolchain whose sources were analysed
	Packages  []string // the import paths analysed, sorted; a function of one of them with no entry is clean
	Funcs     []stdEntry
}

type stdEntry struct {
	Package string
	Path    objectpath.Path // the function within its package
	Summary effects.Summary
}

// stdSummaries is a loaded stdFile.
type stdSummaries struct {
	file     string
	packages map[string]bool
	funcs    map[string]map[objectpath.Path]*effects.Summary
}

// covers reports whether the file has the summaries of pkg.
func (s *stdSummaries) covers(pkg *types.Package) bool {
	return s != nil && s.packages[pkg.Path()]
}

// lookup returns the summary of fn and true when the file covers fn's
// package (nil for a clean function), or false when it does not.
func (s *stdSummaries) lookup(fn *types.Func) (*effects.Summary, bool) {
	if !s.covers(fn.Pkg()) {
		return nil, false
	}
	path, err := objectpath.For(fn)
	if err != nil {
		// Not nameable from outside its package, so not in the file.
		return nil, false
	}
	return s.funcs[fn.Pkg().Path()][path], true
}

// StdSummary is one function's summary for WriteStdSummaries.
type StdSummary struct {
	Func    *types.Func
	Summary *effects.Summary
}

// Facts are the facts an analysis of a package ended with, as the
// checker's Action has them.
type Facts interface {
	AllPackageFacts() []analysis.PackageFact
	AllObjectFacts() []analysis.ObjectFact
}

// ExportedSummaries returns the summaries the analyzer exported for pkg's
// functions, from facts of the analyzer's run on pkg, for
// WriteStdSummaries.
func ExportedSummaries(pkg *types.Package, facts Facts) ([]StdSummary, error) {
	var summaries []StdSummary
	add := func(set *effects.Summaries, lookup func(name string) *types.Func) error {
		entries, err := set.Entries()
		for _, e := range entries {
			summaries = append(summaries, StdSummary{Func: lookup(e.Name), Summary: e.Summary})
		}
		return err
	}
	for _, f := range facts.AllPackageFacts() {
		if s, ok := f.Fact.(*packageSummaries); ok && f.Package == pkg {
			err := add(&s.Summaries, func(name string) *types.Func { return pkg.Scope().Lookup(name).(*types.Func) })
			if err != nil {
				return nil, fmt.Errorf("package %s: %v", pkg.Path(), err)
			}
		}
	}
	for _, f := range facts.AllObjectFacts() {
		if s, ok := f.Fact.(*typeSummaries); ok && f.Object.Pkg() == pkg {
			named := f.Object.Type().(*types.Named)
			err := add(&s.Summaries, func(name string) *types.Func {
				for m := range named.Methods() {
					if m.Name() == name {
						return m
					}
				}
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("type %s: %v", f.Object.Name(), err)
			}
		}
	}
	return summaries, nil
}

// WriteStdSummaries writes the summaries of the packages analysed (their
// import paths) for the toolchain this binary runs, in the format
// -std-summaries reads. Functions that cannot be named from outside their
// package are left out: no importer can ask for them.
func WriteStdSummaries(w io.Writer, packages []string, summaries []StdSummary) error {
	f := stdFile{Format: stdFileFormat, GoVersion: runtime.Version(), Packages: slices.Sorted(slices.Values(packages))}
	f.Packages = slices.Compact(f.Packages)
	for _, s := range summaries {
		path, err := objectpath.For(s.Func)
		if err != nil {
			continue
		}
		f.Funcs = append(f.Funcs, stdEntry{Package: s.Func.Pkg().Path(), Path: path, Summary: *s.Summary})
	}
	slices.SortFunc(f.Funcs, func(a, b stdEntry) int {
		return strings.Compare(a.Package+"\x00"+string(a.Path), b.Package+"\x00"+string(b.Path))
	})
	f.Funcs = slices.CompactFunc(f.Funcs, func(a, b stdEntry) bool { return a.Package == b.Package && a.Path == b.Path })
	zw := gzip.NewWriter(w)
	if err := gob.NewEncoder(zw).Encode(&f); err != nil {
		return err
	}
	return zw.Close()
}

// readStdSummaries loads a file written by WriteStdSummaries, checking
// that it describes the standard library of the toolchain this binary
// was built with.
func readStdSummaries(file string) (*stdSummaries, error) {
	r, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%s is not a file of standard-library summaries (make one with nofallalloc -export-std): %v", file, err)
	}
	var f stdFile
	if err := gob.NewDecoder(zr).Decode(&f); err != nil {
		return nil, fmt.Errorf("%s is not a file of standard-library summaries (make one with nofallalloc -export-std): %v", file, err)
	}
	if f.Format != stdFileFormat {
		return nil, fmt.Errorf("%s has summaries in format %d, this nofallalloc reads format %d: make it again with nofallalloc -export-std", file, f.Format, stdFileFormat)
	}
	if f.GoVersion != runtime.Version() {
		return nil, fmt.Errorf("%s describes the standard library of %s, but this nofallalloc was built with %s: make it again with nofallalloc -export-std", file, f.GoVersion, runtime.Version())
	}
	s := &stdSummaries{file: file, packages: map[string]bool{}, funcs: map[string]map[objectpath.Path]*effects.Summary{}}
	for _, p := range f.Packages {
		s.packages[p] = true
	}
	for i := range f.Funcs {
		e := &f.Funcs[i]
		if s.funcs[e.Package] == nil {
			s.funcs[e.Package] = map[objectpath.Path]*effects.Summary{}
		}
		s.funcs[e.Package][e.Path] = &e.Summary
	}
	return s, nil
}

// stdSummariesFlag is the -std-summaries flag: the file is read once, when
// the flag is set, and the same table serves every package of the run.
type stdSummariesFlag struct {
	table *stdSummaries
}

func (f *stdSummariesFlag) String() string {
	if f == nil || f.table == nil {
		return ""
	}
	return f.table.file
}

func (f *stdSummariesFlag) Set(file string) error {
	if file == "" {
		f.table = nil
		return nil
	}
	table, err := readStdSummaries(file)
	if err != nil {
		return err
	}
	f.table = table
	return nil
}
