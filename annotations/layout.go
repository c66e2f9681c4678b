package annotations

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
)

// ownerKind says what a doc comment documents, as far as directives care.
type ownerKind uint8

const (
	ownerNone     ownerKind = iota // not a doc comment
	ownerPackage                   // the package clause
	ownerFunc                      // a function or method declaration
	ownerContract                  // an interface method or a named func type
	ownerOther                     // any other declaration
)

// owner is the declaration a doc comment belongs to.
type owner struct {
	kind  ownerKind
	decl  ast.Node     // the declaration, to find duplicates and conflicts
	obj   types.Object // nil when type checking did not define it
	where string       // where a directive in this comment is, for messages
}

// span is a half-open range of positions.
type span struct{ start, end token.Pos }

// layout is what placing directives needs to know about one file: which
// declaration each doc comment documents, which lines hold code, where
// statements begin and where function bodies lie.
type layout struct {
	tf     *token.File
	info   *types.Info
	docs   map[*ast.CommentGroup]owner
	code   map[int]int  // line -> offset of the first code on it
	stmts  map[int]bool // lines on which a statement begins
	bodies []span       // function bodies, merged, in source order
}

// newLayout walks f once. tf is the token.File that holds f.
func newLayout(tf *token.File, f *ast.File, info *types.Info) *layout {
	l := &layout{
		tf:    tf,
		info:  info,
		docs:  make(map[*ast.CommentGroup]owner),
		code:  make(map[int]int),
		stmts: make(map[int]bool),
	}
	l.doc(f.Doc, owner{kind: ownerPackage, decl: f, where: "in the package doc comment"})
	ast.Inspect(f, l.visit)
	l.bodies = merge(l.bodies)
	return l
}

// visit records the facts of one node. Comments are not code, so their
// subtrees are skipped.
func (l *layout) visit(n ast.Node) bool {
	switch n := n.(type) {
	case nil:
		return false
	case *ast.CommentGroup, *ast.Comment:
		return false
	case *ast.FuncDecl:
		l.doc(n.Doc, l.funcOwner(n))
		l.body(n.Body)
	case *ast.FuncLit:
		l.body(n.Body)
	case *ast.GenDecl:
		l.genDecl(n)
	case *ast.InterfaceType:
		l.fields(n.Methods, l.methodOwner)
	case *ast.StructType:
		l.fields(n.Fields, func(f *ast.Field) owner { return other(f, "a struct field") })
	case ast.Stmt:
		if line, _, ok := l.at(n.Pos()); ok {
			l.stmts[line] = true
		}
	}
	l.markCode(n)
	return true
}

func (l *layout) doc(g *ast.CommentGroup, o owner) {
	if g != nil {
		l.docs[g] = o
	}
}

// other is the owner of a doc comment where only a line-level allow could
// make sense, and only inside a function body.
func other(decl ast.Node, what string) owner {
	return owner{kind: ownerOther, decl: decl, where: "in the doc comment of " + what}
}

func (l *layout) funcOwner(d *ast.FuncDecl) owner {
	what := "a function"
	if d.Recv != nil {
		what = "a method"
	}
	return owner{kind: ownerFunc, decl: d, obj: l.defined(d.Name), where: "in the doc comment of " + what}
}

// genDecl maps the doc of each spec, and the doc of the declaration itself,
// which documents its spec only when there is exactly one.
func (l *layout) genDecl(d *ast.GenDecl) {
	for _, s := range d.Specs {
		l.doc(specDoc(s), l.specOwner(d.Tok, s))
	}
	if len(d.Specs) == 1 {
		l.doc(d.Doc, l.specOwner(d.Tok, d.Specs[0]))
	} else {
		l.doc(d.Doc, other(d, "a declaration group"))
	}
}

func specDoc(s ast.Spec) *ast.CommentGroup {
	switch s := s.(type) {
	case *ast.TypeSpec:
		return s.Doc
	case *ast.ValueSpec:
		return s.Doc
	case *ast.ImportSpec:
		return s.Doc
	}
	return nil
}

func (l *layout) specOwner(tok token.Token, s ast.Spec) owner {
	switch s := s.(type) {
	case *ast.TypeSpec:
		return l.typeOwner(s)
	case *ast.ValueSpec:
		if tok == token.CONST {
			return other(s, "a constant")
		}
		return other(s, "a variable")
	}
	return other(s, "an import")
}

