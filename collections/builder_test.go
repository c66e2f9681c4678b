package collections

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestBuilder(t *testing.T) {
	b := NewBudget(nil, 1<<10)
	w := NewBuilder(b)
	if w.Budget() != b {
		t.Fatal("budget")
	}
	must(w.TryWrite([]byte("ab")))
	must(w.TryWriteString("cd"))
	must(w.TryWriteByte('e'))
	must(w.TryWriteRune('é'))
	must(w.TryWriteRune(-1)) // invalid: written as U+FFFD
	w.Append([]byte("1"))
	w.AppendString("2")
	w.AppendByte('3')
	w.AppendRune('4')
	fmt.Fprintf(w, "<%d>", 5)
	io.WriteString(w, "6")
	if err := w.WriteByte('7'); err != nil {
		t.Fatal(err)
	}
	want := "abcdeé" + string(utf8.RuneError) + "1234<5>67"
	if w.String() != want || string(w.Bytes()) != want || w.Len() != len(want) {
		t.Fatalf("%q", w.String())
	}
	wantUsed(t, b, int64(w.Cap()))
	if err := w.TryReserveExact(w.Cap() - w.Len() + 10); err != nil {
		t.Fatal(err)
	}
	if !w.WriteWithinCapacity(make([]byte, w.Cap()-w.Len())) || w.WriteWithinCapacity([]byte("x")) {
		t.Fatal("WriteWithinCapacity")
	}
	if err := w.TryReserve(1); err != nil {
		t.Fatal(err)
	}
	n, _, err := w.TryExtend(slices.Values([]byte("xyz")))
	if n != 3 || err != nil {
		t.Fatal(n, err)
	}
	c := w.Cap()
	w.Clear()
	if w.Len() != 0 || w.Cap() != c {
		t.Fatal("clear")
	}
	w.Release()
	wantUsed(t, b, 0)
	w.SetBudget(nil)
	var zero Builder
	zero.AppendString("zero value works")
	zero.Release()
}

func TestBuilderFailureWritesNothing(t *testing.T) {
	b := NewBudget(nil, 8)
	w := NewBuilder(b)
	if err := w.TryReserveExact(8); err != nil {
		t.Fatal(err)
	}
	must(w.TryWriteString("1234567"))
	wantAllocErr(t, w.TryWrite([]byte("89")), BudgetExceeded, 16)
	wantAllocErr(t, w.TryWriteString("89"), BudgetExceeded, 16)
	must(w.TryWriteByte('8'))
	wantAllocErr(t, w.TryWriteByte('9'), BudgetExceeded, 16)
	wantAllocErr(t, w.TryWriteRune('é'), BudgetExceeded, 16)
	wantAllocErr(t, w.TryReserve(1), BudgetExceeded, 16)
	wantAllocErr(t, w.TryReserveExact(1), BudgetExceeded, 9)
	if n, err := w.Write([]byte("x")); n != 0 || err == nil {
		t.Fatal(n, err)
	}
	if n, err := w.WriteString("x"); n != 0 || err == nil {
		t.Fatal(n, err)
	}
	if _, err := fmt.Fprintf(w, "%d", 12345); err == nil {
		t.Fatal("Fprintf succeeded")
	}
	if w.String() != "12345678" {
		t.Fatalf("%q", w.String())
	}
	i := 0
	n, rest, err := w.TryExtendPull(func() (byte, bool) { i++; return 'a', i < 3 })
	if n != 0 || err == nil {
		t.Fatal(n, err)
	}
	if h, ok := rest.Held(); !ok || h != 'a' {
		t.Fatal(h, ok)
	}
	for _, f := range []func(){
		func() { w.Append([]byte("x")) }, func() { w.AppendString("x") },
		func() { w.AppendByte('x') }, func() { w.AppendRune('x') },
	} {
		func() {
			defer func() {
				if _, ok := recover().(*AllocError); !ok {
					t.Fatal("no AllocError panic")
				}
			}()
			f()
		}()
	}
	wantUsed(t, b, 8)
}

// TestBuilderGrowsLikeStringsBuilder: small writes grow a Builder through
// the same capacities as strings.Builder, each charged exactly. (Growth
// once went from append's policy applied to the length, not the capacity,
// and overshot: 512 bytes grew to 1280 where append gives 896.)
func TestBuilderGrowsLikeStringsBuilder(t *testing.T) {
	var sb strings.Builder
	b := NewBudget(nil, 1<<20)
	w := NewBuilder(b)
	for i := range 10000 {
		sb.WriteString("word ")
		must(w.TryWriteString("word "))
		if w.Cap() != sb.Cap() || b.Used() != int64(w.Cap()) {
			t.Fatalf("write %d: cap %d, strings.Builder %d, charged %d", i, w.Cap(), sb.Cap(), b.Used())
		}
	}
}
