package annotations

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"testing"
)

// loaded is a type-checked test package and its parsed directives.
type loaded struct {
	fset  *token.FileSet
	files []*ast.File
	info  *types.Info
	pkg   *types.Package
	ix    *Index
	errs  []Error
}

// load parses and type-checks srcs, named a.go, b.go, ..., as one package
// and parses its directives. The sources must be free of type errors.
func load(t *testing.T, srcs ...string) *loaded {
	t.Helper()
	l := &loaded{fset: token.NewFileSet(), info: &types.Info{Defs: make(map[*ast.Ident]types.Object)}}
	for i, src := range srcs {
		name := string(rune('a'+i)) + ".go"
		f, err := parser.ParseFile(l.fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		l.files = append(l.files, f)
	}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("p", l.fset, l.files, l.info)
	if err != nil {
		t.Fatal(err)
	}
	l.pkg = pkg
	l.ix, l.errs = Parse(l.fset, l.files, l.info)
	return l
}

// dump describes everything the index and the errors say, one line each,
// as "FILE:LINE:COL: WHAT", in source order. It asks Allow about every
// line, so it uses up every allow that covers some line.
func (l *loaded) dump() []string {
	type line struct {
		pos  token.Pos
		text string
	}
	var lines []line
	add := func(pos token.Pos, format string, args ...any) {
		p := l.fset.PositionFor(pos, false)
		lines = append(lines, line{pos, fmt.Sprintf("%s:%d:%d: ", p.Filename, p.Line, p.Column) + fmt.Sprintf(format, args...)})
	}
	for _, e := range l.errs {
		add(e.Pos, "error: %s", e.Msg)
	}
	if d := l.ix.PackageStrict(); d != nil {
		add(d.Pos, "strict package")
	}
	for id, obj := range l.info.Defs {
		l.dumpObject(add, id, obj)
	}
	for _, f := range l.files {
		tf := l.fset.File(f.Pos())
		for line := 1; line <= tf.LineCount(); line++ {
			if d := l.ix.Allow(tf.LineStart(line)); d != nil {
				add(d.Pos, "allow(%s) line %d", d.Reason, line)
			}
		}
	}
	slices.SortFunc(lines, func(a, b line) int {
		if a.pos != b.pos {
			return int(a.pos) - int(b.pos)
		}
		return strings.Compare(a.text, b.text)
	})
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.text
	}
	return out
}

func (l *loaded) dumpObject(add func(token.Pos, string, ...any), id *ast.Ident, obj types.Object) {
	if obj == nil {
		return
	}
	if d := l.ix.Contract(obj); d != nil {
		add(d.Pos, "strict contract %s", id.Name)
	}
	fn, ok := obj.(*types.Func)
	if !ok {
		return
	}
	fd := l.ix.Func(fn)
	for _, d := range []*Directive{fd.Strict, fd.Trusted, fd.Infallible} {
		if d == nil {
			continue
		}
		if d.Reason != "" {
			add(d.Pos, "%s(%s) func %s", d.Kind, d.Reason, id.Name)
		} else {
			add(d.Pos, "%s func %s", d.Kind, id.Name)
		}
	}
}

// diff reports the lines of got and want that differ.
func diff(t *testing.T, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	t.Errorf("got:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
}
