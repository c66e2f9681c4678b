// Package user reads into arrays on its stack through package helper's // want package:`analysed; ApplySame: allocates\(escape\); ForwardKeep: allocates\(escape\); ForwardKeepingLiteral: allocates\(escape\); ForwardUnknown: allocates\(escape\); ReadKeptArray: allocates\(escape\)}$`
// functions that call their func-typed parameters.
package user

import "paramcalls/helper"

var (
	file   helper.File
	sinkN  int
	sinkP  *int
	number = 1000
)

// The compiler keeps buf on the stack: helper.Fill keeps nothing.
//
//fallible:strict
func ReadIntoArray() {
	var buf [64]byte
	sinkN, _ = file.Read(buf[:])
}

//fallible:strict
func ReadKeptArray() { // want ReadKeptArray:`^allocates\(escape\)$`
	var buf [64]byte // want `strict function ReadKeptArray allocates: variable is moved to the heap`
	sinkN, _ = file.ReadKept(buf[:])
}

//fallible:strict
func ForwardFill() {
	var buf [64]byte
	sinkN, _ = helper.Forward(helper.Fill, buf[:])
}

//fallible:strict
func ForwardKeep() { // want ForwardKeep:`^allocates\(escape\)$`
	var buf [64]byte // want `strict function ForwardKeep allocates: variable is moved to the heap`
	sinkN, _ = helper.Forward(helper.Keep, buf[:])
}

// A literal that keeps nothing, and one that keeps its argument.
//
//fallible:strict
func ForwardLiteral() {
	var buf [64]byte
	sinkN, _ = helper.Forward(func(fd int, p []byte) (int, error) { return len(p), nil }, buf[:])
}

//fallible:strict
func ForwardKeepingLiteral() { // want ForwardKeepingLiteral:`^allocates\(escape\)$`
	var buf [64]byte // want `strict function ForwardKeepingLiteral allocates: variable is moved to the heap`
	sinkN, _ = helper.Forward(func(fd int, p []byte) (int, error) { sinkP = &number; kept = p; return 0, nil }, buf[:])
}

var kept []byte

// A function the model cannot name: what it is given escapes.
var unknownFill = helper.Fill

//fallible:strict
func ForwardUnknown() { // want ForwardUnknown:`^allocates\(escape\)$`
	var buf [64]byte                               // want `strict function ForwardUnknown allocates: variable is moved to the heap`
	sinkN, _ = helper.Forward(unknownFill, buf[:]) // want `strict function ForwardUnknown passes a function value to helper.Forward, which calls it`
}

// Apply returns its argument when Same is passed, and the result
// escapes.
//
//fallible:strict
func ApplySame() { // want ApplySame:`^allocates\(escape\)$`
	x := number // want `strict function ApplySame allocates: variable is moved to the heap`
	sinkP = helper.Apply(helper.Same, &x)
}
