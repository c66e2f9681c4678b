package annotations

import (
	"go/token"
	"go/types"
	"slices"
)

// Index holds every directive of one package, parsed once. It is used by
// one goroutine at a time.
type Index struct {
	fset       *token.FileSet
	pkgStrict  *Directive
	funcs      map[*types.Func]*FuncDirectives
	contracts  map[types.Object]*Directive
	allows     map[lineKey]*allowEntry
	allowOrder []*allowEntry // source order, for UnusedAllows
}

// lineKey names one line of one file, ignoring //line directives.
type lineKey struct {
	file *token.File
	line int
}

// allowEntry is an allow directive and whether a lookup has used it.
type allowEntry struct {
	d    Directive
	used bool
}

func newIndex(fset *token.FileSet) *Index {
	return &Index{
		fset:      fset,
		funcs:     make(map[*types.Func]*FuncDirectives),
		contracts: make(map[types.Object]*Directive),
		allows:    make(map[lineKey]*allowEntry),
	}
}

func (ix *Index) sortAllows() {
	slices.SortStableFunc(ix.allowOrder, func(a, b *allowEntry) int { return int(a.d.Pos) - int(b.d.Pos) })
}

// PackageStrict returns the //fallible:strict of the package doc comment,
// or nil if the package is not strict by directive.
func (ix *Index) PackageStrict() *Directive { return ix.pkgStrict }

// Func returns the directives of a declared function or method. An
// instantiation of a generic function or method has those of its origin.
func (ix *Index) Func(fn *types.Func) FuncDirectives {
	if fn == nil {
		return FuncDirectives{}
	}
	if fd := ix.funcs[fn.Origin()]; fd != nil {
		return *fd
	}
	return FuncDirectives{}
}

// Contract returns the //fallible:strict effect contract of obj, an
// interface method *types.Func or the *types.TypeName of a named func type,
// or nil if it has none.
func (ix *Index) Contract(obj types.Object) *Directive {
	if fn, ok := obj.(*types.Func); ok && fn != nil {
		obj = fn.Origin()
	}
	if obj == nil {
		return nil
	}
	return ix.contracts[obj]
}

// Contracts returns the objects that carry an effect contract, in source
// order: interface methods and the type names of named func types.
func (ix *Index) Contracts() []types.Object {
	objs := make([]types.Object, 0, len(ix.contracts))
	for obj := range ix.contracts {
		objs = append(objs, obj)
	}
	slices.SortFunc(objs, func(a, b types.Object) int { return int(a.Pos()) - int(b.Pos()) })
	return objs
}

// Allow returns the allow directive that covers the line on which pos lies
// (file + line), and marks it used. nil if none.
func (ix *Index) Allow(pos token.Pos) *Directive {
	e := ix.allowEntry(pos)
	if e == nil {
		return nil
	}
	e.used = true
	return &e.d
}

// AllowAt is Allow without marking the directive used: for a finding that
// may still turn out to allocate nothing.
func (ix *Index) AllowAt(pos token.Pos) *Directive {
	if e := ix.allowEntry(pos); e != nil {
		return &e.d
	}
	return nil
}

func (ix *Index) allowEntry(pos token.Pos) *allowEntry {
	tf := ix.fset.File(pos)
	if tf == nil {
		return nil
	}
	return ix.allows[lineKey{tf, tf.PositionFor(pos, false).Line}]
}

// Allows returns every allow directive, in source order.
func (ix *Index) Allows() []Directive {
	out := make([]Directive, 0, len(ix.allowOrder))
	for _, e := range ix.allowOrder {
		out = append(out, e.d)
	}
	return out
}

// UnusedAllows returns the allow directives that Allow never returned, in
// source order.
func (ix *Index) UnusedAllows() []Directive {
	var unused []Directive
	for _, e := range ix.allowOrder {
		if !e.used {
			unused = append(unused, e.d)
		}
	}
	return unused
}
