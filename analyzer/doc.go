// Package analyzer defines nofallalloc's analysis.Analyzer.
//
// # Analyzer nofallalloc
//
// nofallalloc: report infallible allocations reachable from strict functions
//
// In Go, running out of memory is fatal. A function marked
// //fallible:strict promises that it never allocates in a way that cannot
// fail: it grows memory only through fallible APIs (the Try methods of
// package collections) and through functions that vouch for themselves
// with //fallible:trusted. The analyzer reports every path by which a
// strict function reaches an allocation.
//
// (The full manual is written with the fixtures.)
package analyzer
