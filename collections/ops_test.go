package collections

import (
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"unicode/utf8"
)

// Tests of the removal, shrinking, set-algebra and positional operations,
// against plain slices and maps.

func TestVecDeleteSwapRemoveRetain(t *testing.T) {
	v := NewVec[*int](NewBudget(nil, 1<<10))
	var model []*int
	for i := range 10 {
		p := new(i)
		v.Push(p)
		model = append(model, p)
	}
	v.Delete(2, 5)
	model = slices.Delete(model, 2, 5)
	if !slices.Equal(v.Slice(), model) || v.Cap() < 10 {
		t.Fatalf("Delete: %v", v.Slice())
	}
	if tail := v.s[v.Len():cap(v.s)]; slices.ContainsFunc(tail, func(p *int) bool { return p != nil }) {
		t.Fatal("Delete kept references past Len")
	}
	if x := v.SwapRemove(1); x != model[1] || v.At(1) != model[len(model)-1] || v.Len() != len(model)-1 {
		t.Fatalf("SwapRemove returned %v, left %v", x, v.Slice())
	}
	model[1] = model[len(model)-1]
	model = model[:len(model)-1]
	v.Retain(func(p *int) bool { return *p%2 == 0 })
	model = slices.DeleteFunc(model, func(p *int) bool { return *p%2 != 0 })
	if !slices.Equal(v.Slice(), model) {
		t.Fatalf("Retain: %v, want %v", v.Slice(), model)
	}
	for _, bad := range []func(){
		func() { v.Delete(2, 1) },
		func() { v.Delete(0, v.Len()+1) },
		func() { v.SwapRemove(v.Len()) },
	} {
		if !panics(bad) {
			t.Fatal("out of range removal did not panic")
		}
	}
	if !slices.Equal(v.Slice(), model) {
		t.Fatal("a panicking removal changed v")
	}
}

func panics(f func()) (p bool) {
	defer func() { p = recover() != nil }()
	f()
	return false
}

func TestVecShrinkToFit(t *testing.T) {
	b := NewBudget(nil, bytesOf[int](100)+bytesOf[int](10))
	v := NewVec[int](b)
	must(v.TryReserveExact(100))
	for i := range 10 {
		v.Push(i)
	}
	v.ShrinkToFit()
	if v.Cap() != 10 || !slices.Equal(v.Slice(), []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
		t.Fatalf("cap %d, %v", v.Cap(), v.Slice())
	}
	wantUsed(t, b, bytesOf[int](10)) // the 100-element array went back
	must(v.TryShrinkToFit())         // already tight: nothing to do
	wantUsed(t, b, bytesOf[int](10))
	v.Clear()
	must(v.TryShrinkToFit()) // empty: released
	if v.Cap() != 0 {
		t.Fatalf("empty vector kept cap %d", v.Cap())
	}
	wantUsed(t, b, 0)

	// Shrinking needs the small array while the big one is held: at the
	// limit, the budget refuses and v stays as it was.
	tight := NewBudget(nil, bytesOf[int](100))
	w := NewVec[int](tight)
	must(w.TryReserveExact(100))
	w.Push(7)
	wantAllocErr(t, w.TryShrinkToFit(), BudgetExceeded, bytesOf[int](1))
	if w.Cap() != 100 || w.Len() != 1 || w.At(0) != 7 {
		t.Fatalf("failed shrink changed w: cap %d len %d", w.Cap(), w.Len())
	}
	if !panics(w.ShrinkToFit) {
		t.Fatal("ShrinkToFit did not panic on refusal")
	}
}

func TestVecShrinkToFitReservedStorage(t *testing.T) {
	arena := NewBudget(nil, 1<<20)
	must(Reserve[int](arena, 64, 1))
	must(Reserve[int](arena, 8, 1))
	v := NewVec[int](arena)
	must(v.TryReserveExact(64))
	for i := range 5 {
		v.Push(i)
	}
	must(v.TryShrinkToFit())
	if v.Cap() != 8 || !slices.Equal(v.Slice(), []int{0, 1, 2, 3, 4}) {
		t.Fatalf("cap %d, %v", v.Cap(), v.Slice())
	}
	wantUsed(t, arena, bytesOf[int](8))
	must(v.TryShrinkToFit()) // the 8-chunk is the smallest class that holds 5
	if v.Cap() != 8 {
		t.Fatalf("cap %d", v.Cap())
	}
	v.Release()
	wantUsed(t, arena, 0)
}

