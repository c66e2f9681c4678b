package annotations

import "testing"

// The sources below are indented with tabs; a tab is one column.
var parseTests = []struct {
	name string
	srcs []string
	want []string
}{
	{
		name: "functions",
		srcs: []string{`package p

// F does things.
//
//fallible:strict
func F() {}

//fallible:trusted handles failure itself
func G() {}

//fallible:infallible
func H() {}

type T struct{}

// M is a method.
//fallible:strict
// More prose after the directive.
func (T) M() {}
`},
		want: []string{
			"a.go:5:1: strict func F",
			"a.go:8:1: trusted(handles failure itself) func G",
			"a.go:11:1: infallible func H",
			"a.go:17:1: strict func M",
		},
	},
	{
		name: "package",
		srcs: []string{`// Package p is strict.
//
//fallible:strict
package p
`, `//fallible:strict
//fallible:trusted why
//fallible:allow why
package p
`, `//fallible:strict
//fallible:strict
package p
`, `//fallible:strict

package p
`},
		want: []string{
			"a.go:3:1: strict package",
			"b.go:2:1: error: //fallible:trusted is misplaced in the package doc comment: put it in the doc comment of a function or method",
			"b.go:3:1: error: //fallible:allow is misplaced in the package doc comment: put it at the end of the line to exempt, or alone on the line directly above a statement",
			"c.go:2:1: error: duplicate //fallible:strict: remove this one",
			"d.go:1:1: error: //fallible:strict is misplaced outside any doc comment: put it in the doc comment of a function, a method, the package, an interface method or a named func type",
		},
	},
	{
		name: "contracts",
		srcs: []string{`package p

type I interface {
	// M is a contract.
	//fallible:strict
	M()
	//fallible:trusted no
	N()
}

type J interface {
	//fallible:strict
	I
}

//fallible:strict
type Handler func(int) error

type (
	//fallible:strict
	Other func()
	//fallible:strict
	Count int
)

//fallible:strict
type Derived Handler

//fallible:strict
type Alias = func()

//fallible:strict
type S struct {
	//fallible:strict
	F func()
}

//fallible:strict
type (
	A func()
	B func()
)

//fallible:strict
type (
	//fallible:strict
	C func()
)

//fallible:infallible
type D func()

func F() {
	type local interface {
		//fallible:strict
		M()
	}
	var _ local
}
`},
		want: []string{
			"a.go:5:2: strict contract M",
			"a.go:7:2: error: //fallible:trusted is misplaced in the doc comment of an interface method: put it in the doc comment of a function or method",
			"a.go:12:2: error: //fallible:strict is misplaced in the doc comment of an embedded interface: put it in the doc comment of a function, a method, the package, an interface method or a named func type",
			"a.go:16:1: strict contract Handler",
			"a.go:20:2: strict contract Other",
			"a.go:22:2: error: //fallible:strict is misplaced in the doc comment of a type: put it in the doc comment of a function, a method, the package, an interface method or a named func type",
			"a.go:26:1: strict contract Derived",
			"a.go:29:1: error: //fallible:strict is misplaced in the doc comment of a type alias: put it in the doc comment of a function, a method, the package, an interface method or a named func type",
			"a.go:32:1: error: //fallible:strict is misplaced in the doc comment of a struct type: put it in the doc comment of a function, a method, the package, an interface method or a named func type",
			"a.go:34:2: error: //fallible:strict is misplaced in the doc comment of a struct field: put it in the doc comment of a function, a method, the package, an interface method or a named func type",
			"a.go:38:1: error: //fallible:strict is misplaced in the doc comment of a declaration group: put it in the doc comment of a function, a method, the package, an interface method or a named func type",
			"a.go:44:1: strict contract C",
			"a.go:46:2: error: duplicate //fallible:strict: remove this one",
			"a.go:50:1: error: //fallible:infallible is misplaced in the doc comment of a func type: put it in the doc comment of a function or method",
			"a.go:55:3: strict contract M",
		},
	},
	{
		name: "misplaced",
		srcs: []string{`package p

//fallible:strict
import "unsafe"

//fallible:strict
var V = 1

//fallible:strict
const C = 1

//fallible:trusted why
var W = unsafe.Sizeof(V)

//fallible:infallible
type T int

func F() {
	//fallible:strict
	x := 1
	_ = x
	//fallible:trusted r
	var y int
	_ = y
	g := func() {
		//fallible:infallible
	}
	_ = g
	//fallible:strict
}

func G() {} //fallible:strict

//fallible:strict
`},
		want: []string{
			"a.go:3:1: error: //fallible:strict is misplaced in the doc comment of an import: put it in the doc comment of a function, a method, the package, an interface method or a named func type",
			"a.go:6:1: error: //fallible:strict is misplaced in the doc comment of a variable: put it in the doc comment of a function, a method, the package, an interface method or a named func type",
			"a.go:9:1: error: //fallible:strict is misplaced in the doc comment of a constant: put it in the doc comment of a function, a method, the package, an interface method or a named func type",
			"a.go:12:1: error: //fallible:trusted is misplaced in the doc comment of a variable: put it in the doc comment of a function or method",
			"a.go:15:1: error: //fallible:infallible is misplaced in the doc comment of a type: put it in the doc comment of a function or method",
			"a.go:19:2: error: //fallible:strict is misplaced inside a function body: put it in the doc comment of a function, a method, the package, an interface method or a named func type",
			"a.go:22:2: error: //fallible:trusted is misplaced in the doc comment of a variable: put it in the doc comment of a function or method",
			"a.go:26:3: error: //fallible:infallible is misplaced inside a function body: put it in the doc comment of a function or method",
			"a.go:29:2: error: //fallible:strict is misplaced inside a function body: put it in the doc comment of a function, a method, the package, an interface method or a named func type",
			"a.go:32:13: error: //fallible:strict is misplaced at the end of a line: put it in the doc comment of a function, a method, the package, an interface method or a named func type",
			"a.go:34:1: error: //fallible:strict is misplaced outside any doc comment: put it in the doc comment of a function, a method, the package, an interface method or a named func type",
		},
	},
	{
		name: "allows",
		srcs: []string{`package p

func F(n int) []int {
	s := make([]int, n) //fallible:allow sized by caller
	//fallible:allow grows once
	s = append(s, 1)
	// prose
	//fallible:allow last in a group
	s = append(s, 2)
	//fallible:allow var decl
	var t = make([]int, 1)
	_ = t
	f := func() {
		//fallible:allow inside literal
		s = append(s, 3)
	}
	f()
	if n > 0 { /* c */ //fallible:allow on an if
		return nil
	}
	return s
}

var G = make([]int, 3) //fallible:allow package level

func call(f func()) {
	call(func() {
	}) //fallible:allow after a closing brace
	_ = 1
}
`},
		want: []string{
			"a.go:4:22: allow(sized by caller) line 4",
			"a.go:5:2: allow(grows once) line 6",
			"a.go:8:2: allow(last in a group) line 9",
			"a.go:10:2: allow(var decl) line 11",
			"a.go:14:3: allow(inside literal) line 15",
			"a.go:18:21: allow(on an if) line 18",
			"a.go:24:24: allow(package level) line 24",
			"a.go:28:5: allow(after a closing brace) line 28",
		},
	},
	{
		name: "misplaced allows",
		srcs: []string{`package p

//fallible:allow on a func doc
func H() {
	//fallible:allow followed by a comment
	// comment
	_ = 1

	//fallible:allow followed by a blank line

	_ = 2
	x := []int{
		//fallible:allow above an element
		1,
	}
	_ = x
}

//fallible:allow on a type
type T int

//fallible:allow floating

func K() {
	//fallible:allow dup a
	_ = 1 //fallible:allow dup b
}

type I interface {
	//fallible:allow on a method
	M()
}
`},
		want: []string{
			"a.go:3:1: error: //fallible:allow is misplaced in the doc comment of a function: put it at the end of the line to exempt, or alone on the line directly above a statement",
			"a.go:5:2: error: //fallible:allow is misplaced above a line that begins no statement: put it at the end of the line to exempt, or alone on the line directly above a statement",
			"a.go:9:2: error: //fallible:allow is misplaced above a line that begins no statement: put it at the end of the line to exempt, or alone on the line directly above a statement",
			"a.go:13:3: error: //fallible:allow is misplaced above a line that begins no statement: put it at the end of the line to exempt, or alone on the line directly above a statement",
			"a.go:19:1: error: //fallible:allow is misplaced in the doc comment of a type: put it at the end of the line to exempt, or alone on the line directly above a statement",
			"a.go:22:1: error: //fallible:allow is misplaced outside a function body: put it at the end of the line to exempt, or alone on the line directly above a statement",
			"a.go:25:2: allow(dup a) line 26",
			"a.go:26:8: error: duplicate //fallible:allow: line 26 is already exempted, remove this one",
			"a.go:30:2: error: //fallible:allow is misplaced in the doc comment of an interface method: put it at the end of the line to exempt, or alone on the line directly above a statement",
		},
	},
	{
		name: "conflicts",
		srcs: []string{`package p

//fallible:trusted r
//fallible:infallible
func A() {}

//fallible:infallible
//fallible:trusted r
func B() {}

//fallible:strict
//fallible:trusted r
func C() {}

//fallible:trusted r
//fallible:strict
func D() {}

//fallible:strict
//fallible:strict
func E() {}

//fallible:strict
//fallible:infallible
func F() {}
`},
		want: []string{
			"a.go:3:1: trusted(r) func A",
			"a.go:4:1: error: //fallible:infallible conflicts with //fallible:trusted: a trusted function does not allocate and an infallible one does, keep one",
			"a.go:7:1: infallible func B",
			"a.go:8:1: error: //fallible:trusted conflicts with //fallible:infallible: a trusted function does not allocate and an infallible one does, keep one",
			"a.go:11:1: strict func C",
			"a.go:12:1: error: //fallible:trusted conflicts with //fallible:strict: strict checks the body and trusted skips it, keep one",
			"a.go:15:1: trusted(r) func D",
			"a.go:16:1: error: //fallible:strict conflicts with //fallible:trusted: strict checks the body and trusted skips it, keep one",
			"a.go:19:1: strict func E",
			"a.go:20:1: error: duplicate //fallible:strict: remove this one",
			"a.go:23:1: strict func F",
			"a.go:24:1: error: //fallible:infallible conflicts with //fallible:strict: an infallible function allocates by definition, keep one",
		},
	},
	{
		name: "malformed in place",
		srcs: []string{`package p

// fallible:strict
func A() {}

//falible:strict
func B() {}

func C() {
	_ = 1 // fallible:allow r
	_ = 2 //fallible:allow
	_ = 3 /*fallible:allow r*/
	// fallible is good
}
`},
		want: []string{
			"a.go:3:1: error: malformed directive // fallible:strict: directives are written //fallible:strict with no space",
			"a.go:6:1: error: misspelt directive //falible:strict: write //fallible:strict",
			"a.go:10:8: error: malformed directive // fallible:allow: directives are written //fallible:allow with no space",
			"a.go:11:8: error: //fallible:allow needs a reason: write //fallible:allow REASON",
		},
	},
	{
		name: "line directive",
		srcs: []string{`package p

func F() {
//line other.go:100
	_ = 1 //fallible:allow exempts unadjusted line 5
}
`},
		want: []string{
			"a.go:5:8: allow(exempts unadjusted line 5) line 5",
		},
	},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.name, func(t *testing.T) {
			diff(t, load(t, tt.srcs...).dump(), tt.want)
		})
	}
}
