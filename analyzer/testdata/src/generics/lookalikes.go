package generics

import "cmp"

// Look-alikes: literals of generic code whose func value does not escape
// live on the stack, dictionary and all; a literal of ordinary code that
// captures nothing is static data wherever it goes.

// called calls its literal in place.
//
//go:noinline
//fallible:strict
func called[T any]() int { return func() int { return 6 }() }

//fallible:strict
func CalledLiteral() { sinkInt = called[int]() }

// local keeps its literal in a local variable and calls it.
//
//go:noinline
//fallible:strict
func local[T any]() int {
	f := func() int { return n }
	return f()
}

//fallible:strict
func LocalLiteral() { sinkInt = local[int]() }

//go:noinline
func apply(f func() int) int { return f() } // want apply:"calls\\(0\\)"

// passed passes its literal to a function that calls it without keeping it.
//
//go:noinline
//fallible:strict
func passed[T any]() int { return apply(func() int { return 7 }) }

//fallible:strict
func PassedLiteral() { sinkInt = passed[int]() }

// nestedLocal's literals are called in place, the inner one in the outer.
//
//go:noinline
//fallible:strict
func nestedLocal[T any]() int {
	g := func() int { f := func() int { return 8 }; return f() }
	return g()
}

//fallible:strict
func NestedLocalLiteral() { sinkInt = nestedLocal[int]() }

// plainLess is ordinary code: its literal is static data.
//
//go:noinline
//fallible:strict
func plainLess() func(a, b int) bool { return func(a, b int) bool { return a < b } }

//fallible:strict
func PlainLiteral() { sinkLess = plainLess() }

// compareInts, in generic code, instantiates a generic function with a
// type argument of its own: static data.
//
//go:noinline
//fallible:strict
func compareInts[T any]() func(a, b int) int { return cmp.Compare[int] }

//fallible:strict
func ConcreteInstanceValue() { sinkCmp = compareInts[string]() }

// compareCalled calls the instantiation that it holds in a local variable.
//
//go:noinline
//fallible:strict
func compareCalled[T cmp.Ordered](a, b T) int {
	f := cmp.Compare[T]
	return f(a, b)
}

//fallible:strict
func CalledInstance() { sinkInt = compareCalled(n, 3) }

func seven() int { return 7 }

// declared, in generic code, returns a function declared without type
// parameters: static data.
//
//go:noinline
//fallible:strict
func declared[T any]() func() int { return seven }

//fallible:strict
func DeclaredValue() { sinkFn = declared[int]() }
