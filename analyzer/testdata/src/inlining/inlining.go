// Package inlining is checked with the analyzer's -inlining flag, which // want package:"analysed"
// nofallalloc -confirm=compiler sets: the build inlines as go build does
// by default, and a function that the compiler surely inlines leaves
// what it passes to calls of its func-typed parameters to the function
// its callers pass. The runtime cross-check (crosscheck_test.go) builds
// the package so. Without the flag, the model assumes nothing of
// inlining (misses/paramcalls.go).
package inlining

var (
	n       = 100
	sinkInt int
)
