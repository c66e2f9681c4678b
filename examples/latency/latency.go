// Package latency is a small HTTP service that computes percentiles of the
// latencies posted to it: a server that recovers at the task boundary.
// Each request runs as a task (collections.RunTask) with a budget of its
// own under the process's. Inside the task, ordinary code may use the
// collections' infallible twins (Append, Push...), which panic when the
// budget refuses; RunTask turns exactly that panic into an error, the
// request gets 503, and the server goes on serving the others. The
// computing core is strict, so nofallalloc proves it draws only on the
// request's budget.
//
// See docs/guides/server.md.
package latency

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"

	"github.com/nofallalloc/nofallalloc/collections"
)

// Errors of malformed input; made once, at init, so strict code returns
// them for free.
var (
	ErrSyntax = errors.New("latency: a sample is not a decimal number of microseconds")
	ErrEmpty  = errors.New("latency: no samples")
)

// Server answers POST requests whose body is a list of latencies in
// microseconds, separated by white space, with their 50th, 90th and 99th
// percentiles.
type Server struct {
	Budget     *collections.Budget // the process's; requests draw from it
	PerRequest int64               // the limit of each request's budget
}

// ServeHTTP runs the request as a task under s.Budget.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var p [3]int64
	err := collections.RunTask(s.Budget, s.PerRequest, func(b *collections.Budget) error {
		return Summarize(b, r.Body, p[:])
	})
	switch {
	case errors.Is(err, collections.ErrBudgetExceeded):
		http.Error(w, "too many samples for this server's memory", http.StatusServiceUnavailable)
	case err != nil:
		http.Error(w, err.Error(), http.StatusBadRequest)
	default:
		fmt.Fprintf(w, "p50=%d p90=%d p99=%d\n", p[0], p[1], p[2])
	}
}

// Summarize reads the samples of body under b and writes their 50th, 90th
// and 99th percentiles to out. Reading the body panics when b refuses: run
// it under collections.RunTask.
func Summarize(b *collections.Budget, body io.Reader, out []int64) error {
	text := collections.NewBuilder(b)
	defer text.Release()
	if err := readAll(text, body); err != nil {
		return err
	}
	samples := collections.NewVec[int64](b)
	defer samples.Release()
	if err := Parse(samples, text.Bytes()); err != nil {
		return err
	}
	return Percentiles(samples.Slice(), []int{50, 90, 99}, out)
}

// readAll appends everything r yields to text. It is written in the panic
// profile: Append panics with the *collections.AllocError when the budget
// refuses, and the task boundary recovers it.
func readAll(text *collections.Builder, r io.Reader) error {
	var buf [4096]byte
	for {
		n, err := r.Read(buf[:])
		text.Append(buf[:n])
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Parse appends the white-space separated decimal numbers of text to
// samples. When the budget refuses, it returns the *collections.AllocError.
//
//fallible:strict
func Parse(samples *collections.Vec[int64], text []byte) error {
	for len(text) > 0 {
		if space(text[0]) {
			text = text[1:]
			continue
		}
		var n int64
		digits := 0
		for ; digits < len(text) && !space(text[digits]); digits++ {
			c := text[digits]
			if c < '0' || c > '9' || digits == 18 {
				return ErrSyntax
			}
			n = n*10 + int64(c-'0')
		}
		if _, err := samples.TryPush(n); err != nil {
			return err
		}
		text = text[digits:]
	}
	return nil
}

func space(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Percentiles sorts samples in place and writes the nearest-rank
// percentile ps[i] of them to out[i].
//
//fallible:strict
func Percentiles(samples []int64, ps []int, out []int64) error {
	if len(samples) == 0 {
		return ErrEmpty
	}
	slices.Sort(samples)
	for i, p := range ps {
		rank := (p*len(samples) + 99) / 100 // ⌈p/100 · n⌉
		out[i] = samples[max(rank, 1)-1]
	}
	return nil
}
