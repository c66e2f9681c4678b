package main

import (
	"strings"
	"testing"
)

// TestConfirmKeepsAllocations: -confirm=compiler keeps the sites whose
// allocation the compiler's log or code shows in a way the model once
// read as none: the box of an empty slice literal, whose decision reads
// like the literal's ([]int{} escapes to heap: the slice has no storage,
// its box does), and a defer in a range-over-func loop's body, which
// goes through runtime.deferprocat, not deferproc.
func TestConfirmKeepsAllocations(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a module")
	}
	dir := keepModule(t, "example.com/confirm", map[string]string{
		"q/q.go": `package q

var sink any

var count int

func Empty() {
	sink = []int{}
}

func seq(yield func(int) bool) {
	for i := range 3 {
		if !yield(i) {
			return
		}
	}
}

func RangeDefer() {
	for i := range seq {
		defer func() { count += i }()
	}
}
`,
	})
	o := nofallalloc(t, dir, "-sites", "-confirm=compiler", "./q")
	wantExit(t, o, exitClean)
	for _, want := range []string{
		"q/q.go:8:14: box in Empty",
		"q/q.go:21:3: defer in RangeDefer.func1",
	} {
		if !strings.Contains(o.stdout, want+"\n") {
			t.Errorf("no site %q:\n%s", want, o.stdout)
		}
	}
}