// TestDequeInsertRemoveModel inserts and removes at random positions of a
// ring that wraps, against a plain slice.
func TestDequeInsertRemoveModel(t *testing.T) {
	b := NewBudget(nil, 1<<20)
	d := NewDeque[int](b)
	var model []int
	r := rand.New(rand.NewPCG(3, 4))
	for step := range 5000 {
		switch op := r.IntN(5); {
		case op < 2 || len(model) == 0:
			i := r.IntN(len(model) + 1)
			if x, err := d.TryInsert(i, step); err != nil || x != 0 {
				t.Fatalf("step %d: TryInsert: %v", step, err)
			}
			model = slices.Insert(model, i, step)
		case op == 2:
			d.PushFront(step) // move the head so the ring wraps
			model = slices.Insert(model, 0, step)
		default:
			i := r.IntN(len(model))
			if x := d.Remove(i); x != model[i] {
				t.Fatalf("step %d: Remove(%d) = %d, want %d", step, i, x, model[i])
			}
			model = slices.Delete(model, i, i+1)
		}
		if !slices.Equal(dequeSlice(d), model) {
			t.Fatalf("step %d: %v, want %v", step, dequeSlice(d), model)
		}
	}
	// Removed slots hold no stale values for the GC.
	for j := d.n; j < len(d.buf); j++ {
		if d.buf[d.slot(j)] != 0 {
			t.Fatalf("slot %d past the end holds %d", j, d.buf[d.slot(j)])
		}
	}
	if !panics(func() { d.Remove(d.Len()) }) || !panics(func() { d.Insert(d.Len()+1, 0) }) {
		t.Fatal("out of range index did not panic")
	}
}

func TestDequeTryInsertFailure(t *testing.T) {
	d := NewDeque[int](NewBudget(nil, bytesOf[int](4)))
	must(d.TryReserveExact(4))
	for i := range 4 {
		d.PushBack(i)
	}
	d.PopFront()
	d.PushBack(4) // wrapped: 1 2 3 4
	x, err := d.TryInsert(2, 99)
	wantAllocErr(t, err, BudgetExceeded, bytesOf[int](8))
	if x != 99 || !slices.Equal(dequeSlice(d), []int{1, 2, 3, 4}) {
		t.Fatalf("failed insert handed back %d, left %v", x, dequeSlice(d))
	}
	if !panics(func() { d.Insert(0, 1) }) {
		t.Fatal("Insert did not panic on refusal")
	}
}

func TestBackwardIteration(t *testing.T) {
	v := NewVec[int](nil)
	d := NewDeque[int](nil)
	for i := range 5 {
		v.Push(i)
		d.PushFront(4 - i)
	}
	defer v.Release()
	defer d.Release()
	var fromVec, fromDeque []int
	for i, x := range v.Backward() {
		if v.At(i) != x {
			t.Fatalf("Vec.Backward: index %d holds %d", i, x)
		}
		fromVec = append(fromVec, x)
	}
	for i, x := range d.Backward() {
		if d.At(i) != x {
			t.Fatalf("Deque.Backward: index %d holds %d", i, x)
		}
		fromDeque = append(fromDeque, x)
		if len(fromDeque) == 3 {
			break
		}
	}
	if !slices.Equal(fromVec, []int{4, 3, 2, 1, 0}) || !slices.Equal(fromDeque, []int{4, 3, 2}) {
		t.Fatalf("Backward: %v, %v", fromVec, fromDeque)
	}
}

func TestMapRetain(t *testing.T) {
	m := NewMap[int, int](NewBudget(nil, 1<<20))
	model := map[int]int{}
	for i := range 1000 {
		m.Insert(i, i*i)
		model[i] = i * i
	}
	c := m.Cap()
	m.Retain(func(k, v int) bool { return k%3 == 0 && v >= 0 })
	maps.DeleteFunc(model, func(k, _ int) bool { return k%3 != 0 })
	if !maps.Equal(mapOf(m), model) || m.Len() != len(model) || m.Cap() > c {
		t.Fatalf("Retain left %d entries, want %d", m.Len(), len(model))
	}
	for k := range 1000 {
		if _, ok := m.Get(k); ok != (k%3 == 0) {
			t.Fatalf("Get(%d) after Retain: %v", k, ok)
		}
	}
	m.Insert(1, 1) // the table still works after tombstones
	if v, ok := m.Get(1); !ok || v != 1 {
		t.Fatal("insert after Retain lost")
	}
}

