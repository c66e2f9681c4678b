package effects

import "testing"

// TestCodeAllocatesDefer checks the runtime functions that make a
// defer's record on the heap, as Go 1.26 compiles a defer
// (cmd/compile/internal/ssagen, rangefunc): in a loop, and in the body
// of a range-over-func loop; a record on the stack allocates nothing.
func TestCodeAllocatesDefer(t *testing.T) {
	for name, want := range map[string]bool{
		"deferproc":      true,
		"deferprocat":    true, // a defer in a range-over-func loop's body
		"deferrangefunc": true,
		"deferprocStack": false,
		"deferreturn":    false,
	} {
		if got := CodeAllocates(Defer, []string{name}); got != want {
			t.Errorf("CodeAllocates(Defer, %s) = %v, want %v", name, got, want)
		}
	}
}
