package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"testing"

	"github.com/google/pprof/profile"
)

// allocationSink keeps allocateForProfile's allocations alive until they
// are profiled.
var allocationSink [][]byte

// allocateForProfile allocates n objects and returns the line it
// allocates them on.
//
//go:noinline
func allocateForProfile(n int) (line int) {
	_, _, line, _ = runtime.Caller(0)
	for range n {
		allocationSink = append(allocationSink, make([]byte, 64)) // two lines below Caller
	}
	return line + 2
}

// TestParseMemProfile checks the profile decoder of -agree against
// pprof's own on a heap profile of this process, and that
// allocatingLines finds the line that allocated.
func TestParseMemProfile(t *testing.T) {
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	runtime.MemProfileRate = 1
	line := allocateForProfile(100)
	runtime.GC()
	var buf bytes.Buffer
	if err := pprof.Lookup("allocs").WriteTo(&buf, 0); err != nil {
		t.Fatal(err)
	}
	allocationSink = nil

	got, err := parseMemProfile(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want, err := profile.Parse(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var wantTypes []string
	for _, st := range want.SampleType {
		wantTypes = append(wantTypes, st.Type)
	}
	if !slices.Equal(got.sampleTypes, wantTypes) {
		t.Errorf("sample types %q, pprof reads %q", got.sampleTypes, wantTypes)
	}
	if len(got.samples) != len(want.Sample) {
		t.Fatalf("%d samples, pprof reads %d", len(got.samples), len(want.Sample))
	}
	for i, s := range want.Sample {
		var frames []stackFrame
		for _, loc := range s.Location {
			for _, ln := range loc.Line {
				if ln.Function != nil {
					frames = append(frames, stackFrame{function: ln.Function.Name, file: ln.Function.Filename, line: ln.Line})
				}
			}
		}
		if g := got.samples[i]; !slices.Equal(g.values, s.Value) || !slices.Equal(g.frames, frames) {
			t.Errorf("sample %d: %v %v, pprof reads %v %v", i, g.values, g.frames, s.Value, frames)
		}
	}

	_, file, _, _ := runtime.Caller(0)
	file = filepath.ToSlash(file)
	sites := allocatingLines(got, map[string]bool{file: true})
	var lines []string
	for k, s := range sites {
		lines = append(lines, fmt.Sprintf("%d (%d objects)", k.line, s.objects))
	}
	// allocateForProfile's make, 100 objects at least (the appends may
	// have grown the slice on the same line too).
	if sites[lineKey{file, line}].objects < 100 {
		t.Errorf("allocating lines of %s: %v, want line %d with at least 100 objects", filepath.Base(file), lines, line)
	}
}

// TestParseMemProfileMalformed checks that a truncated profile is an
// error, not a panic or a silently empty profile.
func TestParseMemProfileMalformed(t *testing.T) {
	var buf bytes.Buffer
	if err := pprof.Lookup("allocs").WriteTo(&buf, 0); err != nil {
		t.Fatal(err)
	}
	p, err := profile.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	if err := p.WriteUncompressed(&raw); err != nil {
		t.Fatal(err)
	}
	data := raw.Bytes()
	if _, err := parseMemProfile(data); err != nil {
		t.Fatalf("the uncompressed profile: %v", err)
	}
	if _, err := parseMemProfile(data[:len(data)-1]); err == nil {
		t.Error("a profile cut short by a byte decoded without error")
	}
}
