package collections

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func mapOf[K comparable, V any](m *Map[K, V]) map[K]V { return maps.Collect(m.All()) }

// TestMapModel checks random inserts, updates and deletes against a
// built-in map, through growth, tombstones and same-size rebuilds.
func TestMapModel(t *testing.T) {
	b := NewBudget(nil, 1<<24)
	m := NewMap[int, int](b)
	model := map[int]int{}
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 50000 {
		k := r.IntN(3000)
		switch r.IntN(3) {
		case 0, 1:
			m.Insert(k, i)
			model[k] = i
		default:
			v, ok := m.Delete(k)
			mv, mok := model[k]
			if ok != mok || v != mv {
				t.Fatalf("step %d: Delete(%d) = %d %v, want %d %v", i, k, v, ok, mv, mok)
			}
			delete(model, k)
		}
		if m.Len() != len(model) {
			t.Fatalf("step %d: len %d want %d", i, m.Len(), len(model))
		}
	}
	for k := range 3000 {
		v, ok := m.Get(k)
		mv, mok := model[k]
		if ok != mok || v != mv || m.Contains(k) != mok {
			t.Fatalf("Get(%d) = %d %v, want %d %v", k, v, ok, mv, mok)
		}
	}
	if !maps.Equal(mapOf(m), model) {
		t.Fatal("All differs from the model")
	}
	wantUsed(t, b, bytesOf[group[int, int]](len(m.t.groups)))
	m.Release()
	wantUsed(t, b, 0)
}

func TestMapStringKeysAndIteration(t *testing.T) {
	m := NewMap[string, []int](NewBudget(nil, 1<<20))
	words := []string{"a", "bb", "ccc", "dddd", "", "ee"}
	for i, w := range words {
		m.Insert(w, []int{i})
	}
	m.Insert("a", []int{9}) // update
	if v, _ := m.Get("a"); v[0] != 9 || m.Len() != len(words) {
		t.Fatal("update failed")
	}
	keys := slices.Sorted(m.Keys())
	if !slices.Equal(keys, slices.Sorted(slices.Values(words))) {
		t.Fatal(keys)
	}
	n := 0
	for range m.Values() {
		n++
	}
	if n != len(words) {
		t.Fatal(n)
	}
	// Deleting during iteration: deleted entries not yet reached are skipped.
	seen := 0
	for k := range m.All() {
		seen++
		for _, w := range words {
			if w != k {
				m.Delete(w)
			}
		}
	}
	if seen != 1 || m.Len() != 1 {
		t.Fatalf("seen %d, len %d", seen, m.Len())
	}
	for range m.All() {
		break // stopping early is fine
	}
	for range m.Keys() {
		break
	}
	for range m.Values() {
		break
	}
	if _, ok := m.Delete("zzz"); ok {
		t.Fatal("deleted an absent key")
	}
	c := m.Cap()
	m.Clear()
	if m.Len() != 0 || m.Cap() != c || m.Contains("a") {
		t.Fatal("clear")
	}
	var empty Map[int, int]
	if _, ok := empty.Get(1); ok || empty.Contains(1) || empty.Len() != 0 {
		t.Fatal("zero map not empty")
	}
	if _, ok := empty.Delete(1); ok {
		t.Fatal("delete from zero map")
	}
}

func TestMapReserve(t *testing.T) {
	b := NewBudget(nil, 1<<20)
	m := NewMap[int, int](b)
	if err := m.TryReserveExact(100); err != nil {
		t.Fatal(err)
	}
	if m.Cap() < 100 || m.Cap() > 2*100 {
		t.Fatalf("cap %d", m.Cap())
	}
	c := m.Cap()
	for i := range c {
		if !m.InsertWithinCapacity(i, i) {
			t.Fatalf("insert %d within capacity %d failed", i, c)
		}
	}
	if m.InsertWithinCapacity(-1, 0) {
		t.Fatal("inserted past capacity")
	}
	if !m.InsertWithinCapacity(0, 5) {
		t.Fatal("update at capacity failed")
	}
	if err := m.TryReserve(1); err != nil || m.Cap() < 2*c {
		t.Fatalf("reserve gave cap %d, %v", m.Cap(), err)
	}
	wantAllocErr(t, m.TryReserve(int(^uint(0)>>1)), CapacityOverflow, math.MaxInt64) // saturated
	wantAllocErr(t, m.TryReserveExact(1<<60), CapacityOverflow, int64(c)+1<<60)
	var z Map[int, int]
	if !z.InsertWithinCapacity(1, 1) == true && z.Len() != 0 {
		t.Fatal("zero map has capacity")
	}
}

