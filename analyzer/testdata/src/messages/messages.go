// Package messages checks the shape of the diagnostics of strict code: one // want package:"analysed"
// per offending call, whose boxed arguments and variadic slice belong to
// it, and a fix hint at the end of each. Exported functions take no
// arguments, so that the runtime cross-check can count what they
// allocate.
package messages

import (
	"errors"
	"fmt"
)

var (
	n        = 1000
	str      = "a string that is longer than thirty-two bytes"
	ints     = make([]int, 0, 1)
	sinkStr  string
	sinkErr  error
	sinkAny  any
	sinkInts []int
	sinkMap  = map[int]int{}
)

// One diagnostic for the call: the box of n and the variadic slice are the
// call's.

//fallible:strict
func Sprintf() { // want Sprintf:"allocates\\(box\\)"
	sinkStr = fmt.Sprintf("%d", n) // want `^strict function Sprintf calls fmt.Sprintf, which may allocate: .*; use collections.Builder, or //fallible:allow REASON \[call\]$`
}

//fallible:strict
func Errorf() { // want Errorf:"allocates\\(box\\)"
	sinkErr = fmt.Errorf("bad %d", n) // want `^strict function Errorf calls fmt.Errorf, which may allocate: .*; return a sentinel error, or //fallible:allow REASON \[call\]$`
}

//fallible:strict
func ErrorsNew() { // want ErrorsNew:"allocates\\(composite via errors.New, 1 hops\\)"
	sinkErr = errors.New(str) // want `^strict function ErrorsNew calls errors.New, which may allocate: .*; return a sentinel error, or //fallible:allow REASON \[call\]$`
}

// A call that spans lines: the boxes on its later lines are still the
// call's.

//fallible:strict
func Spread() { // want Spread:"allocates\\(box\\)"
	sinkStr = fmt.Sprint( // want `^strict function Spread calls fmt.Sprint, which may allocate: .*; use collections.Builder, or //fallible:allow REASON \[call\]$`
		n,
		n+1,
	)
}

// An allow is for one line: the boxes on the other lines of an allowed
// call are reported on their own.

//fallible:strict
func spreadAllowed() { // want spreadAllowed:"allocates\\(box\\)"
	sinkStr = fmt.Sprint( //fallible:allow formatting is accepted here
		n,   // want `^strict function spreadAllowed allocates: conversion to interface allocates; .*\[allocation\]$`
		n+1, //fallible:allow so is this box
	)
}

// keep does not allocate, but keeps its argument: the box is reported on
// its own, since the call is clean.
func keep(v any) { sinkAny = v } // want keep:"leaks\\(heap:0\\)"

//fallible:strict
func BoxForCleanCall() { // want BoxForCleanCall:"allocates\\(box\\)"
	keep(n) // want `^strict function BoxForCleanCall allocates: conversion to interface allocates; move it out of strict code, or //fallible:allow REASON \[allocation\]$`
}

// keepAll keeps its variadic slice: the slice is reported, the call is
// clean.
func keepAll(vs ...int) { sinkInts = vs } // want keepAll:"leaks\\(heap:0\\)"

//fallible:strict
func VariadicForCleanCall() { // want VariadicForCleanCall:"allocates\\(variadic\\)"
	keepAll(n, n) // want `^strict function VariadicForCleanCall allocates: variadic argument slice escapes to the heap; move it out of strict code, or //fallible:allow REASON \[allocation\]$`
}

// grow allocates and boxes nothing: one diagnostic for the call, whose
// variadic slice does not escape.
func grow(vs ...int) { sinkInts = append(sinkInts, vs...) } // want grow:"allocates\\(append\\)"

//fallible:strict
func CallsGrow() { // want CallsGrow:"allocates\\(append via messages.grow, 1 hops\\)"
	grow(n, n) // want `^strict function CallsGrow calls grow, which may allocate: grow → append at messages.go:\d+ may grow the slice; move it out of strict code, or //fallible:allow REASON \[call\]$`
}

// The hints of direct allocations.

//fallible:strict
func Append() { // want Append:"allocates\\(append\\)"
	sinkInts = append(ints, n, n) // want `^strict function Append allocates: append may grow the slice; use \(\*collections.Vec\).TryPush, or //fallible:allow REASON \[allocation\]$`
}

