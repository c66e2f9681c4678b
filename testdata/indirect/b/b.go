// Package b hands out a's types: its importers reach a's methods without
// importing a.
package b

import "example.com/indirect/a"

var list a.U

func Get() a.T { return a.T{} }

func List() *a.U { return &list }
