package analyzer

import (
	"fmt"
	"path/filepath"
	"strings"

	"golang.org/x/mod/module"
)

// The patterns of -strict are the part of the go command's package
// patterns that can be decided one package at a time, which is all that a
// driver such as go vet lets an analyzer see:
//
//	example.com/svc/decode   that package
//	example.com/svc/...      that package and every package below it
//	./decode, ./..., .       the same, relative to the root of the module checked
//	std                      every package of the standard library
//
// Anything else is an error rather than a pattern that silently matches
// nothing: "..." alone, a "..." inside a path (the go command's
// net/.../http), characters that no import path has ("example.com/*",
// "["), and, under go vet, directories ("../x", "/abs/dir"), which the
// standalone command turns into import paths before the analyzer sees
// them.

// patternForms is appended to every pattern error: what would have been
// right.
const patternForms = "a -strict pattern is an import path, PATH/..., ./DIR, ./DIR/... or std"

// StrictPatterns splits a -strict value into its patterns and checks each.
func StrictPatterns(value string) ([]string, error) {
	var patterns []string
	for p := range strings.SplitSeq(value, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if err := checkPattern(p); err != nil {
			return nil, fmt.Errorf("-strict pattern %q: %v; %s", p, err, patternForms)
		}
		patterns = append(patterns, p)
	}
	return patterns, nil
}

func checkPattern(p string) error {
	switch {
	case p == "std":
		return nil
	case p == "...":
		return fmt.Errorf("%q alone is not supported", p)
	case p == ".." || strings.HasPrefix(p, "../") || filepath.IsAbs(p):
		return fmt.Errorf("a directory outside the module is not supported here: use its import path")
	}
	base := strings.TrimSuffix(p, "/...")
	if strings.Contains(base, "...") {
		return fmt.Errorf("only a trailing /... is supported")
	}
	if base == "." {
		return nil
	}
	return module.CheckImportPath(strings.TrimPrefix(base, "./"))
}

// MatchStrict reports whether the package path, of the module named module
// ("" for the standard library, or when the driver does not say), matches
// the checked pattern p.
func MatchStrict(p, path, module string) (bool, error) {
	if p == "std" {
		return module == "" && isStandard(path), nil
	}
	if p == "." || strings.HasPrefix(p, "./") {
		if module == "" {
			if isStandard(path) {
				return false, nil // the standard library is in no module
			}
			return false, fmt.Errorf("-strict pattern %s is relative, and the driver did not say which module %s belongs to: use an import path pattern", p, path)
		}
		p = strings.TrimSuffix(module+"/"+strings.TrimPrefix(strings.TrimPrefix(p, "."), "/"), "/")
	}
	if base, ok := strings.CutSuffix(p, "/..."); ok {
		return path == base || strings.HasPrefix(path, base+"/"), nil
	}
	return path == p, nil
}

// matchesAny reports whether path matches one of the comma-separated
// patterns.
func matchesAny(patterns, path, module string) (bool, error) {
	list, err := StrictPatterns(patterns)
	if err != nil {
		return false, err
	}
	for _, p := range list {
		if ok, err := MatchStrict(p, path, module); ok || err != nil {
			return ok, err
		}
	}
	return false, nil
}

// isStandard reports whether path is a standard library package, by the
// go command's rule: the first element of every other path has a dot. The
// commands under cmd/ are not part of std.
func isStandard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".") && first != "cmd"
}
