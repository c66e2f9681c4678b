// Package analyzer defines nofallalloc's analysis.Analyzer.
//
// # Analyzer nofallalloc
//
// nofallalloc: report infallible allocations reachable from strict functions
//
// A Go heap allocation cannot fail: when memory runs out, the runtime stops
// the program. A strict function promises to grow memory only through APIs
// that report failure, such as the Try methods of package collections. The
// analyzer reports every operation in a strict function that may allocate
// on the heap, and every call from it that may reach such an operation, in
// any package, the standard library included.
//
// # Directives
//
// Directives are line comments written exactly //fallible:NAME, with no
// space after the slashes, like //go: directives. A misspelt, unknown or
// misplaced directive is reported, never ignored. docs/directives.md is the
// reference.
//
// A //fallible:strict line in the doc comment of a function or method makes
// it strict, and every function literal inside it. In the package doc
// comment it makes every function and method of the package strict, except
// init, the initialisers of package-level variables, and the functions of
// _test.go files (go vet always checks tests).
//
// A //fallible:allow REASON comment exempts one line: the line it ends, or,
// written alone on the line directly above a statement, that statement's
// first line. The reason is mandatory, and an allow that exempts nothing is
// reported.
//
//	out = append(out, r) //fallible:allow capacity reserved by the caller
//
// A //fallible:trusted REASON line in a function's doc comment makes callers
// treat the function as allocation-free, without checking its body: it is
// for functions that handle allocation failure themselves, like the Try
// methods of the collections. A //fallible:infallible line makes callers
// treat the function as an allocation whatever its body says, like the
// Push methods that panic when their budget refuses.
//
// On an interface method or a named func type, //fallible:strict declares
// an effect contract: a call through the method or the func type is clean,
// and where a value is converted to the interface or the func type, in any
// function, strict or not, the concrete method or the function must be
// allocation-free. Converting a value whose callee cannot be known there
// (another interface, a func value loaded from elsewhere) is reported too.
//
// # What counts as an allocation
//
// Every operation that may allocate on the heap and cannot report failure:
// make, new and &T{...} that escape, append, map insertion, string
// concatenation, string, []byte and []rune conversions that copy,
// conversion to an interface of a value that needs storage, function
// literals, method values, local variables and variadic argument slices
// that escape, go statements, and defer in a loop. What the Go compiler
// keeps on the stack, or converts without copying, does not allocate.
// docs/model.md explains the model and its approximations.
//
// # Calls
//
// Calls are followed into every package. The analysis of a package exports
// the summary of each of its functions that may allocate, holding the
// shortest chain of calls down to an allocation, in a fact of the package
// (one of each type, for methods), and the packages that import it read
// those facts. A call is reported once, at the call in the strict
// function: the message names the chain, and the diagnostic's related
// information gives one position per hop, at that hop's call to the next
// or, in the last, at the allocation, whatever package it is in (go vet
// prints each below the diagnostic, as FILE:LINE:COL: and the message
// after a tab). Functions without a Go body
// (assembly, //go:linkname, intrinsics) are modelled by a table; see
// docs/bodyless.md.
//
// A call through an interface method or a func value has no callee known
// statically: it is reported as a dynamic call. A function that only calls
// a func-typed parameter, such as strings.TrimRightFunc or sort.Search, is
// charged to its callers instead: passing it a clean function or a literal
// is clean, and passing it an allocating function is reported at the call,
// as "calls strings.Map with upper, which may allocate: ...".
//
// An allocation on a path that can only end in a panic or os.Exit, such as
// formatting the message of a panic, is not reported unless -panic-paths is
// given:
//
//	if n < 0 {
//		panic(fmt.Sprintf("negative: %d", n)) // not reported by default
//	}
//
// # Flags
//
//	-strict=PATTERN[,PATTERN]  make whole packages strict, as the package
//	                           doc directive does; PATTERN is an import path,
//	                           or ends in /... to take the packages below it;
//	                           ./x is x in the module checked, and std is the
//	                           standard library; a malformed pattern is an
//	                           error
//	-panic-paths               also report allocations on paths that can
//	                           only end in a panic or os.Exit
//	-sites                     instead of checking strict functions, list
//	                           every direct heap allocation site of every
//	                           function, one "KIND in FUNC" a line
//	-suggest                   instead, list the functions that could be
//	                           marked //fallible:strict as they are, and
//	                           those one or two allocations away, each
//	                           allocation as related information with its fix
//	-assumptions               instead, list every //fallible:allow and
//	                           //fallible:trusted with its reason, what it
//	                           hides as related information
//	-std-summaries=FILE        answer calls into standard packages that
//	                           have no facts (a driver that never analyses
//	                           the standard library, such as Bazel nogo)
//	                           from FILE, made by nofallalloc -export-std;
//	                           without it such a package may allocate
//	                           throughout, reported once per package
//	-compiler-log=DIR          follow the compiler's escape decisions in
//	                           DIR for the package's own sites, as
//	                           nofallalloc -confirm=compiler writes them
//	-inlining                  assume the build inlines as go build does
//	                           by default (set by -confirm=compiler): a
//	                           function the compiler surely inlines leaves
//	                           the calls of its func-typed parameters to
//	                           what its callers pass; without it the
//	                           answers hold for any build, -l included
//
// Under go vet they are also spelt -nofallalloc.strict, and so on.
//
// # Examples
//
// These come from examples/decode; each diagnostic is one line, at the
// offending operation (a call at its opening parenthesis).
//
//	//fallible:strict
//	func All(b []byte) ([]Record, error) {
//		...
//		out = append(out, r)
//
//	examples/decode/decode.go:51:15: strict function All allocates: append may grow the slice; use (*collections.Vec).TryPush, or //fallible:allow REASON [allocation]
//
// A call whose callee allocates, in the same package or in the standard
// library (the chain below is Go 1.26's):
//
//	//fallible:strict
//	func Describe(r Record) string { return label(r.ID) }
//
//	func label(id uint32) string { return "record " + ID(Record{ID: id}) }
//
//	//fallible:strict
//	func ID(r Record) string { return strconv.FormatUint(uint64(r.ID), 10) }
//
//	examples/decode/decode.go:62:14: strict function Describe calls label, which may allocate: label → string concatenation at decode.go:66 allocates; move it out of strict code, or //fallible:allow REASON [call]
//	examples/decode/decode.go:74:27: strict function ID calls strconv.FormatUint, which may allocate: strconv.FormatUint → internal/strconv.FormatUint → conversion at itoa.go:19 copies to a new allocation; move it out of strict code, or //fallible:allow REASON [call]
//
// A call through a func value:
//
//	//fallible:strict
//	func Visit(b []byte, fn func(Record)) error {
//		...
//		fn(r)
//
//	examples/decode/decode.go:87:5: strict function Visit calls a function value: the callee is not known statically and may allocate; call through a //fallible:strict interface or func type, or //fallible:allow REASON [dynamic-call]
//
// A message ends with what to do instead, when a replacement is known
// (use (*collections.Vec).TryPush, return a sentinel error, use
// collections.Builder, mark Sink.Put //fallible:strict), then the escape
// hatch, //fallible:allow REASON; and with its category in brackets. A
// call's boxed arguments and its variadic slice belong to the call's
// diagnostic: fmt.Sprintf("%d", n) is one diagnostic, not two.
//
// Every category of diagnostic (allocation, call, dynamic-call, directive,
// contract, unused-allow, site, suggestion, assumption, internal-error) is
// explained in
// docs/diagnostics.md, which nofallalloc -explain CATEGORY prints.
package analyzer
