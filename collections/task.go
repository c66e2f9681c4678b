package collections

// RunTask runs task with a fresh budget of limit bytes under parent, and
// closes that budget when task ends, so that everything the task's
// containers drew goes back to parent as a unit, whatever they released.
//
// It is the boundary of the panic profile (Rust's oom=panic): an infallible
// twin (Push, Insert, ...) that fails panics with its *AllocError, and
// RunTask turns exactly that panic into the returned error. Any other panic
// goes on up, after the budget is closed.
//
// The task budget itself is a small Go heap allocation, not charged to
// parent.
func RunTask(parent *Budget, limit int64, task func(b *Budget) error) (err error) {
	b := NewBudget(parent, limit)
	defer b.Close()
	defer Recover(&err)
	return task(b)
}

// Recover, deferred directly (defer collections.Recover(&err)), turns a
// panic with an *AllocError into *errp and lets every other panic go on.
// It is RunTask's boundary for code that manages its own budgets.
func Recover(errp *error) {
	r := recover()
	if r == nil {
		return
	}
	if e, ok := r.(*AllocError); ok {
		*errp = e
		return
	}
	panic(r)
}
