package hatches

import "testing"

// InjectFaults stands in for collections.InjectFaults: -assumptions finds
// the fault-injection tests of a trusted function by the name of the entry
// point they call.
func InjectFaults(task func() error) { _ = task() }

func TestTryAddFaults(t *testing.T) { InjectFaults(fill) }

// fill reaches TryAdd: the test that passes it counts.
func fill() error {
	var b Buffer
	for {
		if err := b.TryAdd(1); err != nil {
			return err
		}
	}
}

func TestReset(t *testing.T) {
	var b Buffer
	b.Reset()
}
