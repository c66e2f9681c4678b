package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMalformedStaticcheckConf checks what doc.go promises: the runner the
// command shares with staticcheck reads staticcheck.conf, and a malformed
// one stops the command with exit status 2, naming the file.
func TestMalformedStaticcheckConf(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"go.mod":           "module example.com/conf\n\ngo 1.26\n",
		"conf.go":          "package conf\n\nfunc Clean() int { return 1 }\n",
		"staticcheck.conf": "checks = [\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	o := nofallalloc(t, dir, "./...")
	wantExit(t, o, exitError)
	if !strings.HasPrefix(o.stderr, "staticcheck.conf:1:") {
		t.Errorf("standard error does not name the malformed file:\n%s", o.stderr)
	}
}
