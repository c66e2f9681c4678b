package edge

import (
	"slices"

	"github.com/nofallalloc/nofallalloc/collections"
)

// Sensor delivers the samples of one burst, like io.Reader: Read fills buf
// with up to len(buf) samples and returns how many; 0 ends the burst.
type Sensor interface {
	// Read is an effect contract, so that a task may call it from strict
	// code.
	//
	//fallible:strict
	Read(buf []int16) int
}

// Vibration is a task that records a burst of accelerometer samples and
// keeps its median and peak magnitude. A burst longer than MaxSamples does
// not fit its reserved storage: that run fails, the next burst is measured
// again.
type Vibration struct {
	Sensor     Sensor
	MaxSamples int

	Median, Peak int16 // of the last burst measured

	samples collections.Vec[int16]
	// buf is read into. A local array would be moved to the heap: the
	// Sensor behind the interface may keep the slice.
	buf [64]int16
}

// Reserve reserves storage for one burst of MaxSamples samples.
func (v *Vibration) Reserve(b *collections.Budget) error {
	return collections.Reserve[int16](b, v.MaxSamples, 1)
}

// Run measures one burst.
//
//fallible:strict
func (v *Vibration) Run(b *collections.Budget) error {
	v.samples.SetBudget(b)
	defer v.samples.Release()
	if err := v.samples.TryReserveExact(v.MaxSamples); err != nil {
		return err
	}
	for {
		n := v.Sensor.Read(v.buf[:])
		if n == 0 {
			break
		}
		if err := v.samples.TryAppendSlice(v.buf[:n]); err != nil {
			v.drain() // the next run must start at the next burst
			return err
		}
	}
	s := v.samples.Slice()
	if len(s) == 0 {
		return nil
	}
	for i, x := range s {
		s[i] = max(x, -x) // magnitude; -(-32768) stays negative, and rare
	}
	slices.Sort(s)
	v.Median, v.Peak = s[len(s)/2], s[len(s)-1]
	return nil
}

// drain reads and drops the rest of the current burst.
//
//fallible:strict
func (v *Vibration) drain() {
	for v.Sensor.Read(v.buf[:]) > 0 {
	}
}

// Replay is a Sensor that plays back recorded bursts, one per Run, then
// empty bursts: for tests and for bench work on a desk.
type Replay struct {
	Bursts [][]int16
	next   int // samples of Bursts[0] already read
}

// Read implements Sensor.
//
//fallible:strict
func (r *Replay) Read(buf []int16) int {
	if len(r.Bursts) == 0 {
		return 0
	}
	n := copy(buf, r.Bursts[0][r.next:])
	r.next += n
	if n == 0 {
		r.Bursts, r.next = r.Bursts[1:], 0
	}
	return n
}
