package floor

func Grow(s []int) []int { return append(s, 1) }

func Twice(n int) int { return n * 2 }
