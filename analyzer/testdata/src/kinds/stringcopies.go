package kinds

// The compiler reads string(b) in place only where the conversion itself
// is the operand of a comparison, a map lookup, len, a concatenation with
// a constant or a switch of constants; anywhere else it copies b, on the
// heap beyond its 32-byte stack buffer, whatever the string is used for.

var runes = []rune(str)

// ConvertedThenCompared: assigned to a variable first, the conversion
// copies, though the variable is only compared (shopspring/decimal's
// NullDecimal.UnmarshalText: str := string(text); if str == "").
//
//fallible:strict
func ConvertedThenCompared() { // want ConvertedThenCompared:"allocates\\(convert\\)"
	s := string(bytes) // want `strict function ConvertedThenCompared allocates: conversion copies to a new allocation`
	if s == "" {
		sinkInt = 1
	}
}

// RunesCompared: string(runes) is never read in place.
//
//fallible:strict
func RunesCompared() { // want RunesCompared:"allocates\\(convert\\)"
	if string(runes) == "x" { // want `strict function RunesCompared allocates: conversion copies to a new allocation`
		sinkInt = 1
	}
}

// ConcatWithoutConstant: without a non-empty constant among its
// operands, a concatenation may return an operand as it is, so
// string(b) is copied first.
//
//fallible:strict
func ConcatWithoutConstant() { // want ConcatWithoutConstant:"allocates\\(convert\\)"
	sinkInt = len(string(bytes) + str) // want `strict function ConcatWithoutConstant allocates: conversion copies to a new allocation` `strict function ConcatWithoutConstant allocates: string concatenation allocates`
}

// SwitchWithVariableCase: a switch on string(b) reads it in place only
// when every case is a constant.
//
//fallible:strict
func SwitchWithVariableCase() { // want SwitchWithVariableCase:"allocates\\(convert\\)"
	switch string(bytes) { // want `strict function SwitchWithVariableCase allocates: conversion copies to a new allocation`
	case str:
		sinkInt = 1
	}
}
