// Package collections holds fallible generic containers.
package collections
