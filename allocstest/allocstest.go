package allocstest

import (
	"cmp"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
)

// TB is the part of testing.TB that allocstest reports through.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

const (
	// callsPerRound is how many consecutive calls of f one round makes.
	callsPerRound = 100
	// rounds is how many rounds Zero tries before it concludes that f
	// allocates: each failed round is retried, in case the allocation
	// came from elsewhere in the process.
	rounds = 5
)

// Zero reports an error through t when f allocates on the heap at run time:
// when every one of several rounds of consecutive calls to f saw at least
// one allocation. The report names each allocation site with its stack.
func Zero(t TB, f func()) {
	t.Helper()
	fewest := fewestAllocs(f)
	if fewest == 0 {
		return
	}
	t.Errorf("allocstest.Zero: the function allocates: at least %d allocations in each of %d rounds of %d calls\n%s",
		fewest, rounds, callsPerRound, allocationSites(f))
}

// fewestAllocs returns the fewest heap allocations that the whole process
// made during one round of calls to f, over up to rounds rounds; it stops at
// the first round without any.
func fewestAllocs(f func()) uint64 {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	f() // warm-up: first-call work is not f's steady state
	var fewest uint64
	for i := range rounds {
		n := allocsDuring(f)
		if i == 0 || n < fewest {
			fewest = n
		}
		if fewest == 0 {
			break
		}
	}
	return fewest
}

// allocsDuring counts the heap allocations made, by any goroutine, during
// callsPerRound calls to f. It collects the heap first, so that the
// collector is unlikely to run, and allocate, in the middle.
func allocsDuring(f func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	callRepeatedly(f, callsPerRound)
	runtime.ReadMemStats(&after)
	return after.Mallocs - before.Mallocs
}

// callRepeatedly calls f n times. Stacks in the memory profile are cut at
// this frame: what lies below it is the test's, not f's.
//
//go:noinline
func callRepeatedly(f func(), n int) {
	for range n {
		f()
	}
}

// allocationSites calls f callsPerRound times with every allocation
// recorded in the memory profile (runtime.MemProfileRate = 1) and describes
// the sites under f whose counts grew, most frequent first, each with its
// stack from the allocation up to f.
func allocationSites(f func()) string {
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	runtime.MemProfileRate = 1
	before := memProfile()
	callRepeatedly(f, callsPerRound)
	after := memProfile()

	bottom := runtime.FuncForPC(reflect.ValueOf(callRepeatedly).Pointer()).Name()
	var sites []site
	for stack, n := range after {
		grown := n.objects - before[stack].objects
		if grown <= 0 {
			continue
		}
		text, underTest := formatStack(stack, bottom)
		if underTest {
			sites = append(sites, site{objects: grown, bytes: n.bytes - before[stack].bytes, stack: text})
		}
	}
	if len(sites) == 0 {
		return "no allocation under the function in the memory profile: the allocations came from other goroutines, or from the function on some calls only"
	}
	slices.SortFunc(sites, func(a, b site) int {
		return cmp.Or(cmp.Compare(b.objects, a.objects), cmp.Compare(a.stack, b.stack))
	})
	var b strings.Builder
	fmt.Fprintf(&b, "allocation sites during %d calls (runtime.MemProfileRate=1):", callsPerRound)
	for _, s := range sites {
		fmt.Fprintf(&b, "\n%d allocations (%d bytes) at\n%s", s.objects, s.bytes, s.stack)
	}
	return b.String()
}

// profileStack is a memory profile record's stack, as the runtime keeps it.
type profileStack [32]uintptr

type profileCount struct{ objects, bytes int64 }

// memProfile collects the heap, which publishes every allocation made so
// far, and returns the cumulative allocation counts by stack.
func memProfile() map[profileStack]profileCount {
	runtime.GC()
	var records []runtime.MemProfileRecord
	for {
		n, ok := runtime.MemProfile(records, true)
		if ok {
			records = records[:n]
			break
		}
		records = make([]runtime.MemProfileRecord, n+50)
	}
	counts := make(map[profileStack]profileCount, len(records))
	for _, r := range records {
		c := counts[r.Stack0]
		c.objects += r.AllocObjects
		c.bytes += r.AllocBytes
		counts[r.Stack0] = c
	}
	return counts
}

// site is one allocation site seen during the profiled calls.
type site struct {
	objects, bytes int64
	stack          string // formatted by formatStack
}

// formatStack formats a profile stack from the allocation up to the
// function under test, and reports whether the stack reaches that function
// at all (from the frame of the function named bottom). Of the runtime's
// frames at the top it keeps only the entry point that the caller's code
// called (runtime.makeslice, runtime.mapassign, ...), which names the kind
// of allocation.
func formatStack(stack profileStack, bottom string) (string, bool) {
	pcs := stack[:]
	if i := slices.Index(pcs, 0); i >= 0 {
		pcs = pcs[:i]
	}
	var frames []runtime.Frame
	reached := false
	it := runtime.CallersFrames(pcs)
	for {
		fr, more := it.Next()
		if fr.Function == bottom {
			reached = true
			break
		}
		frames = append(frames, fr)
		if !more {
			break
		}
	}
	first := slices.IndexFunc(frames, func(fr runtime.Frame) bool { return !inRuntime(fr.Function) })
	if first > 0 {
		frames = frames[first-1:]
	}
	var b strings.Builder
	for _, fr := range frames {
		fmt.Fprintf(&b, "\t%s\n\t\t%s:%d\n", fr.Function, fr.File, fr.Line)
	}
	return strings.TrimRight(b.String(), "\n"), reached
}

// inRuntime reports whether function belongs to the runtime's allocator.
func inRuntime(function string) bool {
	return strings.HasPrefix(function, "runtime.") || strings.HasPrefix(function, "internal/runtime/")
}
