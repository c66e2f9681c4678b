package effects

import (
	"bytes"
	"encoding/gob"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestSummaryGobRoundTrip checks that a fact survives the encoding every
// driver applies between packages, and that the encoding is deterministic,
// as the build cache's keys require.
func TestSummaryGobRoundTrip(t *testing.T) {
	in := &Summary{
		Kind: Append,
		Hops: 2,
		Chain: []Hop{
			{Func: "example.com/a.F", File: "/src/a/a.go", Line: 10, Col: 7},
			{Func: "(*example.com/b.T).grow", File: "/src/b/b.go", Line: 41, Col: 14},
		},
		LeakHeap:    1 << 2,
		LeakContent: 1,
		LeakResult:  1 << 63,
		CallsParams: 1 << 1,
		ParamCallLeaks: []ParamCallLeak{
			{Func: 1, Arg: 0, Heap: 1 << 2},
			{Func: 1, Arg: 0, Returned: true, Content: 1 << 3, ResultContent: 1 << 4},
			{Func: 63, Arg: 63, Result: 1 << 63},
		},
	}
	encode := func() []byte {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(in); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first, second := encode(), encode()
	if !bytes.Equal(first, second) {
		t.Error("two encodings of one summary differ")
	}
	out := new(Summary)
	if err := gob.NewDecoder(bytes.NewReader(first)).Decode(out); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip changed the summary:\n in: %+v\nout: %+v", in, out)
	}
	if got, want := out.String(), "allocates(append via (*example.com/b.T).grow, 2 hops) leaks(heap:2 content:0 result:63) calls(1)"+
		" passes(heap:2 to 1[0]) passes(content:3 result-content:4 returned by 1[0]) passes(result:63 to 63[63])"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestSummaryEncodingIsCompact checks that a summary is written in fewer
// bytes than gob's generic form of the same struct, which every driver
// would otherwise store in the facts of each package downstream: hops of
// one type or package share the prefix of their names.
func TestSummaryEncodingIsCompact(t *testing.T) {
	in := &Summary{
		Kind: Append,
		Hops: 3,
		Chain: []Hop{
			{File: "/src/net/http/transport.go", Line: 590, Col: 22},
			{Func: "(*net/http.Transport).dialConn", File: "", Line: 1780, Col: 9},
			{Func: "(*net/http.Transport).dial", Line: 1260, Col: 3},
			{Func: "net/http.newBufioWriter", File: "client.go", Line: 44, Col: 12},
		},
		LeakHeap: 1,
	}
	type generic Summary // the same fields without the GobEncoder methods
	// The size of a second value on one stream: a stream describes each
	// type once, and a facts file holds thousands of summaries.
	size := func(v any) int {
		var buf bytes.Buffer
		enc := gob.NewEncoder(&buf)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		first := buf.Len()
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		return buf.Len() - first
	}
	compact, plain := size(in), size((*generic)(in))
	if compact*5 > plain*4 {
		t.Errorf("summary takes %d bytes, gob's generic form %d: want at most four fifths", compact, plain)
	}

	// The shared prefixes read back, and all names cost one allocation:
	// with the hops, two in all.
	data := encodeDecode(t, in)
	out := new(Summary)
	if allocs := testing.AllocsPerRun(100, func() { _ = out.GobDecode(data) }); allocs > 2 {
		t.Errorf("decoding a summary of %d hops allocates %v times, want at most 2", len(in.Chain), allocs)
	}
}

// TestSummaryDecodeRefusesMalformed checks that every truncation of an
// encoded summary, and trailing bytes after one, are an error, never a
// panic or a summary read from garbage.
func TestSummaryDecodeRefusesMalformed(t *testing.T) {
	in := &Summary{
		Kind:           Append,
		Hops:           1,
		Chain:          []Hop{{File: "/src/a/a.go", Line: 10, Col: 7}, {Func: "example.com/a.grow", Line: 3, Col: 1}},
		ParamCallLeaks: []ParamCallLeak{{Func: 0, Arg: 1, Returned: true, Heap: 1 << 2}},
	}
	data, err := in.GobEncode()
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(data) {
		if err := new(Summary).GobDecode(data[:n]); err == nil {
			t.Errorf("the first %d of %d bytes decoded without an error", n, len(data))
		}
	}
	if err := new(Summary).GobDecode(append(data, 0)); err == nil {
		t.Error("a trailing byte decoded without an error")
	}
	// A parameter beyond those a ParamCallLeak can name.
	bad := slices.Clone(data)
	bad[bytes.IndexByte(bad, 1|returnedFlag)-1] = maxParamCall
	if err := new(Summary).GobDecode(bad); err == nil {
		t.Error("a ParamCallLeak of parameter 64 decoded without an error")
	}
	// A shared prefix longer than the previous hop's name.
	bad = slices.Clone(data)
	bad[bytes.Index(bad, []byte("example.com"))-2] = 99
	if err := new(Summary).GobDecode(bad); err == nil {
		t.Error("a prefix longer than the previous name decoded without an error")
	}
}

// TestSummaryLongNames checks a round trip of names longer than the
// buffer GobDecode reads short ones into.
func TestSummaryLongNames(t *testing.T) {
	in := &Summary{Kind: MakeSlice, Hops: maxChain - 1}
	for i := range maxChain {
		in.Chain = append(in.Chain, Hop{
			Func: "example.com/" + strings.Repeat("long/", 20) + "p.F" + strconv.Itoa(i),
			File: "/src/" + strings.Repeat("deep/", 20) + "f" + strconv.Itoa(i) + ".go",
			Line: int32(i + 1), Col: 1,
		})
	}
	encodeDecode(t, in)
}

// encodeDecode checks that in reads back the same through GobEncode and
// GobDecode, and returns its encoding.
func encodeDecode(t *testing.T, in *Summary) []byte {
	t.Helper()
	data, err := in.GobEncode()
	if err != nil {
		t.Fatal(err)
	}
	out := new(Summary)
	if err := out.GobDecode(data); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip changed the summary:\n in: %+v\nout: %+v", in, out)
	}
	return data
}

// testSummaries are a set of three methods, given out of order.
func testSummaries() []NamedSummary {
	return []NamedSummary{
		{"Write", &Summary{Kind: Append, Hops: 1, Chain: []Hop{{File: "/src/b/b.go", Line: 4, Col: 2}, {Func: "(*example.com/b.T).grow", Line: 9, Col: 12}}, LeakContent: 1}},
		{"Len", &Summary{LeakResult: 1}},
		{"Reset", &Summary{Kind: MakeSlice, Chain: []Hop{{File: "/src/b/b.go", Line: 20, Col: 9}}}},
	}
}

// TestSummariesGobRoundTrip checks that a set survives the encoding every
// driver applies between packages, sorted by name, and that a decoded
// set encodes again to the very same bytes: each package downstream
// passes the set on unchanged, and the build cache and nogo need
// deterministic facts.
func TestSummariesGobRoundTrip(t *testing.T) {
	in := NewSummaries(testSummaries())
	encode := func(s *Summaries) []byte {
		t.Helper()
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(s); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := encode(in)
	reversed := testSummaries()
	slices.Reverse(reversed)
	if again := encode(NewSummaries(reversed)); !bytes.Equal(first, again) {
		t.Error("the same summaries given in another order encode differently")
	}
	out := new(Summaries)
	if err := gob.NewDecoder(bytes.NewReader(first)).Decode(out); err != nil {
		t.Fatal(err)
	}
	if again := encode(out); !bytes.Equal(first, again) {
		t.Errorf("a decoded set encodes differently:\n%x\n%x", first, again)
	}
	entries, err := out.Entries()
	if err != nil {
		t.Fatal(err)
	}
	want := testSummaries()
	slices.SortFunc(want, func(a, b NamedSummary) int { return strings.Compare(a.Name, b.Name) })
	if !reflect.DeepEqual(entries, want) {
		t.Errorf("round trip changed the set:\n in: %+v\nout: %+v", want, entries)
	}
	if got, want := out.String(), "Len: leaks(result:0); Reset: allocates(make-slice); Write: allocates(append via (*example.com/b.T).grow, 1 hops) leaks(content:0)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestSummariesLookup checks that a lookup finds each method of a set
// among the others, and that a name without an entry, before, between or
// after the others, is clean.
func TestSummariesLookup(t *testing.T) {
	set := decodedSummaries(t, NewSummaries(testSummaries()))
	for _, want := range testSummaries() {
		got, err := set.Lookup(want.Name)
		if err != nil || !reflect.DeepEqual(got, want.Summary) {
			t.Errorf("Lookup(%q) = %+v, %v; want %+v", want.Name, got, err, want.Summary)
		}
	}
	for _, name := range []string{"A", "Lex", "Pop", "Zero", ""} {
		if got, err := set.Lookup(name); got != nil || err != nil {
			t.Errorf("Lookup(%q) = %+v, %v; want nil, nil", name, got, err)
		}
	}
	var empty Summaries // a set that was never made, as gob might zero one
	if got, err := empty.Lookup("Len"); got != nil || err != nil {
		t.Errorf("Lookup in the zero set = %+v, %v; want nil, nil", got, err)
	}
	if data, _ := empty.GobEncode(); !bytes.Equal(data, []byte{0}) {
		t.Errorf("the zero set encodes as %x, want the empty set, 00", data)
	}
}

// TestSummariesDecodeLazily checks that decoding a set keeps its own copy
// of the bytes and reads a summary only when it is looked up: a corrupt
// entry spoils its own lookup, with an error that names it, but not the
// set's decoding nor the lookup of another entry.
func TestSummariesDecodeLazily(t *testing.T) {
	data, _ := NewSummaries(testSummaries()).GobEncode()
	corrupt := slices.Clone(data)
	i := bytes.Index(corrupt, []byte("Reset")) + len("Reset") + 1 // Reset's summary, after its length
	corrupt[i+1] = 0xff                                           // Hops, then a Leak varint that runs past the end
	corrupt[i+2] = 0xff
	set := new(Summaries)
	if err := set.GobDecode(corrupt); err != nil {
		t.Fatalf("decoding read the entries: %v", err)
	}
	clear(corrupt) // the set must not depend on the caller's buffer
	if s, err := set.Lookup("Len"); err != nil || s == nil || s.LeakResult != 1 {
		t.Errorf("Lookup(Len) beside a corrupt entry = %+v, %v", s, err)
	}
	if _, err := set.Lookup("Reset"); err == nil || !strings.Contains(err.Error(), "Reset") {
		t.Errorf("Lookup of the corrupt entry: error %v, want one naming Reset", err)
	}
	if _, err := set.Entries(); err == nil {
		t.Error("Entries of a set with a corrupt entry: no error")
	}
}

// TestSummariesRefuseMalformed checks that a set whose framing is broken
// gives an error when it is read, never a panic, a summary read from
// garbage or a name taken for clean: every truncation, trailing bytes,
// and names out of order.
func TestSummariesRefuseMalformed(t *testing.T) {
	data, _ := NewSummaries(testSummaries()).GobEncode()
	read := func(data []byte) error {
		set := new(Summaries)
		if err := set.GobDecode(data); err != nil {
			return err
		}
		_, err := set.Lookup("Zero") // after every entry: the lookup reads them all
		return err
	}
	for n := range len(data) {
		if err := read(data[:n]); err == nil {
			t.Errorf("the first %d of %d bytes read without an error", n, len(data))
		}
	}
	if err := read(append(slices.Clip(data), 0)); err == nil {
		t.Error("a trailing byte read without an error")
	}
	swapped := bytes.Replace(data, []byte("Len"), []byte("Xen"), 1) // now after Reset
	if err := read(swapped); err == nil || !strings.Contains(err.Error(), "out of order") {
		t.Errorf("names out of order: error %v, want one saying so", err)
	}
}

// decodedSummaries returns s as a driver hands it to the analyzer.
func decodedSummaries(t *testing.T, s *Summaries) *Summaries {
	t.Helper()
	data, err := s.GobEncode()
	if err != nil {
		t.Fatal(err)
	}
	out := new(Summaries)
	if err := out.GobDecode(data); err != nil {
		t.Fatal(err)
	}
	return out
}
