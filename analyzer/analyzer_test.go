package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

func TestKinds(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "kinds")
}
