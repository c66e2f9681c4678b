// Package docs is nofallalloc's user documentation, as Markdown files. It
// embeds the catalogue of diagnostics, diagnostics.md, so that the command
// can print an entry of it (nofallalloc -explain CATEGORY) wherever it is
// installed.
package docs

import (
	_ "embed"
	"strings"
)

//go:embed diagnostics.md
var diagnostics string

// Entry returns the section of diagnostics.md that explains a diagnostic
// category, from its "## CATEGORY" heading to the next heading of the
// same level, and whether there is one.
func Entry(category string) (string, bool) {
	heading := "## " + category + "\n"
	var b strings.Builder
	in := false
	for line := range strings.Lines(diagnostics) {
		switch {
		case line == heading:
			in = true
		case in && strings.HasPrefix(line, "## "):
			return strings.TrimSpace(b.String()) + "\n", true
		}
		if in {
			b.WriteString(line)
		}
	}
	if !in {
		return "", false
	}
	return strings.TrimSpace(b.String()) + "\n", true
}
