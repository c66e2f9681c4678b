package effects

import (
	"bytes"
	"go/ast"
	"slices"
	"strings"
)

// Functions without a Go body.
//
// A function declared without a body in package P is one of:
//
//   - assembly: a TEXT ·name(SB) directive in a .s file of P. The
//     standard library's assembly does not call the Go allocator, so the
//     engine takes such a function as clean (AssemblyFuncs finds them),
//     except the few entries of bodylessModel that call Go code they are
//     handed (systemstack, mcall, reflectcall, the callNN trampolines, ...);
//   - pulled: //go:linkname local target in P. The effect is the target's;
//     the engine looks the target up in bodylessModel;
//   - pushed: the runtime (or another package) provides the body with
//     //go:linkname runtimeName P.name. The table records what that body
//     does;
//   - a compiler intrinsic (getg, GetCallerPC, FuncPCABI0, ...).
//
// Anything not in the table and not assembly is conservatively Bodyless
// ("may allocate"). docs/bodyless.md explains how the table was built
// from the go1.26 sources on linux/amd64, which runtime allocations are
// deliberately left out (the scheduler's, panics', pooled runtime
// structures'), and how to re-check it after a Go upgrade.

// bodylessModel maps the full name of a function without a Go body
// (types.Func.FullName of its origin, "sync.runtime_Semacquire"), or of a
// //go:linkname target ("runtime.cgocall"), to its modelled effect: None
// when it does not call the Go allocator, otherwise the Kind that best
// describes what it allocates; Bodyless means "allocates, kind
// unspecific" and Dynamic "calls Go code it is handed".
//
// TestBodylessModelResolves checks that every key still names a function.
var bodylessModel = map[string]Kind{
	// Compiler intrinsics.
	"internal/abi.FuncPCABI0":            None,
	"internal/abi.FuncPCABIInternal":     None,
	"internal/runtime/sys.GetCallerPC":   None,
	"internal/runtime/sys.GetCallerSP":   None,
	"internal/runtime/sys.GetClosurePtr": None,
	"runtime.getg":                       None,

	// Assembly that runs Go code it is handed, or starts the program.
	"runtime.systemstack":                    Dynamic,
	"runtime.mcall":                          Dynamic,
	"runtime.reflectcall":                    Dynamic,
	"runtime.asmcgocall":                     Dynamic, // C code may call back into Go
	"runtime.asmcgocall_no_g":                Dynamic,
	"runtime.asmcgocall_landingpad":          Dynamic,
	"runtime.cgocallback":                    Dynamic,
	"runtime.clone":                          Dynamic, // runs mstart on the new thread
	"runtime.mstart":                         Dynamic,
	"runtime.debugCallV2":                    Dynamic,
	"runtime.rt0_go":                         Bodyless, // schedinit, newproc(main)
	"reflect.makeFuncStub":                   Dynamic,
	"reflect.methodValueCall":                Dynamic,
	"internal/runtime/startlinetest.AsmFunc": Dynamic,
	// reflectcall's trampolines, defined by the CALLFN macro (a TEXT
	// AssemblyFuncs cannot see).
	"runtime.call16":         Dynamic,
	"runtime.call32":         Dynamic,
	"runtime.call64":         Dynamic,
	"runtime.call128":        Dynamic,
	"runtime.call256":        Dynamic,
	"runtime.call512":        Dynamic,
	"runtime.call1024":       Dynamic,
	"runtime.call2048":       Dynamic,
	"runtime.call4096":       Dynamic,
	"runtime.call8192":       Dynamic,
	"runtime.call16384":      Dynamic,
	"runtime.call32768":      Dynamic,
	"runtime.call65536":      Dynamic,
	"runtime.call131072":     Dynamic,
	"runtime.call262144":     Dynamic,
	"runtime.call524288":     Dynamic,
	"runtime.call1048576":    Dynamic,
	"runtime.call2097152":    Dynamic,
	"runtime.call4194304":    Dynamic,
	"runtime.call8388608":    Dynamic,
	"runtime.call16777216":   Dynamic,
	"runtime.call33554432":   Dynamic,
	"runtime.call67108864":   Dynamic,
	"runtime.call134217728":  Dynamic,
	"runtime.call268435456":  Dynamic,
	"runtime.call536870912":  Dynamic,
	"runtime.call1073741824": Dynamic,
	// Declared for vet, or defined only on other architectures: nothing
	// calls them on amd64.
	"runtime.duffcopy":         None,
	"runtime.duffzero":         None,
	"runtime.panicExtend":      None,
	"runtime.gcWriteBarrierBP": None,
	"runtime.gcWriteBarrierBX": None,
	"runtime.gcWriteBarrierCX": None,
	"runtime.gcWriteBarrierDX": None,
	"runtime.gcWriteBarrierR8": None,
	"runtime.gcWriteBarrierR9": None,
	"runtime.gcWriteBarrierSI": None,

	// Runtime declarations whose bodies live elsewhere: the swiss map
	// implementation in internal/runtime/maps, assembly in
	// internal/bytealg and the runtime's time·now.
	"runtime.mapaccess1":                        None,
	"runtime.mapaccess1_fast32":                 None,
	"runtime.mapaccess1_fast64":                 None,
	"runtime.mapaccess1_faststr":                None,
	"runtime.mapaccess2":                        None,
	"runtime.mapaccess2_fast32":                 None,
	"runtime.mapaccess2_fast64":                 None,
	"runtime.mapaccess2_faststr":                None,
	"runtime.mapassign":                         MapInsert,
	"runtime.mapassign_fast32":                  MapInsert,
	"runtime.mapassign_fast32ptr":               MapInsert,
	"runtime.mapassign_fast64":                  MapInsert,
	"runtime.mapassign_fast64ptr":               MapInsert,
	"runtime.mapassign_faststr":                 MapInsert,
	"runtime.mapdelete_fast32":                  None,
	"runtime.mapdelete_fast64":                  None,
	"runtime.mapdelete_faststr":                 None,
	"runtime.memequal":                          None,
	"runtime.memequal_varlen":                   None,
	"runtime.time_now":                          None,
	"runtime.main_main":                         Dynamic, // main.main
	"runtime.sync_atomic_CompareAndSwapUintptr": None,
	"runtime.sync_atomic_StoreUintptr":          None,
	"runtime.sync_atomic_SwapUintptr":           None,

	// Runtime functions that code outside the standard library pulls
	// with //go:linkname (the runtime's "hall of shame"); looked up as
	// linkname targets. Cgo-generated code pulls the cgo entries.
	"runtime.cgocall":              None, // C allocates on the C heap; a callback into Go is an //export function, checked where it is declared
	"runtime.cgoCheckPointer":      None, // allocates only to panic
	"runtime.cgoCheckResult":       None,
	"runtime.cgoUse":               None,
	"runtime.cgoKeepAlive":         None,
	"runtime.cgoNoCallback":        None,
	"runtime.gostring":             Convert, // C.GoString
	"runtime.gostringn":            Convert, // C.GoStringN
	"runtime.gobytes":              Convert, // C.GoBytes
	"runtime.throw":                None,
	"runtime.nanotime":             None,
	"runtime.rand":                 None,
	"runtime.randn":                None,
	"runtime.procPin":              None,
	"runtime.procUnpin":            None,
	"runtime.gopark":               None,
	"runtime.goready":              None,
	"runtime.goyield":              None,
	"runtime.entersyscall":         None,
	"runtime.exitsyscall":          None,
	"runtime.memhash":              None,
	"runtime.memhash32":            None,
	"runtime.memhash64":            None,
	"runtime.strhash":              None,
	"runtime.memmove":              None,
	"runtime.memclrNoHeapPointers": None,
	"runtime.cputicks":             None,
	"runtime.mallocgc":             New,
	"runtime.newobject":            New,
	"runtime.newarray":             MakeSlice,
	"runtime.makeslice":            MakeSlice,
	"runtime.growslice":            Append,
	"runtime.makemap":              MakeMap,
	"runtime.makemap_small":        MakeMap,
	"runtime.convT64":              Box,
	"runtime.convTstring":          Box,
	"runtime.convTslice":           Box,

	// internal/runtime/atomic, internal/runtime/maps, internal/bytealg,
	// internal/runtime/cgroup: pushed from the runtime.
	"internal/runtime/atomic.casPointer":              None,
	"internal/runtime/atomic.storePointer":            None,
	"internal/runtime/maps.fatal":                     None,
	"internal/runtime/maps.newarray":                  MakeSlice,
	"internal/runtime/maps.newobject":                 New,
	"internal/runtime/maps.rand":                      None,
	"internal/runtime/maps.typeString":                None,
	"internal/runtime/maps.typedmemclr":               None,
	"internal/runtime/maps.typedmemmove":              None,
	"internal/runtime/cgroup.throw":                   None,
	"internal/bytealg.MakeNoZero":                     MakeSlice,
	"internal/bytealg.abigen_runtime_cmpstring":       None,
	"internal/bytealg.abigen_runtime_memequal":        None,
	"internal/bytealg.abigen_runtime_memequal_varlen": None,

	// sync, internal/sync, sync/atomic. Blocking takes a pooled sudog and
	// parks: neither is counted (see docs/bodyless.md).
	"sync.fatal":                            None,
	"sync.throw":                            None,
	"sync.runtime_Semacquire":               None,
	"sync.runtime_SemacquireRWMutex":        None,
	"sync.runtime_SemacquireRWMutexR":       None,
	"sync.runtime_SemacquireWaitGroup":      None,
	"sync.runtime_Semrelease":               None,
	"sync.runtime_notifyListAdd":            None,
	"sync.runtime_notifyListCheck":          None,
	"sync.runtime_notifyListNotifyAll":      None,
	"sync.runtime_notifyListNotifyOne":      None,
	"sync.runtime_notifyListWait":           None,
	"sync.runtime_procPin":                  None,
	"sync.runtime_procUnpin":                None,
	"sync.runtime_registerPoolCleanup":      None,
	"sync.runtime_LoadAcquintptr":           None,
	"sync.runtime_StoreReluintptr":          None,
	"sync.runtime_randn":                    None,
	"internal/sync.fatal":                   None,
	"internal/sync.throw":                   None,
	"internal/sync.runtime_SemacquireMutex": None,
	"internal/sync.runtime_Semrelease":      None,
	"internal/sync.runtime_canSpin":         None,
	"internal/sync.runtime_doSpin":          None,
	"internal/sync.runtime_nanotime":        None,
	"internal/sync.runtime_rand":            None,
	"sync/atomic.CompareAndSwapPointer":     None, // write barrier only
	"sync/atomic.StorePointer":              None,
	"sync/atomic.SwapPointer":               None,
	"sync/atomic.runtime_procPin":           None,
	"sync/atomic.runtime_procUnpin":         None,

	// time. Sleep allocates the goroutine's timer on its first sleep;
	// growing the per-P timer heap is not counted.
	"time.Sleep":            New,
	"time.newTimer":         New,
	"time.stopTimer":        None,
	"time.resetTimer":       None,
	"time.now":              None, // runtime assembly (time·now)
	"time.runtimeNano":      None,
	"time.runtimeNow":       None,
	"time.runtimeIsBubbled": None,

	// os, os/signal.
	"os.runtime_args":               Append,
	"os.runtime_beforeExit":         Dynamic, // runs the exit hooks
	"os.runtime_rand":               None,
	"os.sigpipe":                    None,
	"os.checkClonePidfd":            Box,
	"os.ignoreSIGSYS":               None,
	"os.restoreSIGSYS":              None,
	"os/signal.signal_enable":       Go, // the first call starts the signal-mask goroutine
	"os/signal.signal_disable":      Go,
	"os/signal.signal_ignore":       None,
	"os/signal.signal_ignored":      None,
	"os/signal.signal_recv":         None,
	"os/signal.signalWaitUntilIdle": None,

	// internal/poll: descriptors come from a persistentalloc'd cache, off
	// the Go heap.
	"internal/poll.runtimeNano":                    None,
	"internal/poll.runtime_Semacquire":             None,
	"internal/poll.runtime_Semrelease":             None,
	"internal/poll.runtime_isPollServerDescriptor": None,
	"internal/poll.runtime_pollServerInit":         None,
	"internal/poll.runtime_pollOpen":               None,
	"internal/poll.runtime_pollClose":              None,
	"internal/poll.runtime_pollReset":              None,
	"internal/poll.runtime_pollWait":               None,
	"internal/poll.runtime_pollWaitCanceled":       None,
	"internal/poll.runtime_pollSetDeadline":        None,
	"internal/poll.runtime_pollUnblock":            None,

	// reflect, internal/reflectlite. Itabs are persistentalloc'd.
	"reflect.unsafe_New":                  New,
	"reflect.unsafe_NewArray":             MakeSlice,
	"reflect.makechan":                    MakeChan,
	"reflect.makemap":                     MakeMap,
	"reflect.mapassign0":                  MapInsert,
	"reflect.mapassign_faststr0":          MapInsert,
	"reflect.growslice":                   Append,
	"reflect.rselect":                     MakeSlice,
	"reflect.typelinks":                   Composite,
	"reflect.addReflectOff":               MapInsert,
	"reflect.call":                        Dynamic, // runtime.reflectcall
	"reflect.getStaticuint64s":            None,
	"reflect.chancap":                     None,
	"reflect.chanclose":                   None,
	"reflect.chanlen":                     None,
	"reflect.chanrecv":                    None,
	"reflect.chansend0":                   None,
	"reflect.ifaceE2I":                    None,
	"reflect.mapaccess":                   None,
	"reflect.mapaccess_faststr":           None,
	"reflect.mapclear":                    None,
	"reflect.mapdelete":                   None,
	"reflect.mapdelete_faststr":           None,
	"reflect.maplen":                      None,
	"reflect.memmove":                     None,
	"reflect.resolveNameOff":              None,
	"reflect.resolveTextOff":              None,
	"reflect.resolveTypeOff":              None,
	"reflect.typedarrayclear":             None,
	"reflect.typedmemclr":                 None,
	"reflect.typedmemclrpartial":          None,
	"reflect.typedmemmove":                None,
	"reflect.typedslicecopy":              None,
	"reflect.typehash":                    None, // allocates only to panic
	"reflect.unsafeslice":                 None,
	"reflect.verifyNotInHeapPtr":          None,
	"internal/reflectlite.unsafe_New":     New,
	"internal/reflectlite.chanlen":        None,
	"internal/reflectlite.ifaceE2I":       None,
	"internal/reflectlite.maplen":         None,
	"internal/reflectlite.resolveNameOff": None,
	"internal/reflectlite.resolveTypeOff": None,
	"internal/reflectlite.typedmemmove":   None,

	// syscall, internal/syscall/unix. The syscall wrappers box an Errno
	// through errnoErr.
	"syscall.Exit":                                None,
	"syscall.Getpagesize":                         None,
	"syscall.cgocaller":                           Dynamic, // runtime.cgocall
	"syscall.hasWaitingReaders":                   None,
	"syscall.runtimeSetenv":                       New, // a GODEBUG value
	"syscall.runtimeUnsetenv":                     MakeSlice,
	"syscall.runtimeClearenv":                     Bodyless,
	"syscall.runtime_envs":                        Append,
	"syscall.runtime_entersyscall":                None,
	"syscall.runtime_exitsyscall":                 None,
	"syscall.runtime_BeforeFork":                  None,
	"syscall.runtime_AfterFork":                   None,
	"syscall.runtime_AfterForkInChild":            None,
	"syscall.runtime_BeforeExec":                  None,
	"syscall.runtime_AfterExec":                   None,
	"syscall.runtime_doAllThreadsSyscall":         None,
	"internal/syscall/unix.RecvfromInet4":         Box,
	"internal/syscall/unix.RecvfromInet6":         Box,
	"internal/syscall/unix.RecvmsgInet4":          Box,
	"internal/syscall/unix.RecvmsgInet6":          Box,
	"internal/syscall/unix.SendmsgNInet4":         Box,
	"internal/syscall/unix.SendmsgNInet6":         Box,
	"internal/syscall/unix.SendtoInet4":           Box,
	"internal/syscall/unix.SendtoInet6":           Box,
	"internal/syscall/unix.Utimensat":             Box,
	"internal/syscall/unix.fcntl":                 None,
	"internal/syscall/unix.vgetrandom":            None, // per-M state, pooled
	"vendor/golang.org/x/sys/cpu.runtime_getAuxv": None,

	// iter, maps, unique, weak, hash/maphash, math/rand.
	"iter.newcoro":                     Go, // a coro and its goroutine
	"iter.coroswitch":                  Dynamic,
	"maps.clone":                       MakeMap,
	"unique.runtime_rand":              None,
	"weak.runtime_registerWeakPointer": New,
	"weak.runtime_makeStrongFromWeak":  None,
	"hash/maphash.runtime_memhash":     None,
	"hash/maphash.runtime_rand":        None,
	"math/rand.runtime_rand":           None,
	"math/rand/v2.runtime_rand":        None,

	// net, mime/multipart.
	"net.runtime_rand":              None,
	"net.newUnixFile":               New,
	"mime/multipart.readMIMEHeader": MakeMap,

	// internal/godebug, internal/synctest, testing.
	"internal/godebug.registerMetric":         MapInsert,
	"internal/godebug.setNewIncNonDefault":    New,
	"internal/godebug.setUpdate":              New,
	"internal/godebug.write":                  None,
	"internal/synctest.Run":                   Go,
	"internal/synctest.Wait":                  None,
	"internal/synctest.IsInBubble":            None,
	"internal/synctest.inBubble":              Dynamic,
	"internal/synctest.acquire":               None,
	"internal/synctest.release":               None,
	"internal/synctest.associate":             None,
	"internal/synctest.disassociate":          None,
	"internal/synctest.isAssociated":          None,
	"testing/synctest.testingSynctestTest":    Dynamic,
	"testing/cryptotest.testingCheckParallel": None,

	// crypto.
	"crypto/fips140.isBypassed":                   None,
	"crypto/fips140.setBypass":                    None,
	"crypto/fips140.unsetBypass":                  None,
	"crypto/subtle.setDITEnabled":                 None,
	"crypto/subtle.setDITDisabled":                None,
	"crypto/rand.fatal":                           None,
	"crypto/internal/sysrand.fatal":               None,
	"crypto/internal/fips140.fatal":               None,
	"crypto/internal/fips140.getIndicator":        None,
	"crypto/internal/fips140.setIndicator":        None,
	"crypto/internal/fips140hash.sha3Unwrap":      None,
	"crypto/internal/boring/bcache.registerCache": Append,

	// runtime/debug, runtime/metrics, runtime/pprof, runtime/trace,
	// internal/coverage. Starting the GC's workers is not counted.
	"runtime/debug.SetTraceback":                         Bodyless,
	"runtime/debug.WriteHeapDump":                        None,
	"runtime/debug.freeOSMemory":                         None,
	"runtime/debug.modinfo":                              None,
	"runtime/debug.readGCStats":                          None,
	"runtime/debug.runtime_setCrashFD":                   None,
	"runtime/debug.setGCPercent":                         None,
	"runtime/debug.setMaxStack":                          None,
	"runtime/debug.setMaxThreads":                        None,
	"runtime/debug.setMemoryLimit":                       None,
	"runtime/debug.setPanicOnFault":                      None,
	"runtime/metrics.runtime_readMetrics":                Bodyless, // the metric table once, histograms
	"runtime/pprof.readProfile":                          None,
	"runtime/pprof.runtime_FrameStartLine":               None,
	"runtime/pprof.runtime_FrameSymbolName":              None,
	"runtime/pprof.runtime_expandFinalInlineFrame":       Append,
	"runtime/pprof.runtime_getProfLabel":                 None,
	"runtime/pprof.runtime_setProfLabel":                 None,
	"runtime/pprof.runtime_goroutineLeakGC":              None,
	"runtime/pprof.runtime_goroutineleakcount":           None,
	"runtime/pprof.pprof_blockProfileInternal":           None,
	"runtime/pprof.pprof_mutexProfileInternal":           None,
	"runtime/pprof.pprof_memProfileInternal":             None,
	"runtime/pprof.pprof_threadCreateInternal":           None,
	"runtime/pprof.pprof_fpunwindExpand":                 None,
	"runtime/pprof.pprof_goroutineProfileWithLabels":     MakeSlice,
	"runtime/pprof.pprof_goroutineLeakProfileWithLabels": MakeSlice,
	"runtime/pprof.pprof_makeProfStack":                  MakeSlice,
	"runtime/pprof.pprof_cyclesPerSecond":                New,  // sleeps once
	"runtime/trace.userTaskCreate":                       None, // trace buffers are off-heap
	"runtime/trace.userTaskEnd":                          None,
	"runtime/trace.userRegion":                           None,
	"runtime/trace.userLog":                              None,
	"runtime/trace.runtime_traceClockNow":                None,
	"runtime/trace.runtime_traceClockUnitsPerSecond":     None, // a constant on linux
	"runtime/trace.runtime_traceAdvance":                 MakeSlice,
	"internal/coverage/cfile.getCovCounterList":          Append,

	// Pulls of clean Go functions in other packages.
	"go/internal/srcimporter.setUsesCgo":         None,
	"time/tzdata.registerLoadFromEmbeddedTZData": None,
}

