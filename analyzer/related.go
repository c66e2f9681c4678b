package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/nofallalloc/nofallalloc/effects"
)

// chainRelated is the related information of a diagnostic that prints
// ch: one entry per hop, at the hop's call to the next one or, in the
// last hop, at the allocation. A function without a body (the end of a
// chain into assembly, or a function marked //fallible:infallible) has no
// place of its own: the hop before it shows the call.
func (c *checker) chainRelated(ch effects.Chain) []analysis.RelatedInformation {
	var related []analysis.RelatedInformation
	for i, h := range ch.Hops {
		pos := h.Pos
		if !pos.IsValid() && h.File != "" {
			if c.places == nil {
				c.places = map[token.Position]token.Pos{}
			}
			pos = place(c.pass.Fset, c.places, h.Hop)
		}
		if !pos.IsValid() {
			continue
		}
		var msg string
		switch {
		case i+1 < len(ch.Hops):
			msg = h.Name + " calls " + ch.Hops[i+1].Name
		case ch.Truncated:
			msg = h.Name + " calls on: … → " + ch.Kind.Subject() + " " + ch.Kind.Effect()
		default:
			msg = h.Name + ": " + ch.Kind.Subject() + " " + ch.Kind.Effect()
		}
		related = append(related, analysis.RelatedInformation{Pos: pos, Message: msg})
	}
	return related
}

// place gives a hop in another package a position in fset, where
// analysis.RelatedInformation needs one; known caches the places made.
// That package's files were not parsed for this pass, and export data,
// when it was read at all, gives a file only the lines up to the last
// declaration it read, a number that depends on which importer read the
// file first. So each place gets a token.File of its own, named after the
// hop's file and holding just enough lines for the position to read as the
// hop's line and column, adjusted or not, as export data's importer does
// for the declarations it reads. Every driver then prints the hop as
// FILE:LINE:COL, the file being the one the hop's package was analysed
// from.
func place(fset *token.FileSet, known map[token.Position]token.Pos, h effects.Hop) token.Pos {
	key := token.Position{Filename: h.File, Line: int(h.Line), Column: int(h.Col)}
	if pos, ok := known[key]; ok {
		return pos
	}
	line, col := max(key.Line, 1), max(key.Column, 1)
	// Lines of one byte each up to the hop's line, then col bytes.
	f := fset.AddFile(h.File, -1, line+col-1)
	starts := make([]int, line)
	for i := range starts {
		starts[i] = i
	}
	f.SetLines(starts)
	pos := f.Pos(line - 1 + col - 1)
	known[key] = pos
	return pos
}
