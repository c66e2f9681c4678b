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
// standaloneGCPercent it does half as many cycles for a larger heap (on
// go.uber.org/zap, -tests ./...: 15% less user time, peak RSS from about
// 200 MB to about 270 MB, near staticcheck's).
//
// go vet starts the tool once per package, and most packages are small:
// their live heap stays under vetSmallHeap, and there the collector runs
// at vetSmallHeapGCPercent, since so small a heap grown several times is
// still far below what a large package needs. Once the live heap passes
// vetSmallHeap the default comes back, so that a large package (the
// runtime, whose run is the largest of any go vet of std) peaks where it
// would have: the peak RSS of a go vet run is that of its largest
// process.
const (
	standaloneGCPercent   = 200
	vetSmallHeapGCPercent = 400
	vetSmallHeap          = 24 << 20 // bytes of live heap
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
	afterHeapExceeds(vetSmallHeap, func() { debug.SetGCPercent(defaultGCPercent) })
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
