package analyzer_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

func TestKinds(t *testing.T) { crossCheck(t, "kinds") }

func TestLookalikes(t *testing.T) { crossCheck(t, "lookalikes") }

func TestStdlib(t *testing.T) { crossCheck(t, "stdlib") }

func TestCalls(t *testing.T) { crossCheck(t, "calls") }

// TestChainAcrossPackages proves that facts survive an intermediate
// package: downstream's diagnostic names upstream's unexported helper.
func TestChainAcrossPackages(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "chain/upstream", "chain/middle", "chain/downstream")
}
