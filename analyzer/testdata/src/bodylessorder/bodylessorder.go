// Package bodylessorder declares functions without a body after their // want package:"analysed"
// callers, as runtime/debug declares readGCStats after ReadGCStats: the
// model must solve them first. A function without a body keeps what its
// pointer parameters point to unless it is marked //go:noescape.
package bodylessorder

type stats struct {
	pauses []uint64
	count  int
}

//fallible:strict
func Count() int { // want Count:"allocates\\(escape\\)"
	var s stats // want `strict function Count allocates: variable is moved to the heap`
	read(&s)
	return s.count
}

//fallible:strict
func CountQuietly() int {
	var s stats
	readQuietly(&s)
	return s.count
}

func read(s *stats) { fill(&s.pauses) } // want read:"leaks\\(heap:0\\)"

func readQuietly(s *stats) { fillQuietly(&s.pauses) }

func fill(*[]uint64) // want fill:"leaks\\(heap:0,1,.*,63\\)"

//go:noescape
func fillQuietly(*[]uint64)
