package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// A runtimeSite is a line of a package's own code at which its tests
// allocated, by the memory profile.
type runtimeSite struct {
	objects int64 // objects allocated there
}

// lineKey is a line of a file.
type lineKey struct {
	file string
	line int
}

// runtimeSites runs the tests of the package pkgPath in dir with every
// allocation profiled (-memprofilerate=1) and returns the lines of files
// (the package's own, non-test files) that allocated. A failing test does
// not lose the profile of the others; a test binary that does not run at
// all is an error.
func runtimeSites(dir, tags, pkgPath string, files []string) (map[lineKey]runtimeSite, error) {
	tmp, err := os.MkdirTemp("", "nofallalloc-memprofile-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	prof := filepath.Join(tmp, "mem.out")
	args := []string{"test", "-count=1", "-short", "-timeout=20m",
		"-memprofilerate=1", "-memprofile=" + prof, "-o=" + filepath.Join(tmp, "pkg.test")}
	if tags != "" {
		args = append(args, "-tags="+tags)
	}
	cmd := exec.Command("go", append(args, pkgPath)...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	runErr := cmd.Run()
	data, err := os.ReadFile(prof)
	if err != nil {
		return nil, fmt.Errorf("go test %s wrote no memory profile: %v\n%s", pkgPath, runErr, out.Bytes())
	}
	p, err := parseMemProfile(data)
	if err != nil {
		return nil, fmt.Errorf("memory profile of %s: %v", pkgPath, err)
	}
	own := map[string]bool{}
	for _, f := range files {
		own[f] = true
	}
	return allocatingLines(p, own), nil
}

// allocatingLines attributes every sampled allocation of p to the first
// frame, from the innermost (inlined frames included), that is not in the
// runtime (the profiler usually drops the runtime's frames itself), and
// keeps those that land in the files own.
func allocatingLines(p *memProfile, own map[string]bool) map[lineKey]runtimeSite {
	objects := 0 // the alloc_objects sample value
	for i, t := range p.sampleTypes {
		if t == "alloc_objects" {
			objects = i
		}
	}
	sites := map[lineKey]runtimeSite{}
	for _, s := range p.samples {
		if objects >= len(s.values) || s.values[objects] == 0 {
			continue
		}
		n := s.values[objects]
		for _, fr := range s.frames { // innermost first
			if inRuntime(fr.function) {
				continue
			}
			if own[fr.file] {
				k := lineKey{fr.file, int(fr.line)}
				sites[k] = runtimeSite{objects: sites[k].objects + n}
			}
			break
		}
	}
	return sites
}

// inRuntime reports whether a function belongs to the runtime, whose
// allocation helpers (mallocgc, growslice, convT64, the maps' growth) are
// where every profiled allocation starts.
func inRuntime(fn string) bool {
	return strings.HasPrefix(fn, "runtime.") || strings.HasPrefix(fn, "internal/runtime/")
}
