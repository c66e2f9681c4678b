package analyzer

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/nofallalloc/nofallalloc/effects"
)

// The analyzer's summaries travel as two kinds of fact, each a set of
// effects.Summaries by name: the package fact of every package the
// analyzer ran on, with the summaries of its package-level functions that
// other packages can call (effects.Result.Exports), and the fact of each
// of its named types with a method that has a summary, with those
// summaries. A function with no entry is clean, once its package is
// known to have been analysed. A fact per set rather than per function
// is what keeps loading them cheap: drivers decode and re-encode every
// imported type fact in every package downstream.
//
// The package fact tells an importer that the package was analysed: a
// function with no entry is then clean, where one of a package the
// driver never analysed (Bazel's nogo runs analyzers over a repository's
// packages but not over the standard library) may allocate. But go vet
// passes a package fact to direct importers only, and a package can call
// the methods of a type of a package it does not import: b.Get()
// returning an a.T. So the package fact also says whether the package
// depends, directly or not, on a package that was neither analysed nor
// answered by -std-summaries; a package whose direct imports were all
// analysed and say no depends on no such package, and every package
// whose types it can see is one of those, so a type of one of them that
// has no fact has only clean methods. Under every driver but nogo
// without -std-summaries, that is every package, for the price of a bit
// per package fact, where a fact on each type whose methods are all
// clean cost two fifths of the standalone command's loading of facts.

// packageSummaries is the package fact of every package the analyzer ran
// on: the summaries of its exported package-level functions, and whether
// it depends on a package that nothing is known of.
type packageSummaries struct {
	// Summaries is a field of its own, not embedded: an embedded set's
	// GobEncode would be the fact's, and encode the set alone.
	Summaries effects.Summaries
	// Incomplete is set when the package depends, directly or not, on a
	// package that was neither analysed nor answered by -std-summaries.
	Incomplete bool
}

func (*packageSummaries) AFact() {}

func (s *packageSummaries) String() string {
	if s.Incomplete {
		return factString("analysed, with dependencies that were not", &s.Summaries)
	}
	return factString("analysed", &s.Summaries)
}

// typeSummaries is the fact of a package-level named type with a method
// that has a summary: its methods' summaries.
type typeSummaries struct{ effects.Summaries }

func (*typeSummaries) AFact() {}

func (s *typeSummaries) String() string { return factString("methods analysed", &s.Summaries) }

// factString is how fact expectations see a set: "analysed",
// "methods analysed; Grow: allocates(append)".
func factString(what string, s *effects.Summaries) string {
	if entries := s.String(); entries != "" {
		return what + "; " + entries
	}
	return what
}

// exportSummaries exports the summaries that each gives (one call for
// each function with a summary) as the package's and its types' facts;
// incomplete says whether the package depends on one nothing is known of.
func exportSummaries(pass *analysis.Pass, incomplete bool, each func(export func(*types.Func, *effects.Summary))) {
	var funcs []effects.NamedSummary
	methods := map[*types.TypeName][]effects.NamedSummary{}
	each(func(fn *types.Func, s *effects.Summary) {
		e := effects.NamedSummary{Name: fn.Name(), Summary: s}
		if fn.Name() == "_" { // what nothing can call
			return
		}
		if recv := fn.Signature().Recv(); recv == nil {
			funcs = append(funcs, e)
		} else if tn := receiverTypeName(recv); tn != nil {
			methods[tn] = append(methods[tn], e)
		}
	})
	pass.ExportPackageFact(&packageSummaries{*effects.NewSummaries(funcs), incomplete})
	for _, name := range pass.Pkg.Scope().Names() { // sorted: the facts' order does not depend on the map's
		if tn, ok := pass.Pkg.Scope().Lookup(name).(*types.TypeName); ok && len(methods[tn]) > 0 {
			pass.ExportObjectFact(tn, &typeSummaries{*effects.NewSummaries(methods[tn])})
		}
	}
}

// receiverTypeName is the named type whose method has the receiver recv
// (the generic type, for a method of an instance).
func receiverTypeName(recv *types.Var) *types.TypeName {
	t := types.Unalias(recv.Type())
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	named, ok := t.(*types.Named)
	if !ok {
		return nil
	}
	return named.Origin().Obj()
}

// dependencies answers, for one pass, what the model may assume about the
// functions of other packages.
type dependencies struct {
	pass     *analysis.Pass
	analysed map[*types.Package]bool
	funcs    map[*types.Package]*effects.Summaries // the package facts
	std      *stdSummaries                         // nil unless -std-summaries was given
	// incomplete is set when the package depends on a package that was
	// neither analysed nor answered by std; when it is not, every package
	// it depends on that std does not answer was analysed.
	incomplete bool
	// known holds imported's answers: a fact is read once per function.
	known map[*types.Func]*effects.Summary
	// unseen collects the packages whose functions were taken to
	// allocate because nothing was known of them.
	unseen map[*types.Package]bool
	// err is the first fact that could not be read.
	err error
}

func newDependencies(pass *analysis.Pass, std *stdSummaries) *dependencies {
	d := &dependencies{
		pass:     pass,
		analysed: map[*types.Package]bool{},
		funcs:    map[*types.Package]*effects.Summaries{},
		std:      std,
		known:    map[*types.Func]*effects.Summary{},
		unseen:   map[*types.Package]bool{},
	}
	facts := pass.AllPackageFacts()
	for _, pf := range facts {
		switch f := pf.Fact.(type) {
		case *packageSummaries:
			d.analysed[pf.Package] = true
			d.funcs[pf.Package] = &f.Summaries
		case *Failure:
			d.analysed[pf.Package] = true
		}
	}
	d.incomplete = dependsOnUnknown(pass.Pkg, facts, std)
	return d
}

