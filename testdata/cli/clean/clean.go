// Package clean allocates nothing and is not strict: checking it reports
// nothing.
package clean

// Sum adds up s without allocating.
func Sum(s []int) int {
	total := 0
	for _, v := range s {
		total += v
	}
	return total
}
