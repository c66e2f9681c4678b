package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

// diagnostic is one finding as the driver prints it.
type diagnostic struct {
	Package  string // path of the package it was reported in
	Category string
	Message  string
	URL      string           // documentation of the category
	Record   *analyzer.Record // the structured form of an inventory entry
	Pos, End token.Position
	Related  []related // the call chain, one entry per hop
}

type related struct {
	Pos, End token.Position
	Message  string
}

// report prints res in the format opts asks for and returns the exit
// status: problems win over findings, and -sites is never a verdict.
func report(opts options, res *result, stdout, stderr io.Writer) int {
	paths := newPathShortener(opts.dir, opts.goroot)
	diags := normalize(res.diags, paths)
	problems := sortedProblems(res.problems, paths)

	w := bufio.NewWriter(stdout)
	var err error
	switch {
	case opts.suggest || opts.assumptions:
		err = writeInventory(w, opts, diags)
	case opts.format == "json":
		err = writeJSON(w, diags)
	case opts.format == "sarif":
		err = writeSARIF(w, diags, problems, opts)
	default:
		writeText(w, diags)
	}
	if err == nil {
		err = w.Flush()
	}
	for _, p := range problems {
		fmt.Fprintln(stderr, p)
	}
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "nofallalloc: writing output: %v\n", err)
		return exitError
	case len(problems) > 0:
		return exitError
	case opts.inventory() || len(diags) == 0:
		return exitClean
	}
	return exitFindings
}

// normalize shortens the file names of diags, sorts them by position and
// drops duplicates: a file can belong to several packages (a package and
// its test variant), and each reports it. One finding is printed once even
// when the two reports differ in their chains (the test variant's
// dependencies can be test variants too, with facts of their own): the
// first in the sort order, so the choice does not vary between runs.
func normalize(diags []diagnostic, paths *pathShortener) []diagnostic {
	out := make([]diagnostic, 0, len(diags))
	for _, d := range diags {
		d.Pos.Filename = paths.shorten(d.Pos.Filename)
		d.End.Filename = paths.shorten(d.End.Filename)
		d.Related = slices.Clone(d.Related)
		for i := range d.Related {
			d.Related[i].Pos.Filename = paths.shorten(d.Related[i].Pos.Filename)
			d.Related[i].End.Filename = paths.shorten(d.Related[i].End.Filename)
		}
		out = append(out, d)
	}
	slices.SortFunc(out, compareDiagnostics)
	return slices.CompactFunc(out, func(a, b diagnostic) bool {
		return a.Pos == b.Pos && a.Category == b.Category && a.Message == b.Message
	})
}

func compareDiagnostics(a, b diagnostic) int {
	return cmp.Or(
		comparePositions(a.Pos, b.Pos),
		cmp.Compare(a.Category, b.Category),
		cmp.Compare(a.Message, b.Message),
		comparePositions(a.End, b.End),
		slices.CompareFunc(a.Related, b.Related, func(x, y related) int {
			return cmp.Or(comparePositions(x.Pos, y.Pos), cmp.Compare(x.Message, y.Message), comparePositions(x.End, y.End))
		}),
	)
}

func comparePositions(a, b token.Position) int {
	return cmp.Or(cmp.Compare(a.Filename, b.Filename), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
}

// writeText prints the contract's text format, FILE:LINE:COL: MESSAGE.
func writeText(w io.Writer, diags []diagnostic) {
	for _, d := range diags {
		fmt.Fprintf(w, "%s: %s\n", positionString(d.Pos), printable(d.Message))
	}
}

// positionString formats an already shortened position for a text line.
func positionString(p token.Position) string {
	file := textFile(p.Filename)
	switch {
	case p.Filename == "":
		return "-"
	case p.Line == 0:
		return file
	case p.Column == 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Column)
}

// textFile writes a file name so that a text line has one reading. A name
// that has a character that is not printable, a colon followed by a digit
// or a space (a directory "x.go:9:9: y" would read as a position), or that
// starts with a double quote is written as a Go string literal; any other
// name is written as it is. A reader finds FILE before the first colon
// that is followed by a digit, or reads a Go string literal when the line
// starts with a double quote.
func textFile(name string) string {
	if !utf8.ValidString(name) {
		return strconv.Quote(name)
	}
	for i, r := range name {
		if !unicode.IsPrint(r) || i == 0 && r == '"' ||
			r == ':' && i+1 < len(name) && (name[i+1] == ' ' || '0' <= name[i+1] && name[i+1] <= '9') {
			return strconv.Quote(name)
		}
	}
	return name
}

func notPrintable(r rune) bool { return r != '\t' && !unicode.IsPrint(r) }

// printableLines is printable for a message of several lines, such as the
// go command's.
func printableLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, line := range lines {
		lines[i] = printable(line)
	}
	return strings.Join(lines, "\n")
}

