package edge_test

import (
	"fmt"
	"testing"

	"github.com/nofallalloc/nofallalloc/allocstest"
	"github.com/nofallalloc/nofallalloc/collections"
	"github.com/nofallalloc/nofallalloc/examples/edge"
)

// burst returns n samples whose magnitudes are 1..n.
func burst(n int) []int16 {
	s := make([]int16, n)
	for i := range s {
		s[i] = int16((i + 1) * (1 - 2*(i%2))) // 1, -2, 3, -4, ...
	}
	return s
}

// steady is a sensor that delivers the same burst on every run.
type steady struct {
	burst []int16
	pos   int
}

func (s *steady) Read(buf []int16) int {
	n := copy(buf, s.burst[s.pos:])
	s.pos += n
	if n == 0 {
		s.pos = 0
	}
	return n
}

// newDevice returns a runner with a 1 MiB device budget and room for
// eight faults, and the tasks it runs.
func newDevice(t *testing.T, tasks ...*edge.Vibration) *edge.Runner {
	t.Helper()
	r, err := edge.NewRunner(collections.NewBudget(nil, 1<<20), 8)
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		if err := r.Add(task, 16<<10); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// TestOversizedBurstFailsOneTask: a burst that outgrows its task's
// reservation fails that run of that task only; the other task runs, and
// the task itself measures the next burst.
func TestOversizedBurstFailsOneTask(t *testing.T) {
	a := &edge.Vibration{MaxSamples: 256, Sensor: &edge.Replay{Bursts: [][]int16{burst(100), burst(1000), burst(51)}}}
	b := &edge.Vibration{MaxSamples: 256, Sensor: &steady{burst: burst(9)}}
	r := newDevice(t, a, b)
	for range 3 {
		r.Step()
	}
	faults := make([]edge.Fault, 8)
	faults = faults[:r.Faults(faults)]
	if want := []edge.Fault{{Step: 2, Task: 0, Memory: true}}; fmt.Sprint(faults) != fmt.Sprint(want) {
		t.Errorf("faults %v, want %v", faults, want)
	}
	if a.Median != 26 || a.Peak != 51 {
		t.Errorf("task a measured median %d, peak %d after its failed run; want 26, 51", a.Median, a.Peak)
	}
	if b.Median != 5 || b.Peak != 9 {
		t.Errorf("task b measured median %d, peak %d; want 5, 9", b.Median, b.Peak)
	}
}

func TestFaultLogKeepsTheLatest(t *testing.T) {
	a := &edge.Vibration{MaxSamples: 64, Sensor: &steady{burst: burst(65)}}
	r := newDevice(t, a)
	for range 20 {
		r.Step()
	}
	faults := make([]edge.Fault, 20)
	faults = faults[:r.Faults(faults)]
	if len(faults) != 8 || faults[0].Step != 13 || faults[7].Step != 20 {
		t.Errorf("fault log %v, want steps 13 to 20", faults)
	}
}

// TestRunHandlesEveryAllocationFailure fails each budget request of a
// task's start-up reservation and run in turn.
func TestRunHandlesEveryAllocationFailure(t *testing.T) {
	rep := allocstest.Faults(t, func(b *collections.Budget) error {
		task := &edge.Vibration{MaxSamples: 256, Sensor: &steady{burst: burst(200)}}
		reserved := collections.NewBudget(b, 16<<10)
		defer reserved.Close()
		if err := task.Reserve(reserved); err != nil {
			return err
		}
		return task.Run(reserved)
	})
	if rep.Requests < 2 {
		t.Errorf("%d budget requests, want the reservation and the run's", rep.Requests)
	}
}

// TestStepAllocatesNothing is the run-time twin of the analyzer's verdict
// on Step: no allocation, on success or on failure.
func TestStepAllocatesNothing(t *testing.T) {
	ok := &edge.Vibration{MaxSamples: 256, Sensor: &steady{burst: burst(200)}}
	failing := &edge.Vibration{MaxSamples: 64, Sensor: &steady{burst: burst(65)}}
	r := newDevice(t, ok, failing)
	allocstest.Zero(t, r.Step)
	if faults := r.Faults(make([]edge.Fault, 8)); faults == 0 {
		t.Error("the failing task never failed")
	}
}

func ExampleRunner() {
	device := collections.NewBudget(nil, 1<<20)
	r, _ := edge.NewRunner(device, 4)
	task := &edge.Vibration{
		MaxSamples: 128,
		Sensor:     &edge.Replay{Bursts: [][]int16{{3, -7, 5}, make([]int16, 500), {-2, 4}}},
	}
	_ = r.Add(task, 4<<10)
	for range 3 {
		r.Step()
		fmt.Println("median", task.Median, "peak", task.Peak)
	}
	faults := make([]edge.Fault, 4)
	fmt.Printf("%+v\n", faults[:r.Faults(faults)])
	// Output:
	// median 5 peak 7
	// median 5 peak 7
	// median 4 peak 4
	// [{Step:2 Task:0 Memory:true}]
}
