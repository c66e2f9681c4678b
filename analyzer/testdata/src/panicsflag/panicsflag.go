// Package panicsflag is checked with -panic-paths: allocations on paths // want package:"analysed"
// that can only panic are reported too.
package panicsflag

import (
	"fmt"
	"os"
	"strconv"
)

var n = 100

//fallible:strict
func Check() { // want Check:"allocates\\(concat\\)"
	if n < 0 {
		panic("negative " + strconv.Itoa(n)) // want `strict function Check allocates: string concatenation allocates` `strict function Check calls strconv.Itoa, which may allocate` `strict function Check allocates: conversion to interface allocates`
	}
}

// With -panic-paths, the allow exempts the panic path's allocations.
//
//fallible:strict
func AllowOnPanicPath() {
	if n < 0 {
		panic(fmt.Sprint(n)) //fallible:allow the message is built only to panic
	}
}

var msg = "not a constant"

// A constant panic value is static data, even where a string variable
// that the compiler does not follow could hold a constant.
//
//fallible:strict
func PanicConstant() {
	s := "prefix"
	if n > 1 {
		s = msg
	}
	if n < 0 {
		panic("a constant message")
	}
	sinkStr = s
}

var sinkStr string

// go/ssa places a panic of its own after a call that never returns; it
// is no code of the program.
//
//fallible:strict
func Exits() { // want Exits:"allocates\\(box\\)"
	s := "prefix"
	if n > 1 {
		s = msg
	}
	if n < 0 {
		exit(s) // want `strict function Exits calls exit, which may allocate: exit → os.Exit → os.runtime_beforeExit → dynamic call may allocate`
	}
}

func exit(v any) { // want exit:"leaks\\(heap:0\\)"
	sinkAny = v
	os.Exit(1)
}

var sinkAny any
