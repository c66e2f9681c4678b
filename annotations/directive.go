package annotations

import (
	"go/token"
	"strconv"
)

// Kind names one directive.
type Kind uint8

const (
	// Strict marks a function, a whole package or an effect contract.
	Strict Kind = iota + 1
	// Allow exempts one line.
	Allow
	// Trusted marks a function as allocation-free without checking its body.
	Trusted
	// Infallible marks a function as an infallible allocation source.
	Infallible
)

// kindNames is in the order in which messages list the directives.
var kindNames = [...]string{
	Strict:     "strict",
	Allow:      "allow",
	Trusted:    "trusted",
	Infallible: "infallible",
}

// String returns the directive's name as written after //fallible:.
func (k Kind) String() string {
	if k >= Strict && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// needsReason reports whether the directive must be followed by a reason.
func (k Kind) needsReason() bool { return k == Allow || k == Trusted }

// kindOf returns the kind written as name, or 0 when name is no directive.
func kindOf(name string) Kind {
	for k := Strict; int(k) < len(kindNames); k++ {
		if kindNames[k] == name {
			return k
		}
	}
	return 0
}

// Directive is one well-formed directive.
type Directive struct {
	Kind   Kind
	Reason string    // for Allow and Trusted; trimmed
	Pos    token.Pos // position of the comment's "//"
}

// Error is a malformed, unknown or misplaced directive.
type Error struct {
	Pos token.Pos
	Msg string // lowercase, no trailing period; names the fix
}

// FuncDirectives are the directives in one function's doc comment.
type FuncDirectives struct {
	Strict, Trusted, Infallible *Directive // nil when absent
}

// slot returns the field that holds directives of kind k, or nil for Allow,
// which never applies to a declaration.
func (fd *FuncDirectives) slot(k Kind) **Directive {
	switch k {
	case Strict:
		return &fd.Strict
	case Trusted:
		return &fd.Trusted
	case Infallible:
		return &fd.Infallible
	}
	return nil
}
