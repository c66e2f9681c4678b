// Command nofallalloc reports infallible heap allocations that strict Go
// functions may reach. One binary serves every channel of the analyzer
// github.com/nofallalloc/nofallalloc/analyzer.
//
// # Standalone
//
//	nofallalloc [flags] PACKAGES...
//
// PACKAGES are go list patterns (./..., example.com/pkg). The named packages
// are checked; every package they import, the standard library included, is
// analyzed too, but only for the facts that the check needs: nothing is
// reported in a dependency. Results are cached on disk per package in
// $NOFALLALLOC_CACHE, or else in nofallalloc/ under the user cache directory
// (os.UserCacheDir), so a second run over unchanged code only prints. An
// entry whose content does not match its hash is recomputed and written
// anew; a cache directory that cannot be created or written is an error
// naming it.
//
// Unless GOGC is set, the standalone command sets the garbage collector by
// its live heap: GOGC=200 while it is under 48 MiB, as it is for most of
// the run, and the runtime's 100 beyond. Small heaps are collected half as
// often, and the peak RSS, reached at the largest packages, stays where it
// would be at the default (with -tests ./... on go.uber.org/zap and on this
// repository: 12-18% less user time, the same peak RSS).
//
// Flags:
//
//	-strict=PATTERN[,PATTERN]  mark whole packages strict, as the package doc
//	                           directive //fallible:strict does; PATTERN is an
//	                           import path, PATH/..., a directory (./x, ./...,
//	                           /abs/dir) or std; a pattern that matches none
//	                           of PACKAGES is an error (exit status 2)
//	-panic-paths               also report allocations on paths that can only
//	                           panic or exit
//	-sites                     list every allocation site of every function
//	                           instead of checking strict ones
//	-confirm=compiler          build the named packages with the compiler's
//	                           escape decisions (go build -gcflags=-m) and
//	                           follow them for those packages' own sites,
//	                           and for calls it inlined into code that
//	                           allocates nothing (docs/model.md)
//	-agree                     compare -sites with the compiler's escape
//	                           decisions and with what the packages' tests
//	                           allocate; print every disagreement and a
//	                           summary per package (docs/agree.md)
//	-suggest                   list the functions that could be marked
//	                           //fallible:strict as they are, and those one
//	                           or two allocations away with each fix, instead
//	                           of checking strict ones
//	-assumptions               list every //fallible:allow and
//	                           //fallible:trusted with its reason, what it
//	                           hides, and for a trusted function the tests
//	                           that inject faults into it, instead of
//	                           checking strict ones
//	-export-std=FILE           write summaries of the standard library (or
//	                           of the standard PACKAGES given) to FILE and
//	                           exit, for -std-summaries
//	-std-summaries=FILE        answer calls into standard packages that have
//	                           no facts (a driver that never analyses the
//	                           standard library, such as Bazel nogo) from
//	                           FILE; without it such calls may allocate
//	-f text|json|sarif         output format (text by default)
//	-tags=TAG[,TAG]            build tags, as for go build
//	-tests                     also check the packages' _test.go files
//	-srcroot=DIR               base of -f sarif's relative URIs (default: the
//	                           root of the enclosing repository, where .git
//	                           is, else the current directory)
//	-cpuprofile=FILE           write a CPU profile of the run to FILE
//	-memprofile=FILE           write a heap profile to FILE at the end
//	-version                   print the version and exit
//	-explain CATEGORY          print the entry of docs/diagnostics.md that
//	                           explains a diagnostic category, and exit
//
// Test files are not checked unless -tests is given: strictness is about
// the code that ships, and a package with tests would otherwise be checked
// twice (once with its tests, once without). Note that go vet always
// includes test files.
//
// The text format is one line per diagnostic, sorted by position:
//
//	FILE:LINE:COL: MESSAGE
//
// with FILE relative to the current directory when it lies below it, and
// absolute otherwise. So that every line has one reading, FILE is written
// as a Go string literal ("a:9:9: b.go":3:1: ...) when it starts with a
// double quote or has a character that is not printable or a colon followed
// by a digit or a space; a reader takes FILE up to the first colon followed
// by a digit, or reads a string literal when the line starts with a double
// quote. Characters of MESSAGE that are not printable (a source comment's
// terminal escape codes, quoted by the analyzer) are escaped as in a Go
// string literal. A MESSAGE ends with its category in brackets, as in
// "... append may grow the slice; use (*collections.Vec).TryPush, or
// //fallible:allow REASON [allocation]": nofallalloc -explain allocation
// prints what it means and how to fix it. The category is part of the
// message in every channel (go vet, golangci-lint) and also the category
// field of -f json. The call chain of a diagnostic (its related
// information, one position per hop) is not part of the text format; -f json
// and -f sarif carry it. -f json prints one JSON array with an object per
// diagnostic; -f sarif prints a SARIF 2.1.0 log that GitHub code scanning
// accepts: a rule per category, described by its catalogue entry; each
// chain carried twice, as relatedLocations (one per hop) and as a codeFlow
// that starts at the call in the strict function and then has one
// location per hop. Its file URIs are relative to %SRCROOT%, the -srcroot
// directory, when the file is below it; else to GOROOT (the standard
// library) or GOMODCACHE (dependencies), each described in the run's
// originalUriBaseIds; else they are absolute file URIs.
//
// Exit status: 0 when nothing was reported; 1 when diagnostics were
// reported; 2 when the tool could not run: a bad flag, no package matched,
// a package that does not load, parse or type-check (its errors are printed
// on standard error as FILE:LINE:COL: MESSAGE; an import cycle at the
// import that starts it; the go command's own errors as it wrote them; a
// crash of the compiler whole, introduced as the compiler's), or an
// internal error of the analyzer on some package (printed the same way), or
// a malformed
// staticcheck.conf: the command runs on staticcheck's runner, which reads
// the staticcheck.conf files of the packages' directories and their
// parents; their settings do not change what nofallalloc checks, but one
// that does not parse stops the run, naming the file and the place. With
// -sites, -suggest and -assumptions (one at a time) the status is 0
// whenever the tool ran, since an inventory is not a verdict, and so is it
// with -agree, a measurement.
//
// -suggest and -assumptions print, in text, one line per entry and after
// it one line per item (an allocation in the way, an offence hidden), its
// message after a tab; with -f json, a list of records whose field names
// are stable, documented in docs/diagnostics.md (sections suggestion and
// assumption), so that CI can keep the output and diff it. How
// -assumptions decides that a test injects faults into a trusted function
// is stated there too: it reads the _test.go files of the function's
// directory. Both are meant for this command: go vet prints what it finds
// in every package it analyzes, the standard library included, and knows
// nothing of fault-injection tests.
//
// # go vet
//
//	go vet -vettool=$(command -v nofallalloc) [-strict=PATTERN] PACKAGES...
//
// go vet runs the binary once per package, dependencies first, and carries
// facts between packages through the go build cache; unchanged packages are
// not analyzed again. The analyzer's flags are accepted both as go vet spells
// the flags of a single analyzer, -nofallalloc.strict=PATTERN, and in the
// short form of the standalone tool, -strict=PATTERN (likewise -panic-paths,
// -sites). Diagnostics are printed by go vet in its own format
// (FILE:LINE:COL: MESSAGE on standard error) and make go vet exit 1; with
// -sites too, since go vet treats every line as a finding. -json works as
// for every vet tool.
//
// Unlike the standalone command, go vet reports the diagnostics of every
// package it analyzes, the dependencies of the named packages included: with
// -strict=./c, go vet ./a reports c's violations when a imports c. go vet
// caches one output per package whether it analyzed the package by name or
// only for its facts, so the tool prints the same diagnostics either way,
// and what go vet reports never depends on what ran before on the same build
// cache (docs/ci.md, "go vet and the build cache").
//
// Unless GOGC is set, each of those processes sets the garbage collector
// by its live heap: GOGC=400 under 24 MiB, as for most packages, 100 up to
// 48 MiB and 50 beyond. Small packages spend little on collection, and the
// largest (the runtime package, in any run over the standard library),
// whose process is the peak RSS of a go vet run, collect more often to
// hold that peak down (on go.uber.org/zap: 20% less user time, and a peak
// RSS within a few percent of a no-op analyzer's).
//
// Since go vet starts one process per package, its profiles are
// directories: -cpuprofiledir=DIR and -memprofiledir=DIR (absolute, since
// each process runs in its package's directory) make every package's run
// write DIR/ID.cpu.pprof and DIR/ID.mem.pprof, ID being the package's ID
// with every character but letters, digits, '.', '-' and '_' written as
// '_' (example.com_a__example.com_a.test_ for a's test variant). go tool
// pprof DIR/*.cpu.pprof merges them. The profiles end with the analysis
// of the package: the encoding of its facts and types that follows is not
// in them. A package go vet serves from its cache writes none; the flags
// are part of go vet's cache key, so a new directory analyzes everything
// again.
package main
