// Package collections holds fallible generic containers: the library that
// strict code (//fallible:strict) grows its data structures with, so that
// running out of memory is an error a task handles instead of a crash.
//
// # Model
//
// A Budget is a byte-accounting allocator. Budgets form a tree: a task
// budget under a process budget, say. Every growth of a container is a
// request to its budget for the bytes of the new backing array; the request
// is charged to the budget and to every ancestor, or, if any of them would
// pass its limit, refused with no state changed. Dropping an array (growth,
// Release) gives its bytes back. Closing a budget gives everything still
// drawn from it back to its parent at once, which is how a task's memory is
// reclaimed as a unit (RunTask). Budgets are safe for concurrent use.
//
// The containers are Vec, Deque, Map, Set and Builder. Each has:
//
//   - TryReserve and TryReserveExact, which grow or return an error;
//   - fallible inserts (TryPush, TryInsert, TryWrite...) that on failure
//     leave the container unchanged and hand the element back;
//   - TryExtend from an iter.Seq and TryExtendPull from a pull iterator,
//     which report how many values they took and hand back the Rest;
//   - operations that never allocate: PushWithinCapacity and its kin, Len,
//     Cap, lookups, iteration, removal (Delete, SwapRemove, Remove,
//     Retain, Intersect, Subtract), Clear, Release;
//   - Vec.TryShrinkToFit, which gives the unused part of the array back to
//     the budget, and Set.TryUnion and Set.TryIntersection, all or nothing;
//   - infallible twins (Push, Insert, Extend, Append...) that panic with the
//     same error value, for code that runs under RunTask.
//
// Every failure is an *AllocError, of kind CapacityOverflow or
// BudgetExceeded, matched by errors.Is against ErrCapacityOverflow and
// ErrBudgetExceeded. Returning it allocates nothing and it never changes
// once returned: it points to a write-once record preallocated in the
// budget, or to a shared immutable one (see AllocError).
//
// A budget can also be backed by storage reserved at startup (Reserve,
// ReserveMap, ReserveSet): the containers under it then take their arrays
// from the reservation and never ask the Go heap.
//
// InjectFaults and CheckAllocationFailures test that a task handles every
// allocation failure: they fail each of its budget requests in turn.
//
// # Directives
//
// Fallible methods carry //fallible:trusted with a reason: they allocate,
// but only after the budget granted it, and report refusal as an error.
// Infallible twins carry //fallible:infallible. The nofallalloc analyzer
// reads both. See docs/collections.md for the full guide.
package collections
