package latency_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/nofallalloc/nofallalloc/allocstest"
	"github.com/nofallalloc/nofallalloc/collections"
	"github.com/nofallalloc/nofallalloc/examples/latency"
)

// samples returns "1 2 ... n".
func samples(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(strconv.Itoa(i))
		b.WriteByte(' ')
	}
	return b.String()
}

func post(s *latency.Server, body string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body)))
	return rec
}

// TestOversizedRequestFailsAlone: a request too large for its budget gets
// 503, its memory goes back to the process budget, and the next request is
// served.
func TestOversizedRequestFailsAlone(t *testing.T) {
	s := &latency.Server{Budget: collections.NewBudget(nil, 1<<20), PerRequest: 64 << 10}
	for _, tc := range []struct {
		body string
		code int
		want string
	}{
		{samples(100), http.StatusOK, "p50=50 p90=90 p99=99\n"},
		{samples(100_000), http.StatusServiceUnavailable, "too many samples for this server's memory\n"},
		{"12 x 7", http.StatusBadRequest, latency.ErrSyntax.Error() + "\n"},
		{"", http.StatusBadRequest, latency.ErrEmpty.Error() + "\n"},
		{"300 100 200", http.StatusOK, "p50=200 p90=300 p99=300\n"},
	} {
		rec := post(s, tc.body)
		if rec.Code != tc.code || rec.Body.String() != tc.want {
			t.Errorf("POST of %.20q: %d %q, want %d %q", tc.body, rec.Code, rec.Body, tc.code, tc.want)
		}
		if used := s.Budget.Used(); used != 0 {
			t.Errorf("after the POST of %.20q, %d bytes still drawn from the process budget", tc.body, used)
		}
	}
}

// TestTaskBoundaryHandlesEveryAllocationFailure fails each budget request
// of a request's task in turn, the body's reading (which panics) and the
// parsing (which returns an error) alike: RunTask must turn every one into
// the returned error.
func TestTaskBoundaryHandlesEveryAllocationFailure(t *testing.T) {
	body := samples(500)
	rep := allocstest.Faults(t, func(b *collections.Budget) error {
		return collections.RunTask(b, 1<<20, func(b *collections.Budget) error {
			return latency.Summarize(b, strings.NewReader(body), make([]int64, 3))
		})
	})
	if rep.Requests < 4 {
		t.Errorf("only %d budget requests: the test exercises too little", rep.Requests)
	}
}

// TestCoreAllocatesNothing: parsing into a vector with room and computing
// percentiles allocate nothing, as the analyzer says of the strict core.
func TestCoreAllocatesNothing(t *testing.T) {
	text := []byte(samples(1000))
	v := collections.NewVec[int64](collections.NewBudget(nil, 1<<20))
	defer v.Release()
	if err := v.TryReserveExact(1000); err != nil {
		t.Fatal(err)
	}
	ps, out := []int{50, 90, 99}, make([]int64, 3)
	allocstest.Zero(t, func() {
		v.Clear()
		if err := latency.Parse(v, text); err != nil {
			panic(err)
		}
		if err := latency.Percentiles(v.Slice(), ps, out); err != nil {
			panic(err)
		}
	})
	if out[2] != 990 {
		t.Errorf("p99 of 1..1000 = %d, want 990", out[2])
	}
}

func ExampleServer() {
	s := &latency.Server{Budget: collections.NewBudget(nil, 1<<20), PerRequest: 16 << 10}
	for _, body := range []string{"120 80 95 400 101", samples(10_000), "7 8 9"} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", bytes.NewBufferString(body)))
		fmt.Print(rec.Code, " ", rec.Body)
	}
	// Output:
	// 200 p50=101 p90=400 p99=400
	// 503 too many samples for this server's memory
	// 200 p50=8 p90=9 p99=9
}
