package collections

import (
	"errors"
	"fmt"
	"math"
	"sync/atomic"
)

// Fault injection, in the spirit of SpiderMonkey's oomTest and Zig's
// checkAllAllocationFailures: run a task once to count its budget
// requests, N, then N more times, failing request i on run i. A task that
// handles allocation failure correctly returns an error wrapping the
// failure every time, without panicking, and leaves no bytes drawn.
//
// The task must be deterministic: run i must make the same first i
// requests as the counting run. Requests are counted on every budget under
// the one the harness passes in, including storage-backed ones.

// faultInjector fails the request whose index is failAt (0-based).
type faultInjector struct {
	failAt int64 // -1: fail none, only count
	count  atomic.Int64
	hit    atomic.Bool
}

func (f *faultInjector) refuse() bool {
	if f.count.Add(1)-1 == f.failAt {
		f.hit.Store(true)
		return true
	}
	return false
}

// TB is the part of testing.TB the harness reports through.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// FaultOptions tune InjectFaults.
type FaultOptions struct {
	// Limit is the task budget's limit; 0 means unlimited.
	Limit int64
	// RequireRelease also requires the task to have released everything it
	// drew by the time it returns (Zig's leak check), instead of relying on
	// the task budget's Close.
	RequireRelease bool
}

// FaultReport is what InjectFaults found.
type FaultReport struct {
	Requests   int              // budget requests the counting run made
	Violations []FaultViolation // runs that broke an invariant
}

// FaultViolation is one run that broke an invariant.
type FaultViolation struct {
	Request int    // index of the request failed on purpose; -1: the counting run
	Problem string // what went wrong, lowercase
	Err     error  // what the task returned
	Panic   any    // what the task panicked with, if it did
}

// String describes the violation.
func (v FaultViolation) String() string {
	s := fmt.Sprintf("request %d: %s", v.Request, v.Problem)
	if v.Request < 0 {
		s = "counting run: " + v.Problem
	}
	if v.Panic != nil {
		return fmt.Sprintf("%s: panic: %v", s, v.Panic)
	}
	if v.Err != nil {
		return fmt.Sprintf("%s: %v", s, v.Err)
	}
	return s
}

// faultRun is what one run of the task did.
type faultRun struct {
	requests   int64
	hit        bool // the request to fail was made
	err        error
	panicked   bool
	panicValue any
	unreleased int64 // drawn from the task budget when the task returned
	leaked     int64 // drawn from the harness's root after Close
}

// InjectFaults runs task once to count its budget requests, then once per
// request failing that request, and reports every run that did not end in
// an error wrapping the failure, panicked, or leaked.
func InjectFaults(opts FaultOptions, task func(b *Budget) error) FaultReport {
	base := runFaulted(opts.Limit, -1, task)
	rep := FaultReport{Requests: int(base.requests)}
	rep.check(opts, -1, base)
	for i := range base.requests {
		rep.check(opts, int(i), runFaulted(opts.Limit, i, task))
	}
	return rep
}

// CheckAllocationFailures runs InjectFaults with default options and
// reports each violation through t.
func CheckAllocationFailures(t TB, task func(b *Budget) error) FaultReport {
	t.Helper()
	rep := InjectFaults(FaultOptions{}, task)
	for _, v := range rep.Violations {
		t.Errorf("allocation failure injection: %s", v)
	}
	return rep
}

// runFaulted runs task once under a fresh root whose injector fails request
// failAt, and closes the task budget afterwards.
func runFaulted(limit, failAt int64, task func(*Budget) error) (r faultRun) {
	if limit <= 0 {
		limit = math.MaxInt64
	}
	inj := &faultInjector{failAt: failAt}
	root := &Budget{inject: inj}
	root.limit.Store(math.MaxInt64)
	b := NewBudget(root, limit)
	func() {
		defer func() {
			if p := recover(); p != nil {
				r.panicked, r.panicValue = true, p
			}
		}()
		r.err = task(b)
	}()
	r.unreleased = b.Used()
	b.Close()
	r.leaked = root.Used()
	r.requests, r.hit = inj.count.Load(), inj.hit.Load()
	return r
}

// check records the violations of one run; i is the failed request, or -1.
func (rep *FaultReport) check(opts FaultOptions, i int, r faultRun) {
	bad := func(problem string) {
		rep.Violations = append(rep.Violations, FaultViolation{
			Request: i, Problem: problem, Err: r.err, Panic: r.panicValue,
		})
	}
	switch {
	case r.panicked:
		bad("task panicked")
	case i < 0 && r.err != nil:
		bad("task failed without injected faults")
	case i >= 0 && !r.hit:
		bad("request never made: the task is not deterministic")
	case i >= 0 && r.err == nil:
		bad("task succeeded although the request failed")
	case i >= 0 && !errors.Is(r.err, ErrBudgetExceeded):
		bad("error does not wrap the allocation failure")
	}
	if opts.RequireRelease && r.unreleased != 0 {
		bad(fmt.Sprintf("task returned with %d bytes still drawn", r.unreleased))
	}
	if r.leaked != 0 {
		bad(fmt.Sprintf("%d bytes still drawn after the task budget closed", r.leaked))
	}
}
