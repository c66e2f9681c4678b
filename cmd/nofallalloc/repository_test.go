package main

import (
	"strings"
	"testing"
)

// TestReadmeExample keeps the README's first command true: the output it
// shows for `go run ./cmd/nofallalloc ./examples/...` is what the command
// prints.
func TestReadmeExample(t *testing.T) {
	root := repositoryRoot(t)
	want := readmeOutput(t, readFile(t, root, "README.md"), "go run ./cmd/nofallalloc ./examples/...")
	o := nofallalloc(t, root, "./examples/...")
	wantExit(t, o, exitFindings)
	if got := strings.TrimSpace(o.stdout); got != want {
		t.Errorf("README.md shows\n%s\nthe command prints\n%s", want, got)
	}
}

// readmeOutput returns the code block that follows the one holding
// command, without go run's "exit status" line.
func readmeOutput(t *testing.T, readme, command string) string {
	t.Helper()
	_, after, ok := strings.Cut(readme, command+"\n```")
	if !ok {
		t.Fatalf("README.md does not show %q", command)
	}
	_, after, ok = strings.Cut(after, "```\n")
	if !ok {
		t.Fatal("README.md shows no output after the command")
	}
	block, _, _ := strings.Cut(after, "```")
	var lines []string
	for line := range strings.Lines(block) {
		if !strings.HasPrefix(line, "exit status") {
			lines = append(lines, strings.TrimRight(line, "\n"))
		}
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// TestCollectionsAreClean checks the library's own promise: its
// allocation-free methods are marked //fallible:strict, and the analyzer
// finds nothing in them.
func TestCollectionsAreClean(t *testing.T) {
	root := repositoryRoot(t)
	o := nofallalloc(t, root, "./collections")
	wantExit(t, o, exitClean)
	if o.stdout != "" || o.stderr != "" {
		t.Errorf("the analyzer reports on collections:\n%s%s", o.stdout, o.stderr)
	}
}
