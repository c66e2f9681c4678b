package main

import (
	"fmt"
	"path/filepath"

	"github.com/nofallalloc/nofallalloc/analyzer"
	"github.com/nofallalloc/nofallalloc/internal/escapelog"
)

// confirmWithCompiler builds the packages that opts names once with the
// compiler's escape decisions and has the analyzer follow them for those
// packages' own sites (-confirm=compiler).
func confirmWithCompiler(opts options) error {
	pkgs, err := escapelog.Build(opts.dir, opts.tags, opts.patterns)
	if err != nil {
		return fmt.Errorf("-confirm=compiler: %w", err)
	}
	return useCompilerLog(pkgs)
}

// useCompilerLog stores the decisions of pkgs in the cache directory and
// points the analyzer's -compiler-log flag at them; the build inlines as
// the compiler did, which -inlining lets the model assume.
func useCompilerLog(pkgs []*escapelog.Package) error {
	base, err := cacheDir()
	if err != nil {
		return err
	}
	dir := filepath.Join(base, "compiler-log", escapelog.Digest(pkgs))
	if err := escapelog.WriteDir(dir, pkgs); err != nil {
		return fmt.Errorf("-confirm=compiler: %w", err)
	}
	if err := analyzer.Analyzer.Flags.Set("inlining", "true"); err != nil {
		return err
	}
	return analyzer.Analyzer.Flags.Set("compiler-log", dir)
}
