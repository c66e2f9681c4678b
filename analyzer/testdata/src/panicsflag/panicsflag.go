// Package panicsflag is checked with -panic-paths: allocations on paths // want package:"analysed"
// that can only panic are reported too.
package panicsflag

import (
	"fmt"
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
