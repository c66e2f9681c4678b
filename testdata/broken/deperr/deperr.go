// Package deperr is correct, but imports a package that does not
// type-check.
package deperr

import "example.com/broken/typeerr"

// M depends on the broken package.
var M = typeerr.N
