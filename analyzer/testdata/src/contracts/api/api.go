// Package api declares effect contracts that another package relies on. // want package:"analysed"
package api

// Sink receives values without allocating.
type Sink interface {
	//fallible:strict
	Put(v int)    // want Put:"contract"
	Name() string // no contract: calls through it stay dynamic
}

// Visitor is called for each value, and may not allocate.
//
//fallible:strict
type Visitor func(v int) bool // want Visitor:"contract"

// Each calls visit for every value: a call through the contract is clean.
//
//fallible:strict
func Each(values []int, visit Visitor) {
	for _, v := range values {
		if !visit(v) {
			return
		}
	}
}

// Fill puts every value into s: a call through the contract is clean.
//
//fallible:strict
func Fill(s Sink, values []int) { // want Fill:"leaks\\(heap:0\\)"
	for _, v := range values {
		s.Put(v)
	}
}
