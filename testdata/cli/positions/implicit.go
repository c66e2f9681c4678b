package positions

import (
	"errors"
	"strconv"
)

var (
	sinkAnyP *any
	errPlain = errors.New("plain")
)

// TypeSwitchVar: each clause of a type switch declares its own copy of
// the variable; the compiler moves each to the heap at the clause's last
// type (the package of a qualified one, the element of a pointer), or
// at default, not at the switch's t.
func TypeSwitchVar(x any) {
	switch t := x.(type) {
	case int:
		sinkAny = &t
	case *strconv.NumError, *T:
		sinkAny = &t
	case string:
		_ = len(t) // not moved
	default:
		sinkAnyP = &t
	}
}

//go:noinline
func parse(s string) (int64, error) { return strconv.ParseInt(s, 10, 64) }

// TupleAssignBox: a result converted to an interface by an assignment
// of several results is boxed at the assignment's operator, at the
// first name of a var declaration, not where the variable is declared
// or used.
func TupleAssignBox(s string, m map[string]T, x any) error {
	var v any
	var err error
	if len(s) > 1 {
		v, err = parse(s)
	}
	sinkAny = v
	var w, werr any = parse(s)
	sinkAny, sinkErr = w, errPlain
	v, ok := m[s]
	if ok {
		sinkAny = v
	}
	if v, ok = x.(T); ok {
		sinkAny = v
	}
	_ = werr
	return err
}

// TupleAssignPlain: a result assigned to a variable of its own type is
// boxed where the variable is used.
func TupleAssignPlain(s string) (any, error) {
	f, err := parse(s)
	if err != nil {
		return nil, err
	}
	return f, nil
}

//go:noinline
func pairOf[T any](x T) (T, bool) { return x, true }

// TupleAssignTypeParam: a value of a type parameter assigned by an
// assignment of several results is boxed where it is used (spf13/cast's
// toNumberE: n, ok := toNumber[T](i)).
//
//go:noinline
func TupleAssignTypeParam[T any](x T) any {
	v, ok := pairOf(x)
	if !ok {
		return nil
	}
	return v
}

func UseTupleAssignTypeParam(n int) any { return TupleAssignTypeParam(n) }
