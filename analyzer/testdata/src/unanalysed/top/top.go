// Package top calls a method of dep, a package it sees only through mid's // want package:"analysed, with dependencies that were not"
// API: mid's fact says that not everything it depends on was analysed, so
// the method may allocate.
package top

import "unanalysed/mid"

var t = mid.New()

//fallible:strict
func Get() int {
	return t.Get() // want `strict function Get calls \(\*dep.T\).Get, which may allocate: package unanalysed/dep was not analysed`
}
