package analyzer

import (
	"fmt"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/nofallalloc/nofallalloc/effects"
)

// analysed is the package fact of every package the analyzer ran on, so
// that an importer can tell a function that exported no summary because
// it is clean from one of a package the driver never analysed: Bazel's
// nogo, for one, runs analyzers over a repository's packages but not over
// the standard library.
type analysed struct{}

func (*analysed) AFact() {}

func (*analysed) String() string { return "analysed" }

// methodsAnalysed is the fact of a named type whose methods were analysed
// and are all clean, so that none of them exported a summary. Drivers
// pass a package fact to direct importers only, but a type's facts and
// its methods' to every package downstream: a package that reaches a
// type only through another package's API (b.Get() returning an a.T)
// learns that a was analysed from the type's methods' facts, or from this
// fact when they have none.
type methodsAnalysed struct{}

func (*methodsAnalysed) AFact() {}

func (*methodsAnalysed) String() string { return "methods analysed" }

// dependencies answers, for one pass, what the model may assume about the
// functions of other packages.
type dependencies struct {
	pass     *analysis.Pass
	analysed map[*types.Package]bool
	std      *stdSummaries // nil unless -std-summaries was given
	// unseen collects the packages whose functions were taken to
	// allocate because nothing was known of them.
	unseen map[*types.Package]bool
}

func newDependencies(pass *analysis.Pass, std *stdSummaries) *dependencies {
	d := &dependencies{pass: pass, analysed: map[*types.Package]bool{}, std: std, unseen: map[*types.Package]bool{}}
	for _, pf := range pass.AllPackageFacts() {
		switch pf.Fact.(type) {
		case *analysed, *Failure:
			d.analysed[pf.Package] = true
		}
	}
	return d
}

// imported returns the summary of fn, a function of another package: its
// fact; else, when its package was analysed, nil (clean: a clean function
// exports nothing); else the summary -std-summaries gives for it; else a
// summary that it may allocate, as nothing is known of it.
func (d *dependencies) imported(fn *types.Func) *effects.Summary {
	s := new(effects.Summary)
	if d.pass.ImportObjectFact(fn, s) {
		return s
	}
	if d.analysed[fn.Pkg()] || d.methodsAnalysed(fn) {
		return nil
	}
	if s, covered := d.std.lookup(fn); covered {
		return s
	}
	d.unseen[fn.Pkg()] = true
	// Nothing is known of it: it may allocate, and its parameters leak.
	return &effects.Summary{Kind: effects.NotAnalysed, LeakHeap: ^uint64(0)}
}

// methodsAnalysed reports whether fn is a method of a named type whose
// methods the analyzer saw: the type has the methodsAnalysed fact, or
// another of its methods has a summary.
func (d *dependencies) methodsAnalysed(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := t.(*types.Named)
	if !ok {
		return false
	}
	named = named.Origin()
	if d.pass.ImportObjectFact(named.Obj(), new(methodsAnalysed)) {
		return true
	}
	for m := range named.Methods() {
		if m != fn && d.pass.ImportObjectFact(m, new(effects.Summary)) {
			return true
		}
	}
	return false
}

// exportMethodsAnalysed gives methodsAnalysed to the package's named
// types with methods, none of which exported a summary.
func exportMethodsAnalysed(pass *analysis.Pass, summarised map[*types.Func]bool) {
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok || named.NumMethods() == 0 || types.IsInterface(named) {
			continue
		}
		clean := true
		for m := range named.Methods() {
			clean = clean && !summarised[m]
		}
		if clean {
			pass.ExportObjectFact(tn, new(methodsAnalysed))
		}
	}
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
