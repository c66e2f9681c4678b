package main

import (
	"os"
	"runtime/debug"
	"testing"
)

// TestTuneGC checks that the standalone command raises the collector's
// percent when GOGC is not set, and leaves what the user chose alone.
func TestTuneGC(t *testing.T) {
	gcPercentAfterTune := func() int {
		old := debug.SetGCPercent(100)
		tuneGC()
		return debug.SetGCPercent(old)
	}
	t.Setenv("GOGC", "50") // restored when the test ends
	if got := gcPercentAfterTune(); got != 100 {
		t.Errorf("with GOGC set, the percent became %d: the user's choice was overridden", got)
	}
	os.Unsetenv("GOGC")
	if got := gcPercentAfterTune(); got != standaloneGCPercent {
		t.Errorf("without GOGC, the percent is %d, want %d", got, standaloneGCPercent)
	}
}