func setOf(keys ...int) *Set[int] {
	s := NewSet[int](nil)
	for _, k := range keys {
		s.Insert(k)
	}
	return s
}

func keysOf(s *Set[int]) []int { return slices.Sorted(s.All()) }

func TestSetAlgebra(t *testing.T) {
	a, b := setOf(1, 2, 3, 4), setOf(3, 4, 5)
	u := setOf(9)
	must(u.TryUnion(a))
	u.Union(b)
	if got := keysOf(u); !slices.Equal(got, []int{1, 2, 3, 4, 5, 9}) {
		t.Fatalf("union %v", got)
	}
	i := NewSet[int](nil)
	must(i.TryIntersection(a, b))
	if got := keysOf(i); !slices.Equal(got, []int{3, 4}) {
		t.Fatalf("intersection %v", got)
	}
	i.Intersection(b, setOf(5, 6))
	if got := keysOf(i); !slices.Equal(got, []int{3, 4, 5}) {
		t.Fatalf("intersection added to %v", got)
	}
	// Aliases: a set with itself is itself.
	must(a.TryUnion(a))
	must(a.TryIntersection(a, b))
	if got := keysOf(a); !slices.Equal(got, []int{1, 2, 3, 4}) {
		t.Fatalf("aliased %v", got)
	}
	u.Intersect(a)
	if got := keysOf(u); !slices.Equal(got, []int{1, 2, 3, 4}) {
		t.Fatalf("Intersect %v", got)
	}
	u.Subtract(b)
	if got := keysOf(u); !slices.Equal(got, []int{1, 2}) {
		t.Fatalf("Subtract %v", got)
	}
	u.Retain(func(k int) bool { return k == 2 })
	if got := keysOf(u); !slices.Equal(got, []int{2}) {
		t.Fatalf("Retain %v", got)
	}
}

// TestSetAlgebraAllOrNothing: a union or intersection that does not fit
// leaves the target unchanged.
func TestSetAlgebraAllOrNothing(t *testing.T) {
	big := NewSet[int](nil)
	for k := range 100 {
		big.Insert(k)
	}
	target := NewSet[int](NewBudget(nil, bytesOf[group[int, struct{}]](1)))
	target.Insert(1000)
	wantAllocErr(t, target.TryUnion(big), BudgetExceeded, bytesOf[group[int, struct{}]](16))
	wantAllocErr(t, target.TryIntersection(big, big), BudgetExceeded, bytesOf[group[int, struct{}]](16))
	if got := keysOf(target); !slices.Equal(got, []int{1000}) {
		t.Fatalf("failed union left %v", got)
	}
	if !panics(func() { target.Union(big) }) || !panics(func() { target.Intersection(big, big) }) {
		t.Fatal("infallible twins did not panic")
	}
	must(target.TryUnion(setOf(1000, 1, 2))) // fits the one group
	if got := keysOf(target); !slices.Equal(got, []int{1, 2, 1000}) {
		t.Fatalf("union %v", got)
	}
}

func TestBuilderStringsBuilderMethods(t *testing.T) {
	w := NewBuilder(NewBudget(nil, 16))
	w.Grow(10)
	if w.Cap() < 10 || w.Len() != 0 {
		t.Fatalf("Grow: cap %d len %d", w.Cap(), w.Len())
	}
	for _, r := range []rune{'a', 'é', '€', '𝄞', utf8.MaxRune + 1} {
		n, err := w.WriteRune(r)
		if want := utf8.RuneLen(r); err != nil || n != want && !(want < 0 && n == 3) {
			t.Fatalf("WriteRune(%q) = %d, %v", r, n, err)
		}
	}
	if got := w.String(); got != "aé€𝄞\uFFFD" {
		t.Fatalf("%q", got)
	}
	var bytes []byte
	for i, c := range w.All() {
		if w.Bytes()[i] != c {
			t.Fatalf("All: byte %d", i)
		}
		bytes = append(bytes, c)
	}
	if string(bytes) != w.String() {
		t.Fatal("All yielded other bytes")
	}
	for w.Len() < w.Cap() {
		must(w.TryWriteByte('.'))
	}
	before := w.String()
	wantAllocErr(t, w.TryGrow(100), BudgetExceeded, 100+int64(w.Len()))
	n, err := w.WriteRune('€')
	if n != 0 || err == nil || w.String() != before {
		t.Fatalf("failed WriteRune: %d, %v, %q", n, err, w.String())
	}
	if !panics(func() { w.Grow(100) }) {
		t.Fatal("Grow did not panic on refusal")
	}
}
