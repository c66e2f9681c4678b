package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// version is the release this source tree is: what a binary built from a
// clone reports, where the go command stamps no release.
const version = "0.1.0"

// releaseVersion is the version the binary reports, numeric as code
// scanning wants it: the module's release when go install built it from
// one (nofallalloc@v0.3.0), else the source tree's.
func releaseVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		return numericVersion(bi.Main.Version)
	}
	return version
}

// numericVersion turns a module version into a release number, "v0.3.0"
// into "0.3.0"; what is not a release (a build from a checkout: "(devel)",
// or a pseudo-version, which names a commit, not a release) gives the
// source tree's version.
func numericVersion(moduleVersion string) string {
	if !semver.IsValid(moduleVersion) || module.IsPseudoVersion(moduleVersion) {
		return version
	}
	return strings.TrimPrefix(moduleVersion, "v")
}

// versionString is what -version prints: the number first, then the Go
// release the binary was built with.
func versionString() string {
	return fmt.Sprintf("nofallalloc %s (%s)", releaseVersion(), runtime.Version())
}
