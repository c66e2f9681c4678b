// Package annotations parses nofallalloc's //fallible: directives into
// typed values and reports the directives that are malformed, unknown or
// misplaced. It does no allocation analysis; the analyzer asks an [Index]
// what the directives say.
//
// # Directives
//
// A directive is a line comment written exactly //fallible:NAME, with no
// space after "//" or after the colon, like //go: directives. Block
// comments are never directives.
//
//   - //fallible:strict in the doc comment of a function or method: the
//     function, and every function literal inside it, may not reach an
//     infallible allocation.
//   - //fallible:strict in the package doc comment (the comment directly
//     above "package x", in any file of the package): every function and
//     method of the package is strict, except init, package-level
//     variable initialisers and the functions of _test.go files.
//   - //fallible:strict in the doc comment of an interface method or of a
//     named func type (type Handler func(...)): an effect contract. Calls
//     through the method or func type are allowed in strict code, and every
//     function that flows into it must itself be allocation-free.
//   - //fallible:allow REASON at the end of a line of code exempts that line;
//     alone on its own line directly above a statement, it exempts the line
//     of that statement. REASON is mandatory.
//   - //fallible:trusted REASON in the doc comment of a function or method:
//     callers treat the function as allocation-free and its body is not
//     checked. REASON is mandatory.
//   - //fallible:infallible in the doc comment of a function or method: the
//     function is an infallible allocation source whatever its body says.
//
// A directive may be on any line of a doc comment:
//
//	// Push appends v, failing when the budget refuses.
//	//
//	//fallible:strict
//	func (s *Stack) Push(v int) error {
//		if !s.budget.Take(1) {
//			return ErrBudget
//		}
//		s.items = append(s.items, v) //fallible:allow capacity reserved by New
//		//fallible:allow one entry per push, bounded by the budget
//		s.log = append(s.log, v)
//		return nil
//	}
//
// # Errors
//
// A comment that tries to be a directive is either a directive or an error,
// never silently ignored. These are errors:
//
//   - an unknown name, //fallible:stric: "unknown directive
//     //fallible:stric: did you mean //fallible:strict?";
//   - a misspelt prefix, //falible:strict: "misspelt directive
//     //falible:strict: write //fallible:strict";
//   - a space, // fallible:strict or //fallible: strict: "malformed
//     directive // fallible:strict: directives are written
//     //fallible:strict with no space";
//   - a missing reason: "//fallible:allow needs a reason: write
//     //fallible:allow REASON", and text after strict or infallible:
//     "//fallible:strict takes no argument: ...";
//   - a directive in the wrong place, such as //fallible:strict on a
//     variable or //fallible:trusted on an interface method:
//     "//fallible:trusted is misplaced in the doc comment of an interface
//     method: put it in the doc comment of a function or method";
//   - on one function, trusted together with infallible, strict together
//     with trusted, or strict together with infallible; and the same
//     directive twice on one declaration.
//
// Prose that merely mentions the word, such as "// fallible is good", is
// not a directive. A misspelt prefix counts only when the comment has the
// shape of a directive (//falible:strict) or names a known directive
// (// falible: strict), so that prose like "// callable: ..." is left alone.
//
// An allow that exempts nothing is reported by the analyzer, which learns
// of it from [Index.UnusedAllows].
package annotations
