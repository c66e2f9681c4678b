package golangci

import (
	"testing"

	"github.com/golangci/plugin-module-register/register"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

func TestPluginSetsFlags(t *testing.T) {
	newPlugin, err := register.GetPlugin("nofallalloc")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(map[string]any{"strict": []string{"a/...", "b"}, "panic-paths": true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		analyzer.Analyzer.Flags.Set("strict", "")
		analyzer.Analyzer.Flags.Set("panic-paths", "false")
	})
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 || as[0].Name != "nofallalloc" || as[0].Flags.Lookup("strict") != analyzer.Analyzer.Flags.Lookup("strict") {
		t.Fatalf("BuildAnalyzers = %v, want the nofallalloc analyzer", as)
	}
	if got := analyzer.Analyzer.Flags.Lookup("strict").Value.String(); got != "a/...,b" {
		t.Errorf("strict = %q", got)
	}
	if got := analyzer.Analyzer.Flags.Lookup("panic-paths").Value.String(); got != "true" {
		t.Errorf("panic-paths = %q", got)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode = %q", p.GetLoadMode())
	}
}

func TestPluginRejectsUnknownSettings(t *testing.T) {
	if _, err := New(map[string]any{"strcit": []string{"a"}}); err == nil {
		t.Fatal("a misspelt setting was accepted")
	}
}