// BodylessKind returns the modelled effect of the function without a Go
// body, or of the //go:linkname target, with the given full name, and
// whether the model knows it.
func BodylessKind(fullName string) (Kind, bool) {
	k, ok := bodylessModel[fullName]
	return k, ok
}

// runtimeAllocators lists, sorted, the functions with a body in the
// runtime that are the heap allocator's entry points: mallocgc and its
// size-class variants, and the helpers the compiler calls for new, make,
// append, map insertion, go, defer, concatenation, conversions and
// boxing. The mapassign family lives in internal/runtime/maps, pushed to
// runtime.mapassign*.
var runtimeAllocators = []string{
	"internal/runtime/maps.runtime_mapassign",
	"internal/runtime/maps.runtime_mapassign_fast32",
	"internal/runtime/maps.runtime_mapassign_fast32ptr",
	"internal/runtime/maps.runtime_mapassign_fast64",
	"internal/runtime/maps.runtime_mapassign_fast64ptr",
	"internal/runtime/maps.runtime_mapassign_faststr",
	"runtime.concatbyte2", "runtime.concatbyte3", "runtime.concatbyte4",
	"runtime.concatbyte5", "runtime.concatbytes",
	"runtime.concatstring2", "runtime.concatstring3",
	"runtime.concatstring4", "runtime.concatstring5",
	"runtime.concatstrings",
	"runtime.convT", "runtime.convT16", "runtime.convT32",
	"runtime.convT64", "runtime.convTnoptr", "runtime.convTslice",
	"runtime.convTstring",
	"runtime.deferproc", "runtime.deferprocat", "runtime.deferrangefunc",
	"runtime.growslice", "runtime.growsliceBuf",
	"runtime.growsliceBufNoAlias", "runtime.growsliceNoAlias",
	"runtime.intstring",
	"runtime.makechan", "runtime.makechan64",
	"runtime.makemap", "runtime.makemap64", "runtime.makemap_small",
	"runtime.makeslice", "runtime.makeslice64", "runtime.makeslicecopy",
	"runtime.mallocgc", "runtime.mallocgcLarge",
	"runtime.mallocgcSmallNoScanSC10", "runtime.mallocgcSmallNoScanSC11",
	"runtime.mallocgcSmallNoScanSC12", "runtime.mallocgcSmallNoScanSC13",
	"runtime.mallocgcSmallNoScanSC14", "runtime.mallocgcSmallNoScanSC15",
	"runtime.mallocgcSmallNoScanSC16", "runtime.mallocgcSmallNoScanSC17",
	"runtime.mallocgcSmallNoScanSC18", "runtime.mallocgcSmallNoScanSC19",
	"runtime.mallocgcSmallNoScanSC2", "runtime.mallocgcSmallNoScanSC20",
	"runtime.mallocgcSmallNoScanSC21", "runtime.mallocgcSmallNoScanSC22",
	"runtime.mallocgcSmallNoScanSC23", "runtime.mallocgcSmallNoScanSC24",
	"runtime.mallocgcSmallNoScanSC25", "runtime.mallocgcSmallNoScanSC26",
	"runtime.mallocgcSmallNoScanSC3", "runtime.mallocgcSmallNoScanSC4",
	"runtime.mallocgcSmallNoScanSC5", "runtime.mallocgcSmallNoScanSC6",
	"runtime.mallocgcSmallNoScanSC7", "runtime.mallocgcSmallNoScanSC8",
	"runtime.mallocgcSmallNoScanSC9",
	"runtime.mallocgcSmallNoscan", "runtime.mallocgcSmallNoscanReuse",
	"runtime.mallocgcSmallScanHeader", "runtime.mallocgcSmallScanNoHeader",
	"runtime.mallocgcSmallScanNoHeaderSC1",
	"runtime.mallocgcSmallScanNoHeaderSC10",
	"runtime.mallocgcSmallScanNoHeaderSC11",
	"runtime.mallocgcSmallScanNoHeaderSC12",
	"runtime.mallocgcSmallScanNoHeaderSC13",
	"runtime.mallocgcSmallScanNoHeaderSC14",
	"runtime.mallocgcSmallScanNoHeaderSC15",
	"runtime.mallocgcSmallScanNoHeaderSC16",
	"runtime.mallocgcSmallScanNoHeaderSC17",
	"runtime.mallocgcSmallScanNoHeaderSC18",
	"runtime.mallocgcSmallScanNoHeaderSC19",
	"runtime.mallocgcSmallScanNoHeaderSC2",
	"runtime.mallocgcSmallScanNoHeaderSC20",
	"runtime.mallocgcSmallScanNoHeaderSC21",
	"runtime.mallocgcSmallScanNoHeaderSC22",
	"runtime.mallocgcSmallScanNoHeaderSC23",
	"runtime.mallocgcSmallScanNoHeaderSC24",
	"runtime.mallocgcSmallScanNoHeaderSC25",
	"runtime.mallocgcSmallScanNoHeaderSC26",
	"runtime.mallocgcSmallScanNoHeaderSC3",
	"runtime.mallocgcSmallScanNoHeaderSC4",
	"runtime.mallocgcSmallScanNoHeaderSC5",
	"runtime.mallocgcSmallScanNoHeaderSC6",
	"runtime.mallocgcSmallScanNoHeaderSC7",
	"runtime.mallocgcSmallScanNoHeaderSC8",
	"runtime.mallocgcSmallScanNoHeaderSC9",
	"runtime.mallocgcTiny",
	"runtime.mallocgcTinySize1", "runtime.mallocgcTinySize10",
	"runtime.mallocgcTinySize11", "runtime.mallocgcTinySize12",
	"runtime.mallocgcTinySize13", "runtime.mallocgcTinySize14",
	"runtime.mallocgcTinySize15", "runtime.mallocgcTinySize2",
	"runtime.mallocgcTinySize3", "runtime.mallocgcTinySize4",
	"runtime.mallocgcTinySize5", "runtime.mallocgcTinySize6",
	"runtime.mallocgcTinySize7", "runtime.mallocgcTinySize8",
	"runtime.mallocgcTinySize9",
	"runtime.moveSlice", "runtime.moveSliceNoCap",
	"runtime.moveSliceNoCapNoScan", "runtime.moveSliceNoScan",
	"runtime.newarray", "runtime.newobject", "runtime.newproc",
	"runtime.slicebytetostring", "runtime.slicerunetostring",
	"runtime.stringtoslicebyte", "runtime.stringtoslicerune",
}

