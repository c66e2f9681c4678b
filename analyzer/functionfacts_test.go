package analyzer

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/nofallalloc/nofallalloc/effects"
)

// functionFact restates, for fixture expectations, the summary that the
// analysis of a function's package gave it (the analyzer's result: the
// facts leave out what no other package can call) as a fact of the
// function itself, expected on the function's own line:
// F:"allocates\\(append\\)".
type functionFact struct{ effects.Summary }

func (*functionFact) AFact() {}

// withFunctionFacts returns a copy of a, the analyzer or a variant of it,
// that also exports a functionFact for each function with a summary.
func withFunctionFacts(a *analysis.Analyzer) *analysis.Analyzer {
	b := *a
	b.FactTypes = append(slices.Clip(a.FactTypes), new(functionFact))
	b.Run = func(pass *analysis.Pass) (any, error) {
		result, err := a.Run(pass)
		if summaries, _ := result.(*Summaries); summaries != nil {
			summaries.All(func(fn *types.Func, s *effects.Summary) {
				pass.ExportObjectFact(fn, &functionFact{*s})
			})
		}
		return result, err
	}
	return &b
}
