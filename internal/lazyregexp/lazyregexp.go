// Package lazyregexp compiles a regular expression the first time it is
// used, not when its package is initialised.
//
// Under go vet the command is started once per package and never uses
// most of its regular expressions (they parse go list's errors, the
// compiler's -m output, Markdown links), so compiling them at
// initialisation would cost every run their allocations and time.
package lazyregexp

import (
	"regexp"
	"sync"
)

// New returns a function that compiles expr on its first call, panicking
// as regexp.MustCompile does if expr is invalid, and returns the same
// *regexp.Regexp on every call.
func New(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
