package withtests

// pushForTest is strict and appends.
//
//fallible:strict
func pushForTest(s []int) []int {
	return append(s, 1)
}

var _ = pushForTest
