package kinds

// The compiler's escape analysis does not tell a struct's fields apart: a
// struct variable is one location, and a field read out of it is that
// location (cmd/compile/internal/escape: ODOT flows the whole struct). A
// field that leaks leaks what every field points to. A string points to
// its bytes, so a string field that leaks does it too. Look-alikes in
// lookalikes/structfields.go.

type named struct {
	name string
	n    *int
}

var sinkName string

//go:noinline
func keepName(s string) { sinkName = s } // want keepName:"leaks\\(heap:0\\)"

//fallible:strict
func StringFieldLeaks() { // want StringFieldLeaks:"allocates\\(escape\\)"
	x := n // want `strict function StringFieldLeaks allocates: variable is moved to the heap`
	r := named{name: str, n: &x}
	keepName(r.name)
	sinkInt = *r.n
}

// The bytes of []byte(s) are a copy: the slice escaping does not take
// what s points to, nor the struct s was read from, with it.
//
//fallible:strict
func ConvertedFieldEscapes() { // want ConvertedFieldEscapes:"allocates\\(convert\\)"
	x := n
	r := named{name: str, n: &x}
	sinkB = []byte(r.name) // want `strict function ConvertedFieldEscapes allocates: conversion copies to a new allocation`
	sinkInt = *r.n
}
