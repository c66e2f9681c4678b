package collections

import (
	"errors"
	"strconv"
	"sync/atomic"
)

// Kind says which of the two allocation failures happened.
type Kind uint8

const (
	// CapacityOverflow means the requested capacity cannot be represented:
	// its size in bytes overflows, or passes what the Go runtime could ever
	// allocate in one piece.
	CapacityOverflow Kind = iota + 1
	// BudgetExceeded means a budget refused the request: it would have passed
	// the limit of the budget or of one of its ancestors, the budget was
	// closed, its reserved storage had no room, or a fault injector failed
	// the request on purpose.
	BudgetExceeded
)

// String returns the kind's name.
func (k Kind) String() string {
	switch k {
	case CapacityOverflow:
		return "capacity overflow"
	case BudgetExceeded:
		return "budget exceeded"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// The sentinels that errors.Is matches an *AllocError against, one per Kind.
var (
	// ErrCapacityOverflow matches every failure of kind CapacityOverflow.
	ErrCapacityOverflow = errors.New("collections: capacity overflow")
	// ErrBudgetExceeded matches every failure of kind BudgetExceeded.
	ErrBudgetExceeded = errors.New("collections: budget exceeded")
)

// AllocError is the error every fallible operation of this package returns.
// It says which failure happened and how much was asked: Requested is in
// bytes for BudgetExceeded and in elements for CapacityOverflow (whose byte
// size is the very number that could not be computed).
//
// Returning it costs no allocation: boxing a struct into an error value
// would allocate, exactly when memory is short, so an *AllocError always
// points into a small ring of records preallocated inside the Budget that
// the failing container draws from. A record is overwritten only after
// errRing further failures on that same budget; the fields are packed into
// one atomic word, so a concurrent overwrite is never seen half-written.
// Callers that keep an error for long should copy Kind and Requested out.
//
// Use errors.Is with ErrBudgetExceeded or ErrCapacityOverflow to test the
// kind, and errors.As with a **AllocError target to read the details; both
// are allocation-free. Error formats a message, which allocates: print
// errors after the failure has been handled, not on the way out of it.
type AllocError struct {
	word atomic.Uint64 // kind<<kindShift | requested
}

// errRing is how many failure records each budget keeps.
const errRing = 16

const (
	kindShift    = 62
	amountMask   = 1<<kindShift - 1
	maxAmount    = amountMask
	maxAllocSize = min(1<<47, int64(^uint(0)>>1)) // bytes; see allocSize
)

func (e *AllocError) set(k Kind, requested int64) {
	if requested < 0 || requested > maxAmount {
		requested = maxAmount // saturate: the request was absurd anyway
	}
	e.word.Store(uint64(k)<<kindShift | uint64(requested))
}

// Kind returns which failure happened.
//
//fallible:strict
func (e *AllocError) Kind() Kind { return Kind(e.word.Load() >> kindShift) }

// Requested returns how much was asked: bytes for BudgetExceeded, elements
// for CapacityOverflow. It saturates at 2⁶²-1.
//
//fallible:strict
func (e *AllocError) Requested() int64 { return int64(e.word.Load() & amountMask) }

// Error describes the failure. It allocates the message.
func (e *AllocError) Error() string {
	w := e.word.Load()
	k, n := Kind(w>>kindShift), strconv.FormatUint(w&amountMask, 10)
	if k == CapacityOverflow {
		return "collections: capacity overflow: " + n + " elements requested"
	}
	return "collections: budget exceeded: " + n + " bytes requested"
}

// Is reports whether target is the sentinel of e's kind.
//
//fallible:strict
func (e *AllocError) Is(target error) bool {
	switch e.Kind() {
	case CapacityOverflow:
		return target == ErrCapacityOverflow
	case BudgetExceeded:
		return target == ErrBudgetExceeded
	}
	return false
}
