package analyzer_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

func TestKinds(t *testing.T) { crossCheck(t, "kinds") }

func TestLookalikes(t *testing.T) { crossCheck(t, "lookalikes") }

func TestStdlib(t *testing.T) { crossCheck(t, "stdlib") }

// TestInlining cross-checks what the model assumes of a build that
// inlines as go build does (-inlining).
func TestInlining(t *testing.T) {
	setFlag(t, "inlining", "true")
	crossCheck(t, "inlining")
}

func TestCalls(t *testing.T) { crossCheck(t, "calls") }

// TestGenericClosures cross-checks the function literals of generic code,
// which the measured functions reach only through calls: crossCheck holds
// no call to the runtime's count (inlining may change it), but every
// callee of this fixture is //go:noinline, so a function flagged through
// its calls must allocate too.
func TestGenericClosures(t *testing.T) {
	verdicts, allocs := crossCheck(t, "generics")
	for name, v := range verdicts {
		if v == viaCalls && allocs[name] < 1 {
			t.Errorf("generics.%s: analyzer reports a call that allocates, runtime sees %v allocations per run", name, allocs[name])
		}
	}
}

// TestChainAcrossPackages proves that facts survive an intermediate
// package: downstream's diagnostic names upstream's unexported helper;
// and that an importer's instance of a generic function, which calls an
// unexported helper that upstream's fact leaves out, is answered from
// the origin's summary.
func TestChainAcrossPackages(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "chain/upstream", "chain/middle", "chain/downstream", "chain/instance")
}

func TestDirectives(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "directives")
}

func TestDynamicCalls(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "dynamic")
}

func TestPanicPaths(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "panics")
	setFlag(t, "panic-paths", "true")
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "panicsflag")
}

// setFlag sets one of the analyzer's flags for the rest of the test.
func setFlag(t *testing.T, name, value string) {
	f := analyzer.Analyzer.Flags.Lookup(name)
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Value.Set(old) })
}

func TestPackageStrict(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "pkgstrict")
	setFlag(t, "strict", "flagstrict,other/...")
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "flagstrict")
}

// TestKnownMisses runs the fixture of known imprecisions, whose functions
// the runtime sees allocate nothing although the analyzer reports them.
func TestKnownMisses(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "misses")
	funcs := exportedNullary(results[0].Action.Package.Syntax)
	allocs := measure(t, filepath.Join(analysistest.TestData(), "src", "misses"), funcs)
	if len(allocs) != len(funcs) || len(funcs) < 4 {
		t.Fatalf("measured %d of %d functions", len(allocs), len(funcs))
	}
	for name, got := range allocs {
		if got != 0 {
			t.Errorf("misses.%s allocates %v times per run: it is not a miss, move it to kinds", name, got)
		}
	}
}

func TestLongChain(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "deep")
}

func TestContracts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "contracts/api", "contracts/impl")
}

func TestMessages(t *testing.T) { crossCheck(t, "messages") }

func TestSuggest(t *testing.T) {
	setFlag(t, "suggest", "true")
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "suggest")
}

func TestAssumptions(t *testing.T) {
	setFlag(t, "assumptions", "true")
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "assumptions")
}

// TestStaticInit checks that -sites leaves out the initialisers that the
// compiler lays out in static data.
func TestStaticInit(t *testing.T) {
	setFlag(t, "sites", "true")
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "staticinit")
}

// TestReach checks that facts go out for the methods other packages can
// call (an exported method of an unexported type, reached through the
// value a constructor returns; an unexported method that may implement
// one of its package's contracts) and for those only.
func TestReach(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "reach/lib", "reach/use")
}

// TestBodylessOrder: a function without a body declared after its callers
// is solved before them.
func TestBodylessOrder(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.AnalyzerWithFunctionFacts, "bodylessorder")
}
