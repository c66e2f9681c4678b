// Package downstream calls through middle into upstream: the chain it // want package:"analysed"
// prints crosses both packages, down to upstream's unexported helper.
package downstream

import (
	"chain/middle"
	"chain/upstream"
)

var buf upstream.Buffer

//fallible:strict
func Log(p []byte) { // want Log:"allocates\\(append via chain/middle.Record, 3 hops\\)"
	middle.Record(&buf, p) // want `strict function Log calls middle.Record, which may allocate: middle.Record → \(\*chain/upstream.Buffer\).Write → chain/upstream.grow → append at upstream.go:11 may grow the slice`
}

//fallible:strict
func Size() int {
	return middle.Size(&buf)
}
