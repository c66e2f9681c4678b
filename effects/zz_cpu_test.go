package effects

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"
)

func threadCPU() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// TestZZScaleCPU prints the analyzing thread's CPU time per unit.
func TestZZScaleCPU(t *testing.T) {
	shapes := []struct {
		unit  string
		sizes []int
		src   func(n int) string
	}{
		{"statement", []int{12500, 25000, 50000}, longFunction},
		{"function", []int{1250, 2500, 5000}, smallFunctions},
		{"constant", []int{1250, 2500, 5000}, boxedConstants},
		{"link", []int{1250, 2500, 5000}, linkedInLoop},
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b := &testing.B{}
	for _, shape := range shapes {
		total := shape.sizes[len(shape.sizes)-1]
		for _, n := range shape.sizes {
			cfgs := make([]*Config, total/n)
			for i := range cfgs {
				cfgs[i] = generatedPackage(b, shape.src(n))
			}
			best := int64(1 << 62)
			for range 5 {
				runtime.GC()
				start := threadCPU()
				for _, cfg := range cfgs {
					Analyze(cfg)
				}
				if d := threadCPU() - start; d < best {
					best = d
				}
			}
			fmt.Printf("CPU %ss=%d %d ns/%s\n", shape.unit, n, best/int64(total), shape.unit)
		}
	}
}
