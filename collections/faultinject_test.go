package collections

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// everyContainer is a task that uses each container through its fallible
// methods only, propagates every failure, and releases what it holds.
func everyContainer(b *Budget) (err error) {
	var v Vec[int]
	var d Deque[string]
	var m Map[int, string]
	var s Set[string]
	var w Builder
	for _, c := range []interface{ SetBudget(*Budget) }{&v, &d, &m, &s, &w} {
		c.SetBudget(b)
	}
	defer v.Release()
	defer d.Release()
	defer m.Release()
	defer s.Release()
	defer w.Release()
	for i := range 40 {
		if _, err := v.TryPush(i); err != nil {
			return err
		}
		if _, err := d.TryPushFront(fmt.Sprint(i)); err != nil {
			return err
		}
		if _, _, err := m.TryInsert(i, "v"); err != nil {
			return err
		}
	}
	if _, _, err := s.TryExtend(d.Values()); err != nil {
		return err
	}
	if err := w.TryWriteString("hello, "); err != nil {
		return err
	}
	if _, err := fmt.Fprintf(&w, "%d entries", m.Len()); err != nil {
		return fmt.Errorf("formatting: %w", err)
	}
	if err := v.TryReserveExact(100); err != nil {
		return err
	}
	_, _, err = v.TryExtend(slices.Values([]int{1, 2, 3}))
	return err
}

func TestFaultInjectionOnEveryContainer(t *testing.T) {
	rep := CheckAllocationFailures(t, everyContainer)
	if rep.Requests < 20 {
		t.Fatalf("only %d requests counted", rep.Requests)
	}
	strict := InjectFaults(FaultOptions{RequireRelease: true, Limit: 1 << 20}, everyContainer)
	if len(strict.Violations) != 0 || strict.Requests != rep.Requests {
		t.Fatalf("%+v", strict)
	}
}

func TestFaultInjectionUnderReservedStorage(t *testing.T) {
	rep := CheckAllocationFailures(t, func(b *Budget) error {
		arena := NewBudget(b, 1<<20)
		defer arena.Close()
		if err := Reserve[int](arena, 64, 2); err != nil {
			return err
		}
		v := NewVec[int](NewBudget(arena, 1<<20))
		defer v.Release()
		for i := range 64 {
			if _, err := v.TryPush(i); err != nil {
				return err
			}
		}
		return nil
	})
	// The reservation, and one chunk: the first push takes the smallest free
	// chunk that holds it, the 64 one, which then never grows.
	if rep.Requests != 2 {
		t.Fatalf("%d requests: storage-backed requests not counted", rep.Requests)
	}
}

// recorder is a TB that keeps what it is told.
type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestFaultInjectionFindsBugs(t *testing.T) {
	tests := []struct {
		name    string
		opts    FaultOptions
		task    func(b *Budget) error
		request int // the first violation's request index
		problem string
	}{{
		name: "swallowed",
		task: func(b *Budget) error {
			v := NewVec[int](b)
			for i := range 10 {
				if _, err := v.TryPush(i); err != nil && i < 5 {
					return err // only the first few failures are handled
				}
			}
			return nil
		},
		request: 4, // growth to caps 1, 2, 4, 8 is handled; to 16 (i = 8) not
		problem: "task succeeded although the request failed",
	}, {
		name: "infallible",
		task: func(b *Budget) error {
			NewVec[int](b).Push(1)
			return nil
		},
		problem: "task panicked",
	}, {
		name: "leak",
		opts: FaultOptions{RequireRelease: true},
		task: func(b *Budget) error {
			_, err := NewVec[int](b).TryPush(1)
			return err
		},
		request: -1,
		problem: "task returned with 8 bytes still drawn",
	}, {
		name: "nondeterministic",
		task: func() func(b *Budget) error {
			runs := 0
			return func(b *Budget) error {
				runs++
				if runs > 1 {
					return nil
				}
				return b.Acquire(1)
			}
		}(),
		problem: "request never made: the task is not deterministic",
	}, {
		name: "unwrapped",
		task: func(b *Budget) error {
			if _, err := NewVec[int](b).TryPush(1); err != nil {
				return fmt.Errorf("lost: %v", err)
			}
			return nil
		},
		problem: "error does not wrap the allocation failure",
	}, {
		name:    "baseline",
		opts:    FaultOptions{Limit: 4},
		task:    func(b *Budget) error { return b.Acquire(8) },
		request: -1,
		problem: "task failed without injected faults",
	}, {
		name: "leak past close",
		task: func(b *Budget) error {
			return b.Parent().Acquire(1) // around the task budget
		},
		request: -1,
		problem: "1 bytes still drawn after the task budget closed",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := InjectFaults(tt.opts, tt.task)
			if len(rep.Violations) == 0 {
				t.Fatal("no violation found")
			}
			v := rep.Violations[0]
			if v.Request != tt.request || v.Problem != tt.problem {
				t.Fatalf("got %q at request %d, want %q at %d", v.Problem, v.Request, tt.problem, tt.request)
			}
			if v.String() == "" {
				t.Fatal("empty description")
			}
		})
	}
}

func TestCheckAllocationFailuresReports(t *testing.T) {
	var r recorder
	CheckAllocationFailures(&r, func(b *Budget) error {
		NewVec[int](b).Push(1)
		return nil
	})
	if len(r.errs) != 1 || !strings.Contains(r.errs[0], "request 0: task panicked: panic: collections: budget exceeded") {
		t.Fatalf("%q", r.errs)
	}
	v := FaultViolation{Request: -1, Problem: "p", Err: errors.New("e")}
	if v.String() != "counting run: p: e" {
		t.Fatal(v.String())
	}
}

// everyNewOperation uses the positional, shrinking and set-algebra
// operations through their fallible forms, propagating every failure.
func everyNewOperation(b *Budget) error {
	v, d := NewVec[int](b), NewDeque[int](b)
	s, t, u := NewSet[int](b), NewSet[int](b), NewSet[int](b)
	m, w := NewMap[int, int](b), NewBuilder(b)
	defer v.Release()
	defer d.Release()
	defer s.Release()
	defer t.Release()
	defer u.Release()
	defer m.Release()
	defer w.Release()
	for i := range 30 {
		if _, err := v.TryPush(i); err != nil {
			return err
		}
		if _, err := d.TryInsert(d.Len()/2, i); err != nil {
			return err
		}
		if _, err := s.TryInsert(i); err != nil {
			return err
		}
		if _, err := t.TryInsert(2 * i); err != nil {
			return err
		}
		if _, _, err := m.TryInsert(i, i); err != nil {
			return err
		}
	}
	v.Delete(0, 10)
	v.SwapRemove(0)
	v.Retain(func(x int) bool { return x%2 == 0 })
	if err := v.TryShrinkToFit(); err != nil {
		return err
	}
	d.Remove(d.Len() / 3)
	m.Retain(func(k, _ int) bool { return k > 5 })
	if err := u.TryUnion(s); err != nil {
		return err
	}
	if err := u.TryIntersection(s, t); err != nil {
		return err
	}
	if err := w.TryGrow(8); err != nil {
		return err
	}
	for range 20 {
		if _, err := w.WriteRune('€'); err != nil {
			return err
		}
	}
	return nil
}

func TestFaultInjectionOnEveryNewOperation(t *testing.T) {
	rep := InjectFaults(FaultOptions{RequireRelease: true}, everyNewOperation)
	for _, v := range rep.Violations {
		t.Errorf("allocation failure injection: %s", v)
	}
	if rep.Requests < 15 {
		t.Fatalf("only %d requests counted", rep.Requests)
	}
}