// printable escapes, as a Go string literal would, the characters of s
// that are not printable, tabs apart: a message quoting a source comment
// could otherwise carry terminal escape codes to the user's terminal, or
// a line break into a format of one line per diagnostic.
func printable(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, notPrintable) {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case !notPrintable(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		s = s[size:]
	}
	return b.String()
}

type jsonPosition struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

type jsonRelated struct {
	Position jsonPosition  `json:"position"`
	End      *jsonPosition `json:"end,omitempty"`
	Message  string        `json:"message"`
}

type jsonDiagnostic struct {
	Package  string        `json:"package"`
	Category string        `json:"category"`
	Position jsonPosition  `json:"position"`
	End      *jsonPosition `json:"end,omitempty"`
	Message  string        `json:"message"`
	URL      string        `json:"url,omitempty"`
	Related  []jsonRelated `json:"related"`
}

func toJSONPosition(p token.Position) jsonPosition {
	return jsonPosition{File: p.Filename, Line: p.Line, Column: p.Column}
}

// optionalJSONPosition leaves out end positions the analyzer did not give.
func optionalJSONPosition(p token.Position) *jsonPosition {
	if !p.IsValid() {
		return nil
	}
	jp := toJSONPosition(p)
	return &jp
}

// writeJSON prints one JSON array with an object per diagnostic; an empty
// run prints [], still a valid document.
func writeJSON(w io.Writer, diags []diagnostic) error {
	out := make([]jsonDiagnostic, 0, len(diags))
	for _, d := range diags {
		jd := jsonDiagnostic{
			Package:  d.Package,
			Category: d.Category,
			Position: toJSONPosition(d.Pos),
			End:      optionalJSONPosition(d.End),
			Message:  d.Message,
			URL:      d.URL,
			Related:  make([]jsonRelated, 0, len(d.Related)),
		}
		for _, r := range d.Related {
			jd.Related = append(jd.Related, jsonRelated{
				Position: toJSONPosition(r.Pos),
				End:      optionalJSONPosition(r.End),
				Message:  r.Message,
			})
		}
		out = append(out, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// String formats a problem as an error line: FILE:LINE:COL: MESSAGE when
// its position is known, else naming its package.
func (p problem) String() string {
	if p.pos.Filename != "" {
		return positionString(p.pos) + ": " + printableLines(p.message)
	}
	if p.pkg != "" && !strings.Contains(p.message, p.pkg) {
		return "nofallalloc: " + p.pkg + ": " + printableLines(p.message)
	}
	return "nofallalloc: " + printableLines(p.message)
}

// sortedProblems shortens, sorts and deduplicates problems.
func sortedProblems(problems []problem, paths *pathShortener) []problem {
	out := slices.Clone(problems)
	for i := range out {
		out[i].pos.Filename = paths.shorten(out[i].pos.Filename)
	}
	slices.SortFunc(out, func(a, b problem) int {
		return cmp.Or(comparePositions(a.pos, b.pos), cmp.Compare(a.pkg, b.pkg), cmp.Compare(a.message, b.message))
	})
	return slices.Compact(out)
}

// pathShortener makes file names relative to a directory when they lie
// below it, as the contract asks; other names stay absolute.
type pathShortener struct {
	dirs   []string // the directory, and its symlink-free form if different
	goroot string   // what $GOROOT stands for
}

func newPathShortener(dir, goroot string) *pathShortener {
	s := &pathShortener{dirs: []string{dir}, goroot: goroot}
	if real, err := filepath.EvalSymlinks(dir); err == nil && real != dir {
		s.dirs = append(s.dirs, real)
	}
	return s
}

func (s *pathShortener) shorten(name string) string {
	// Export data names the standard library's files $GOROOT/src/...,
	// and the chains of calls into it come from there.
	if rest, ok := strings.CutPrefix(name, "$GOROOT/"); ok && s.goroot != "" {
		name = filepath.Join(s.goroot, filepath.FromSlash(rest))
	}
	if !filepath.IsAbs(name) {
		return name
	}
	for _, dir := range s.dirs {
		rel, err := filepath.Rel(dir, name)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return rel
		}
	}
	return name
}
