// Package edge is a task runner for a small device (a sensor gateway, a
// controller): the kind of program that must fail one task, never the
// device, when memory runs out. Memory is reserved once, at start-up, per
// task; after that the periodic work (Runner.Step and every Task's Run) is
// strict, so nofallalloc proves it never asks the Go heap for memory it
// cannot refuse. A task whose input outgrows its reservation gets an
// error, the runner logs the fault in a log of fixed size, and the other
// tasks run on.
//
// See docs/guides/embedded.md.
package edge

import "github.com/nofallalloc/nofallalloc/collections"

// Task is one periodic job of the device.
type Task interface {
	// Reserve reserves, at start-up, the storage that Run may draw from b.
	Reserve(b *collections.Budget) error

	// Run does one period's work with memory from b only, and returns
	// what it drew before it returns.
	//
	// The directive is an effect contract: the runner calls Run from
	// strict code, and the analyzer checks every Task converted from a
	// concrete type.
	//
	//fallible:strict
	Run(b *collections.Budget) error
}

// Fault is one failed run, as the fault log keeps it.
type Fault struct {
	Step   uint64 // the runner's step count when it failed
	Task   int    // index of the task, in the order added
	Memory bool   // the task ran out of memory (else it failed otherwise)
}

// Runner runs its tasks in turn, each under a budget of its own.
type Runner struct {
	device *collections.Budget
	tasks  []slot
	faults collections.Deque[Fault] // the latest faults; its capacity is fixed
	steps  uint64
}

type slot struct {
	task   Task
	budget *collections.Budget
}

// NewRunner returns a runner whose tasks' budgets are carved out of device,
// with a log of the last faultLog faults.
func NewRunner(device *collections.Budget, faultLog int) (*Runner, error) {
	r := &Runner{device: device}
	r.faults.SetBudget(device)
	if err := r.faults.TryReserveExact(faultLog); err != nil {
		return nil, err
	}
	return r, nil
}

// Add gives task a budget of limit bytes and lets it reserve its storage
// there. Call it at start-up: it allocates.
func (r *Runner) Add(task Task, limit int64) error {
	b := collections.NewBudget(r.device, limit)
	if err := task.Reserve(b); err != nil {
		b.Close()
		return err
	}
	r.tasks = append(r.tasks, slot{task: task, budget: b})
	return nil
}

// Step runs every task once. A task that fails is logged and the next one
// runs: nothing here can crash the device for lack of memory.
//
//fallible:strict
func (r *Runner) Step() {
	r.steps++
	for i := range r.tasks {
		s := &r.tasks[i]
		if err := s.task.Run(s.budget); err != nil {
			// Strict code cannot wrap errors (fmt.Errorf allocates), so a
			// task returns the *AllocError itself; errors.Is would be a
			// dynamic call the analyzer cannot see through.
			_, memory := err.(*collections.AllocError)
			r.logFault(Fault{Step: r.steps, Task: i, Memory: memory})
		}
	}
}

// logFault records f, dropping the oldest fault when the log is full.
//
//fallible:strict
func (r *Runner) logFault(f Fault) {
	if r.faults.Cap() == 0 {
		return
	}
	if r.faults.Len() == r.faults.Cap() {
		r.faults.PopFront()
	}
	r.faults.PushBackWithinCapacity(f)
}

// Faults copies the logged faults, oldest first, into dst and returns how
// many it copied.
//
//fallible:strict
func (r *Runner) Faults(dst []Fault) int {
	n := min(len(dst), r.faults.Len())
	for i := range n {
		dst[i] = r.faults.At(i)
	}
	return n
}
