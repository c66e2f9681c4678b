package collections

import (
	"errors"
	"testing"
)

func TestRunTaskTurnsAllocPanicIntoError(t *testing.T) {
	proc := NewBudget(nil, 1<<20)
	var tb *Budget
	err := RunTask(proc, 64, func(b *Budget) error {
		tb = b
		v := NewVec[int64](b)
		for i := range 1000 {
			v.Push(int64(i)) // infallible twin: panics at the limit
		}
		return nil
	})
	if !errors.Is(err, ErrBudgetExceeded) {
		t.Fatalf("got %v", err)
	}
	if !tb.Closed() {
		t.Fatal("task budget not closed")
	}
	wantUsed(t, proc, 0)
}

func TestRunTaskReturnsTaskResult(t *testing.T) {
	proc := NewBudget(nil, 1<<20)
	mine := errors.New("mine")
	if err := RunTask(proc, 1<<10, func(b *Budget) error {
		NewVec[int](b).Push(1) // never released: Close gives it back
		return mine
	}); err != mine {
		t.Fatal(err)
	}
	if err := RunTask(proc, 1<<10, func(*Budget) error { return nil }); err != nil {
		t.Fatal(err)
	}
	wantUsed(t, proc, 0)
}

func TestRunTaskRepanicsOtherPanics(t *testing.T) {
	proc := NewBudget(nil, 1<<20)
	defer func() {
		if r := recover(); r != "boom" {
			t.Fatalf("recovered %v", r)
		}
		wantUsed(t, proc, 0) // closed on the way up
	}()
	RunTask(proc, 1<<10, func(b *Budget) error {
		NewVec[int](b).Push(1)
		panic("boom")
	})
}

func TestRecoverDirectly(t *testing.T) {
	f := func() (err error) {
		defer Recover(&err)
		NewVec[int](NewBudget(nil, 0)).Push(1)
		return nil
	}
	if err := f(); !errors.Is(err, ErrBudgetExceeded) {
		t.Fatal(err)
	}
	g := func() (err error) {
		defer Recover(&err)
		return errors.New("plain")
	}
	if err := g(); err == nil || err.Error() != "plain" {
		t.Fatal(err)
	}
}