//fallible:strict
func MapInsert(m map[int]int) { // want MapInsert:"allocates\\(map-insert\\)"
	m[n] = n // want `^strict function MapInsert allocates: map insertion may grow the map; use \(\*collections.Map\).TryInsert, or //fallible:allow REASON \[allocation\]$`
}

//fallible:strict
func Concat() { // want Concat:"allocates\\(concat\\)"
	sinkStr = str + str // want `^strict function Concat allocates: string concatenation allocates; use collections.Builder, or //fallible:allow REASON \[allocation\]$`
}

//fallible:strict
func MakeSlice() { // want MakeSlice:"allocates\\(make-slice\\)"
	sinkInts = make([]int, n) // want `^strict function MakeSlice allocates: make allocates a slice; use \(\*collections.Vec\).TryReserve, or //fallible:allow REASON \[allocation\]$`
}

//fallible:strict
func MakeMap() { // want MakeMap:"allocates\\(make-map\\)"
	sinkMap = make(map[int]int) // want `^strict function MakeMap allocates: make allocates a map; use \(\*collections.Map\).TryReserve, or //fallible:allow REASON \[allocation\]$`
}

// An infallible method with a fallible twin: the hint names the twin.

type List struct{ items []int } // want List:"^methods analysed; Items: leaks\\(result-content:0\\); Push: allocates\\(infallible\\) leaks\\(content:0\\); TryPush: leaks\\(content:0\\)$"

// Push appends x, or panics.
//
//fallible:infallible
func (l *List) Push(x int) { l.items = append(l.items, x) } // want Push:"allocates\\(infallible\\) leaks\\(content:0\\)"

// TryPush appends x, or reports that it cannot.
//
//fallible:trusted grows only within capacity
func (l *List) TryPush(x int) error { // want TryPush:"leaks\\(content:0\\)"
	if len(l.items) == cap(l.items) {
		return errFull
	}
	l.items = append(l.items, x)
	return nil
}

var errFull = errors.New("full")

var list = &List{items: make([]int, 0, 1)}

//fallible:strict
func UsesPush() { // want UsesPush:"allocates\\(infallible via \\(\\*messages.List\\).Push, 1 hops\\)"
	list.Items()
	list.Push(n) // want `^strict function UsesPush calls \(\*List\).Push, which may allocate: \(\*List\).Push, which is marked //fallible:infallible; use \(\*List\).TryPush, or //fallible:allow REASON \[call\]$`
}

// Items is clean.
func (l *List) Items() []int { return l.items } // want Items:"leaks\\(result-content:0\\)"

// Dynamic calls: the hint names the contract to add when the interface or
// func type is this package's.

type Sink interface{ Put(v int) }

type Hook func(v int)

//fallible:strict
func CallsInterface(s Sink) { // want CallsInterface:"allocates\\(dynamic\\) leaks\\(heap:0\\)"
	s.Put(n) // want `^strict function CallsInterface calls method Put through interface Sink: the callee is not known statically and may allocate; mark Sink.Put //fallible:strict, or //fallible:allow REASON \[dynamic-call\]$`
}

//fallible:strict
func CallsHook(h Hook) { // want CallsHook:"calls\\(0\\)"
	h(n) // want `^strict function CallsHook calls a function value: the callee is not known statically and may allocate; mark type Hook //fallible:strict, or //fallible:allow REASON \[dynamic-call\]$`
}

// A dynamic call's boxed argument is the call's.

type AnySink interface{ Put(v any) }

//fallible:strict
func CallsAnySink(s AnySink) { // want CallsAnySink:"allocates\\(box\\) leaks\\(heap:0\\)"
	s.Put(n) // want `^strict function CallsAnySink calls method Put through interface AnySink: .*; mark AnySink.Put //fallible:strict, or //fallible:allow REASON \[dynamic-call\]$`
}

//fallible:strict
func CallsFunc(f func()) { // want CallsFunc:"calls\\(0\\)"
	f() // want `^strict function CallsFunc calls a function value: .*; call through a //fallible:strict interface or func type, or //fallible:allow REASON \[dynamic-call\]$`
}
