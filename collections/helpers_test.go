package collections

import "iter"

// iterPull2 pulls the entries of m.
func iterPull2[K comparable, V any](m *Map[K, V]) (func() (K, V, bool), func()) {
	return iter.Pull2(m.All())
}
