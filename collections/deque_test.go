package collections

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func dequeSlice[T any](d *Deque[T]) []T { return slices.Collect(d.Values()) }

// TestDequeModel checks random operations against a plain slice.
func TestDequeModel(t *testing.T) {
	b := NewBudget(nil, 1<<20)
	d := NewDeque[int](b)
	var model []int
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		switch op := r.IntN(6); {
		case op < 2:
			d.PushBack(i)
			model = append(model, i)
		case op < 4:
			d.PushFront(i)
			model = append([]int{i}, model...)
		case op == 4:
			x, ok := d.PopFront()
			if ok != (len(model) > 0) || ok && x != model[0] {
				t.Fatalf("step %d: PopFront %d %v", i, x, ok)
			}
			if ok {
				model = model[1:]
			}
		default:
			x, ok := d.PopBack()
			if ok != (len(model) > 0) || ok && x != model[len(model)-1] {
				t.Fatalf("step %d: PopBack %d %v", i, x, ok)
			}
			if ok {
				model = model[:len(model)-1]
			}
		}
		if d.Len() != len(model) {
			t.Fatalf("step %d: len %d want %d", i, d.Len(), len(model))
		}
	}
	if !slices.Equal(dequeSlice(d), model) {
		t.Fatal("contents differ from the model")
	}
	for i, x := range d.All() {
		if d.At(i) != x || model[i] != x {
			t.Fatalf("All/At differ at %d", i)
		}
	}
	wantUsed(t, b, bytesOf[int](d.Cap()))
	d.Release()
	wantUsed(t, b, 0)
}

func TestDequeEnds(t *testing.T) {
	d := NewDeque[string](NewBudget(nil, 1<<10))
	if _, ok := d.Front(); ok {
		t.Fatal("front of empty")
	}
	if _, ok := d.Back(); ok {
		t.Fatal("back of empty")
	}
	if _, ok := d.PopBack(); ok {
		t.Fatal("pop back of empty")
	}
	d.PushBack("b")
	d.PushFront("a")
	d.PushBack("c")
	d.Set(1, "B")
	if f, _ := d.Front(); f != "a" {
		t.Fatal(f)
	}
	if l, _ := d.Back(); l != "c" {
		t.Fatal(l)
	}
	if got := dequeSlice(d); !slices.Equal(got, []string{"a", "B", "c"}) {
		t.Fatal(got)
	}
	c := d.Cap()
	d.Clear()
	if d.Len() != 0 || d.Cap() != c {
		t.Fatal("clear")
	}
	if d.Budget() == nil {
		t.Fatal("no budget")
	}
	for _, f := range []func(){func() { d.At(0) }, func() { d.Set(-1, "") }} {
		func() {
			defer func() {
				if recover() == nil {
					t.Fatal("out of range did not panic")
				}
			}()
			f()
		}()
	}
}

// TestDequeGrowWrapped grows a deque whose ring has wrapped around.
func TestDequeGrowWrapped(t *testing.T) {
	d := NewDeque[int](NewBudget(nil, 1<<10))
	if err := d.TryReserveExact(4); err != nil || d.Cap() != 4 {
		t.Fatal(err, d.Cap())
	}
	for i := range 4 {
		d.PushBack(i)
	}
	d.PopFront()
	d.PopFront()
	d.PushBack(4)
	d.PushBack(5) // ring is 4 5 2 3, head at 2
	if err := d.TryReserve(1); err != nil {
		t.Fatal(err)
	}
	if got := dequeSlice(d); !slices.Equal(got, []int{2, 3, 4, 5}) {
		t.Fatal(got)
	}
}

func TestDequeFailureLeavesItUnchanged(t *testing.T) {
	b := NewBudget(nil, bytesOf[int](4))
	d := NewDeque[int](b)
	if err := d.TryReserveExact(4); err != nil {
		t.Fatal(err)
	}
	d.PushBack(1)
	d.PushFront(0)
	d.PushBack(2)
	d.PushBack(3)
	before := dequeSlice(d)
	for _, try := range []func() (int, error){
		func() (int, error) { return d.TryPushBack(10) },
		func() (int, error) { return d.TryPushFront(10) },
	} {
		x, err := try()
		wantAllocErr(t, err, BudgetExceeded, bytesOf[int](8))
		if x != 10 {
			t.Fatal("element not handed back")
		}
	}
	wantAllocErr(t, d.TryReserve(1), BudgetExceeded, bytesOf[int](8))
	wantAllocErr(t, d.TryReserveExact(1), BudgetExceeded, bytesOf[int](5))
	wantAllocErr(t, d.TryReserve(-1<<62), CapacityOverflow, -1<<62)
	if d.PushBackWithinCapacity(9) || d.PushFrontWithinCapacity(9) {
		t.Fatal("pushed past capacity")
	}
	if got := dequeSlice(d); !slices.Equal(got, before) || d.Cap() != 4 {
		t.Fatal("changed", got)
	}
	for _, f := range []func(){func() { d.PushBack(1) }, func() { d.PushFront(1) }, func() { d.Extend(slices.Values([]int{1})) }} {
		func() {
			defer func() {
				if _, ok := recover().(*AllocError); !ok {
					t.Fatal("no AllocError panic")
				}
			}()
			f()
		}()
	}
	wantUsed(t, b, bytesOf[int](4))
}

func TestDequeTryExtendRest(t *testing.T) {
	src := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	d := NewDeque[int](NewBudget(nil, bytesOf[int](4)))
	if err := d.TryReserveExact(4); err != nil {
		t.Fatal(err)
	}
	n, rest, err := d.TryExtend(slices.Values(src))
	if err == nil || n != 4 {
		t.Fatal(n, err)
	}
	if got := slices.Collect(rest.All()); !slices.Equal(got, src[4:]) {
		t.Fatal(got)
	}
	d.Clear()
	i := 0
	next := func() (int, bool) {
		if i == len(src) {
			return 0, false
		}
		i++
		return src[i-1], true
	}
	n, rest, err = d.TryExtendPull(next)
	if err == nil || n != 4 {
		t.Fatal(n, err)
	}
	if got := slices.Collect(rest.All()); !slices.Equal(got, src[4:]) {
		t.Fatal(got)
	}
	e := NewDeque[int](nil)
	if n, _, err := e.TryExtend(slices.Values(src)); n != 10 || err != nil {
		t.Fatal(n, err)
	}
	e.Release()
	e.SetBudget(NewBudget(nil, 1))
	if n, _, err := e.TryExtendPull(func() (int, bool) { return 0, false }); n != 0 || err != nil {
		t.Fatal(n, err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("SetBudget with storage did not panic")
			}
		}()
		d.SetBudget(nil)
	}()
}

// TestDequeStartsAt64Bytes: the first growth that is not exact makes room
// for 64 bytes' worth of elements, as a hand-written ring starts at 8
// words; an exact reservation and large elements are taken as they are.
func TestDequeStartsAt64Bytes(t *testing.T) {
	ints := NewDeque[int](nil)
	ints.PushBack(1)
	exact := NewDeque[int](nil)
	must(exact.TryReserveExact(1))
	large := NewDeque[[100]byte](nil)
	large.PushBack([100]byte{})
	if ints.Cap() != 8 || exact.Cap() != 1 || large.Cap() != 1 {
		t.Fatalf("caps %d, %d, %d; want 8, 1, 1", ints.Cap(), exact.Cap(), large.Cap())
	}
	ints.Release()
	exact.Release()
	large.Release()
}
