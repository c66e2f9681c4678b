package effects

import (
	"bytes"
	"encoding/gob"
	"reflect"
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
