package misses

// eachChunk calls the function it is passed. Built as go build does, the
// compiler inlines it, the call becomes a call of sumChunk, which keeps
// nothing, and buf stays on the stack; built with -gcflags=-l, eachChunk
// is compiled knowing nothing of fn and buf moves to the heap. Without
// -inlining the model answers for any build (with it: inlining/).
func eachChunk(fn func(p []byte) int, p []byte) int { return fn(p) } // want eachChunk:`^leaks\(heap:1\) calls\(0\)$`

//go:noinline
func sumChunk(p []byte) int {
	s := 0
	for _, b := range p {
		s += int(b)
	}
	return s
}

//fallible:strict
func ChunkReadByFunctionPassed() { // want ChunkReadByFunctionPassed:`^allocates\(escape\)$`
	var buf [64]byte // want `strict function ChunkReadByFunctionPassed allocates: variable is moved to the heap`
	sinkInt = eachChunk(sumChunk, buf[:])
}
