package lookalikes

import (
	"runtime"
	"unsafe"
)

// Look-alikes of the allocations of kinds/realcode.go.

var (
	str2    = "another string that is longer than thirty-two bytes"
	sinkStr string
)

const debug = false

// A pointer converted to uintptr and back that does not escape.
//
//fallible:strict
func UintptrRoundTrip() {
	x := n
	p := (*int)(unsafe.Pointer(uintptr(unsafe.Pointer(&x)) + 0))
	sinkInt = *p
}

// The compiler deletes the arm of a constant condition that cannot run.
//
//fallible:strict
func ConstantCondition() {
	if debug {
		sinkStr = str + str
	}
	if runtime.GOOS == "plan9" {
		sinkStr = str + str2
	}
	switch runtime.GOOS {
	case "plan9":
		sinkAny = str + str2
	}
}
