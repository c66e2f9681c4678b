package analyzer

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestFailureIsContained makes the analyzer fail on one package: the
// packages importing it report that, and take its functions to allocate
// rather than to be clean.
func TestFailureIsContained(t *testing.T) {
	testPanicOn = "failing/dep"
	t.Cleanup(func() { testPanicOn = "" })
	analysistest.Run(t, analysistest.TestData(), Analyzer, "failing/user")
}
