// Package allocstest is the run-time twin of the nofallalloc analyzer, for
// users' tests: the analyzer proves statically that a //fallible:strict
// function reaches no infallible allocation, and allocstest checks at run
// time that a call really allocates nothing and that a task handles each of
// its allocation failures. Clang pairs its nonallocating attribute with
// RealtimeSanitizer the same way: the static claim and the check of what
// actually happened, side by side.
//
// # Zero
//
//	func TestParseAllocatesNothing(t *testing.T) {
//		buf := []byte("GET /index.html HTTP/1.1")
//		allocstest.Zero(t, func() { _, _ = Parse(buf) })
//	}
//
// Zero asserts that f allocates nothing on the heap. It is built to avoid
// the known flakiness of testing.AllocsPerRun:
//
//   - f is called once before measuring, so that first-call work (a
//     sync.Once, a lazily built table) is not counted;
//   - GOMAXPROCS is 1 while it measures, as in AllocsPerRun, so that other
//     goroutines rarely run in between;
//   - the heap is collected before each round, and a round of calls that
//     saw an allocation (the garbage collector's helpers, a timer, another
//     goroutine) is retried: f passes when any one round of consecutive
//     calls allocated nothing at all in the whole process.
//
// Unlike AllocsPerRun, which divides the count by the number of runs and so
// reads 0 for a function that allocates once every few calls, Zero fails on
// any allocation that recurs in every round. When f fails, Zero runs it
// again with runtime.MemProfileRate set to 1 and reports the stack of each
// allocation site, with its count per call.
//
// What is measured is f, a function value: the calls inside it may be
// inlined into it, and the compiler may then keep on the stack what a
// non-inlined call would have put on the heap (docs/model.md, "No
// inlining"). Call the code under test as production code calls it.
// Like AllocsPerRun, Zero changes GOMAXPROCS for the whole process: do not
// call it from parallel tests.
//
// # Faults
//
//	func TestAddFailsCleanly(t *testing.T) { // examples/wordlen
//		allocstest.Faults(t, func(b *collections.Budget) error {
//			var x Index
//			x.SetBudget(b)
//			defer x.Offsets.Release()
//			defer x.ByLen.Release()
//			return x.Add(text)
//		})
//	}
//
// Faults runs a task that takes a *collections.Budget under the
// collections' fault injection (collections.InjectFaults): once to count
// its budget requests, then once per request, failing that request. Each
// run must end in an error wrapping collections.ErrBudgetExceeded, without
// a panic and with every byte given back. Faults also fails when the task
// made no request at all: a task whose containers draw from
// collections.Default instead of the budget it was given would otherwise
// pass without testing anything.
package allocstest
