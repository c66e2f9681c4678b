// Package c calls methods of a package it does not import. go vet gives it
// no package fact of a (drivers pass those to direct importers only), but
// b's, which says everything b depends on was analysed, and a.U's fact.
package c

import "example.com/indirect/b"

//fallible:strict
func Clean() int { return b.Get().N() + b.List().Len() }

//fallible:strict
func Grows() { b.List().Push(1) }