func TestMapFailureLeavesItUnchanged(t *testing.T) {
	b := NewBudget(nil, bytesOf[group[int, string]](1))
	m := NewMap[int, string](b)
	for i := range 7 { // one group holds 7
		if _, _, err := m.TryInsert(i, "v"); err != nil {
			t.Fatal(i, err)
		}
	}
	before := mapOf(m)
	k, v, err := m.TryInsert(100, "new")
	wantAllocErr(t, err, BudgetExceeded, bytesOf[group[int, string]](2))
	if k != 100 || v != "new" {
		t.Fatal("pair not handed back")
	}
	if _, _, err := m.TryInsert(3, "updated"); err != nil {
		t.Fatal("update at capacity failed:", err)
	}
	before[3] = "updated"
	wantAllocErr(t, m.TryReserve(1), BudgetExceeded, bytesOf[group[int, string]](2))
	if !maps.Equal(mapOf(m), before) || m.Len() != 7 {
		t.Fatal("changed")
	}
	// Deleting leaves a free slot that a new key may take without growth.
	m.Delete(0)
	if _, _, err := m.TryInsert(200, "x"); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if _, ok := recover().(*AllocError); !ok {
				t.Fatal("no AllocError panic")
			}
		}()
		m.Insert(300, "y")
	}()
	wantUsed(t, b, bytesOf[group[int, string]](1))
	var zero Map[int, int]
	zero.SetBudget(NewBudget(nil, 0))
	if _, _, err := zero.TryInsert(1, 1); err == nil {
		t.Fatal("zero budget granted a table")
	}
	if zero.Budget().Limit() != 0 {
		t.Fatal("budget")
	}
}

// TestMapTombstoneRebuild fills a table with deletes so that inserts must
// rebuild at the same size rather than grow.
func TestMapTombstoneRebuild(t *testing.T) {
	b := NewBudget(nil, 1<<20)
	m := NewMap[int, int](b)
	if err := m.TryReserveExact(50); err != nil {
		t.Fatal(err)
	}
	groups := len(m.t.groups)
	for i := range 100000 {
		m.Insert(i, i)
		if i >= 10 {
			m.Delete(i - 10)
		}
	}
	if m.Len() != 10 || len(m.t.groups) > groups {
		t.Fatalf("len %d groups %d (was %d)", m.Len(), len(m.t.groups), groups)
	}
	for i := 100000 - 10; i < 100000; i++ {
		if v, ok := m.Get(i); !ok || v != i {
			t.Fatal(i)
		}
	}
	wantUsed(t, b, bytesOf[group[int, int]](len(m.t.groups)))
}

func TestMapTryExtend(t *testing.T) {
	src := NewMap[int, int](nil)
	for i := range 200 {
		src.Insert(i, i*i)
	}
	dst := NewMap[int, int](NewBudget(nil, bytesOf[group[int, int]](4)))
	n, rest, err := dst.TryExtend(src.All())
	if err == nil || n != dst.Len() || n == 0 {
		t.Fatal(n, err)
	}
	if _, _, ok := rest.Held(); ok {
		t.Fatal("TryExtend's rest holds a pair")
	}
	got := maps.Collect(rest.All())
	if len(got)+n != 200 {
		t.Fatalf("rest %d + inserted %d", len(got), n)
	}
	for k, v := range got {
		if dst.Contains(k) || v != k*k {
			t.Fatal(k)
		}
	}
	next, stop := iterPull2(src)
	defer stop()
	dst.Clear()
	n, rest, err = dst.TryExtendPull(next)
	if err == nil || n == 0 {
		t.Fatal(n, err)
	}
	k, v, ok := rest.Held()
	if !ok || v != k*k || dst.Contains(k) {
		t.Fatal(k, v, ok)
	}
	got = maps.Collect(rest.All())
	if len(got)+n != 200 {
		t.Fatalf("pull rest %d + inserted %d", len(got), n)
	}
	var none Rest2[int, int]
	if len(maps.Collect(none.All())) != 0 {
		t.Fatal("zero Rest2 not empty")
	}
	for range rest.All() {
		break
	}
	all := NewMap[int, int](nil)
	if n, _, err := all.TryExtend(src.All()); n != 200 || err != nil {
		t.Fatal(n, err)
	}
	all.Clear()
	pn, pstop := iterPull2(src)
	defer pstop()
	if n, _, err := all.TryExtendPull(pn); n != 200 || err != nil {
		t.Fatal(n, err)
	}
	func() {
		defer func() {
			if _, ok := recover().(*AllocError); !ok {
				t.Fatal("no AllocError panic")
			}
		}()
		dst.Extend(src.All())
	}()
}
