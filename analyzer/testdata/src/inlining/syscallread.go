package inlining

import "os"

// (*os.File).Read reads through internal/poll.ignoringEINTRIO, which
// calls the syscall.Read it is passed: the buffer stays on the stack, as
// syscall.Read keeps nothing. (Read may allocate its error: the
// runtime sees no allocation for this read.)

var devZero, _ = os.Open("/dev/zero")

//fallible:strict
func ReadIntoStackArray() { // want ReadIntoStackArray:`^allocates\(composite via \(\*os.File\).Read, 2 hops\)$`
	var buf [64]byte
	sinkInt, _ = devZero.Read(buf[:]) // want `strict function ReadIntoStackArray calls \(\*os.File\).Read, which may allocate: \(\*os.File\).Read → \(\*os.File\).wrapErr → composite literal`
}
