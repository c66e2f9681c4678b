package collections

import (
	"iter"
	"unicode/utf8"
)

// Builder accumulates bytes or a string in a Vec[byte], so every growth is
// charged to a Budget. Every write is all or nothing: on failure nothing
// was written. The zero Builder is empty and draws from Default(). A
// Builder must not be copied after first use and is not safe for
// concurrent use.
//
// Unlike strings.Builder, String copies: the bytes live in storage that is
// reused after Clear, and with reserved storage by other containers after
// Release, so a string sharing them would change under its holder.
type Builder struct {
	v Vec[byte]
}

// NewBuilder returns an empty Builder drawing from b (Default() if nil).
func NewBuilder(b *Budget) *Builder { return &Builder{v: Vec[byte]{b: b}} }

// Budget returns the budget w draws from.
//
//fallible:strict
func (w *Builder) Budget() *Budget { return w.v.Budget() }

// SetBudget makes w draw from b from now on. It panics if w holds storage:
// Release it first.
//
//fallible:strict
func (w *Builder) SetBudget(b *Budget) { w.v.SetBudget(b) }

// Len returns the number of bytes written.
//
//fallible:strict
func (w *Builder) Len() int { return w.v.Len() }

// Cap returns how many bytes fit without growing.
//
//fallible:strict
func (w *Builder) Cap() int { return w.v.Cap() }

// Bytes returns the bytes written, aliasing w's storage: valid until the
// next write, Clear or Release.
//
//fallible:strict
func (w *Builder) Bytes() []byte { return w.v.Slice() }

// All yields the index and value of each byte written.
func (w *Builder) All() iter.Seq2[int, byte] { return w.v.All() }

// String returns a copy of the bytes written. The copy is an ordinary Go
// heap allocation, not charged to the budget: strict code uses Bytes.
func (w *Builder) String() string { return string(w.v.s) }

// Clear discards the bytes written, keeping the capacity.
//
//fallible:strict
func (w *Builder) Clear() { w.v.s = w.v.s[:0] }

// Release discards the bytes written and gives the storage back.
//
//fallible:strict
func (w *Builder) Release() { w.v.Release() }

// TryReserve makes room for at least n more bytes. On failure w is
// unchanged.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (w *Builder) TryReserve(n int) error { return w.v.reserve(n, false) }

// TryReserveExact makes room for exactly n more bytes. On failure w is
// unchanged.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (w *Builder) TryReserveExact(n int) error { return w.v.reserve(n, true) }

// TryGrow is TryReserve under strings.Builder's name: room for at least n
// more bytes, or an error and w unchanged.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (w *Builder) TryGrow(n int) error { return w.v.reserve(n, false) }

// Grow makes room for at least n more bytes, like strings.Builder.Grow,
// panicking with the *AllocError on failure.
//
//fallible:infallible
func (w *Builder) Grow(n int) { must(w.TryGrow(n)) }

// TryWrite appends p, all or nothing.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (w *Builder) TryWrite(p []byte) error { return w.v.TryAppendSlice(p) }

// TryWriteString appends s, all or nothing.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (w *Builder) TryWriteString(s string) error {
	// Test the room here so that a write that fits costs one call.
	if len(s) > cap(w.v.s)-len(w.v.s) {
		if err := w.v.reserve(len(s), false); err != nil {
			return err
		}
	}
	putBytes(&w.v, s)
	return nil
}

// putBytes appends p to v, which has room for it, without writing the
// array pointer (see Vec.put).
func putBytes[S ~string | ~[]byte](v *Vec[byte], p S) {
	n := len(v.s)
	v.s = v.s[:n+len(p)]
	copy(v.s[n:], p)
}

// TryWriteByte appends c.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (w *Builder) TryWriteByte(c byte) error { return w.v.add(c) }

// TryWriteRune appends the UTF-8 encoding of r (of utf8.RuneError if r is
// not a valid rune), all or nothing.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (w *Builder) TryWriteRune(r rune) error {
	n := utf8.RuneLen(r)
	if n < 0 {
		n = utf8.RuneLen(utf8.RuneError)
	}
	if err := w.v.reserve(n, false); err != nil {
		return err
	}
	at := len(w.v.s)
	w.v.s = w.v.s[:at+n] // within capacity; see Vec.put
	utf8.EncodeRune(w.v.s[at:], r)
	return nil
}

// WriteWithinCapacity appends p if that needs no growth and reports
// whether it did. It never allocates.
//
//fallible:strict
func (w *Builder) WriteWithinCapacity(p []byte) bool {
	if len(p) > cap(w.v.s)-len(w.v.s) {
		return false
	}
	putBytes(&w.v, p)
	return true
}

// Write implements io.Writer: TryWrite, reporting len(p) or 0.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (w *Builder) Write(p []byte) (int, error) {
	if err := w.TryWrite(p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// WriteString implements io.StringWriter: TryWriteString, reporting len(s)
// or 0.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (w *Builder) WriteString(s string) (int, error) {
	if err := w.TryWriteString(s); err != nil {
		return 0, err
	}
	return len(s), nil
}

// WriteRune appends r's UTF-8 encoding like strings.Builder.WriteRune:
// TryWriteRune, reporting the number of bytes written or 0.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (w *Builder) WriteRune(r rune) (int, error) {
	n := w.Len()
	if err := w.TryWriteRune(r); err != nil {
		return 0, err
	}
	return w.Len() - n, nil
}

// WriteByte implements io.ByteWriter: TryWriteByte.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (w *Builder) WriteByte(c byte) error { return w.TryWriteByte(c) }

// Append appends p, panicking with the *AllocError on failure.
//
//fallible:infallible
func (w *Builder) Append(p []byte) { must(w.TryWrite(p)) }

// AppendString appends s, panicking with the *AllocError on failure.
//
//fallible:infallible
func (w *Builder) AppendString(s string) { must(w.TryWriteString(s)) }

// AppendByte appends c, panicking with the *AllocError on failure.
//
//fallible:infallible
func (w *Builder) AppendByte(c byte) { must(w.TryWriteByte(c)) }

// AppendRune appends r's UTF-8 encoding, panicking with the *AllocError on
// failure.
//
//fallible:infallible
func (w *Builder) AppendRune(r rune) { must(w.TryWriteRune(r)) }

// TryExtend appends the bytes of seq until seq ends or growth is refused,
// and returns how many it appended and the Rest (see Rest).
//
//fallible:trusted growth is charged to the budget and failure is returned
func (w *Builder) TryExtend(seq iter.Seq[byte]) (int, Rest[byte], error) {
	return w.v.TryExtend(seq)
}

// TryExtendPull appends bytes drawn from next until it reports the end or
// growth is refused; the Rest then holds the byte drawn but not appended.
//
//fallible:trusted growth is charged to the budget and failure is returned
func (w *Builder) TryExtendPull(next func() (byte, bool)) (int, Rest[byte], error) {
	return w.v.TryExtendPull(next)
}

// must panics with err, an *AllocError, if it is not nil: the body of the
// infallible twins.
func must(err error) {
	if err != nil {
		panic(err)
	}
}
