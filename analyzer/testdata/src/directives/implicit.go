package directives

import "strconv"

var sinkPtr any

// CaseClauseAllowed: each clause of a type switch moves its own copy of
// the variable, reported at the clause as the compiler reports it, where
// an allow on the clause reaches it.
//
//fallible:strict
func CaseClauseAllowed(x any) { // want CaseClauseAllowed:"allocates\\(escape\\) leaks\\(content:0\\)"
	switch t := x.(type) {
	case int: //fallible:allow one int per call is accepted here
		sinkPtr = &t
	case string: // want `strict function CaseClauseAllowed allocates: variable is moved to the heap`
		sinkPtr = &t
	}
}

//go:noinline
func parse(s string) (int64, error) { // want parse:"allocates\\(composite via strconv.ParseInt, 3 hops\\)"
	return strconv.ParseInt(s, 10, 64)
}

// TupleAssignAllowed: a result boxed by an assignment of several results
// is reported at the assignment, where an allow reaches it.
//
//fallible:strict
func TupleAssignAllowed(s string) error {
	var v any
	var err error
	if len(s) > 1 {
		v, err = parse(s) //fallible:allow the parsed number is boxed once
	}
	sinkAny = v
	return err
}
