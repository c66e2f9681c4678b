package effects

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// A Summary is what callers need to know about one function: whether it may
// reach an infallible allocation, with one shortest witness for it, and
// which of its parameters leak. Summaries are exported in sets, by name
// (see Summaries): a function's (the origin, for generic functions) in its
// package's set, a method's in its type's; function literals fold into
// their enclosing function. A function that neither allocates nor leaks
// has no entry: a missing entry means clean, in a set that exists.
//
// The witness is carried whole (bounded by maxChain hops) rather than as a
// link to the next function's fact, because drivers only pass on the facts
// of objects in a package's export data: the fact of an unexported helper
// two packages down is gone by the time a caller prints the chain.
type Summary struct {
	Kind  Kind  // the allocation at the end of the witness; None when clean
	Hops  uint8 // calls between this function and that allocation, saturating
	Chain []Hop // the witness from this function down, at most maxChain hops

	// LeakHeap has bit i set when parameter i (the receiver first, then the
	// declared parameters, then a literal's free variables; bit 63 stands
	// for all later ones) may be retained beyond the call: stored in the
	// heap, a global, or another parameter's memory.
	LeakHeap uint64
	// LeakContent has bit i set when what parameter i points to may be
	// retained, but not the memory it points into: l.items = append(l.items,
	// v) keeps l's backing array, not l.
	LeakContent uint64
	// LeakResult has bit i set when parameter i may flow to a result, so
	// that the argument escapes exactly when the call's result does.
	LeakResult uint64
	// LeakResultContent has bit i set when what parameter i points to,
	// but not parameter i, may flow to a result: fmt.Errorf's error keeps
	// the arguments, not the variadic slice.
	LeakResultContent uint64

	// CallsParams has bit i set when the function may call parameter i, a
	// func value, or pass it to a function that does: the effect of that
	// call is the argument's, which the caller charges to itself. Kind
	// leaves those calls out.
	CallsParams uint64

	// ParamCallLeaks says which parameters the function passes to calls
	// of its func-typed parameters: their fate is the called function's,
	// which the caller knows (internal/poll.ignoringEINTRIO calls fn(fd,
	// p), and (*poll.FD).Read passes syscall.Read, which keeps nothing).
	// The Leak fields leave those calls out. Sorted by Func, then Arg.
	ParamCallLeaks []ParamCallLeak
}

// A ParamCallLeak is what a function passes as argument Arg of its
// calls of parameter Func, a func value: if the function passed for Func
// may retain its argument Arg (or what it points to), or with Returned,
// return it, the parameters in Heap, Content, Result and ResultContent
// leak as the Summary's fields of those names say. A caller that cannot
// name that function takes them to leak.
type ParamCallLeak struct {
	Func, Arg                            uint8 // both below maxParamCall
	Returned                             bool
	Heap, Content, Result, ResultContent uint64
}

// A Hop is one function on a witness and the place, in its body, of the
// call to the next hop or, in the last hop, of the allocation; a function
// without a body has no place. The file is named as the driver that
// analysed the function named it (an absolute path under go vet and
// go/packages, a path relative to the execution root under Bazel): a hop
// may be several imports away from the package that prints the chain,
// and nothing else tells that package where the hop's files are. Its
// cache keys already depend on those names, so the fact is no less
// portable than the driver's own output.
//
// A path is the longest part of a hop, and a chain often stays in one file
// or one directory for several hops, so File names a hop's file relative
// to the previous hop's (see shortFile): empty for the same file, a base
// name for the same directory. Whole paths made the standalone command's
// cache for a package that imports net/http and encoding/json 34% larger
// than base names did (8.0 MB); relative ones, 15%.
type Hop struct {
	Func string // qualified by its package's path: "strconv.formatBits", "(*bytes.Buffer).grow"; empty in a fact's first hop, the function the fact is about
	File string // the file of the call or allocation, after the previous hop's
	Line int32  // 0 when the function has no body, and no place
	Col  int32  // 1-based, in bytes, as go/token counts
}

