// Package vetargs tells, from its arguments, how a binary that is both a
// go vet tool and a command of its own is being run.
package vetargs

import "strings"

// FromGoVet reports whether the go command is driving the binary through
// the unitchecker protocol: "-V=full" to identify the tool for its cache,
// "-flags" to learn which flags to pass through, or the analyzer's flags
// followed by a single *.cfg file describing one package. A package
// pattern never ends in ".cfg", so the command's own line loses nothing.
func FromGoVet(args []string) bool {
	if len(args) == 0 {
		return false
	}
	switch args[0] {
	case "-V=full", "--V=full", "-flags", "--flags":
		return true
	}
	return strings.HasSuffix(args[len(args)-1], ".cfg")
}
