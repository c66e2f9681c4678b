package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

// TestParamCalls checks across packages that what a function passes to
// calls of its func-typed parameters escapes as the function its caller
// passes says (effects.Summary.ParamCallLeaks).
func TestParamCalls(t *testing.T) {
	setFlag(t, "inlining", "true")
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "paramcalls/helper", "paramcalls/user")
}