// GobEncode writes the summary in a compact form of its own, which drivers
// store once in the facts of every package that can reach the function:
// a method's summary travels to every package downstream of its type, so
// its size is paid again by each of them. Integers are
// varints; a hop's Func is written as the length of the prefix it shares
// with the previous hop's (a method after another of the same type, a
// function after another of the same package) and the rest.
func (s *Summary) GobEncode() ([]byte, error) {
	b := make([]byte, 0, 16+len(s.Chain)*32)
	b = append(b, byte(s.Kind), s.Hops)
	for _, bits := range [...]uint64{s.LeakHeap, s.LeakContent, s.LeakResult, s.LeakResultContent, s.CallsParams} {
		b = binary.AppendUvarint(b, bits)
	}
	b = binary.AppendUvarint(b, uint64(len(s.ParamCallLeaks)))
	for _, l := range s.ParamCallLeaks {
		arg := l.Arg
		if l.Returned {
			arg |= returnedFlag
		}
		b = append(b, l.Func, arg)
		for _, bits := range [...]uint64{l.Heap, l.Content, l.Result, l.ResultContent} {
			b = binary.AppendUvarint(b, bits)
		}
	}
	b = binary.AppendUvarint(b, uint64(len(s.Chain)))
	prev := ""
	for _, h := range s.Chain {
		shared := commonPrefix(prev, h.Func)
		b = binary.AppendUvarint(b, uint64(shared))
		b = appendString(b, h.Func[shared:])
		b = appendString(b, h.File)
		b = binary.AppendUvarint(b, uint64(uint32(h.Line)))
		b = binary.AppendUvarint(b, uint64(uint32(h.Col)))
		prev = h.Func
	}
	return b, nil
}

// GobDecode reads what GobEncode wrote. The names of all hops become one
// string that they share: with the hops, two allocations per summary
// instead of up to three per hop.
func (s *Summary) GobDecode(data []byte) error {
	d := summaryDecoder{data: data}
	*s = Summary{Kind: Kind(d.readByte()), Hops: d.readByte()}
	for _, bits := range [...]*uint64{&s.LeakHeap, &s.LeakContent, &s.LeakResult, &s.LeakResultContent, &s.CallsParams} {
		*bits = d.readUvarint()
	}
	if n := d.readUvarint(); n > uint64(len(d.data)) { // every entry takes bytes
		return errBadSummary
	} else if n > 0 {
		s.ParamCallLeaks = make([]ParamCallLeak, n)
		for i := range s.ParamCallLeaks {
			l := &s.ParamCallLeaks[i]
			l.Func, l.Arg = d.readByte(), d.readByte()
			l.Returned, l.Arg = l.Arg&returnedFlag != 0, l.Arg&^returnedFlag
			if l.Func >= maxParamCall || l.Arg >= maxParamCall {
				return errBadSummary
			}
			for _, bits := range [...]*uint64{&l.Heap, &l.Content, &l.Result, &l.ResultContent} {
				*bits = d.readUvarint()
			}
		}
	}
	n := d.readUvarint()
	if n > uint64(len(d.data)) { // every hop takes bytes
		return errBadSummary
	}
	if n == 0 {
		return d.end()
	}
	s.Chain = make([]Hop, n)
	var textArray [512]byte
	text := textArray[:0] // the hops' Func and File, one after another; on the stack unless long
	var boundsArray [2 * maxChain]int
	bounds := boundsArray[:0] // where each Func and File ends in text
	prevStart, prevEnd := 0, 0
	for i := range s.Chain {
		shared := d.readUvarint()
		if shared > uint64(prevEnd-prevStart) {
			return errBadSummary
		}
		start := len(text)
		text = append(text, text[prevStart:prevStart+int(shared)]...)
		text = append(text, d.readBytes()...)
		prevStart, prevEnd = start, len(text)
		text = append(text, d.readBytes()...)
		bounds = append(bounds, prevEnd, len(text))
		s.Chain[i].Line, s.Chain[i].Col = int32(uint32(d.readUvarint())), int32(uint32(d.readUvarint()))
	}
	names, start := string(text), 0
	for i := range s.Chain {
		s.Chain[i].Func, s.Chain[i].File = names[start:bounds[2*i]], names[bounds[2*i]:bounds[2*i+1]]
		start = bounds[2*i+1]
	}
	return d.end()
}

// returnedFlag marks, in an encoded ParamCallLeak's Arg, Returned.
const returnedFlag = 0x80

var errBadSummary = errors.New("malformed effects.Summary")

