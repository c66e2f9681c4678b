package golangci

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestGolangciLint builds a golangci-lint v2 that includes the plugin
// with golangci-lint's own `custom` command, from the repository's
// .custom-gcl.yml exactly as a user would, and runs it on
// testdata/golangci/fixture with several configurations: the plugin must
// report nofallalloc's diagnostics, through facts across packages and the
// standard library, with its settings honoured.
//
// `golangci-lint custom` git-clones golangci-lint, which this machine
// cannot reach; a stand-in git (fakeGit) serves the clone from the module
// proxy instead, the only step that differs from a user's build.
//
// Building golangci-lint takes some 6 CPU-minutes, 3 to 7 minutes on two
// cores with an empty build cache, seconds once cached; -short skips the
// test.
func TestGolangciLint(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the golangci-lint end-to-end test, which builds golangci-lint v2 with the plugin (minutes with a cold build cache); run `make golangci`")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	fixture := filepath.Join(root, "testdata", "golangci", "fixture")
	customConfig := filepath.Join(root, ".custom-gcl.yml")
	// go test caches a passing result by the files the test opens; the
	// golangci-lint processes' inputs are opened here so that an edit to
	// them runs the test again.
	touchFiles(t, fixture, customConfig)

	ctx := t.Context()
	if d, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, d.Add(-30*time.Second))
		defer cancel()
	}
	env := append(os.Environ(), "GOWORK=off")

	bin := buildCustomGolangciLint(t, ctx, root, customConfig, env)

	// One cache for every run, as a user's: the plugin's settings are
	// part of golangci-lint's cache key, so a change of configuration is
	// never answered from the cache of another.
	// One cache for every run, as a user's: the plugin's settings are
	// part of golangci-lint's cache key, so a change of configuration is
	// never answered from the cache of another.
	env = append(env, "GOLANGCI_LINT_CACHE="+t.TempDir())

	const (
		chain  = `a/a.go:11:16: strict function Use calls b.Relay, which may allocate: b.Relay → example.com/fixture/c.Grow → append at c.go:6 may grow the slice; move it out of strict code, or //fallible:allow REASON [call] (nofallalloc)`
		direct = `direct/direct.go:8:15: strict function Push allocates: append may grow the slice; use (*collections.Vec).TryPush, or //fallible:allow REASON [allocation] (nofallalloc)`
		lax    = `lax/lax.go:7:15: strict function Grow allocates: append may grow the slice; use (*collections.Vec).TryPush, or //fallible:allow REASON [allocation] (nofallalloc)`
		concat = `panics/panics.go:13:27: strict function Check allocates: string concatenation allocates; use collections.Builder, or //fallible:allow REASON [allocation] (nofallalloc)`
		box    = `panics/panics.go:13:27: strict function Check allocates: conversion to interface allocates; move it out of strict code, or //fallible:allow REASON [allocation] (nofallalloc)`
	)
	// The chain through the standard library depends on its sources.
	var (
		itoa = regexp.MustCompile(`^panics/panics\.go:13:41: strict function Check calls strconv\.Itoa, which may allocate: strconv\.Itoa → .* \(nofallalloc\)$`)
	)
	// The plugin drops related information, which golangci-lint would print
	// as issues of their own: the message names the whole chain.
	all := []any{chain, direct, lax, concat, box, itoa}

	for _, tc := range []struct {
		name   string
		config string // "" for the fixture's .golangci.yml
		exit   int
		want   []any  // lines of stdout: a string exactly, or a *regexp.Regexp
		stderr string // a substring of stderr
	}{
		{name: "settings", exit: 1, want: all},
		{name: "relative-strict", config: "relative-strict.yml", exit: 1, want: all},
		// Without the strict setting, package lax is not strict.
		{name: "no-strict", config: "no-strict.yml", exit: 1,
			want: []any{chain, direct, concat, box, itoa}},
		// Without panic-paths, nothing of package panics is reported.
		{name: "no-panic-paths", config: "no-panic-paths.yml", exit: 1,
			want: []any{chain, direct, lax}},
		{name: "misspelt-setting", config: "misspelt-setting.yml", exit: 3,
			stderr: `plugin(nofallalloc): newPlugin decoding settings: json: unknown field "panic-path"`},
		// The first configuration again, now answered from the cache.
		{name: "settings-cached", exit: 1, want: all},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"run"}
			if tc.config != "" {
				args = append(args, "-c", tc.config)
			}
			args = append(args, "./...")
			cmd := exec.CommandContext(ctx, bin, args...)
			cmd.Dir = fixture
			cmd.Env = env
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			var exitErr *exec.ExitError
			exit := 0
			if errors.As(err, &exitErr) {
				exit = exitErr.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if exit != tc.exit {
				t.Errorf("golangci-lint %s: exit %d, want %d", strings.Join(args, " "), exit, tc.exit)
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr lacks %q", tc.stderr)
			}
			checkLines(t, strings.Split(strings.TrimSpace(stdout.String()), "\n"), tc.want)
			if t.Failed() {
				t.Logf("stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
			}
		})
	}
}

// checkLines matches got against want, one line each in any order
// (golangci-lint's sort does not order the diagnostics of one position).
func checkLines(t *testing.T, got []string, want []any) {
	t.Helper()
	got = slices.DeleteFunc(got, func(s string) bool { return s == "" })
	matched := make([]bool, len(got))
	for _, w := range want {
		i := -1
		for j, line := range got {
			if matched[j] {
				continue
			}
			if s, ok := w.(string); ok && line == s {
				i = j
				break
			}
			if re, ok := w.(*regexp.Regexp); ok && re.MatchString(line) {
				i = j
				break
			}
		}
		if i < 0 {
			t.Errorf("missing line: %v", w)
			continue
		}
		matched[i] = true
	}
	for i, line := range got {
		if !matched[i] {
			t.Errorf("unexpected line: %s", line)
		}
	}
}

// touchFiles reads every file below dirs.
func touchFiles(t *testing.T, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			_, err = os.ReadFile(path)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
