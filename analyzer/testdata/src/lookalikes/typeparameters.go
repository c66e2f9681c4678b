package lookalikes

// A type assertion to a type parameter whose every type is boxed in an
// interface (neither an interface nor pointer-shaped) copies the value
// out of the box, as it does for such a type itself: the compiler
// compiles the assertion for each instantiation's shape, and the box
// stays on the stack (spf13/cast's ToE: v.(T), T a Basic).

//go:noinline
func throughAny[T int | string](x T) T { // want throughAny:"leaks\\(result:0\\)"
	var v any = x
	return v.(T)
}

//fallible:strict
func AssertToTypeParameter() string {
	return throughAny(str)
}
