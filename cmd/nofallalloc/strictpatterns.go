package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

// strictPattern is one pattern of -strict, as typed and as the analyzer
// matches it.
type strictPattern struct {
	typed, resolved string
}

// resolveStrictPatterns checks the patterns of -strict and rewrites those
// that name directories ("./...", "./internal/parse", "../x", "/abs/dir")
// into import-path patterns. The analyzer resolves "./" patterns against
// the module of the package it checks, which go vet tells it; the
// standalone runner does not, so the driver does it here, against the
// module that contains each directory.
func resolveStrictPatterns(dir string) ([]strictPattern, error) {
	f := analyzer.Analyzer.Flags.Lookup("strict")
	var patterns []strictPattern
	var resolved []string
	for p := range strings.SplitSeq(f.Value.String(), ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		sp := strictPattern{typed: p, resolved: p}
		if isDirPattern(p) {
			var err error
			if sp.resolved, err = importPattern(dir, p); err != nil {
				return nil, fmt.Errorf("-strict pattern %q: %v", p, err)
			}
		}
		patterns = append(patterns, sp)
		resolved = append(resolved, sp.resolved)
	}
	value := strings.Join(resolved, ",")
	if _, err := analyzer.StrictPatterns(value); err != nil {
		return nil, err
	}
	return patterns, f.Value.Set(value)
}

// isDirPattern reports whether p names a directory, as the go command
// tells directories from import paths.
func isDirPattern(p string) bool {
	return p == "." || p == ".." || strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") || filepath.IsAbs(p)
}

// importPattern turns a directory pattern, relative to dir or absolute,
// into an import path pattern of the module that contains it.
func importPattern(dir, pattern string) (string, error) {
	base, dots := strings.CutSuffix(pattern, "/...")
	target := base
	if !filepath.IsAbs(target) {
		target = filepath.Join(dir, base)
	}
	if fi, err := os.Stat(target); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("no directory %s", target)
	}
	modPath, modDir, err := enclosingModule(target)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(modDir, target)
	if err != nil {
		return "", err
	}
	path := modPath
	if rel != "." {
		path += "/" + filepath.ToSlash(rel)
	}
	if dots {
		path += "/..."
	}
	return path, nil
}

// enclosingModule returns the path and root directory of the module the go
// command sees in dir.
func enclosingModule(dir string) (path, root string, err error) {
	gomod, err := goEnv(dir, "GOMOD")
	if err != nil {
		return "", "", err
	}
	if gomod == "" || gomod == os.DevNull {
		return "", "", fmt.Errorf("directory patterns need a module, and %s is in none", dir)
	}
	data, err := os.ReadFile(gomod)
	if err != nil {
		return "", "", err
	}
	path = modfile.ModulePath(data)
	if path == "" {
		return "", "", fmt.Errorf("%s declares no module path", gomod)
	}
	return path, filepath.Dir(gomod), nil
}

// unmatchedStrictPatterns returns an error naming the patterns of -strict
// that match none of the packages checked: a CI gate with a typo in its
// pattern would otherwise check nothing and pass. A pattern that matches
// only dependencies is as useless, since nothing is reported in them.
func unmatchedStrictPatterns(patterns []strictPattern, checked []string, commandLine []string) error {
	var unmatched []string
	for _, p := range patterns {
		found := false
		for _, path := range checked {
			if ok, _ := analyzer.MatchStrict(p.resolved, path, ""); ok {
				found = true
				break
			}
		}
		if !found {
			unmatched = append(unmatched, strconv.Quote(p.typed))
		}
	}
	if len(unmatched) == 0 {
		return nil
	}
	what := "pattern " + unmatched[0] + " matches"
	if len(unmatched) > 1 {
		what = "patterns " + strings.Join(unmatched, ", ") + " match"
	}
	return fmt.Errorf("-strict %s none of the packages checked (%s): fix the pattern, or name its packages on the command line",
		what, strings.Join(commandLine, " "))
}
