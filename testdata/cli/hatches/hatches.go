// Package hatches has the escape hatches that -assumptions lists, and the
// functions that -suggest finds ready for //fallible:strict or near it.
package hatches

import "errors"

var errFull = errors.New("full")

const limit = 64

// Buffer is a bounded buffer.
type Buffer struct{ items []int }

// TryAdd adds x, or reports that the buffer is full.
//
//fallible:trusted bounded by limit, and the failure is returned
func (b *Buffer) TryAdd(x int) error {
	if len(b.items) >= limit {
		return errFull
	}
	b.items = append(b.items, x)
	return nil
}

// Reset empties the buffer to a fresh one.
//
//fallible:trusted called only at start-up
func (b *Buffer) Reset() {
	b.items = make([]int, 0, limit)
}

// Sum can be strict as it is.
func Sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

// Keep appends under an allow, and can be strict as it is.
func Keep(xs []int, x int) []int {
	return append(xs, x) //fallible:allow the callers reserve room
}

// Label is one concatenation away.
func Label(s string) string { return "item " + s }

// Pair is two appends away.
func Pair(xs []int, x int) []int {
	xs = append(xs, x)
	return append(xs, x)
}

// Triple is too far away to suggest.
func Triple(xs []int, x int) []int {
	xs = append(xs, x)
	xs = append(xs, x)
	return append(xs, x)
}

// Marked is strict already.
//
//fallible:strict
func Marked(xs []int) int { return len(xs) }
