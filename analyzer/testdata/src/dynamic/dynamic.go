// Package dynamic calls through interfaces and func values, whose callees
// the analyzer cannot see.
package dynamic

import "io"

var sinkInt int

//fallible:strict
func Interface(r io.Reader, p []byte) { // want Interface:"allocates\\(dynamic\\) leaks\\(heap:0,1\\)"
	sinkInt, _ = r.Read(p) // want `strict function Interface calls method Read through interface io.Reader: the callee is not known statically and may allocate`
}

//fallible:strict
func FuncValue(f func() int) { // want FuncValue:"allocates\\(dynamic\\) leaks\\(heap:0\\)"
	sinkInt = f() // want `strict function FuncValue calls a function value: the callee is not known statically and may allocate`
}

func apply(f func(int) int, v int) int { return f(v) } // want apply:"allocates\\(dynamic\\)"

//fallible:strict
func ThroughHelper() { // want ThroughHelper:"allocates\\(dynamic via dynamic.apply, 1 hops\\)"
	sinkInt = apply(func(v int) int { return v + 1 }, 2) // want `strict function ThroughHelper calls apply, which may allocate: apply → dynamic call at dynamic.go:\d+ may allocate`
}
