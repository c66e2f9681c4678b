package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

// resolveStrictPatterns rewrites the relative patterns of -strict ("./...",
// "./internal/parse") into import-path patterns. The analyzer resolves them
// against the module of the package it checks, which go vet tells it; the
// standalone runner does not, so the driver does it here, against the
// module that contains dir.
func resolveStrictPatterns(dir string) error {
	f := analyzer.Analyzer.Flags.Lookup("strict")
	patterns := strings.Split(f.Value.String(), ",")
	changed := false
	for i, p := range patterns {
		p = strings.TrimSpace(p)
		if p != "." && p != ".." && !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") {
			continue
		}
		resolved, err := importPattern(dir, p)
		if err != nil {
			return fmt.Errorf("-strict=%s: %v", p, err)
		}
		patterns[i], changed = resolved, true
	}
	if !changed {
		return nil
	}
	return f.Value.Set(strings.Join(patterns, ","))
}

// importPattern turns a directory pattern relative to dir into an import
// path pattern of the enclosing module.
func importPattern(dir, pattern string) (string, error) {
	base, dots := strings.CutSuffix(pattern, "/...")
	if pattern == "..." {
		base, dots = ".", true
	}
	modPath, modDir, err := enclosingModule(dir)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(modDir, filepath.Join(dir, base))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is outside module %s (%s)", base, modPath, modDir)
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
	cmd := exec.Command("go", "env", "GOMOD")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", "", fmt.Errorf("go env GOMOD: %v", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", "", fmt.Errorf("relative patterns need a module, and %s is in none", dir)
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
