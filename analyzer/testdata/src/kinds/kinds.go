package kinds

import "strconv"

type T struct{ a, b int }

var sink any
var gp *T

//fallible:strict
func MakeSlice(n int) []byte {
	return make([]byte, n) // want `strict function MakeSlice allocates: make allocates a slice`
}

//fallible:strict
func Append(s []int) []int {
	return append(s, 1) // want `strict function Append allocates: append may grow the slice`
}

//fallible:strict
func Escapes() *T {
	return &T{1, 2} // want `strict function Escapes allocates: composite literal escapes to the heap`
}

//fallible:strict
func StaysLocal() int {
	p := &T{1, 2}
	return p.a + p.b
}

//fallible:strict
func Box(x int) {
	sink = x // want `strict function Box allocates: conversion to interface allocates`
}

//fallible:strict
func Itoa(x int) string {
	return strconv.Itoa(x) // want `strict function Itoa calls strconv.Itoa, which may allocate: strconv.Itoa → .*`
}

func parse(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}

//fallible:strict
func LocalBuf() int {
	var buf [64]byte
	return parse(buf[:])
}

func keep(b []byte) { gp = &T{} ; _ = b }

func grow(s []int) []int { return append(s, 1) }
func fill(s []int) []int { return grow(s) }

//fallible:strict
func Chain(s []int) []int {
	return fill(s) // want `strict function Chain calls fill, which may allocate: fill → grow → append at kinds.go:\d+ may grow the slice`
}