// typeOwner makes a named func type a contract. An alias is not one: it
// names no new type, so a contract on it would bind every func of that
// signature.
func (l *layout) typeOwner(s *ast.TypeSpec) owner {
	obj := l.defined(s.Name)
	switch {
	case s.Assign.IsValid():
		return other(s, "a type alias")
	case isFuncType(s.Type, obj):
		return owner{kind: ownerContract, decl: s, obj: obj, where: "in the doc comment of a func type"}
	}
	switch ast.Unparen(s.Type).(type) {
	case *ast.StructType:
		return other(s, "a struct type")
	case *ast.InterfaceType:
		return other(s, "an interface type")
	}
	return other(s, "a type")
}

// isFuncType reports whether a type declared as expr with object obj has a
// func underlying type, written either literally or through another type.
func isFuncType(expr ast.Expr, obj types.Object) bool {
	if _, ok := ast.Unparen(expr).(*ast.FuncType); ok {
		return true
	}
	if obj == nil || obj.Type() == nil {
		return false
	}
	_, ok := obj.Type().Underlying().(*types.Signature)
	return ok
}

// methodOwner makes an interface method a contract; embedded interfaces and
// type-set terms have no method of their own.
func (l *layout) methodOwner(f *ast.Field) owner {
	if len(f.Names) != 1 {
		return other(f, "an embedded interface")
	}
	return owner{kind: ownerContract, decl: f, obj: l.defined(f.Names[0]),
		where: "in the doc comment of an interface method"}
}

func (l *layout) fields(list *ast.FieldList, ownerOf func(*ast.Field) owner) {
	if list == nil {
		return
	}
	for _, f := range list.List {
		l.doc(f.Doc, ownerOf(f))
	}
}

// defined returns the object id declares, or nil when type checking did not
// record one (a nil interface, never a typed nil).
func (l *layout) defined(id *ast.Ident) types.Object {
	if l.info == nil || id == nil {
		return nil
	}
	return l.info.Defs[id]
}

func (l *layout) body(b *ast.BlockStmt) {
	if b != nil && b.Pos().IsValid() && b.End() > b.Pos() {
		l.bodies = append(l.bodies, span{b.Pos(), b.End()})
	}
}

// merge sorts spans and joins those that overlap, so that nested function
// literals and odd positions in broken syntax trees cannot confuse inBody.
func merge(spans []span) []span {
	slices.SortFunc(spans, func(a, b span) int { return int(a.start) - int(b.start) })
	var out []span
	for _, s := range spans {
		if n := len(out); n > 0 && s.start < out[n-1].end {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// markCode records that code lies at the first and last character of n.
// Every line holding a token holds the start or the end of some node, so
// this finds code on every line that has any.
func (l *layout) markCode(n ast.Node) {
	l.markAt(n.Pos())
	if end := n.End(); end > n.Pos() {
		l.markAt(end - 1)
	}
}

func (l *layout) markAt(p token.Pos) {
	line, off, ok := l.at(p)
	if !ok {
		return
	}
	if first, seen := l.code[line]; !seen || off < first {
		l.code[line] = off
	}
}

// at returns the line and offset of p, ignoring //line directives, or false
// when p is not in the file (broken syntax trees hold such positions).
func (l *layout) at(p token.Pos) (line, off int, ok bool) {
	base := l.tf.Base()
	if !p.IsValid() || int(p) < base || int(p) > base+l.tf.Size() {
		return 0, 0, false
	}
	return l.tf.PositionFor(p, false).Line, int(p) - base, true
}

// trailing reports whether code comes before c on c's line.
func (l *layout) trailing(c *ast.Comment) bool {
	line, off, ok := l.at(c.Pos())
	first, seen := l.code[line]
	return ok && seen && first < off
}

// inBody reports whether p lies inside a function body.
func (l *layout) inBody(p token.Pos) bool {
	i, _ := slices.BinarySearchFunc(l.bodies, p, func(s span, p token.Pos) int { return int(s.start) - int(p) })
	// bodies[i] is the first span starting at or after p.
	if i < len(l.bodies) && l.bodies[i].start == p {
		return true
	}
	return i > 0 && p < l.bodies[i-1].end
}

// where describes the place of a directive for a misplacement message.
func (l *layout) where(c candidate, o owner) string {
	switch {
	case o.kind != ownerNone:
		return o.where
	case l.trailing(c.c):
		return "at the end of a line"
	case l.inBody(c.c.Pos()):
		return "inside a function body"
	}
	return "outside any doc comment"
}
