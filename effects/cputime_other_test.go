//go:build !unix

package effects

import "time"

// processCPU is unknown here: the benchmarks report wall time only.
func processCPU() (time.Duration, bool) { return 0, false }
