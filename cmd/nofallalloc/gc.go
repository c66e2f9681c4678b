package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// The garbage collector's GOGC, when the user has not set one.
//
// A standalone run is one process that analyses the whole package graph,
// every package's syntax, SSA and facts short-lived, so at the runtime's
// default of 100 the collector's work is a fifth of its CPU time; at
// standaloneGCPercent it does half as many cycles for a larger heap (with
// -tests ./...: 11-15% less user time on go.uber.org/zap, peak RSS from
// about 170 MB to about 250 MB, staticcheck's 240-260 MB; 6-14% less on
// this repository, 250 MB to 290-340 MB, staticcheck's 240-260 MB).
//
// go vet starts the tool once per package, and the peak RSS of a go vet
// run is that of its largest process, the analysis of the runtime package
// (live heap 60-100 MB) in any run that includes the standard library. So
// a run's collector follows its live heap: most packages are small, their
// live heap under vetSmallHeap, and collect at vetSmallHeapGCPercent,
// since so small a heap grown several times is still far below the peak;
// past vetSmallHeap the default comes back, and past vetLargeHeap, where
// the process may be the run's largest, vetLargeHeapGCPercent holds its
// peak down. On go.uber.org/zap: user time 6.0-6.3 s to 4.8 s (the SSA
// floor's 4.8-5.4 s), peak RSS 160 MB to 148 MB (the floor's 145 MB).
const (
	standaloneGCPercent   = 200
	vetSmallHeapGCPercent = 400
	vetSmallHeap          = 24 << 20 // bytes of live heap
	vetLargeHeapGCPercent = 50
	vetLargeHeap          = 48 << 20 // bytes of live heap
	defaultGCPercent      = 100
)

// tuneStandaloneGC sets the collector's percent for the standalone
// command, unless GOGC is set: the runtime has then applied it already.
func tuneStandaloneGC() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(standaloneGCPercent)
	}
}

// tuneVetGC sets the collector's percent for one go vet run, unless GOGC
// is set.
func tuneVetGC() {
	if _, set := os.LookupEnv("GOGC"); set {
		return
	}
	debug.SetGCPercent(vetSmallHeapGCPercent)
	afterHeapExceeds(vetSmallHeap, func() {
		debug.SetGCPercent(defaultGCPercent)
		afterHeapExceeds(vetLargeHeap, func() { debug.SetGCPercent(vetLargeHeapGCPercent) })
	})
}

// afterHeapExceeds calls f, once, at the end of the first garbage
// collection after which the live heap is larger than limit bytes.
//
// A collection is seen by a cleanup attached to an object nothing refers
// to: the cycle that finds it unreachable runs the cleanup, which
// attaches itself to a new object for the next cycle.
func afterHeapExceeds(limit uint64, f func()) {
	type sentinel struct{ _ *byte } // with a pointer: never a tiny allocation, which may share a block and outlive itself
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	var watch func(struct{})
	watch = func(struct{}) {
		metrics.Read(live)
		if live[0].Value.Kind() == metrics.KindUint64 && live[0].Value.Uint64() > limit {
			f()
			return
		}
		runtime.AddCleanup(new(sentinel), watch, struct{}{})
	}
	runtime.AddCleanup(new(sentinel), watch, struct{}{})
}