// opaqueClean are std functions with a Go body that the model cannot read
// right, mapped to the reason they allocate nothing. Their parameters
// still leak as their bodies say.
var opaqueClean = map[string]string{
	// if alwaysFalse { escapeSink = x }: a store that never runs, there to
	// move x to the heap.
	"internal/abi.Escape": "its store is behind a variable that is never set",
	// Calls the map type's hash function from the type descriptor: the
	// runtime's memhash, strhash, interhash and their kin, which do not
	// allocate.
	"hash/maphash.comparableHash": "it calls the runtime's hash function for the type",
}

// IsOpaqueClean reports whether the function with the given full name is
// one of opaqueClean, which the engine takes as clean whatever its body
// says.
func IsOpaqueClean(fullName string) bool {
	_, ok := opaqueClean[fullName]
	return ok
}

// tablesNameFunctionsOf reports whether the tables that decide what a
// function with a body is (runtimeAllocators, opaqueClean) name a
// package-level function of the package path: the others' functions need
// no name built to be looked up.
func tablesNameFunctionsOf(path string) bool {
	for _, name := range runtimeAllocators {
		if packageOf(name) == path {
			return true
		}
	}
	for name := range opaqueClean {
		if packageOf(name) == path {
			return true
		}
	}
	return false
}

// packageOf returns the package path of a package-level function's full
// name.
func packageOf(fullName string) string {
	return fullName[:max(strings.LastIndexByte(fullName, '.'), 0)]
}

