package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestProfiles checks that -cpuprofile and -memprofile write pprof
// profiles (gzip-compressed protocol buffers) of a run that reports
// findings, so that a slow run can be looked into.
func TestProfiles(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	cpu, mem := filepath.Join(tmp, "cpu.pprof"), filepath.Join(tmp, "mem.pprof")
	o := nofallalloc(t, fixture(t, "cli"), "-cpuprofile", cpu, "-memprofile", mem, "./strict")
	wantExit(t, o, 1)
	for _, file := range []string{cpu, mem} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			t.Errorf("%s is not a pprof profile (%d bytes)", filepath.Base(file), len(data))
		}
	}
	if o := nofallalloc(t, fixture(t, "cli"), "-cpuprofile", filepath.Join(tmp, "missing", "cpu.pprof"), "./strict"); o.exit != 2 {
		t.Errorf("-cpuprofile into a missing directory: exit %d, want 2", o.exit)
	}
}
