// Package typeerr does not type-check.
package typeerr

// N is declared with a value of the wrong type.
var N int = "not a number"
