package inlining

// Look-alikes of keeps.go: the helper calls its func-typed
// parameter, and the function passed keeps nothing, so what the strict
// function hands over stays on its stack. The compiler sees it by
// inlining the helper, where the call becomes a static call; the model
// by resolving the helper's ParamCallLeaks with that function's summary.

// The compiler inlines eachChunkTwice (cost 52) and eachChunk in it (21);
// the model's bound on eachChunkTwice's cost counts eachChunk's twice.
func eachChunkTwice(fn func(p []byte) int, p []byte) int { return eachChunk(fn, p) + eachChunk(fn, p) } // want eachChunkTwice:`^calls\(0\) passes\(heap:1 to 0\[0\]\)$`

//go:noinline
func sumChunk(p []byte) int {
	s := 0
	for _, b := range p {
		s += int(b)
	}
	return s
}

//fallible:strict
func ChunkReadByFunctionPassed() {
	var buf [64]byte
	sinkChunkSize = eachChunk(sumChunk, buf[:])
}

//fallible:strict
func ChunkReadByLiteralPassed() {
	var buf [64]byte
	sinkChunkSize = eachChunk(func(p []byte) int { return len(p) }, buf[:])
}

// Passed on through a second helper.
//
//fallible:strict
func ChunkPassedOn() {
	var buf [64]byte
	sinkChunkSize = eachChunkTwice(sumChunk, buf[:])
}
