// Package generics has the function literals of generic code. The // want package:"analysed"
// compiler stencils generic code by GC shape: a literal there captures its
// instantiation's dictionary even when it captures no variable, so it is
// a closure that allocates when it escapes, where the same literal in
// ordinary code is static data.
//
// The measured functions (crosscheck_test.go) cannot be generic, so they
// call generic functions, each //go:noinline so that what it allocates is
// allocated in the measurement too (TestGenericClosures).
package generics

import "cmp"

type ordered interface{ ~int | ~string }

var (
	n        = 100
	sinkLess func(a, b int) bool
	sinkStrs func(a, b string) bool
	sinkFn   func() int
	sinkFns  func() func() int
	sinkInt  int
	sinkCmp  func(a, b int) int
	sinkGet  func(*box[int]) func() int
)

// less returns a literal that uses its type parameter.
//
//go:noinline
//fallible:strict
func less[T ordered]() func(a, b T) bool { // want less:"allocates\\(closure\\)"
	return func(a, b T) bool { return a < b } // want `strict function less allocates: function literal escapes to the heap`
}

//fallible:strict
func ReturnedLiteral() { // want ReturnedLiteral:"allocates\\(closure via generics.less, 1 hops\\)"
	sinkLess = less[int]()    // want `strict function ReturnedLiteral calls less, which may allocate: less → function literal at generics.go:\d+ escapes to the heap`
	sinkStrs = less[string]() // want `strict function ReturnedLiteral calls less, which may allocate`
}

// one returns a literal that uses nothing of its type parameter: it
// still captures the dictionary, whatever the type argument.
//
//go:noinline
//fallible:strict
func one[T any]() func() int { // want one:"allocates\\(closure\\)"
	return func() int { return 1 } // want `strict function one allocates: function literal escapes to the heap`
}

//fallible:strict
func LiteralWithoutTypeParam() { // want LiteralWithoutTypeParam:"allocates\\(closure via generics.one, 1 hops\\)"
	sinkFn = one[*int]() // want `strict function LiteralWithoutTypeParam calls one, which may allocate`
}

type box[T any] struct{ v T }

// getter is a method of a generic type: its literals are generic code too.
//
//go:noinline
//fallible:strict
func (b *box[T]) getter() func() int { // want getter:"allocates\\(closure\\)"
	return func() int { return 3 } // want `strict function \(\*box\[T\]\).getter allocates: function literal escapes to the heap`
}

//fallible:strict
func MethodLiteral() { // want MethodLiteral:"allocates\\(closure via \\(\\*generics.box\\[T\\]\\).getter, 1 hops\\)"
	b := &box[int]{}
	sinkFn = b.getter() // want `strict function MethodLiteral calls \(\*box\[T\]\).getter, which may allocate`
}

// nested returns a literal whose own literal escapes when it runs: the
// dictionary goes down into literals nested in literals.
//
//go:noinline
//fallible:strict
func nested[T any]() func() int { // want nested:"allocates\\(closure\\)"
	return func() func() int { return func() int { return 4 } }() // want `strict function nested.func1 allocates: function literal escapes to the heap`
}

//fallible:strict
func NestedLiteral() { // want NestedLiteral:"allocates\\(closure via generics.nested, 1 hops\\)"
	sinkFn = nested[int]() // want `strict function NestedLiteral calls nested, which may allocate`
}

//go:noinline
func keep(f func() int) { sinkFn = f } // want keep:"leaks\\(heap:0\\)"

// retained passes its literal to a function that keeps it.
//
//go:noinline
//fallible:strict
func retained[T any]() { // want retained:"allocates\\(closure\\)"
	keep(func() int { return 5 }) // want `strict function retained allocates: function literal escapes to the heap`
}

//fallible:strict
func RetainedLiteral() { // want RetainedLiteral:"allocates\\(closure via generics.retained, 1 hops\\)"
	retained[int]() // want `strict function RetainedLiteral calls retained, which may allocate`
}

// compare calls, then returns, a generic function instantiated with its
// type parameter: the value is a closure of the instantiation's
// dictionary too, made where it is returned.
//
//go:noinline
//fallible:strict
func compare[T cmp.Ordered]() func(a, b T) int { // want compare:"allocates\\(closure\\)"
	var zero T
	sinkInt = cmp.Compare(zero, zero)
	return cmp.Compare[T] // want `strict function compare allocates: function literal escapes to the heap`
}

//fallible:strict
func InstanceValue() { // want InstanceValue:"allocates\\(closure via generics.compare, 1 hops\\)"
	sinkCmp = compare[int]() // want `strict function InstanceValue calls compare, which may allocate`
}

// getterOf returns a method expression of a generic type.
//
//go:noinline
//fallible:strict
func getterOf[T any]() func(*box[T]) func() int { // want getterOf:"allocates\\(closure\\)"
	return (*box[T]).getter // want `strict function getterOf allocates: function literal escapes to the heap`
}

//fallible:strict
func MethodExpression() { // want MethodExpression:"allocates\\(closure via generics.getterOf, 1 hops\\)"
	sinkGet = getterOf[int]() // want `strict function MethodExpression calls getterOf, which may allocate`
}
