// Package app uses a library whose own strict function allocates: that is
// the library's business, not a finding of app's go vet gate.
package app

import "example.com/lib"

// Sum adds the library's numbers.
func Sum(n int) int {
	total := 0
	for _, v := range lib.Numbers(n) {
		total += v
	}
	return total
}
