package annotations

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// candidate is a comment that scanned as a well-formed directive and still
// has to be placed.
type candidate struct {
	c     *ast.Comment
	group *ast.CommentGroup
	d     Directive
}

// builder holds the state of one call to Parse while it builds the index.
type builder struct {
	fset *token.FileSet
	info *types.Info
	ix   *Index
	errs []Error
	// decls holds the directives admitted so far on each declaration, to
	// report duplicates and conflicts between directives on the same one.
	decls map[ast.Node]*FuncDirectives
}

// Parse reads the directives of one package's files. info must have Defs
// filled in (go/types Info.Defs) so that declarations map to objects.
//
// Every comment that tries to be a directive ends up either in the index
// or as an Error. Errors are sorted by position.
func Parse(fset *token.FileSet, files []*ast.File, info *types.Info) (*Index, []Error) {
	p := &builder{fset: fset, info: info, ix: newIndex(fset), decls: make(map[ast.Node]*FuncDirectives)}
	for _, f := range files {
		p.file(f)
	}
	slices.SortStableFunc(p.errs, func(a, b Error) int { return int(a.Pos) - int(b.Pos) })
	p.ix.sortAllows()
	return p.ix, p.errs
}

// file places the directives of one file. The syntax tree is walked only
// when the file has a directive at all, which most files do not.
func (p *builder) file(f *ast.File) {
	if f == nil {
		return
	}
	cands := p.candidates(f)
	if len(cands) == 0 {
		return
	}
	tf := p.fset.File(cands[0].c.Pos())
	if tf == nil {
		return // the file is not in fset: no position could be reported
	}
	l := newLayout(tf, f, p.info)
	for _, c := range cands {
		p.place(l, c)
	}
}

// candidates scans every comment of f, reporting the malformed directives
// and returning the well-formed ones in source order.
func (p *builder) candidates(f *ast.File) []candidate {
	var cands []candidate
	for _, g := range f.Comments {
		for _, c := range g.List {
			s, ok := scan(c.Text)
			switch {
			case !ok:
			case s.msg != "":
				p.errorf(c.Pos(), "%s", s.msg)
			default:
				cands = append(cands, candidate{c, g, Directive{Kind: s.kind, Reason: s.arg, Pos: c.Pos()}})
			}
		}
	}
	return cands
}

// place claims one directive for the declaration whose doc comment holds
// it, or for a line.
func (p *builder) place(l *layout, c candidate) {
	o := l.docs[c.group]
	switch {
	case c.d.Kind == Allow:
		p.placeAllow(l, c, o)
	case o.kind == ownerFunc:
		p.addFunc(o, c.d)
	case o.kind == ownerPackage && c.d.Kind == Strict:
		p.addPackage(o, c.d)
	case o.kind == ownerContract && c.d.Kind == Strict:
		p.addContract(o, c.d)
	default:
		p.misplaced(c.d, l.where(c, o))
	}
}

// placeAllow finds the line an allow exempts: its own when it follows code,
// the next one when it stands alone above a statement.
func (p *builder) placeAllow(l *layout, c candidate, o owner) {
	line, _, _ := l.at(c.c.Pos())
	body := l.inBody(c.c.Pos())
	switch {
	case l.trailing(c.c):
		p.addAllow(l.tf, line, c.d)
	case o.kind != ownerNone && !(o.kind == ownerOther && body):
		// In the doc comment of a declaration that is not a statement,
		// the allow would seem to exempt the whole declaration.
		p.misplaced(c.d, o.where)
	case !body:
		p.misplaced(c.d, "outside a function body")
	case l.stmts[line+1]:
		p.addAllow(l.tf, line+1, c.d)
	default:
		p.misplaced(c.d, "above a line that begins no statement")
	}
}

// fixes says where each kind of directive belongs.
var fixes = [...]string{
	Strict:     "put it in the doc comment of a function, a method, the package, an interface method or a named func type",
	Allow:      "put it at the end of the line to exempt, or alone on the line directly above a statement",
	Trusted:    "put it in the doc comment of a function or method",
	Infallible: "put it in the doc comment of a function or method",
}

func (p *builder) misplaced(d Directive, where string) {
	p.errorf(d.Pos, "//fallible:%s is misplaced %s: %s", d.Kind, where, fixes[d.Kind])
}

func (p *builder) addFunc(o owner, d Directive) {
	fd, ok := p.admit(o.decl, d)
	if fn, isFunc := o.obj.(*types.Func); ok && isFunc {
		p.ix.funcs[fn] = fd
	}
}

// addPackage keeps the first strict package doc comment; the directive may
// be repeated in the package doc comment of every file.
func (p *builder) addPackage(o owner, d Directive) {
	fd, ok := p.admit(o.decl, d)
	if ok && p.ix.pkgStrict == nil {
		p.ix.pkgStrict = fd.Strict
	}
}

func (p *builder) addContract(o owner, d Directive) {
	fd, ok := p.admit(o.decl, d)
	if ok && o.obj != nil {
		p.ix.contracts[o.obj] = fd.Strict
	}
}

// admit adds d to the directives of decl unless decl already has one of the
// same kind or one d contradicts; those are reported at d, the later one.
func (p *builder) admit(decl ast.Node, d Directive) (*FuncDirectives, bool) {
	fd := p.decls[decl]
	if fd == nil {
		fd = new(FuncDirectives)
		p.decls[decl] = fd
	}
	slot := fd.slot(d.Kind)
	switch {
	case *slot != nil:
		p.errorf(d.Pos, "duplicate //fallible:%s: remove this one", d.Kind)
		return fd, false
	case d.Kind == Trusted && fd.Infallible != nil || d.Kind == Infallible && fd.Trusted != nil:
		p.errorf(d.Pos, "//fallible:%s conflicts with //fallible:%s: a trusted function does not allocate and an infallible one does, keep one",
			d.Kind, otherOf(d.Kind, Trusted, Infallible))
		return fd, false
	case d.Kind == Trusted && fd.Strict != nil || d.Kind == Strict && fd.Trusted != nil:
		p.errorf(d.Pos, "//fallible:%s conflicts with //fallible:%s: strict checks the body and trusted skips it, keep one",
			d.Kind, otherOf(d.Kind, Strict, Trusted))
		return fd, false
	case d.Kind == Infallible && fd.Strict != nil || d.Kind == Strict && fd.Infallible != nil:
		p.errorf(d.Pos, "//fallible:%s conflicts with //fallible:%s: an infallible function allocates by definition, keep one",
			d.Kind, otherOf(d.Kind, Strict, Infallible))
		return fd, false
	}
	*slot = &d
	return fd, true
}

// otherOf returns whichever of a and b is not k.
func otherOf(k, a, b Kind) Kind {
	if k == a {
		return b
	}
	return a
}

// addAllow records that d exempts line of tf.
func (p *builder) addAllow(tf *token.File, line int, d Directive) {
	key := lineKey{tf, line}
	if _, dup := p.ix.allows[key]; dup {
		p.errorf(d.Pos, "duplicate //fallible:allow: line %d is already exempted, remove this one", line)
		return
	}
	e := &allowEntry{d: d}
	p.ix.allows[key] = e
	p.ix.allowOrder = append(p.ix.allowOrder, e)
}

func (p *builder) errorf(pos token.Pos, format string, args ...any) {
	p.errs = append(p.errs, Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}
