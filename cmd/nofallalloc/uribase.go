package main

import (
	"cmp"
	"os"
	"path/filepath"
	"slices"
)

// A sarifBase is a directory that SARIF artifact URIs are relative to,
// named by a uriBaseId and described in the run's originalUriBaseIds.
type sarifBase struct {
	id          string
	description string
	dir         string
	paths       *pathShortener // dir, and its symlink-free form
}

// sarifBases returns the base directories of a run, the innermost first:
// the source root (-srcroot, else the enclosing repository's root), and
// GOROOT and GOMODCACHE as the go command reports them, when it can.
func sarifBases(opts options) []sarifBase {
	root := opts.srcroot
	if root == "" {
		root = enclosingRepository(opts.dir)
	}
	bases := []sarifBase{newSARIFBase(srcRootID, root, "the root of the source tree (-srcroot): the repository that holds the packages checked")}
	if opts.goroot != "" {
		bases = append(bases, newSARIFBase(goRootID, opts.goroot, "the Go installation (go env GOROOT); the standard library is under src/"))
	}
	// Without a module cache, its files get absolute URIs.
	if modcache, err := goEnv(opts.dir, "GOMODCACHE"); err == nil && modcache != "" {
		bases = append(bases, newSARIFBase(modCacheID, modcache, "the module cache (go env GOMODCACHE), which holds the dependencies' source"))
	}
	slices.SortStableFunc(bases, func(a, b sarifBase) int { return cmp.Compare(len(b.dir), len(a.dir)) })
	return bases
}

func newSARIFBase(id, dir, description string) sarifBase {
	return sarifBase{id: id, description: description, dir: dir, paths: newPathShortener(dir, "")}
}

// below returns name relative to the base, when it lies below it.
func (b sarifBase) below(name string) (string, bool) {
	rel := b.paths.shorten(name)
	return rel, !filepath.IsAbs(rel)
}

// enclosingRepository returns the nearest directory at or above dir that holds
// a .git entry (a directory, or a file in a worktree or submodule), so that
// a module in a subdirectory of a repository gets URIs relative to the
// repository, as code scanning wants them; dir itself when there is none.
func enclosingRepository(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}
