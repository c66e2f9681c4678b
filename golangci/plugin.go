// Package golangci registers nofallalloc as a golangci-lint v2 module
// plugin named "nofallalloc". Build a custom golangci-lint with it:
//
//	# .custom-gcl.yml
//	version: v2.6.0
//	plugins:
//	  - module: github.com/nofallalloc/nofallalloc
//	    import: github.com/nofallalloc/nofallalloc/golangci
//	    version: v0.1.0
//
// and enable it in .golangci.yml:
//
//	linters:
//	  enable: [nofallalloc]
//	  settings:
//	    custom:
//	      nofallalloc:
//	        type: module
//	        settings:
//	          strict: ["example.com/app/internal/parse/..."]
//	          panic-paths: false
//
// The settings set the analyzer's flags, exactly as -strict and
// -panic-paths do on the command line.
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
	return []*analysis.Analyzer{analyzer.Analyzer}, nil
}

// GetLoadMode asks for type information: the analyzer builds SSA.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
