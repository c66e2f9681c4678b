package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
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

// TestVetProfiles checks that under go vet, -cpuprofiledir and
// -memprofiledir collect one CPU and one heap profile per package
// analyzed, dependencies included, named after the package; and that a
// relative directory, which each package's run would resolve in its own
// directory, is refused.
func TestVetProfiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	o := goVet(t, fixture(t, "multi"), binary, "-cpuprofiledir="+dir, "-memprofiledir="+dir, "./a")
	wantExit(t, o, 1)
	for _, pkg := range []string{"example.com_multi_a", "example.com_multi_b", "example.com_multi_c"} {
		for _, kind := range []string{".cpu.pprof", ".mem.pprof"} {
			data, err := os.ReadFile(filepath.Join(dir, pkg+kind))
			if err != nil {
				t.Error(err)
				continue
			}
			if !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
				t.Errorf("%s%s is not a pprof profile (%d bytes)", pkg, kind, len(data))
			}
		}
	}
	o = goVet(t, fixture(t, "multi"), binary, "-cpuprofiledir=profiles", "./a")
	if o.exit == 0 || !strings.Contains(o.stderr, "-cpuprofiledir=profiles: the directory must be absolute") {
		t.Errorf("a relative -cpuprofiledir: exit %d, want an error naming it:\n%s", o.exit, o.stderr)
	}
}

// TestScanFlag checks the spellings of a flag that vetMain reads ahead of
// the flag package.
func TestScanFlag(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args   []string
		name   string
		isBool bool
		value  string
		set    bool
	}{
		{[]string{"-cpuprofiledir=/p"}, "cpuprofiledir", false, "/p", true},
		{[]string{"--cpuprofiledir", "/p", "-json"}, "cpuprofiledir", false, "/p", true},
		{[]string{"-cpuprofiledir=/p", "-cpuprofiledir=/q"}, "cpuprofiledir", false, "/q", true},
		{[]string{"-strict=x", "/p"}, "cpuprofiledir", false, "", false},
		{[]string{"-json", "-strict=x"}, "json", true, "true", true},
		{[]string{"-json=false"}, "json", true, "false", true},
	} {
		value, set := scanFlag(tc.args, tc.name, tc.isBool)
		if value != tc.value || set != tc.set {
			t.Errorf("scanFlag(%q, %q) = %q, %v; want %q, %v", tc.args, tc.name, value, set, tc.value, tc.set)
		}
	}
}
