package measured

import "example.com/agree/other"

// Pairs: the compiler reports the slice of other.list's arguments, made
// by code inlined from other.Pair, at the call ("... argument escapes to
// heap"). The optimisation log that would say so is lost (other's
// names.go took its place): the code of the line, which calls no
// allocating runtime function, tells.
func Pairs(a int) []int { return other.Pair(a, a) }

// LastOf instantiates other.Last.
func LastOf(a, b int) int { return other.Last(a, b) }
