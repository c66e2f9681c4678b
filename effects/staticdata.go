package effects

import (
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// Static data. The compiler lays out the composite literals of a package
// variable's initialiser in the binary's data, however deeply they nest
// (cmd/compile/internal/staticinit): `var crlf = []byte("\r\n")`,
// `var cases = []tc{{[]bool{true}, "x"}}`, `var origin = &T{0, 0}`,
// `var errTimeout error = &timeoutError{}`, `var sigs = []sig{&T{}}`. An
// element computed at run time (`var xs = []int{n}`) is stored into that
// static memory by the package's init; nothing is allocated for the
// literal itself. A map, a make, a conversion of a computed string, or a
// literal passed to a call is allocated at run time.

// staticData reports whether the literal a is laid out in static data:
// built by the package initialiser and held only by package variables or
// by other such literals.
func staticData(a *ssa.Alloc) bool {
	return isLiteral(a) && inPackageInitializer(a) && heldStatically(a)
}

// staticConversion reports whether c is []byte("constant") held, in the
// package initialiser, only by package variables or static literals.
func staticConversion(c *ssa.Convert) bool {
	_, constant := c.X.(*ssa.Const)
	return constant && inPackageInitializer(c) && heldStatically(c)
}

// staticBox reports whether mi boxes, in the package initialiser, a
// []byte("constant") laid out in static data into an interface held only
// by package variables or static literals: the compiler lays the box out
// in static data as well (var sigs = []sig{htmlSig("<HTML")}).
func staticBox(mi *ssa.MakeInterface) bool {
	c, ok := mi.X.(*ssa.Convert)
	return ok && staticConversion(c) && heldStatically(mi)
}

func isLiteral(a *ssa.Alloc) bool {
	return a.Comment == "complit" || a.Comment == "slicelit"
}

func inPackageInitializer(ins ssa.Instruction) bool {
	return ins.Parent().Synthetic == "package initializer"
}

// heldStatically reports whether the value v (a literal's address, the
// slice of it or its value, or a converted constant) is only stored into
// package variables or into the fields and elements of static literals.
// Anything else it is used for, such as its address stored elsewhere or
// passed to a call, may need it at run time.
func heldStatically(v ssa.Value) bool {
	storedStatically := func(x ssa.Value) bool {
		for _, r := range *x.Referrers() {
			st, ok := r.(*ssa.Store)
			if !ok || st.Val != x || !intoStatic(st.Addr) {
				return false
			}
		}
		return true
	}
	for _, r := range *v.Referrers() {
		switch r := r.(type) {
		case *ssa.IndexAddr, *ssa.FieldAddr, *ssa.DebugRef:
			// filling it: what is stored goes into static memory
		case *ssa.Store:
			if r.Val == v && !intoStatic(r.Addr) {
				return false
			}
		case *ssa.Slice:
			if r.Low != nil || r.High != nil || r.Max != nil || !storedStatically(r) {
				return false
			}
		case *ssa.UnOp:
			if r.Op != token.MUL || !storedStatically(r) {
				return false
			}
		case *ssa.MakeInterface:
			// The literal's address in an interface: the interface's
			// type word and data pointer are static too.
			if r.X != v || !storedStatically(r) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// intoStatic reports whether addr is a package variable, or a field or
// element of a literal laid out in static data.
func intoStatic(addr ssa.Value) bool {
	for {
		switch a := addr.(type) {
		case *ssa.Global:
			return true
		case *ssa.IndexAddr:
			addr = a.X
		case *ssa.FieldAddr:
			addr = a.X
		case *ssa.Alloc:
			return staticData(a)
		default:
			return false
		}
	}
}
