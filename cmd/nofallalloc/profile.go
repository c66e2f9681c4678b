package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfiles starts the profiles opts asks for and returns the function
// that writes them out at the end of the run.
func startProfiles(opts options) (stop func(), err error) {
	stop = func() {}
	if opts.cpuProfile != "" {
		f, err := os.Create(opts.cpuProfile)
		if err != nil {
			return nil, fmt.Errorf("-cpuprofile: %v", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, fmt.Errorf("-cpuprofile: %v", err)
		}
		stop = func() {
			pprof.StopCPUProfile()
			f.Close()
		}
	}
	if opts.memProfile != "" {
		stopCPU := stop
		stop = func() {
			stopCPU()
			f, err := os.Create(opts.memProfile)
			if err != nil {
				fmt.Fprintf(os.Stderr, "nofallalloc: -memprofile: %v\n", err)
				return
			}
			defer f.Close()
			runtime.GC()
			if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
				fmt.Fprintf(os.Stderr, "nofallalloc: -memprofile: %v\n", err)
			}
		}
	}
	return stop, nil
}
