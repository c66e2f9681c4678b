package allocstest

import "github.com/nofallalloc/nofallalloc/collections"

// Faults runs task under the collections' fault injection: once to count
// its budget requests, then once per request, failing that request (see
// collections.InjectFaults). It reports through t every run that panicked,
// succeeded although its request failed, returned an error that does not
// wrap collections.ErrBudgetExceeded, or left bytes drawn; and it reports a
// task that made no budget request at all, which fault injection cannot
// test. It returns the report.
func Faults(t TB, task func(b *collections.Budget) error) collections.FaultReport {
	t.Helper()
	rep := collections.InjectFaults(collections.FaultOptions{}, task)
	if rep.Requests == 0 {
		t.Errorf("allocstest.Faults: the task made no request of the budget it was given, so no failure could be injected: are its containers given that budget (SetBudget, NewVec(b), ...)?")
	}
	for _, v := range rep.Violations {
		t.Errorf("allocstest.Faults: %s", v)
	}
	return rep
}
