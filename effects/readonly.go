package effects

import (
	"golang.org/x/tools/go/ssa"
)

// Read-only byte slices. The compiler converts []byte(s) without a copy
// when the slice does not escape and nothing writes through it, here or in
// the functions it is passed to, whose parameters it tags as mutated or
// not (cmd/compile/internal/escape: attrMutates, "zero-copy
// string->[]byte conversion"). The model follows the functions of this
// package; a slice passed to any other function may be written.

// readOnly reports whether v, a byte slice, is only read: indexed and
// loaded, measured, sliced into slices only read, copied or appended from,
// converted to a string, or passed to a function of this package whose
// parameter is only read.
func (r *Result) readOnly(v ssa.Value) bool {
	return r.onlyReads(v, map[ssa.Value]readState{})
}

// readState is what onlyReads knows of a value.
type readState uint8

const (
	unchecked readState = iota
	checking            // reached again (a recursive call): counts as written, which is never wrong
	read
	written
)

// onlyReads is readOnly, remembering the values already checked.
func (r *Result) onlyReads(v ssa.Value, state map[ssa.Value]readState) bool {
	switch state[v] {
	case checking, written:
		return false
	case read:
		return true
	}
	state[v] = checking
	for _, ref := range *v.Referrers() {
		if !r.readsOnly(ref, v, state) {
			state[v] = written
			return false
		}
	}
	state[v] = read
	return true
}

// readsOnly reports whether the instruction ref only reads the byte slice
// v it uses.
func (r *Result) readsOnly(ref ssa.Instruction, v ssa.Value, state map[ssa.Value]readState) bool {
	if readsBytes(ref, v) {
		return true
	}
	switch ref := ref.(type) {
	case *ssa.Slice:
		return r.onlyReads(ref, state)
	case *ssa.Convert:
		return isString(ref.Type())
	case *ssa.Call:
		callee := ref.Call.StaticCallee()
		if callee == nil || ref.Call.IsInvoke() || !r.local(callee) || callee.Synthetic != "" {
			return false
		}
		callee = canonical(callee)
		if callee.Blocks == nil {
			return false
		}
		for i, a := range ref.Call.Args {
			if a == v && (i >= len(callee.Params) || !r.onlyReads(callee.Params[i], state)) {
				return false
			}
		}
		return true
	}
	return false
}
