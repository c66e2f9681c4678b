package lazyregexp

import (
	"regexp"
	"testing"
)

// TestNewIsLazy checks that New compiles nothing: its allocations are
// those of the closure, far fewer than a compilation's.
func TestNewIsLazy(t *testing.T) {
	const expr = `^(.+?\.go):(\d+):(\d+): (.*)$`
	compile := testing.AllocsPerRun(10, func() { regexp.MustCompile(expr) })
	lazy := testing.AllocsPerRun(10, func() { New(expr) })
	if lazy >= compile/2 {
		t.Errorf("New(%q) makes %v allocations, a compilation %v: it compiles eagerly", expr, lazy, compile)
	}
}

// TestNewCompilesOnce checks that every call returns the same compiled
// expression, and that it is the one asked for.
func TestNewCompilesOnce(t *testing.T) {
	re := New(`^a(b+)$`)
	first := re()
	if first != re() {
		t.Error("a second call compiled the expression again")
	}
	if m := first.FindStringSubmatch("abb"); len(m) != 2 || m[1] != "bb" {
		t.Errorf("FindStringSubmatch(%q) = %q, want [abb bb]", "abb", m)
	}
}

// TestNewPanicsOnUse checks that an invalid expression panics when it is
// first used, as regexp.MustCompile would have at initialisation.
func TestNewPanicsOnUse(t *testing.T) {
	re := New(`(`)
	defer func() {
		if recover() == nil {
			t.Error("an invalid expression did not panic")
		}
	}()
	re()
}
