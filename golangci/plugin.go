// Package golangci registers nofallalloc as a golangci-lint v2 module
// plugin named "nofallalloc". Build a custom golangci-lint with it with
// `golangci-lint custom`, which reads .custom-gcl.yml. From a clone of
// this repository, whose .custom-gcl.yml names the plugin by path:
//
//	go run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0 custom
//
// writes ./custom-gcl. In another repository, once the module is
// published, name it by version in that repository's .custom-gcl.yml:
//
//	version: v2.15.0
//	plugins:
//	  - module: github.com/nofallalloc/nofallalloc
//	    import: github.com/nofallalloc/nofallalloc/golangci
//	    version: vX.Y.Z
//
// and enable it in .golangci.yml:
//
//	version: "2"
//	linters:
//	  enable: [nofallalloc]
//	  settings:
//	    custom:
//	      nofallalloc:
//	        type: module
//	        settings:
//	          strict: ["example.com/app/internal/parse/..."]
//	          panic-paths: false
//	issues:
//	  max-issues-per-linter: 0
//	  max-same-issues: 0
//	  uniq-by-line: false
//
// The settings set the analyzer's flags, exactly as -strict and
// -panic-paths do on the command line; an unknown setting is an error.
// Strict takes import path patterns, or patterns relative to the
// directory golangci-lint runs in (./lax). The issues settings keep every
// diagnostic: by default golangci-lint keeps one issue per line, three per message and fifty per
// linter. It also turns each hop of a call chain (a diagnostic's related
// information) into an issue of its own, at the call when the hop is in
// another file.
//
// e2e_test.go builds the binary with `golangci-lint custom` from the
// repository's .custom-gcl.yml and runs it on testdata/golangci/fixture.
package golangci

import (
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

func init() {
	register.Plugin("nofallalloc", New)
}

// Settings are the plugin's settings in .golangci.yml.
type Settings struct {
	// Strict lists package patterns whose functions are all strict.
	Strict []string `json:"strict"`
	// PanicPaths also reports allocations on paths that can only panic.
	PanicPaths bool `json:"panic-paths"`
}

type plugin struct{ settings Settings }

// New decodes the plugin's settings; unknown keys are an error.
func New(raw any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](raw)
	if err != nil {
		return nil, err
	}
	return &plugin{settings: s}, nil
}

// BuildAnalyzers configures the analyzer through its flags, the one place
// every driver configures it.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	flags := map[string]string{
		"strict":      strings.Join(p.settings.Strict, ","),
		"panic-paths": strconv.FormatBool(p.settings.PanicPaths),
	}
	for name, value := range flags {
		if err := analyzer.Analyzer.Flags.Set(name, value); err != nil {
			return nil, err
		}
	}
	return []*analysis.Analyzer{withoutRelated(analyzer.Analyzer)}, nil
}

// withoutRelated returns a copy of a whose diagnostics carry no related
// information. golangci-lint prints each related entry as an issue of its
// own, at the diagnostic's position when the hop is in another package,
// while the message already names the whole chain.
func withoutRelated(a *analysis.Analyzer) *analysis.Analyzer {
	c := *a
	c.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			d.Related = nil
			pass.Report(d)
		}
		return a.Run(&p)
	}
	return &c
}

// GetLoadMode asks for type information: the analyzer builds SSA.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
