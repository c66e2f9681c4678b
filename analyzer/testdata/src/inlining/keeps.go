package inlining

// A function that calls its func-typed parameter leaves the fate of what
// it passes there to the function its caller passes, once the compiler
// inlines it: here that function keeps its argument, or returns it into
// the heap, and what the strict function handed over is moved to the
// heap. Look-alikes in lookalikes.go, where the function
// passed keeps nothing.

var (
	sinkChunk     []byte
	sinkChunkSize int
	sinkCellInt   *int
)

func eachChunk(fn func(p []byte) int, p []byte) int { return fn(p) } // want eachChunk:`^calls\(0\) passes\(heap:1 to 0\[0\]\)$`

//go:noinline
func keepChunk(p []byte) int { sinkChunk = p; return len(p) } // want keepChunk:`^leaks\(heap:0\)$`

//fallible:strict
func ChunkKeptByFunctionPassed() { // want ChunkKeptByFunctionPassed:`^allocates\(escape\)$`
	var buf [64]byte // want `strict function ChunkKeptByFunctionPassed allocates: variable is moved to the heap`
	sinkChunkSize = eachChunk(keepChunk, buf[:])
}

//fallible:strict
func ChunkKeptByLiteralPassed() { // want ChunkKeptByLiteralPassed:`^allocates\(escape\)$`
	var buf [64]byte // want `strict function ChunkKeptByLiteralPassed allocates: variable is moved to the heap`
	sinkChunkSize = eachChunk(func(p []byte) int { sinkChunk = p; return 0 }, buf[:])
}

func applyToInt(fn func(*int) *int, p *int) *int { return fn(p) } // want applyToInt:`^calls\(0\) passes\(heap:1 to 0\[0\]\) passes\(result:1 returned by 0\[0\]\)$`

//go:noinline
func sameInt(p *int) *int { return p } // want sameInt:`^leaks\(result:0\)$`

//fallible:strict
func ReturnedByFunctionPassed() { // want ReturnedByFunctionPassed:`^allocates\(escape\)$`
	x := n // want `strict function ReturnedByFunctionPassed allocates: variable is moved to the heap`
	sinkCellInt = applyToInt(sameInt, &x)
}

// A helper the compiler does not inline is compiled knowing nothing of
// fn: what it passes to fn leaks, whatever function its callers pass.

//go:noinline
func eachChunkNotInlined(fn func(p []byte) int, p []byte) int { return fn(p) } // want eachChunkNotInlined:`^leaks\(heap:1\) calls\(0\)$`

func chunkLen(p []byte) int { return len(p) }

//fallible:strict
func ChunkThroughHelperNotInlined() { // want ChunkThroughHelperNotInlined:`^allocates\(escape\)$`
	var buf [64]byte // want `strict function ChunkThroughHelperNotInlined allocates: variable is moved to the heap`
	sinkChunkSize = eachChunkNotInlined(chunkLen, buf[:])
}
