package analyzer

import (
	"bytes"
	"compress/gzip"
	"encoding/gob"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestReadStdSummariesRefuses checks that summaries which may not describe
// this toolchain's standard library are refused with the remedy, never
// trusted: a file for another Go release, of another format, or not a
// summaries file at all.
func TestReadStdSummariesRefuses(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, f stdFile) string {
		t.Helper()
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		if err := gob.NewEncoder(zw).Encode(&f); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, buf.Bytes(), 0o666); err != nil {
			t.Fatal(err)
		}
		return file
	}
	garbage := filepath.Join(dir, "garbage")
	if err := os.WriteFile(garbage, []byte("not gzip"), 0o666); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		write("release", stdFile{Format: stdFileFormat, GoVersion: "go1.0"}):              "describes the standard library of go1.0",
		write("format", stdFile{Format: stdFileFormat + 1, GoVersion: runtime.Version()}): "make it again with nofallalloc -export-std",
		garbage: "is not a file of standard-library summaries",
	} {
		_, err := readStdSummaries(file)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one saying %q", filepath.Base(file), err, want)
		}
	}
	ok := write("ok", stdFile{Format: stdFileFormat, GoVersion: runtime.Version(), Packages: []string{"strings"}})
	s, err := readStdSummaries(ok)
	if err != nil || !s.packages["strings"] {
		t.Errorf("a file for this release: %v, %v", s, err)
	}
}
