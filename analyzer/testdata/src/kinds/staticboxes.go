package kinds

// Boxes of values that the model knows, each with its look-alike in
// lookalikes/staticboxes.go. go/ssa gives a zero value, and a constant held in
// a variable, as a constant; the compiler lays out in static data only
// the constants and literals of constants that it sees at the conversion
// (or through a variable defined once and never written again), and
// passes any other value to a runtime conversion function, which keeps
// in static memory only a value below 256 (convT16, convT32, convT64),
// "" and a nil slice: convT and convTnoptr always allocate.

type (
	triple struct{ a, b, c int64 }
	pair32 struct{ a, b int32 } // 8 bytes aligned on 4: convTnoptr
	word   struct{ a int64 }    // convT64
)

var sinkAny3 any

//fallible:strict
func BoxZeroNewArray() { // want BoxZeroNewArray:"allocates\\(box\\)"
	sinkAny = *new([3]int64) // want `strict function BoxZeroNewArray allocates: conversion to interface allocates`
}

//fallible:strict
func BoxZeroNewStruct() { // want BoxZeroNewStruct:"allocates\\(box\\)"
	sinkAny = *new(triple) // want `strict function BoxZeroNewStruct allocates: conversion to interface allocates`
}

//fallible:strict
func BoxZeroVar() { // want BoxZeroVar:"allocates\\(box\\)"
	var t triple
	sinkAny = t // want `strict function BoxZeroVar allocates: conversion to interface allocates`
}

//fallible:strict
func BoxZeroPair() { // want BoxZeroPair:"allocates\\(box\\)"
	var p pair32
	sinkAny = p // want `strict function BoxZeroPair allocates: conversion to interface allocates`
}

//fallible:strict
func BoxZeroStrings() { // want BoxZeroStrings:"allocates\\(box\\)"
	var a [2]string
	sinkAny = a // want `strict function BoxZeroStrings allocates: conversion to interface allocates`
}

// A variable assigned again is not followed to its constant.
//
//fallible:strict
func BoxReassignedConstant() { // want BoxReassignedConstant:"allocates\\(box\\)"
	x := 1000
	sinkAny = x // want `strict function BoxReassignedConstant allocates: conversion to interface allocates`
	x = 2000
	sinkAny3 = x // want `strict function BoxReassignedConstant allocates: conversion to interface allocates`
}

//fallible:strict
func BoxConstantReassignedByRange() { // want BoxConstantReassignedByRange:"allocates\\(box\\)"
	x := 1000
	sinkAny = x // want `strict function BoxConstantReassignedByRange allocates: conversion to interface allocates`
	for x = range 2 {
		sinkInt += x
	}
}

// x is declared by var, then assigned by :=: the compiler follows only
// a variable's definition.
//
//fallible:strict
func BoxConstantRedeclared() { // want BoxConstantRedeclared:"allocates\\(box\\)"
	var x int
	x, y := 1000, n
	sinkInt = y
	sinkAny = x // want `strict function BoxConstantRedeclared allocates: conversion to interface allocates`
}

// Taking the address of a variable stops the compiler following it,
// though go/ssa still sees the constant stored through the pointer.
//
//fallible:strict
func BoxAddressTakenConstant() { // want BoxAddressTakenConstant:"allocates\\(box\\)"
	x := 1000
	p := &x
	*p = 1000
	sinkAny = x // want `strict function BoxAddressTakenConstant allocates: conversion to interface allocates`
}

// A variable holding a literal is followed only for a value that the
// runtime takes by address: word goes through convT64.
//
//fallible:strict
func BoxLiteralOfWordThroughVar() { // want BoxLiteralOfWordThroughVar:"allocates\\(box\\)"
	x := word{1000}
	sinkAny = x // want `strict function BoxLiteralOfWordThroughVar allocates: conversion to interface allocates`
}

// The constant reaches the interface variable v through a merge, where
// the model cannot find the expression converted (it reports the box at
// v's declaration); x is assigned again, so the compiler converts
// the value at run time.
//
//fallible:strict
func BoxReassignedConstantMerged() { // want BoxReassignedConstantMerged:"allocates\\(box\\)"
	x := 1000
	var v any // want `strict function BoxReassignedConstantMerged allocates: conversion to interface allocates`
	if n > 0 {
		v = x
	}
	x = 2000
	sinkAny = v
	sinkInt = x
}

// A constant boxed into an element of interface type makes the literal
// allocate.
//
//fallible:strict
func BoxLiteralOfBoxedConstant() { // want BoxLiteralOfBoxedConstant:"allocates\\(box\\)"
	sinkAny = [1]any{1000} // want `strict function BoxLiteralOfBoxedConstant allocates: conversion to interface allocates`
}

// A byte beside a zero-size field is one byte, but no sole component:
// the runtime's table of bytes does not serve it (convTnoptr).
type padded struct {
	_ struct{}
	b byte
}

var byteVar byte = 7

//fallible:strict
func BoxPaddedByte() { // want BoxPaddedByte:"allocates\\(box\\)"
	sinkAny = padded{b: byteVar} // want `strict function BoxPaddedByte allocates: conversion to interface allocates`
}
