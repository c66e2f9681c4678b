package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
	"testing"
)

// metric reads a runtime metric whose value is an integer.
func metric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// gcPercent is the collector's percent now.
func gcPercent() int { return int(metric("/gc/gogc:percent")) }

// TestGCPercents checks the percent each channel chooses by the live heap.
func TestGCPercents(t *testing.T) {
	for _, c := range []struct {
		name    string
		percent func(uint64) int
		live    uint64
		want    int
	}{
		{"standalone", standaloneGCPercent, 0, standaloneSmallHeapGCPercent},
		{"standalone", standaloneGCPercent, standaloneSmallHeap - 1, standaloneSmallHeapGCPercent},
		{"standalone", standaloneGCPercent, standaloneSmallHeap, defaultGCPercent},
		{"vet", vetGCPercent, 0, vetSmallHeapGCPercent},
		{"vet", vetGCPercent, vetSmallHeap - 1, vetSmallHeapGCPercent},
		{"vet", vetGCPercent, vetSmallHeap, defaultGCPercent},
		{"vet", vetGCPercent, vetLargeHeap - 1, defaultGCPercent},
		{"vet", vetGCPercent, vetLargeHeap, vetLargeHeapGCPercent},
	} {
		if got := c.percent(c.live); got != c.want {
			t.Errorf("%s, live heap %d bytes: percent %d, want %d", c.name, c.live, got, c.want)
		}
	}
}

// TestTuneGCRespectsGOGC checks that neither channel overrides a GOGC
// the user set.
func TestTuneGCRespectsGOGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(defaultGCPercent))
	t.Setenv("GOGC", "50") // the runtime read it at start-up; this test's percent stays the default
	for name, percent := range map[string]func(uint64) int{"standalone": standaloneGCPercent, "vet": vetGCPercent} {
		stop := tuneGC(percent)
		stop()
		if got := gcPercent(); got != defaultGCPercent {
			t.Errorf("%s: with GOGC set, the percent became %d: the user's choice was overridden", name, got)
		}
	}
}

// TestTuneGCFollowsLiveHeap checks that the percent follows the live heap
// up and down, collection after collection.
func TestTuneGCFollowsLiveHeap(t *testing.T) {
	t.Setenv("GOGC", "") // restored when the test ends
	os.Unsetenv("GOGC")
	defer debug.SetGCPercent(debug.SetGCPercent(defaultGCPercent))
	stop := tuneGC(vetGCPercent)
	defer stop()
	if got := gcPercent(); got != vetSmallHeapGCPercent {
		t.Fatalf("at the start, the percent is %d, want %d", got, vetSmallHeapGCPercent)
	}
	medium := make([]byte, (vetSmallHeap+vetLargeHeap)/2)
	collectUntilPercent(t, defaultGCPercent)
	large := make([]byte, vetLargeHeap)
	collectUntilPercent(t, vetLargeHeapGCPercent)
	runtime.KeepAlive(medium)
	runtime.KeepAlive(large)
	medium, large = nil, nil
	collectUntilPercent(t, vetSmallHeapGCPercent)
}

// collectUntilPercent collects garbage until the collector's percent is
// want: it is set after a collection, on a goroutine of the runtime's.
func collectUntilPercent(t *testing.T, want int) {
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

// TestAfterEachGC checks that the watch sees collections, with the live
// heap, and none once stopped.
func TestAfterEachGC(t *testing.T) {
	var calls atomic.Int64
	var sawLive atomic.Bool
	stop := afterEachGC(func(live uint64) {
		calls.Add(1)
		if live > 0 {
			sawLive.Store(true)
		}
	})
	for i := 0; i < 100 && calls.Load() < 3; i++ {
		runtime.GC()
		runtime.Gosched()
	}
	if n := calls.Load(); n < 3 {
		t.Fatalf("%d calls after 100 collections", n)
	}
	if !sawLive.Load() {
		t.Error("every call had a live heap of 0 bytes")
	}
	stop()
	runtime.GC() // lets a call that was under way finish
	runtime.Gosched()
	before := calls.Load()
	for range 5 {
		runtime.GC()
		runtime.Gosched()
	}
	if after := calls.Load(); after != before {
		t.Errorf("%d calls after stop", after-before)
	}
}
