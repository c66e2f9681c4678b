package analyzer

import (
	"fmt"
	"go/token"
	"go/types"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/nofallalloc/nofallalloc/effects"
)

// One mechanism for failures of the analyzer itself, whatever the driver.
// A package the analyzer fails on (a panic of its own, an error, or a
// prerequisite that failed, which drivers such as cmd/nofallalloc's guard
// report through Failed) becomes:
//
//   - a diagnostic of category internal-error at its package clause;
//   - a Failure package fact, so that every package importing it reports
//     that what it was checked against is incomplete (drivers show only
//     the diagnostics of the packages named on their command line);
//   - the most conservative summary for each of its functions, so that
//     callers do not take a missing fact for a clean function.

// Failure is the package fact of a package the analyzer failed on.
type Failure struct{ Msg string }

func (*Failure) AFact() {}

func (f *Failure) String() string { return "failure(" + f.Msg + ")" }

// Failed reports that the analyzer could not analyze pass's package, for
// the reason err, as described above. pass.Analyzer must declare the
// Failure fact; it may also declare the analyzer's summaries, whose
// conservative facts are then exported.
func Failed(pass *analysis.Pass, err error) {
	if slices.ContainsFunc(pass.Analyzer.FactTypes, func(f analysis.Fact) bool { _, ok := f.(*packageSummaries); return ok }) {
		incomplete := dependsOnUnknown(pass.Pkg, pass.AllPackageFacts(), nil) // as if without -std-summaries: never taken for complete when it is not
		exportSummaries(pass, incomplete, func(export func(*types.Func, *effects.Summary)) { effects.ExportUnanalysed(pass.Pkg, export) })
	}
	pass.ExportPackageFact(&Failure{Msg: err.Error()})
	report(pass, packagePos(pass), CategoryInternal, fmt.Sprintf("internal error: package %s could not be analyzed: %v", pass.Pkg.Path(), err))
}

// PanicError describes the value a panic recovered, and the function that
// panicked: "panicked: VALUE (at FILE:LINE)". Call it from the deferred
// function that recovered.
func PanicError(v any) error {
	return fmt.Errorf("panicked: %v%s", v, panicSite())
}

// panicSite returns " (at FILE:LINE)" for the function that panicked, when
// called from a deferred function during the panic.
func panicSite() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(1, pcs)])
	panicking := false
	for {
		fr, more := frames.Next()
		if panicking && !strings.HasPrefix(fr.Function, "runtime.") {
			return fmt.Sprintf(" (at %s:%d)", fr.File, fr.Line)
		}
		if fr.Function == "runtime.gopanic" {
			panicking = true
		}
		if !more {
			return ""
		}
	}
}

// reportFailedDependencies reports, once per package, every dependency the
// analyzer failed on.
func reportFailedDependencies(pass *analysis.Pass) {
	var failed []string
	for _, pf := range pass.AllPackageFacts() {
		if f, ok := pf.Fact.(*Failure); ok && pf.Package != pass.Pkg {
			failed = append(failed, fmt.Sprintf("internal error: dependency %s could not be analyzed: %s", pf.Package.Path(), f.Msg))
		}
	}
	slices.Sort(failed)
	for _, msg := range failed {
		report(pass, packagePos(pass), CategoryInternal, msg)
	}
}

// packagePos is where package-wide errors are reported: the package clause
// of the first file.
func packagePos(pass *analysis.Pass) token.Pos {
	if len(pass.Files) == 0 {
		return token.NoPos
	}
	return pass.Files[0].Package
}
