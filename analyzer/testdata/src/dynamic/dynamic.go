// Package dynamic calls through interfaces and func values, whose callees // want package:"analysed"
// the analyzer cannot see.
package dynamic

import "io"

var sinkInt int

//fallible:strict
func Interface(r io.Reader, p []byte) { // want Interface:"allocates\\(dynamic\\) leaks\\(heap:0,1\\)"
	sinkInt, _ = r.Read(p) // want `strict function Interface calls method Read through interface io.Reader: the callee is not known statically and may allocate`
}

//fallible:strict
func FuncValue(f func() int) { // want FuncValue:"calls\\(0\\)"
	sinkInt = f() // want `strict function FuncValue calls a function value: the callee is not known statically and may allocate`
}

// apply calls its parameter: its callers are charged with what they pass.
func apply(f func(int) int, v int) int { return f(v) } // want apply:"calls\\(0\\)"

// applyTwice passes its parameter on to apply, and so calls it too.
func applyTwice(f func(int) int, v int) int { return apply(f, apply(f, v)) } // want applyTwice:"calls\\(0\\)"

var table []int

func record(v int) int { table = append(table, v); return v } // want record:"allocates\\(append\\)"

func double(v int) int { return 2 * v }

type holder struct{ f func(int) int }

//fallible:strict
func PassesLiteral() {
	sinkInt = applyTwice(func(v int) int { return v + 1 }, 2)
}

//fallible:strict
func PassesClean() {
	sinkInt = applyTwice(double, 2)
}

//fallible:strict
func PassesAllocating() { // want PassesAllocating:"allocates\\(append via dynamic.record, 1 hops\\)"
	sinkInt = applyTwice(record, 2) // want `strict function PassesAllocating calls applyTwice with record, which may allocate: record → append at dynamic.go:\d+ may grow the slice`
}

//fallible:strict
func PassesField(h holder) { // want PassesField:"allocates\\(dynamic\\)"
	sinkInt = apply(h.f, 2) // want `strict function PassesField passes a function value to apply, which calls it: the callee is not known statically and may allocate`
}

//fallible:strict
func PassesOwnParameter(f func(int) int) { // want PassesOwnParameter:"calls\\(0\\)"
	sinkInt = apply(f, 2) // want `strict function PassesOwnParameter passes a function value to apply, which calls it: the callee is not known statically and may allocate`
}

// The method of this method value is declared after its use: its summary
// must still be solved before the wrapper go/ssa makes for the value.
//
//fallible:strict
func PassesLaterMethod() { // want PassesLaterMethod:"allocates\\(.*\\)"
	sinkInt = apply(later.Grow, 2) // want `strict function PassesLaterMethod calls apply with \(\*laterT\).Grow, which may allocate`
}

type laterT struct{ s []int } // want laterT:"^methods analysed; Grow: allocates\\(append\\) leaks\\(content:0\\)$"

var later laterT

func (l *laterT) Grow(v int) int { l.s = append(l.s, v); return v } // want Grow:"allocates\\(append\\) leaks\\(content:0\\)"

type counter struct{ seen []int } // want counter:"^methods analysed; Add: allocates\\(append\\) leaks\\(content:0\\)$"

func (c *counter) Add(v int) int { c.seen = append(c.seen, v); return v } // want Add:"allocates\\(append\\) leaks\\(content:0\\)"

var tally counter

// A method value passed to a higher-order function is named by its method.
//
//fallible:strict
func PassesMethodValue() { // want PassesMethodValue:"allocates\\(.*\\)"
	sinkInt = apply(tally.Add, 2) // want `strict function PassesMethodValue calls apply with \(\*counter\).Add, which may allocate: \(\*counter\).Add → append at dynamic.go:\d+ may grow the slice`
}

// A range-over-func loop calls its iterator with the loop's body; go/ssa
// gives that call no position, and it is reported at the for keyword,
// where the compiler reports the body and the loop's state (go build
// -gcflags=-m: "func literal escapes to heap", "moved to heap: #state1")
// and where a //fallible:allow of the loop goes.
//
//fallible:strict
func RangeOverFuncValue(seq func(func(int) bool)) { // want RangeOverFuncValue:"allocates\\((escape|closure)\\)"
	s := 0               // want `strict function RangeOverFuncValue allocates: variable is moved to the heap`
	for x := range seq { // want `strict function RangeOverFuncValue calls a function value: the callee is not known statically and may allocate` `strict function RangeOverFuncValue allocates: function literal escapes to the heap` `strict function RangeOverFuncValue allocates: variable is moved to the heap`
		s += x
	}
	sinkInt = s
}
