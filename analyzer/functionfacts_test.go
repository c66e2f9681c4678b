package analyzer

import (
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/nofallalloc/nofallalloc/effects"
)

// functionFact restates, for fixture expectations, the summary that a
// function has in its package's or its type's fact as a fact of the
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
		if err != nil {
			return result, err
		}
		summaries, err := ExportedSummaries(pass.Pkg, passFacts{pass})
		for _, s := range summaries {
			pass.ExportObjectFact(s.Func, &functionFact{*s.Summary})
		}
		return result, err
	}
	return &b
}

// passFacts are the facts of a pass, as ExportedSummaries reads them.
type passFacts struct{ pass *analysis.Pass }

func (f passFacts) AllPackageFacts() []analysis.PackageFact { return f.pass.AllPackageFacts() }
func (f passFacts) AllObjectFacts() []analysis.ObjectFact   { return f.pass.AllObjectFacts() }
