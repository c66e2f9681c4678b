package effects

// Every name the model gives a function or a type is made here: the keys of
// facts and of the bodyless table (fullName, qualifiedName), and the names
// diagnostics print (Name, TypeName), qualified by package name only when
// the package is not the one analysed.

import (
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// fullName is the key of fn in facts and in the bodyless model.
func fullName(fn *ssa.Function) string {
	if obj, ok := fn.Object().(*types.Func); ok {
		return obj.Origin().FullName()
	}
	return fn.String()
}

// displayName names a function of this package (or a synthetic one) as a
// diagnostic does.
func (r *Result) displayName(fn *ssa.Function) string {
	if obj, ok := fn.Object().(*types.Func); ok {
		return r.objectName(obj) // a wrapper, such as a method value's, by its method
	}
	if p := fn.Parent(); p != nil {
		// Literal n of F is F.funcn, as the compiler names it.
		name := fn.Name()
		return r.displayName(p) + ".func" + name[strings.LastIndexByte(name, '$')+1:]
	}
	return fn.RelString(r.cfg.Pkg)
}

// objectName is a function's name qualified by its package's name when it
// is not this package: "grow", "(*T).grow", "strconv.Itoa",
// "(*strings.Builder).grow".
func (r *Result) objectName(obj *types.Func) string {
	if name, ok := strings.CutPrefix(obj.Name(), "_Cfunc_"); ok && obj.Signature().Recv() == nil {
		return "C." + name // cgo's wrapper, named as the user's source calls it
	}
	return funcName(obj, r.qualifier)
}

// qualifier qualifies another package's names by its name, as the user's
// source spells them.
func (r *Result) qualifier(p *types.Package) string {
	if p == r.cfg.Pkg {
		return ""
	}
	return p.Name()
}

// qualifiedName is fn's name as facts record it.
func (r *Result) qualifiedName(fn *ssa.Function) string {
	if obj, ok := fn.Object().(*types.Func); ok {
		return qualifiedObjectName(obj)
	}
	return r.cfg.Pkg.Path() + "." + r.displayName(fn)
}

// qualifiedObjectName names a function by its package's path, as
// types.Func.FullName does: two packages may share a name (strconv and
// internal/strconv), never a path.
func qualifiedObjectName(obj *types.Func) string {
	return funcName(obj, (*types.Package).Path)
}

func funcName(obj *types.Func, qual types.Qualifier) string {
	recv := obj.Signature().Recv()
	if recv == nil {
		if q := qual(obj.Pkg()); q != "" && obj.Pkg() != nil {
			return q + "." + obj.Name()
		}
		return obj.Name()
	}
	return "(" + types.TypeString(recv.Type(), qual) + ")." + obj.Name()
}

// Name is a function's name as diagnostics print it.
func (r *Result) Name(fn *ssa.Function) string { return r.displayName(canonical(fn)) }

// TypeName names t as this package's diagnostics do.
func (r *Result) TypeName(t types.Type) string {
	return types.TypeString(t, r.qualifier)
}
