package annotations

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"testing"
)

// FuzzParse parses arbitrary source, type-checks it leniently and parses
// its directives. Parse must not panic, must report every error inside a
// file, and must turn every well-formed directive into either an entry of
// the index or an error.
func FuzzParse(f *testing.F) {
	f.Add("package p\n\n//fallible:strict\nfunc F() {\n\t_ = 1 //fallible:allow r\n}\n")
	f.Fuzz(func(t *testing.T, src string) {
		fset := token.NewFileSet()
		file, _ := parser.ParseFile(fset, "a.go", src, parser.ParseComments|parser.SkipObjectResolution)
		if file == nil {
			return
		}
		files := []*ast.File{file}
		info := &types.Info{Defs: make(map[*ast.Ident]types.Object)}
		check(fset, files, info)
		ix, errs := Parse(fset, files, info)
		for _, e := range errs {
			if fset.File(e.Pos) == nil {
				t.Errorf("error %q at %d, outside every file", e.Msg, e.Pos)
			}
		}
		accountForAll(t, file, ix, errs)
	})
}

// check type-checks files leniently. A panic in go/types on a broken syntax
// tree is not this package's to find, so it is recovered, keeping whatever
// Defs were recorded before it.
func check(fset *token.FileSet, files []*ast.File, info *types.Info) {
	defer func() { _ = recover() }()
	conf := types.Config{Error: func(error) {}}
	_, _ = conf.Check("p", fset, files, info)
}

// accountForAll checks that each well-formed directive of file is in ix or
// has an error at its position. A duplicate or conflicting directive is
// reported at its own position, so this holds for those too.
func accountForAll(t *testing.T, file *ast.File, ix *Index, errs []Error) {
	seen := make(map[token.Pos]bool)
	for _, e := range errs {
		seen[e.Pos] = true
	}
	if d := ix.PackageStrict(); d != nil {
		seen[d.Pos] = true
	}
	for _, fd := range ix.funcs {
		for _, d := range []*Directive{fd.Strict, fd.Trusted, fd.Infallible} {
			if d != nil {
				seen[d.Pos] = true
			}
		}
	}
	for _, d := range ix.contracts {
		seen[d.Pos] = true
	}
	for _, d := range ix.UnusedAllows() {
		seen[d.Pos] = true
	}
	for _, g := range file.Comments {
		for _, c := range g.List {
			if _, ok := scan(c.Text); ok && !seen[c.Pos()] {
				t.Errorf("directive %q at %d is neither in the index nor an error", c.Text, c.Pos())
			}
		}
	}
}
