package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
)

// gcPercent is the collector's percent now.
func gcPercent() uint64 {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestTuneStandaloneGC checks that the standalone command raises the
// collector's percent when GOGC is not set, and leaves what the user
// chose alone.
func TestTuneStandaloneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(defaultGCPercent))
	t.Setenv("GOGC", "50") // restored when the test ends
	tuneStandaloneGC()
	if got := gcPercent(); got != defaultGCPercent {
		t.Errorf("with GOGC set, the percent became %d: the user's choice was overridden", got)
	}
	os.Unsetenv("GOGC")
	tuneStandaloneGC()
	if got := gcPercent(); got != standaloneGCPercent {
		t.Errorf("without GOGC, the percent is %d, want %d", got, standaloneGCPercent)
	}
}

// TestTuneVetGC checks that a go vet run collects at
// vetSmallHeapGCPercent while its heap is small and comes back to the
// default once the live heap passes vetSmallHeap, and that it leaves a
// GOGC the user set alone.
func TestTuneVetGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(defaultGCPercent))
	t.Setenv("GOGC", "50")
	tuneVetGC()
	if got := gcPercent(); got != defaultGCPercent {
		t.Errorf("with GOGC set, the percent became %d: the user's choice was overridden", got)
	}
	os.Unsetenv("GOGC")
	tuneVetGC()
	if got := gcPercent(); got != vetSmallHeapGCPercent {
		t.Fatalf("without GOGC, the percent is %d, want %d while the heap is small", got, vetSmallHeapGCPercent)
	}
	live := make([]byte, 2*vetSmallHeap)
	// The percent is set back by a cleanup that runs after a collection,
	// on a goroutine of its own: collect until it has run.
	for range 100 {
		if gcPercent() == defaultGCPercent {
			break
		}
		runtime.GC()
		runtime.Gosched()
	}
	runtime.KeepAlive(live)
	if got := gcPercent(); got != defaultGCPercent {
		t.Errorf("with a live heap of %d MiB, the percent is still %d, want the default %d", 2*vetSmallHeap>>20, got, defaultGCPercent)
	}
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
