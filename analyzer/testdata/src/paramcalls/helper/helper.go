// Package helper has functions that call their func-typed parameters, // want package:`analysed; Apply: calls\(0\) passes\(heap:1 to 0\[0\]\) passes\(result:1 returned by 0\[0\]\); Forward: calls\(0\) passes\(heap:1 to 0\[1\]\) passes\(result:1 returned by 0\[1\]\); Keep: leaks\(heap:1\); Retrying: calls\(0\) passes\(heap:2 to 0\[1\]\) passes\(result:2 returned by 0\[1\]\); Same: leaks\(result:0\)}$`
// as internal/poll.ignoringEINTRIO calls fn(fd, p): what they pass to
// those calls escapes or not as the function their caller passes says.
package helper

import "errors"

var errInterrupted = errors.New("interrupted")

// Retrying calls fn until it is not interrupted.
func Retrying(fn func(fd int, p []byte) (int, error), fd int, p []byte) (int, error) { // want Retrying:`^calls\(0\) passes\(heap:2 to 0\[1\]\) passes\(result:2 returned by 0\[1\]\)$`
	for {
		n, err := fn(fd, p)
		if err != errInterrupted {
			return n, err
		}
	}
}

// Fill writes into p and keeps nothing.
func Fill(fd int, p []byte) (int, error) {
	for i := range p {
		p[i] = byte(fd)
	}
	return len(p), nil
}

var kept []byte

// Keep keeps p.
func Keep(fd int, p []byte) (int, error) { // want Keep:`^leaks\(heap:1\)$`
	kept = p
	return fd, nil
}

// Apply returns what fn makes of p.
func Apply(fn func(*int) *int, p *int) *int { return fn(p) } // want Apply:`^calls\(0\) passes\(heap:1 to 0\[0\]\) passes\(result:1 returned by 0\[0\]\)$`

// Same returns p.
func Same(p *int) *int { return p } // want Same:`^leaks\(result:0\)$`
