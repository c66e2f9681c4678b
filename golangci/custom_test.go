package golangci

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/semver"
)

// TestMain lets the test binary stand in for git (see fakeGit) when it is
// run under that name.
func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) == "git" {
		if err := fakeGit(os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "fake git:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// buildCustomGolangciLint builds golangci-lint at the version that
// customConfig names, then runs its `custom` command in root, as the
// comment in customConfig tells users to, and returns the binary it
// built. Nothing is written into root.
func buildCustomGolangciLint(t *testing.T, ctx context.Context, root, customConfig string, env []string) string {
	t.Helper()
	version := customVersion(t, customConfig)
	tools := t.TempDir()
	start := time.Now()
	install := exec.CommandContext(ctx, "go", "install", "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@"+version)
	install.Env = append(env, "GOBIN="+tools)
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("go install golangci-lint@%s: %v\n%s", version, err, out)
	}
	t.Logf("installed golangci-lint %s in %v", version, time.Since(start).Round(time.Second))

	// The stand-in git is this test binary under the name git, first in
	// PATH.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	shim := t.TempDir()
	if err := os.Symlink(self, filepath.Join(shim, "git")); err != nil {
		t.Fatal(err)
	}
	dest := t.TempDir()
	start = time.Now()
	custom := exec.CommandContext(ctx, filepath.Join(tools, "golangci-lint"), "custom", "-v", "--destination", dest)
	custom.Dir = root
	custom.Env = append(env,
		"PATH="+shim+string(filepath.ListSeparator)+os.Getenv("PATH"),
		// custom clones into a temporary directory of os.TempDir.
		"TMPDIR="+t.TempDir())
	if out, err := custom.CombinedOutput(); err != nil {
		t.Fatalf("golangci-lint custom: %v\n%s", err, out)
	}
	t.Logf("golangci-lint custom built the plugin in %v", time.Since(start).Round(time.Second))

	built, err := os.ReadDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	if len(built) != 1 {
		t.Fatalf("golangci-lint custom left %d files in its destination, want the one binary", len(built))
	}
	return filepath.Join(dest, built[0].Name())
}

// customVersion returns the golangci-lint version that a .custom-gcl.yml
// names at its top level.
func customVersion(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^version:\s*(\S+)\s*$`).FindSubmatch(data)
	if m == nil || !semver.IsValid(string(m[1])) {
		t.Fatalf("%s: no top-level version: vX.Y.Z", file)
	}
	return string(m[1])
}

// fakeGit serves the one git command that `golangci-lint custom` runs,
//
//	git clone --branch VERSION --single-branch --depth 1 ... URL
//
// from the Go module proxy: the module that the repository at URL holds,
// at VERSION, is copied to the directory a clone would create. For a
// module whose go.mod is at the repository's root, as golangci-lint's is,
// that is the clone's tree less what module zips leave out (nested
// modules, vendor directories), which the build never needs.
func fakeGit(args []string) error {
	if len(args) < 2 || args[0] != "clone" {
		return fmt.Errorf("only `git clone --branch VERSION ... URL` is served, not git %s", strings.Join(args, " "))
	}
	var version string
	for i, arg := range args {
		if arg == "--branch" && i+1 < len(args) {
			version = args[i+1]
		}
	}
	url := args[len(args)-1]
	repo, ok := strings.CutPrefix(strings.TrimSuffix(url, ".git"), "https://")
	if !ok || !semver.IsValid(version) {
		return fmt.Errorf("want an https URL and a --branch vX.Y.Z, got %q and %q", url, version)
	}
	module := repo
	if major := semver.Major(version); major != "v0" && major != "v1" {
		module += "/" + major
	}
	download := exec.Command("go", "mod", "download", "-json", module+"@"+version)
	out, err := download.Output()
	if err != nil {
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			err = fmt.Errorf("%v\n%s%s", err, out, exitErr.Stderr)
		}
		return fmt.Errorf("go mod download %s@%s: %w", module, version, err)
	}
	var mod struct{ Dir string }
	if err := json.Unmarshal(out, &mod); err != nil {
		return err
	}
	return copyTree(mod.Dir, path.Base(repo))
}

// copyTree copies the tree at src to dst, writable: the module cache's
// copy is read-only, and custom edits the clone.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