// IsRuntimeAllocator reports whether the function with the given full
// name is one of the runtime's heap allocation entry points, which the
// engine takes as allocating whatever their bodies say.
func IsRuntimeAllocator(fullName string) bool {
	_, ok := slices.BinarySearch(runtimeAllocators, fullName)
	return ok
}

// AssemblyFuncs returns, sorted and without duplicates, the names of the
// functions that the Go assembly file src defines for the package with
// import path pkgPath: "IndexByte" for TEXT ·IndexByte(SB) and for
// TEXT internal∕bytealg·IndexByte<ABIInternal>(SB) alike (the division
// slash stands for "/" in assembly). It skips definitions for other
// packages (runtime·cmpstring in internal/bytealg), file-local symbols
// (cmpbody<>), comments, and TEXT lines inside #define macros, so a
// function defined through a macro invocation (runtime's CALLFN) is not
// found.
func AssemblyFuncs(src []byte, pkgPath string) []string {
	var names []string
	inMacro, inComment := false, false
	for line := range bytes.Lines(src) {
		text := strings.TrimRight(string(line), "\r\n")
		text, inComment = stripComments(text, inComment)
		trimmed := strings.TrimSpace(text)
		if strings.HasPrefix(trimmed, "#define") {
			inMacro = true
		}
		if inMacro {
			inMacro = strings.HasSuffix(trimmed, `\`)
			continue
		}
		for stmt := range strings.SplitSeq(text, ";") {
			if name, ok := textSymbol(stmt, pkgPath); ok {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// textSymbol returns the function name that a TEXT statement defines for
// package pkgPath.
func textSymbol(stmt, pkgPath string) (string, bool) {
	fields := strings.Fields(stmt)
	if len(fields) < 2 || fields[0] != "TEXT" {
		return "", false
	}
	sym, _, ok := strings.Cut(fields[1], "(SB)")
	if !ok {
		return "", false
	}
	sym = strings.TrimSuffix(sym, ",")
	qual, name, ok := strings.Cut(sym, "·")
	if !ok || strings.HasSuffix(name, "<>") {
		return "", false
	}
	if i := strings.IndexByte(name, '<'); i >= 0 {
		name = name[:i] // ABI selector: <ABIInternal>, <ABI0>
	}
	if qual != "" && strings.ReplaceAll(qual, "∕", "/") != pkgPath {
		return "", false
	}
	return name, name != ""
}

// stripComments removes // and /* */ comments from an assembly line;
// inComment says whether the line starts inside a block comment, and the
// result whether the next one does.
func stripComments(line string, inComment bool) (string, bool) {
	var b strings.Builder
	for line != "" {
		if inComment {
			_, rest, ok := strings.Cut(line, "*/")
			if !ok {
				return b.String(), true
			}
			line, inComment = rest, false
			continue
		}
		i := strings.IndexAny(line, "/")
		if i < 0 || i+1 == len(line) {
			b.WriteString(line)
			break
		}
		switch line[i+1] {
		case '/':
			b.WriteString(line[:i])
			return b.String(), false
		case '*':
			b.WriteString(line[:i])
			line, inComment = line[i+2:], true
		default:
			b.WriteString(line[:i+1])
			line = line[i+1:]
		}
	}
	return b.String(), inComment
}

// compilerDirectives collects //go:linkname targets and //go:noescape
// marks, which the bodyless model needs.
func compilerDirectives(files []*ast.File) (linknames map[string]string, noescape map[string]bool) {
	linknames, noescape = map[string]string{}, map[string]bool{}
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if !strings.HasPrefix(c.Text, "//go:linkname") { // splitting every comment would cost more than the rest
					continue
				}
				if fields := strings.Fields(c.Text); len(fields) == 3 && fields[0] == "//go:linkname" {
					linknames[fields[1]] = fields[2]
				}
			}
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body != nil || fd.Doc == nil || fd.Recv != nil {
				continue
			}
			for _, c := range fd.Doc.List {
				if strings.HasPrefix(c.Text, "//go:noescape") {
					noescape[fd.Name.Name] = true
				}
			}
		}
	}
	return linknames, noescape
}
