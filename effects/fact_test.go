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
	if got, want := out.String(), "allocates(append via (*example.com/b.T).grow, 2 hops) leaks(heap:2 content:0 result:63) calls(1)"; got != want {
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
		Kind:  Append,
		Hops:  1,
		Chain: []Hop{{File: "/src/a/a.go", Line: 10, Col: 7}, {Func: "example.com/a.grow", Line: 3, Col: 1}},
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
	// A shared prefix longer than the previous hop's name.
	bad := slices.Clone(data)
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
