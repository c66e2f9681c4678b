// Package mid imports a package that was not analysed, and says so in its // want package:"analysed, with dependencies that were not"
// fact.
package mid

import "unanalysed/dep"

// New hands out dep's type.
func New() *dep.T { return new(dep.T) }
