package lookalikes

// Look-alike of kinds.WrappedThenLoaded: a function that returns either
// its parameter or a fresh object of its own, as an append-style
// reserve does. The fresh object is on the heap, and so is what it
// holds, but that is no reason for the caller's array, which the same
// variable holds, to leave the caller's stack: the compiler leaks the
// parameter to the result only (segmentio/ksuid's reserve, under
// (CompressedSet).writeTo's [27]byte).

//go:noinline
func reserveBytes(dst []byte, n int) []byte { // want reserveBytes:"allocates\\(make-slice\\) leaks\\(result:0\\)"
	if cap(dst)-len(dst) < n {
		grown := make([]byte, len(dst), len(dst)+n)
		copy(grown, dst)
		dst = grown
	}
	return dst
}

//fallible:strict
func ReserveInCallerArray() int {
	var a [27]byte
	return len(reserveBytes(a[:0], len(a))) //fallible:allow the array is large enough: reserveBytes does not grow it
}
