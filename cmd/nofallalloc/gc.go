package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// The garbage collector's GOGC, when the user has not set one, follows
// the live heap: the collector's work is proportional to the live heap
// times the number of cycles, and the peak RSS to the live heap times
// (1 + GOGC/100), so while the live heap is small a high percent saves
// cycles at little cost in memory, and once it is large the default, or
// less, keeps the peak where it would be.
//
// A standalone run is one process that analyses the whole package graph,
// package by package: its live heap is mostly small (on this repository,
// -tests ./...: median 15 MB, 90th percentile 43 MB over 100 cycles) and
// peaks at a few large packages (100 MB). It collects at
// standaloneSmallHeapGCPercent while the live heap is under
// standaloneSmallHeap, at the default beyond: user time 10.7-11.5 s to
// 9.1-9.5 s there (7.2-8.0 s to 6.1-7.0 s on go.uber.org/zap), peak RSS
// 200-280 MB to 215-225 MB (zap: 170-205 MB to 180-205 MB); a fixed 200
// saved as much for 250-340 MB.
//
// go vet starts the tool once per package, and the peak RSS of a go vet
// run is that of its largest process, the analysis of the runtime package
// (live heap 60-100 MB) in any run that includes the standard library.
// Most packages are small, their live heap under vetSmallHeap, and
// collect at vetSmallHeapGCPercent; past vetSmallHeap the default comes
// back, and past vetLargeHeap, where the process may be the run's
// largest, vetLargeHeapGCPercent holds its peak down. On go.uber.org/zap:
// user time 6.0-6.3 s to 4.8 s (the SSA floor's 4.8-5.4 s), peak RSS
// 160 MB to 148 MB (the floor's 145 MB).
const (
	defaultGCPercent             = 100
	standaloneSmallHeapGCPercent = 200
	standaloneSmallHeap          = 48 << 20 // bytes of live heap
	vetSmallHeapGCPercent        = 400
	vetSmallHeap                 = 24 << 20 // bytes of live heap
	vetLargeHeapGCPercent        = 50
	vetLargeHeap                 = 48 << 20 // bytes of live heap
)

// standaloneGCPercent is the standalone command's percent for a live heap
// of live bytes.
func standaloneGCPercent(live uint64) int {
	if live < standaloneSmallHeap {
		return standaloneSmallHeapGCPercent
	}
	return defaultGCPercent
}

// vetGCPercent is a go vet run's percent for a live heap of live bytes.
func vetGCPercent(live uint64) int {
	switch {
	case live < vetSmallHeap:
		return vetSmallHeapGCPercent
	case live < vetLargeHeap:
		return defaultGCPercent
	}
	return vetLargeHeapGCPercent
}

// tuneGC makes the collector's percent follow the live heap by percent,
// from the start and after every collection, unless GOGC is set: the
// runtime has then applied the user's choice already. stop ends it.
func tuneGC(percent func(live uint64) int) (stop func()) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	var current atomic.Int64
	current.Store(int64(percent(0)))
	debug.SetGCPercent(percent(0))
	return afterEachGC(func(live uint64) {
		if p := percent(live); current.Swap(int64(p)) != int64(p) {
			debug.SetGCPercent(p)
		}
	})
}

// afterEachGC calls f with the size of the live heap at the end of every
// garbage collection, on a goroutine of the runtime's, one call at a time,
// until stop is called.
//
// A collection is seen by a cleanup attached to an object nothing refers
// to: the cycle that finds it unreachable runs the cleanup, which
// attaches itself to a new object for the next cycle.
func afterEachGC(f func(live uint64)) (stop func()) {
	type sentinel struct{ _ *byte } // with a pointer: never a tiny allocation, which may share a block and outlive itself
	var stopped atomic.Bool
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var watch func(struct{})
	watch = func(struct{}) {
		if stopped.Load() {
			return
		}
		metrics.Read(sample)
		f(sample[0].Value.Uint64())
		runtime.AddCleanup(new(sentinel), watch, struct{}{})
	}
	runtime.AddCleanup(new(sentinel), watch, struct{}{})
	return func() { stopped.Store(true) }
}
