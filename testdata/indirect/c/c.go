// Package c calls methods of a package it does not import. go vet gives it
// no package fact of a (drivers pass those to direct importers only), but
// the facts of a's types and methods.
package c

import "example.com/indirect/b"

//fallible:strict
func Clean() int { return b.Get().N() + b.List().Len() }

//fallible:strict
func Grows() { b.List().Push(1) }
