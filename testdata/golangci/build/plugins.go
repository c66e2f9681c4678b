// Command build is the golangci-lint that `golangci-lint custom` would
// build for a .custom-gcl.yml naming the nofallalloc plugin.
//
// `golangci-lint custom` git-clones golangci-lint at the configured
// version, overwrites cmd/golangci-lint/plugins.go with one blank import
// per plugin, adds a replace directive for a plugin given by path, runs go
// mod tidy and builds ./cmd/golangci-lint. This module does the same from
// the module proxy alone: main.go is cmd/golangci-lint/main.go of the
// golangci-lint version that go.mod pins (a verbatim copy, which
// golangci/e2e_test.go checks), this file is the generated plugins.go,
// and go.mod replaces the nofallalloc module with this checkout.
package main

import (
	_ "github.com/nofallalloc/nofallalloc/golangci"
)
