package collections

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// Benchmarks against the built-ins. Each pair shares a name but for its
// last element (builtin or ours), so benchstat or a glance compares them.

var sizes = []int{100, 1_000, 10_000, 1_000_000}

var sinkInt int

// reportCPU, deferred at the start of a benchmark, adds the metric
// cpu-ns/op: the CPU time the whole process (garbage collector included)
// spent per operation. On a machine shared with other work, wall time
// counts the time the benchmark waits for a core; CPU time does not, so it
// varies much less between runs.
func reportCPU(b *testing.B) func() {
	start := processCPU()
	return func() { b.ReportMetric(float64(processCPU()-start)/float64(b.N), "cpu-ns/op") }
}

func BenchmarkVecPush(b *testing.B) {
	for _, n := range sizes {
		b.Run("n="+strconv.Itoa(n)+"/append", func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				var s []int
				for i := range n {
					s = append(s, i)
				}
				sinkInt += s[n-1]
			}
		})
		b.Run("n="+strconv.Itoa(n)+"/TryPush", func(b *testing.B) { benchVecPush(b, n, false) })
		// The idiom for hot loops: the inlined fast path, growth only
		// when it reports no room.
		b.Run("n="+strconv.Itoa(n)+"/WithinCapacity", func(b *testing.B) { benchVecPush(b, n, true) })
	}
}

// benchVecPush pushes n values into a Vec with TryPush, trying
// PushWithinCapacity first if inlineFirst (a branch that always goes the
// same way costs nothing measurable).
func benchVecPush(b *testing.B, n int, inlineFirst bool) {
	defer reportCPU(b)()
	bud := NewBudget(nil, 1<<40)
	for b.Loop() {
		v := Vec[int]{b: bud}
		for i := range n {
			if inlineFirst && v.PushWithinCapacity(i) {
				continue
			}
			if _, err := v.TryPush(i); err != nil {
				b.Fatal(err)
			}
		}
		sinkInt += v.At(n - 1)
		v.Release()
	}
}

// keys returns n distinct keys in random order.
func keys(n int) []int {
	k := make([]int, n)
	for i := range k {
		k[i] = i * 7919
	}
	rand.New(rand.NewPCG(5, 6)).Shuffle(n, func(i, j int) { k[i], k[j] = k[j], k[i] })
	return k
}

func BenchmarkMapInsert(b *testing.B) {
	for _, n := range sizes {
		ks := keys(n)
		b.Run("n="+strconv.Itoa(n)+"/builtin", func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				m := map[int]int{}
				for _, k := range ks {
					m[k] = k
				}
				sinkInt += len(m)
			}
		})
		b.Run("n="+strconv.Itoa(n)+"/TryInsert", func(b *testing.B) {
			defer reportCPU(b)()
			bud := NewBudget(nil, 1<<40)
			for b.Loop() {
				m := Map[int, int]{b: bud}
				for _, k := range ks {
					if _, _, err := m.TryInsert(k, k); err != nil {
						b.Fatal(err)
					}
				}
				sinkInt += m.Len()
				m.Release()
			}
		})
	}
}

func BenchmarkMapLookup(b *testing.B) {
	for _, n := range sizes {
		ks := keys(n)
		probe := keys(n) // same keys, another order: hits, spread over the table
		rand.New(rand.NewPCG(7, 8)).Shuffle(n, func(i, j int) { probe[i], probe[j] = probe[j], probe[i] })
		b.Run("n="+strconv.Itoa(n)+"/builtin", func(b *testing.B) {
			m := map[int]int{}
			for _, k := range ks {
				m[k] = k
			}
			defer reportCPU(b)() // after the setup
			i := 0
			for b.Loop() {
				sinkInt += m[probe[i]]
				if i++; i == n {
					i = 0
				}
			}
		})
		b.Run("n="+strconv.Itoa(n)+"/Get", func(b *testing.B) {
			m := NewMap[int, int](NewBudget(nil, 1<<40))
			for _, k := range ks {
				m.Insert(k, k)
			}
			defer reportCPU(b)() // after the setup
			i := 0
			for b.Loop() {
				v, _ := m.Get(probe[i])
				sinkInt += v
				if i++; i == n {
					i = 0
				}
			}
		})
	}
}

// ring is the slice-based ring buffer a Go programmer would write by hand:
// power-of-two capacity, grown by doubling with make and copy.
type ring struct {
	buf        []int
	head, size int
}

func (r *ring) pushBack(x int) {
	if r.size == len(r.buf) {
		nb := make([]int, max(8, 2*len(r.buf)))
		for i := range r.size {
			nb[i] = r.buf[(r.head+i)&(len(r.buf)-1)]
		}
		r.buf, r.head = nb, 0
	}
	r.buf[(r.head+r.size)&(len(r.buf)-1)] = x
	r.size++
}

func (r *ring) popFront() int {
	x := r.buf[r.head]
	r.head = (r.head + 1) & (len(r.buf) - 1)
	r.size--
	return x
}

// benchDequeFIFO is BenchmarkDeque's FIFO on a Deque, pushing with
// TryPushBack, after PushBackWithinCapacity if inlineFirst.
func benchDequeFIFO(b *testing.B, n int, inlineFirst bool) {
	defer reportCPU(b)()
	bud := NewBudget(nil, 1<<40)
	for b.Loop() {
		d := Deque[int]{b: bud}
		for range 2 {
			for i := range n {
				if inlineFirst && d.PushBackWithinCapacity(i) {
					continue
				}
				if _, err := d.TryPushBack(i); err != nil {
					b.Fatal(err)
				}
			}
			for range n {
				x, _ := d.PopFront()
				sinkInt += x
			}
		}
		d.Release()
	}
}

// BenchmarkDeque is a FIFO that fills to n from empty and drains, twice.
func BenchmarkDeque(b *testing.B) {
	for _, n := range sizes {
		b.Run("n="+strconv.Itoa(n)+"/ring", func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				var r ring
				for range 2 {
					for i := range n {
						r.pushBack(i)
					}
					for range n {
						sinkInt += r.popFront()
					}
				}
			}
		})
		b.Run("n="+strconv.Itoa(n)+"/Deque", func(b *testing.B) { benchDequeFIFO(b, n, false) })
		b.Run("n="+strconv.Itoa(n)+"/WithinCapacity", func(b *testing.B) { benchDequeFIFO(b, n, true) })
	}
}

// BenchmarkBuilder writes n short words, as a formatter would.
func BenchmarkBuilder(b *testing.B) {
	const word = "word "
	for _, n := range sizes {
		b.Run("n="+strconv.Itoa(n)+"/strings.Builder", func(b *testing.B) {
			defer reportCPU(b)()
			for b.Loop() {
				var w strings.Builder
				for range n {
					w.WriteString(word)
				}
				sinkInt += w.Len()
			}
		})
		b.Run("n="+strconv.Itoa(n)+"/TryWriteString", func(b *testing.B) {
			defer reportCPU(b)()
			bud := NewBudget(nil, 1<<40)
			for b.Loop() {
				w := Builder{v: Vec[byte]{b: bud}}
				for range n {
					if err := w.TryWriteString(word); err != nil {
						b.Fatal(err)
					}
				}
				sinkInt += w.Len()
				w.Release()
			}
		})
	}
}
