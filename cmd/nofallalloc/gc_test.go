package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

// metric reads a runtime metric whose value is an integer.
func metric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// gcPercent is the collector's percent now.
func gcPercent() uint64 { return metric("/gc/gogc:percent") }

// TestTuneGCRespectsGOGC checks that neither channel overrides a GOGC
// the user set.
func TestTuneGCRespectsGOGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(defaultGCPercent))
	t.Setenv("GOGC", "50") // the runtime read it at start-up; this test's percent stays the default
	for name, tune := range map[string]func(){"standalone": tuneStandaloneGC, "vet": tuneVetGC} {
		tune()
		if got := gcPercent(); got != defaultGCPercent {
			t.Errorf("%s: with GOGC set, the percent became %d: the user's choice was overridden", name, got)
		}
	}
}

// withoutGOGC unsets GOGC for the rest of the test, and restores the
// collector's percent after it.
func withoutGOGC(t *testing.T) {
	t.Setenv("GOGC", "") // restores it when the test ends
	os.Unsetenv("GOGC")
	old := debug.SetGCPercent(defaultGCPercent)
	t.Cleanup(func() { debug.SetGCPercent(old) })
}

// TestTuneStandaloneGC checks that the standalone command raises the
// collector's percent when GOGC is not set.
func TestTuneStandaloneGC(t *testing.T) {
	withoutGOGC(t)
	tuneStandaloneGC()
	if got := gcPercent(); got != standaloneGCPercent {
		t.Errorf("without GOGC, the percent is %d, want %d", got, standaloneGCPercent)
	}
}

// TestTuneVetGC checks that a go vet run collects at
// vetSmallHeapGCPercent while its live heap is small, at the default past
// vetSmallHeap and at vetLargeHeapGCPercent past vetLargeHeap.
func TestTuneVetGC(t *testing.T) {
	withoutGOGC(t)
	tuneVetGC()
	if got := gcPercent(); got != vetSmallHeapGCPercent {
		t.Fatalf("without GOGC, the percent is %d, want %d while the heap is small", got, vetSmallHeapGCPercent)
	}
	medium := make([]byte, (vetSmallHeap+vetLargeHeap)/2)
	collectUntilPercent(t, defaultGCPercent)
	large := make([]byte, vetLargeHeap)
	collectUntilPercent(t, vetLargeHeapGCPercent)
	runtime.KeepAlive(medium)
	runtime.KeepAlive(large)
}

// collectUntilPercent collects garbage until the collector's percent is
// want: it is set by a cleanup that runs after a collection, on a
// goroutine of its own.
func collectUntilPercent(t *testing.T, want uint64) {
	t.Helper()
	for range 100 {
		if gcPercent() == want {
			return
		}
		runtime.GC()
		runtime.Gosched()
	}
	t.Fatalf("after 100 collections with a live heap of about %d MiB, the percent is %d, want %d", metric("/gc/heap/live:bytes")>>20, gcPercent(), want)
}

// TestAfterHeapExceeds checks that the watch calls its function once,
// only when a collection finds more live heap than the limit.
func TestAfterHeapExceeds(t *testing.T) {
	calls := make(chan struct{}, 10)
	const limit = 8 << 20
	afterHeapExceeds(limit, func() { calls <- struct{}{} })
	for range 5 {
		runtime.GC()
		runtime.Gosched()
	}
	if len(calls) != 0 {
		t.Fatalf("called with a live heap under %d MiB", limit>>20)
	}
	live := make([]byte, 2*limit)
	for range 100 {
		if len(calls) > 0 {
			break
		}
		runtime.GC()
		runtime.Gosched()
	}
	for range 5 {
		runtime.GC()
		runtime.Gosched()
	}
	runtime.KeepAlive(live)
	if n := len(calls); n != 1 {
		t.Errorf("called %d times after the live heap passed %d MiB, want once", n, limit>>20)
	}
}
