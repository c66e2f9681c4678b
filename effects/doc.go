// Package effects is nofallalloc's allocation model and propagation
// engine. It decides, for every function of a package, whether the
// function may reach an infallible heap allocation, and it summarises the
// answer for the package's importers. It knows nothing of flags or output:
// the analyzer package decides what to report.
//
// # The effect lattice
//
// A function's effect is a Summary. Its allocation part is a point in a
// two-level lattice, clean below "may allocate"; "may allocate" carries a
// Kind (the allocation at the end of a witness) and a witness: the
// shortest chain of calls, at most 8 hops long as stored, from the function
// to that allocation. Its escape part is three bit sets over the
// parameters (LeakHeap, LeakContent, LeakResult, LeakResultContent), each
// growing from empty.
// Both parts only ever grow during solving, which is why iterating a
// recursive component to a fixpoint terminates.
//
// # Pipeline
//
// Analyze runs, per package, over go/ssa (without generic instantiation:
// a generic function is analysed once, in its generic form):
//
//  1. callgraph.go: the local call graph (static calls and references to
//     function literals) is split into strongly connected components with
//     Tarjan's algorithm; engine.go's Analyze solves them callees first.
//  2. escape*.go: within a component (solve.go), each function's escape
//     graph is built (escape_graph.go: nodes and edges; escape_build.go:
//     one instruction at a time; escape_call.go: what callees and
//     builtins do with their arguments, from their parameter-leak
//     summaries) and solved (escape_solve.go: the loop-depth rule, then
//     reachability from the roots, read off as the function's own leaks),
//     until the component's leak summaries stop changing.
//  3. sites.go: each instruction is classified as an allocation site or
//     not, using the escape result (sites.go also finds the compiler's
//     zero-copy forms and the blocks from which every path panics).
//  4. findings.go and solve.go: each function's findings (sites, calls to
//     functions that may allocate, dynamic calls, literals that may
//     allocate) yield its witness; the component is iterated until no
//     witness shortens, then clean calls are dropped (settle).
//  5. witness.go: summaries are exported as facts and witnesses are
//     rendered as chains for diagnostics; names.go makes every name a
//     fact or a diagnostic carries.
//
// # Escape
//
// The escape graph has a node for each value that can carry a pointer (a
// string too: it points to its bytes, and the compiler, which does not
// tell a struct's fields apart, lets a struct's pointers escape with a
// string field read out of it) and a "contents" node for each local object
// (what is stored inside it) and each parameter (what it points to). An
// edge a → b reads "if a outlives the frame, so does b", at a level: a
// node reached at level 0 outlives the frame itself (the objects it
// points to escape), at level 1 only what those objects hold does, and so
// on, as the compiler counts dereferences (derefs). An edge keeps the
// level (x → y below), goes one level down (a load, x →* y: x at level k
// is y at level k+1) or one up (an object to what it holds, x →& y: x at
// level k+1 is y at level k, and x at level 0 takes y along at level 0).
// Levels are capped at 3, a lower level being the safer answer. The
// rules, matching cmd/compile/internal/escape where they can:
//
//	x derived from y (field/index address, slice, conversion,  x → y
//	  interface conversion to a pointer-shaped type, phi,
//	  extract; not a conversion between strings and byte or
//	  rune slices, which copies)
//	x = interface conversion of y that needs a box             x →& y
//	x = y.(T), T neither an interface nor pointer-shaped        x →* y
//	  (a copy of what the data word points to; a type parameter
//	  whose every type is such a type too: boxed, sites.go)
//	x = unsafe.Pointer(u), u computed from pointer p           x → p
//	  (conversions to uintptr and arithmetic, in one expression)
//	*p = v, p into local object o                             contents(o) → v
//	  (the source names o itself: x = v, x.f = v, a[i] = v)
//	*p = v, p into a parameter's or unknown memory            v escapes
//	  (not v loaded from the parameter's memory that p points
//	  into, or from the variable captured by reference that it
//	  addresses: *b = (*b)[2:], s[i] = s[j], rel = rel[i:] in a
//	  literal)
//	*p = v that the source writes through a pointer or a      v escapes
//	  slice (*q = v, q.f = v, s[i] = v), whatever q points to,
//	  except the self-assignments the compiler ignores
//	  (b.buf = b.buf[i:j], x.f = x.g)
//	v = *p, p into local object or parameter o                v → contents(o)
//	  (p may be taken out of an interface by a type assertion to a
//	  pointer-shaped type, or put into one: the data word is p)
//	v = *p, p into memory the model cannot name                v →* p
//	  (a callee's result, a value loaded from memory)
//	o escapes                                                  o →& contents(o)
//	return v                                                   v flows to the result
//	m[k] = v, ch <- v, panic(v)                                v escapes
//	go f(v), defer f(v) in a loop                              f and v escape
//	append(s, v...)                                            contents of v escape (elements with
//	                                                             pointers only, not a string's bytes); result → s
//	copy(dst, src)                                             contents(dst) → contents(src) (elements
//	                                                             with pointers only; src's objects
//	                                                             unknown: contents(dst) →* src)
//	f(v), f's parameter i leaks to the heap                    v escapes
//	f(v), f's parameter i leaks its contents                   contents of v escape
//	  (v's objects unknown: v at level 1)
//	r := f(v), f's parameter i leaks to the result             r → v
//	r := f(v), f's parameter i leaks its contents to the result r → contents of v
//	                                                             (v's objects unknown: r →* v)
//	dynamic call (interface method, func value)                receiver and arguments escape
//	r := f(v), f a func-typed parameter of a declared function  v escapes, r → v, if the function
//	  that the compiler surely inlines (escape_inline.go),       the caller passes retains or
//	  under Config.Inlining only
//	                                                             returns it (Summary.ParamCallLeaks;
//	                                                             the function's own objects escape;
//	                                                             not inlined: an unknown call)
//	x = a; ...; x = b (one local variable, any order)          a ↔ b (escape_vars.go; a value
//	                                                             converted to x's type
//	                                                             implicitly: the conversion)
//	closure capturing x by reference                           closure →& x
//	closure capturing x by value (≤128 B, address not taken,   closure →& contents(x)
//	  not assigned after its first capture, here or in the
//	  literals nested in the closure that capture it again;
//	  f = func() { f() } assigns f after capturing it)
//	  in the literal, x's free variable is the value: v = *x    v → x
//	  the literal lets what the value points to escape         contents of each value stored in x escape
//	  (for a Go 1.22 loop variable, in each iteration's copy)
//
// Blocks that only a constant condition could reach (`if debug`,
// `if runtime.GOOS == "windows"`) are left out of the graph and of the
// sites, as the compiler deletes them (deadcode.go).
//
// A local object reached at level 0 from an escaping root is on the
// heap. A parameter reached at level 0 from a root leaks to the heap; one
// reached at level 1 or deeper, or whose contents node is reached, leaks
// its contents; one reached from a returned value leaks to the result, or its
// contents to the result, the same way. An object that a returned value
// reaches at level 0 is on the heap, and so is what it holds: the
// parameters that a returned closure or object holds leak to the heap,
// as for the compiler. Four loop rules follow the compiler's loop depth
// (an object whose address, at level 0, is held by what outlives the
// iteration; reached at a deeper level, only what it holds is): an object
// allocated in a loop that reaches a phi dominating its own allocation
// (it lives into the next iteration), that is stored into an object
// allocated outside the loop, that flows into a variable declared
// outside the loop (even one read only in the iteration that assigned
// it, to which go/ssa gives no phi), or that is passed to a call of the
// function itself (whose parameter is a location declared outside every
// loop, the compiler analysing the call with the function), is on the
// heap. An object on the heap by a loop rule, or because it is returned,
// takes what it holds with it, but not the variable that holds it: the
// other values of that variable stay where they are.
//
// # What is an allocation
//
//	site                      allocates when                                     Kind
//	make([]T, n)              n not constant (else an array Alloc, below)        make-slice
//	make(map[K]V, hint)       it escapes, or hint is not a constant ≤ 8          make-map
//	make(chan T)              always                                             make-chan
//	new(T), &T{}, []T{...}    it escapes, or is larger than 64 KiB               new, composite
//	var x T (address taken)   it escapes, or is larger than 128 KiB              escape
//	variadic slice            it escapes, or is larger than 64 KiB               variadic
//	append                    unless one element after a len/cap check,          append
//	                          or append(s[:i], s[j:]...) with i <= j known,
//	                          or constant values into a slice of constant
//	                          length and capacity with room for them
//	m[k] = v                  always (it may grow)                               map-insert
//	a + b on strings          always (a 32-byte stack buffer may not do)         concat
//	string/[]byte/[]rune      unless a zero-copy form (below)                    convert
//	interface conversion      it escapes and the value needs storage (boxes.go)  box
//	func literal, x.M value   it escapes and captures something                  closure, method-value
//	func literal of generic   it escapes (it captures the instantiation's        closure
//	  code, F[T] as a value    dictionary, even with no variable)
//	go f()                    always                                             go
//	defer                     in a loop, or in a range-over-func body            defer
//
// Zero-sized objects never allocate (runtime.zerobase), nor do the
// composite literals and constant []byte conversions that a package
// variable's initialiser stores only into package variables or into each
// other, directly or as a literal's address converted to an interface: the
// compiler lays them out in static data (staticdata.go), and so are the
// boxes of such constant conversions held there. Boxing needs no
// storage for pointer-shaped values, zero-sized values, and a byte or a
// bool, alone or as the sole component of a struct or array
// (runtime.staticuint64s), nor for what the compiler lays out in static
// data and the runtime's conversion keeps in static memory (boxes.go):
//
//	converted value                                  allocates
//	constant; struct or array literal of constants    never (static data)
//	  (an element of interface type nil)
//	local defined once, never written again, address  never: the compiler
//	  not taken, holding a constant, or a literal of    follows it (for a
//	  constants of a type the runtime takes by address  literal, convT or
//	                                                    convTnoptr only)
//	known value (go/ssa constant: a zero value, or a  convT16/32/64: unless
//	  constant in a variable the compiler does not      below 256;
//	  follow)                                           convTstring: unless "";
//	                                                    convTslice: never;
//	                                                    convT, convTnoptr: always
//	any other value                                   unless its type needs no storage
//
// A constant whose conversion the model cannot place (merged into a
// variable of interface type) is static data unless the function has a
// variable of its type that the compiler does not follow. In the FIPS 140
// module (crypto/internal/fips140/...) the compiler lays out nothing of
// this, nor the package initialisers' literals, in static data
// (LaysOutStaticData). The zero-copy conversions are string(b)
// used only in comparisons, map lookups, concatenations and len; []byte(s)
// that does not escape and is only read (for range []byte(s)), here and
// in the functions of the package it is passed to (readonly.go); and a
// constant string of at most 32 bytes converted into a non-escaping slice.
//
// With Config.Compiler set (the command's -confirm=compiler), the
// compiler's escape decision replaces the escape analysis's for each site
// of the package's own non-generic code, and a heap decision that matches
// no site is a site; the compiler's code has the last word: a site of a
// non-generic function whose line has code that makes nothing of its
// kind is dropped (confirm.go). The rest of each rule above is the
// model's.
//
// # Calls
//
// A call to a function of this package uses that function's summary,
// final or (inside a recursive component) current. A call into another
// package uses the summary its analysis exported, as Config.Imported
// gives it: no summary means clean when that package was analysed, and a package
// the driver never analysed (the standard library under Bazel's nogo) may
// allocate throughout (NotAnalysed) unless summaries made for it say
// otherwise. A
// function without a Go body is modelled by BodylessKind (docs/bodyless.md):
// assembly does not allocate unless listed, a //go:linkname pull takes its
// target's entry, and anything unknown may allocate; its parameters leak
// unless it is marked //go:noescape. The runtime's allocation entry points
// (IsRuntimeAllocator) allocate whatever their bodies say. A function
// marked //fallible:infallible allocates; one marked //fallible:trusted is
// clean (its parameters still leak as its body says). Allocations on lines
// exempted by //fallible:allow do not count, and neither do those in blocks
// from which every path panics (go/ssa ends a block in a panic after a call
// to a function that never returns, such as os.Exit), unless PanicPaths is
// set. A dynamic call may allocate, except that a declared function's
// calls of its own func-typed parameters are left to its callers
// (params.go): Summary.CallsParams says which parameters it calls, and a
// caller takes on the effect of the function it passes there. A dynamic
// call through an effect contract (contracts.go) is clean; the contract is
// checked where values are converted to its type. A call through an
// unexported package variable that the package only ever sets to known
// functions, or to values of concrete types, calls each of them
// (funcvars.go), for what it may allocate; its arguments escape all the
// same, as the compiler's escape analysis never follows a package
// variable. A call through a local variable assigned once, a function or
// a function literal, whose address is not taken and which the literals
// capturing it only read (println := func(...) {...}, called here and in
// other literals), calls it for both, as the compiler's StaticValue does.
//
// # Approximations
//
// The model does not inline. The compiler does, and a small callee that
// returns a fresh pointer may allocate through a call but not once inlined:
// the model then says "may allocate" where the compiled program does not.
// It is flow-insensitive within a function, like the compiler. Generic
// functions are analysed once for all instantiations, so boxing a value of
// type-parameter type counts as an allocation even for a pointer-shaped type
// argument. Map insertion and non-constant make always "may allocate",
// though the runtime often finds room, and so does append, but for one
// element right after a check of len against cap (capacity.go). Contents are tracked one
// level per object: a value loaded from a local object depends on everything
// stored into it. Dereferences are counted three deep within a function,
// and a summary tells two levels of a parameter apart (the parameter, or
// only what it points to), where the compiler's counts up to eight. A
// small function that returns a closure or an object holding its
// parameter (maps.Keys) makes the parameter leak to the heap; the compiler
// inlines it and may keep both on the stack. An
// unknown dynamic callee retains all its arguments. The values assigned to
// one variable are joined both ways, where the compiler only sends a
// variable's escape back to its values; a variable assigned a value the
// model cannot find in go/ssa's code (a select case's) has all its values
// escape.
package effects
