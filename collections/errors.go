package collections

import (
	"errors"
	"math/bits"
	"strconv"
	"sync/atomic"
	"unsafe"
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
// An *AllocError never changes once returned, and returning it allocates
// nothing. Boxing a fresh struct into an error would allocate exactly when
// memory is short, so every *AllocError points to an immutable record made
// in advance:
//
//   - each Budget holds errSlots write-once records. A failure on that
//     budget takes the record already written for the same kind and
//     amount, or fills a free one. Such a record is Exact: Requested is
//     the amount asked.
//   - once a budget's records are all used by distinct failures, a further
//     failure with a new amount gets the package's shared record for its
//     kind and power-of-two range, which is never written after package
//     initialisation. Such a record is not Exact: Requested is the least
//     amount of the range (the amount asked was between Requested and
//     2×Requested-1), and Error says so.
//
// A record of a budget's keeps that budget reachable for as long as the
// error is kept; the budget is about a kilobyte.
//
// Use errors.Is with ErrBudgetExceeded or ErrCapacityOverflow to test the
// kind, and errors.As with a **AllocError target to read the details. They,
// the accessors and Error are all allocation-free.
type AllocError struct {
	kind      Kind
	exact     bool
	requested int64
	msg       string // what Error returns, made with the record
}

// errSlots is how many write-once records each budget keeps.
const errSlots = 8

const maxAllocSize = min(1<<47, int64(^uint(0)>>1)) // bytes; see allocSize

// Kind returns which failure happened.
//
//fallible:strict
func (e *AllocError) Kind() Kind { return e.kind }

// Requested returns how much was asked: bytes for BudgetExceeded, elements
// for CapacityOverflow. When Exact is false it is the least amount of the
// power-of-two range the amount asked was in, or -1 for a negative amount.
//
//fallible:strict
func (e *AllocError) Requested() int64 { return e.requested }

// Exact reports whether Requested is exactly the amount asked (see
// AllocError for when it is a lower bound instead).
//
//fallible:strict
func (e *AllocError) Exact() bool { return e.exact }

// Error describes the failure. The message was made with the record, so
// Error allocates nothing.
//
//fallible:strict
func (e *AllocError) Error() string { return e.msg }

// Is reports whether target is the sentinel of e's kind.
//
//fallible:strict
func (e *AllocError) Is(target error) bool {
	switch e.kind {
	case CapacityOverflow:
		return target == ErrCapacityOverflow
	case BudgetExceeded:
		return target == ErrBudgetExceeded
	}
	return false
}

// unit names what Requested counts for kind k.
func unit(k Kind) string {
	if k == CapacityOverflow {
		return " elements requested"
	}
	return " bytes requested"
}

// The states of an errSlot.
const (
	slotFree uint32 = iota
	slotWriting
	slotWritten
)

// errSlot is one of a budget's write-once records, with the bytes of its
// message. It goes from free to writing (claimed by one failing request)
// to written, and never back: an *AllocError handed out stays as it is.
type errSlot struct {
	state atomic.Uint32
	err   AllocError
	text  [maxExactMsg]byte
}

// maxExactMsg holds the longest exact message: the longer prefix, a
// 20-character int64 and the longer unit.
const maxExactMsg = len("collections: capacity overflow: ") + 20 + len(" elements requested")

// fill writes e's record and message for a failure of kind k asking n.
//
//fallible:strict
func (s *errSlot) fill(k Kind, n int64) {
	s.err.kind, s.err.exact, s.err.requested = k, true, n
	i := copy(s.text[:], "collections: ")
	i += copy(s.text[i:], k.name())
	i += copy(s.text[i:], ": ")
	i += putDecimal(s.text[i:], n)
	i += copy(s.text[i:], unit(k))
	s.err.msg = unsafe.String(&s.text[0], i) // s.text is never written again
}

// name is String for the two kinds a record can have, with no allocation.
func (k Kind) name() string {
	if k == CapacityOverflow {
		return "capacity overflow"
	}
	return "budget exceeded"
}

// putDecimal writes n in decimal at the start of dst, which has room for
// 20 bytes, and returns how many bytes it wrote.
//
//fallible:strict
func putDecimal(dst []byte, n int64) int {
	var digits [20]byte
	i := len(digits)
	u := uint64(n)
	if n < 0 {
		u = -u
	}
	for {
		i--
		digits[i] = byte('0' + u%10)
		if u /= 10; u == 0 {
			break
		}
	}
	if n < 0 {
		i--
		digits[i] = '-'
	}
	return copy(dst, digits[i:])
}

// fail returns the record for a failure of kind k asking n on b: the one b
// already wrote for k and n, else a free one of b's, filled, else the
// shared record of n's range. None is ever written again, so reporting the
// failure allocates nothing and the error never changes under its holder.
func (b *Budget) fail(k Kind, n int64) *AllocError {
	for i := range b.errs {
		s := &b.errs[i]
		switch s.state.Load() {
		case slotWritten:
			if s.err.kind == k && s.err.requested == n {
				return &s.err
			}
		case slotFree:
			if s.state.CompareAndSwap(slotFree, slotWriting) {
				s.fill(k, n)
				s.state.Store(slotWritten)
				return &s.err
			}
		}
	}
	return &rangeErrors[rangeIndex(k)][rangeOf(n)]
}

// rangeErrors are the shared records: for each kind, range r ≥ 1 holds the
// amounts in [2^(r-1), 2^r), range 0 the amount 0, and range 64 the
// negative amounts. They are made once, at package initialisation.
var rangeErrors = makeRangeErrors()

func rangeIndex(k Kind) int {
	if k == CapacityOverflow {
		return 0
	}
	return 1
}

func rangeOf(n int64) int { return bits.Len64(uint64(n)) }

func makeRangeErrors() (all [2][65]AllocError) {
	for _, k := range []Kind{CapacityOverflow, BudgetExceeded} {
		prefix := "collections: " + k.name() + ": "
		for r := range all[0] {
			e := &all[rangeIndex(k)][r]
			e.kind = k
			switch r {
			case 0, 1:
				e.exact, e.requested = true, int64(r)
				e.msg = prefix + strconv.Itoa(r) + unit(k)
			case 64:
				e.requested = -1
				e.msg = prefix + "a negative number of" + unit(k)
			default:
				e.requested = 1 << (r - 1)
				e.msg = prefix + "between " + strconv.FormatInt(e.requested, 10) +
					" and " + strconv.FormatUint(1<<r-1, 10) + unit(k)
			}
		}
	}
	return all
}
