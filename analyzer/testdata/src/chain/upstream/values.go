package upstream

// Appended returns s with v appended, through an unexported helper. An
// importer that instantiates it calls its generic origin, whose summary
// holds what the helper does: the helper has no entry in the package's
// fact, since no other package can call it.
func Appended[T any](s []T, v T) []T { return appendOne(s, v) } // want Appended:"allocates\\(append via chain/upstream.appendOne, 1 hops\\) leaks\\(heap:1 result:0\\)"

func appendOne[T any](s []T, v T) []T { return append(s, v) } // want appendOne:"allocates\\(append\\) leaks\\(heap:1 result:0\\)"
