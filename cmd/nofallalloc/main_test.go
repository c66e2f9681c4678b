package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// binary is the nofallalloc executable built once by TestMain; the
// end-to-end tests run it on the fixture modules under testdata/ at the
// repository root.
var binary string

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "nofallalloc-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	binary = filepath.Join(tmp, "nofallalloc")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building nofallalloc:", err)
		return 1
	}
	// A cache of its own, so that every test run analyzes from scratch once
	// and the results of other builds of the binary never interfere.
	os.Setenv("NOFALLALLOC_CACHE", filepath.Join(tmp, "cache"))
	// The fixtures are modules of their own, outside any workspace.
	os.Setenv("GOWORK", "off")
	return m.Run()
}

// fixture returns the directory of a fixture module under testdata/.
func fixture(t *testing.T, elem ...string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join(append([]string{"..", "..", "testdata"}, elem...)...))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// outcome is what a command did.
type outcome struct {
	stdout, stderr string
	exit           int
}

// run runs name with args in dir and returns its outcome; a command that
// could not be started fails the test.
func run(t *testing.T, dir, name string, args ...string) outcome {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	return runCommand(t, cmd)
}

// runCommand runs cmd and returns its outcome; a command that could not be
// started fails the test.
func runCommand(t *testing.T, cmd *exec.Cmd) outcome {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	o := outcome{stdout: stdout.String(), stderr: stderr.String()}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		o.exit = exit.ExitCode()
	case err != nil:
		t.Fatalf("running %q: %v", cmd.Args, err)
	}
	return o
}

// nofallalloc runs the built binary in dir.
func nofallalloc(t *testing.T, dir string, args ...string) outcome {
	t.Helper()
	return run(t, dir, binary, args...)
}

// wantExit fails the test unless o exited with want.
func wantExit(t *testing.T, o outcome, want int) {
	t.Helper()
	if o.exit != want {
		t.Fatalf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", o.exit, want, o.stdout, o.stderr)
	}
}
