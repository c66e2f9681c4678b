package wordlen

import (
	"errors"
	"testing"

	"github.com/nofallalloc/nofallalloc/allocstest"
	"github.com/nofallalloc/nofallalloc/collections"
)

var text = []byte("the quick brown fox jumps over the lazy dog")

func TestAdd(t *testing.T) {
	var x Index
	if err := x.Add(text); err != nil {
		t.Fatal(err)
	}
	if x.Offsets.Len() != 9 {
		t.Errorf("%d words, want 9", x.Offsets.Len())
	}
	if n, _ := x.ByLen.Get(3); n != 4 {
		t.Errorf("%d words of 3 letters, want 4", n)
	}
}

// TestAddUnderBudget runs Add as a task with a budget too small for the
// text: the refusal comes back as an error, not a crash.
func TestAddUnderBudget(t *testing.T) {
	err := collections.RunTask(collections.Default(), 64, func(b *collections.Budget) error {
		var x Index
		x.SetBudget(b)
		defer x.Offsets.Release()
		defer x.ByLen.Release()
		return x.Add(text)
	})
	if !errors.Is(err, collections.ErrBudgetExceeded) {
		t.Fatalf("Add under a 64-byte budget: %v, want a budget refusal", err)
	}
}

// TestAddFailsCleanly fails every budget request of Add in turn: each must
// come back as an error, with everything given back to the budget.
func TestAddFailsCleanly(t *testing.T) {
	allocstest.Faults(t, func(b *collections.Budget) error {
		var x Index
		x.SetBudget(b)
		defer x.Offsets.Release()
		defer x.ByLen.Release()
		return x.Add(text)
	})
}

// TestAddAllocatesNothingWithRoom: once the index has room for the text,
// indexing it again allocates nothing, as the analyzer says of Add.
func TestAddAllocatesNothingWithRoom(t *testing.T) {
	var x Index
	defer x.Offsets.Release()
	defer x.ByLen.Release()
	if err := x.Add(text); err != nil {
		t.Fatal(err)
	}
	allocstest.Zero(t, func() {
		x.Offsets.Clear()
		x.ByLen.Clear()
		if err := x.Add(text); err != nil {
			panic(err)
		}
	})
}