// dependsOnUnknown reports whether pkg depends, directly or not, on a
// package that was neither analysed nor answered by std, given the
// package facts of its analysis: one of its direct imports has no
// package fact and std does not cover it, or its package fact says so.
// (The standard packages std covers depend only on packages it covers:
// nofallalloc -export-std writes the summaries of every package that
// those it is given import.)
func dependsOnUnknown(pkg *types.Package, facts []analysis.PackageFact, std *stdSummaries) bool {
	known := map[*types.Package]bool{} // analysed, and depending only on known packages
	for _, pf := range facts {
		if f, ok := pf.Fact.(*packageSummaries); ok && !f.Incomplete {
			known[pf.Package] = true
		}
	}
	for _, imp := range pkg.Imports() {
		if imp != types.Unsafe && !known[imp] && !std.covers(imp) {
			return true
		}
	}
	return false
}

// imported returns the summary of fn, a function of another package: its
// entry in the facts; else, when its package (or its type, for a method)
// was analysed, nil (clean: a clean function has no entry); else the
// summary -std-summaries gives for it; else a summary that it may
// allocate, as nothing is known of it.
func (d *dependencies) imported(fn *types.Func) *effects.Summary {
	s, ok := d.known[fn]
	if !ok {
		s = d.lookup(fn)
		d.known[fn] = s
	}
	return s
}

func (d *dependencies) lookup(fn *types.Func) *effects.Summary {
	if set := d.summariesOf(fn); set != nil {
		s, err := set.Lookup(fn.Name())
		if err != nil {
			if d.err == nil {
				d.err = fmt.Errorf("the facts of package %s are corrupt: %v; clear the cache that holds them (go clean -cache, or NOFALLALLOC_CACHE for the nofallalloc command)", fn.Pkg().Path(), err)
			}
			return &effects.Summary{Kind: effects.Unanalysed, LeakHeap: ^uint64(0)}
		}
		return s
	}
	if d.analysed[fn.Pkg()] {
		return nil
	}
	if s, covered := d.std.lookup(fn); covered {
		return s
	}
	if !d.incomplete {
		// A package this one can see only through another's API (go vet
		// gives package facts to direct importers only), and analysed as
		// everything this package depends on was: fn is clean, or its
		// type's fact would say otherwise.
		return nil
	}
	d.unseen[fn.Pkg()] = true
	// Nothing is known of it: it may allocate, and its parameters leak.
	return &effects.Summary{Kind: effects.NotAnalysed, LeakHeap: ^uint64(0)}
}

// summariesOf returns the set of summaries that would hold fn's, if the
// driver gave it: its type's fact for a method, its package's for a
// function.
func (d *dependencies) summariesOf(fn *types.Func) *effects.Summaries {
	recv := fn.Signature().Recv()
	if recv == nil {
		return d.funcs[fn.Pkg()]
	}
	tn := receiverTypeName(recv)
	if tn == nil {
		return nil
	}
	s := new(typeSummaries)
	if !d.pass.ImportObjectFact(tn, s) {
		return nil
	}
	return &s.Summaries
}

// isUnseen reports whether fn belongs to a package nothing was known of.
func (d *dependencies) isUnseen(fn *types.Func) bool {
	return fn != nil && d.unseen[fn.Pkg()]
}

// unseenCalls are the strict calls of this package into one package that
// nothing is known of: one diagnostic says so, at the first of them,
// rather than one per call, since the remedy is the same for all.
type unseenCalls struct {
	pkg   *types.Package
	first offence
	name  string // the strict function making the first call
	count int
}

func (c *checker) addUnseen(name string, o offence) {
	pkg := calleeObject(o.finding).Pkg()
	for i := range c.unseen {
		if u := &c.unseen[i]; u.pkg == pkg {
			u.count++
			if o.pos < u.first.pos {
				u.first, u.name = o, name
			}
			return
		}
	}
	c.unseen = append(c.unseen, unseenCalls{pkg: pkg, first: o, name: name, count: 1})
}

func (c *checker) reportUnseen() {
	for _, u := range c.unseen {
		more := ""
		switch u.count {
		case 1:
		case 2:
			more = ", and so is the 1 other call into it in this package"
		default:
			more = fmt.Sprintf(", and so are the %d other calls into it in this package", u.count-1)
		}
		report(c.pass, u.first.pos, CategoryCall, fmt.Sprintf(
			"strict function %s calls %s, which may allocate: package %s was not analysed (the driver gave no facts for it), so its functions are taken to allocate%s; run the analyzer on %s, or load standard-library summaries with -std-summaries (made by nofallalloc -export-std)",
			u.name, c.model.Name(u.first.finding.Callee), u.pkg.Path(), more, u.pkg.Path()))
	}
}

// calleeObject is the function a finding calls, if it calls one that has
// an object.
func calleeObject(f effects.Finding) *types.Func {
	if f.Callee == nil {
		return nil
	}
	obj, _ := f.Callee.Object().(*types.Func)
	if obj != nil {
		obj = obj.Origin()
	}
	return obj
}