// summaryDecoder reads a GobEncode'd summary; err is set, and zeros read,
// once the data runs short.
type summaryDecoder struct {
	data []byte
	err  bool
}

func (d *summaryDecoder) readByte() uint8 {
	if len(d.data) == 0 {
		d.err = true
		return 0
	}
	b := d.data[0]
	d.data = d.data[1:]
	return b
}

func (d *summaryDecoder) readUvarint() uint64 {
	v, n := binary.Uvarint(d.data)
	if n <= 0 {
		d.err = true
		d.data = nil
		return 0
	}
	d.data = d.data[n:]
	return v
}

func (d *summaryDecoder) readBytes() []byte {
	n := d.readUvarint()
	if n > uint64(len(d.data)) {
		d.err = true
		d.data = nil
		return nil
	}
	b := d.data[:n]
	d.data = d.data[n:]
	return b
}

// end reports whether the data was read whole and nothing but it.
func (d *summaryDecoder) end() error {
	if d.err || len(d.data) > 0 {
		return errBadSummary
	}
	return nil
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// commonPrefix is the length of the longest common prefix of a and b.
func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// Summaries are the summaries of a set of functions of one package, by
// name: the package-level functions, or the methods of one named type.
// The analyzer exports each set as one fact because drivers decode and
// re-encode, in every package downstream, each imported fact about a
// type or a method: one fact per method made their number, not their
// content, the cost of loading facts.
//
// A set keeps its encoded form and decodes an entry only when asked for
// it: a package reads few of the sets it loads, and passes the others on
// to its importers unchanged.
type Summaries struct {
	// data is a uvarint count of entries, then for each entry, sorted by
	// name, the name and the summary's GobEncode form, both prefixed by
	// their uvarint length.
	data []byte
}

// A NamedSummary is one entry of a set of Summaries.
type NamedSummary struct {
	Name    string
	Summary *Summary
}

// NewSummaries encodes a set of summaries. Names are unique within a
// set; of two entries with the same name, the first is kept.
func NewSummaries(entries []NamedSummary) *Summaries {
	entries = slices.Clone(entries)
	slices.SortStableFunc(entries, func(a, b NamedSummary) int { return strings.Compare(a.Name, b.Name) })
	entries = slices.CompactFunc(entries, func(a, b NamedSummary) bool { return a.Name == b.Name })
	b := binary.AppendUvarint(nil, uint64(len(entries)))
	for _, e := range entries {
		b = appendString(b, e.Name)
		sum, _ := e.Summary.GobEncode() // never fails
		b = append(binary.AppendUvarint(b, uint64(len(sum))), sum...)
	}
	return &Summaries{data: b}
}

// Lookup returns the summary of the function named name: nil, for clean,
// when the set has no entry for it.
func (s *Summaries) Lookup(name string) (*Summary, error) {
	var found []byte
	ok := false
	err := s.scan(func(entry, sum []byte) bool {
		if string(entry) == name {
			found, ok = sum, true
		}
		return !ok && string(entry) < name // sorted: no later entry can match
	})
	if err != nil || !ok {
		return nil, err
	}
	sum := new(Summary)
	if err := sum.GobDecode(found); err != nil {
		return nil, fmt.Errorf("the summary of %s: %w", name, err)
	}
	return sum, nil
}

// Entries decodes the whole set, sorted by name.
func (s *Summaries) Entries() ([]NamedSummary, error) {
	var entries []NamedSummary
	var errEntry error
	err := s.scan(func(name, data []byte) bool {
		sum := new(Summary)
		if errEntry = sum.GobDecode(data); errEntry != nil {
			errEntry = fmt.Errorf("the summary of %s: %w", name, errEntry)
			return false
		}
		entries = append(entries, NamedSummary{Name: string(name), Summary: sum})
		return true
	})
	return entries, cmp.Or(err, errEntry)
}

// GobEncode returns the set's encoded form as it was made or decoded:
// a package passes on the sets it imported at the cost of a copy.
func (s *Summaries) GobEncode() ([]byte, error) {
	if s.data == nil {
		return NewSummaries(nil).data, nil
	}
	return s.data, nil
}

// GobDecode keeps a copy of data. It reads nothing: a package decodes
// every set downstream of it and looks up few of them, so entries are
// checked as a lookup reads them.
func (s *Summaries) GobDecode(data []byte) error {
	s.data = slices.Clone(data)
	return nil
}

// String lists the entries: "F: allocates(append); G: leaks(heap:0)".
func (s *Summaries) String() string {
	entries, err := s.Entries()
	if err != nil {
		return err.Error()
	}
	parts := make([]string, len(entries))
	for i, e := range entries {
		parts[i] = e.Name + ": " + e.Summary.String()
	}
	return strings.Join(parts, "; ")
}

var errBadSummaries = errors.New("malformed effects.Summaries")

// scan calls yield with the name and the encoded summary of each entry
// of s, in order, until yield returns false.
func (s *Summaries) scan(yield func(name, summary []byte) bool) error {
	if s.data == nil { // the zero set
		return nil
	}
	return scanSummaries(s.data, yield)
}

// scanSummaries calls yield with the name and the encoded summary of each
// entry of the encoded set data, in order, until yield returns false. It
// checks the framing and the order of what it reads.
func scanSummaries(data []byte, yield func(name, summary []byte) bool) error {
	d := summaryDecoder{data: data}
	n := d.readUvarint()
	if n > uint64(len(d.data)) { // every entry takes bytes
		return errBadSummaries
	}
	var prev []byte
	for i := range n {
		name, sum := d.readBytes(), d.readBytes()
		if d.err {
			return errBadSummaries
		}
		if i > 0 && string(name) <= string(prev) {
			return fmt.Errorf("%w: entry %q out of order", errBadSummaries, name)
		}
		prev = name
		if !yield(name, sum) {
			return nil
		}
	}
	if d.err || len(d.data) > 0 {
		return errBadSummaries
	}
	return nil
}

// Allocates reports whether the function may reach an allocation.
func (s *Summary) Allocates() bool { return s.Kind != None }

// isZero reports whether the summary says nothing a caller could not assume.
func (s *Summary) isZero() bool {
	return s.Kind == None && !s.leaks() && s.CallsParams == 0 && len(s.ParamCallLeaks) == 0
}

// String is shaped for analysistest fact expectations:
// "allocates(append)", "allocates(append via grow, 2 hops) leaks(heap:0)".
func (s *Summary) String() string {
	var parts []string
	if s.Kind != None {
		w := s.Kind.String()
		if s.Hops > 0 && len(s.Chain) > 1 {
			w += fmt.Sprintf(" via %s, %d hops", s.Chain[1].Func, s.Hops)
		}
		parts = append(parts, "allocates("+w+")")
	}
	if s.leaks() {
		parts = append(parts, "leaks("+leakString(s)+")")
	}
	if s.CallsParams != 0 {
		parts = append(parts, "calls("+bitString(s.CallsParams)+")")
	}
	for _, l := range s.ParamCallLeaks {
		leaks := leakString(&Summary{LeakHeap: l.Heap, LeakContent: l.Content, LeakResult: l.Result, LeakResultContent: l.ResultContent})
		to := "to"
		if l.Returned {
			to = "returned by"
		}
		parts = append(parts, fmt.Sprintf("passes(%s %s %d[%d])", leaks, to, l.Func, l.Arg))
	}
	if len(parts) == 0 {
		return "clean"
	}
	return strings.Join(parts, " ")
}

func (s *Summary) leaks() bool {
	return s.LeakHeap != 0 || s.LeakContent != 0 || s.LeakResult != 0 || s.LeakResultContent != 0
}

func leakString(s *Summary) string {
	var parts []string
	for _, l := range []struct {
		name string
		bits uint64
	}{{"heap", s.LeakHeap}, {"content", s.LeakContent}, {"result", s.LeakResult}, {"result-content", s.LeakResultContent}} {
		if l.bits != 0 {
			parts = append(parts, l.name+":"+bitString(l.bits))
		}
	}
	return strings.Join(parts, " ")
}

// paramBit is the leak bit for parameter i.
func paramBit(i int) uint64 {
	return 1 << min(i, 63)
}

// bitString lists the set bits: "0,2".
func bitString(bits uint64) string {
	var b strings.Builder
	for i := range 64 {
		if bits&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%d", i)
		}
	}
	return b.String()
}
