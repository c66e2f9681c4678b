package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// exchange sends reqs to a program serving s, each put followed by its
// body, and returns the responses after the first (the capabilities).
func exchange(t *testing.T, s store, reqs ...request) []response {
	t.Helper()
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for _, req := range reqs {
		if err := enc.Encode(req); err != nil {
			t.Fatal(err)
		}
		if req.Command == cmdPut && req.BodySize > 0 {
			// As the go command does: base64 in a JSON string.
			if err := enc.Encode(bytes.Repeat([]byte("x"), int(req.BodySize))); err != nil {
				t.Fatal(err)
			}
		}
	}
	var out bytes.Buffer
	if err := serve(&in, &out, s); err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&out)
	var caps response
	if err := dec.Decode(&caps); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(caps.KnownCommands, []string{cmdGet, cmdPut, cmdClose}) {
		t.Fatalf("first response %+v, want the known commands", caps)
	}
	var res []response
	for dec.More() {
		var r response
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		res = append(res, r)
	}
	return res
}

// TestServeSharesRemote plays two machines, with local directories of
// their own, behind one remote directory: what one puts, the other gets.
func TestServeSharesRemote(t *testing.T) {
	remote := t.TempDir()
	first, second := store{remote, t.TempDir()}, store{remote, t.TempDir()}
	for _, s := range []store{first, second} {
		if err := s.init(); err != nil {
			t.Fatal(err)
		}
	}
	action := sha256.Sum256([]byte("action"))
	output := sha256.Sum256([]byte("output"))
	const size = 100

	res := exchange(t, first,
		request{ID: 1, Command: cmdGet, ActionID: action[:]},
		request{ID: 2, Command: cmdPut, ActionID: action[:], OutputID: output[:], BodySize: size},
	)
	if len(res) != 2 || res[0].ID != 1 || !res[0].Miss {
		t.Fatalf("get before put: %+v, want a miss", res)
	}
	checkBody(t, res[1].DiskPath, first.local, size)

	res = exchange(t, second,
		request{ID: 1, Command: cmdGet, ActionID: action[:]},
		request{ID: 2, Command: cmdClose},
		request{ID: 3, Command: cmdGet, ActionID: action[:]},
	)
	if len(res) != 2 {
		t.Fatalf("got %d responses, want 2: none after close", len(res))
	}
	hit := res[0]
	if hit.Miss || hit.Err != "" || !bytes.Equal(hit.OutputID, output[:]) || hit.Size != size || hit.Time == nil {
		t.Fatalf("get on the second machine: %+v, want the first machine's output", hit)
	}
	checkBody(t, hit.DiskPath, second.local, size)
}

// TestServeDamagedRemote checks that an entry whose output is missing from
// the remote directory is a miss, so that the go command computes it again.
func TestServeDamagedRemote(t *testing.T) {
	s := store{t.TempDir(), t.TempDir()}
	action := sha256.Sum256([]byte("action"))
	output := sha256.Sum256([]byte("output"))
	exchange(t, s, request{ID: 1, Command: cmdPut, ActionID: action[:], OutputID: output[:], BodySize: 3})
	for _, dir := range []string{s.remote, s.local} {
		matches, _ := filepath.Glob(filepath.Join(dir, "o-*"))
		for _, m := range matches {
			if err := os.Remove(m); err != nil {
				t.Fatal(err)
			}
		}
	}
	res := exchange(t, s, request{ID: 1, Command: cmdGet, ActionID: action[:]})
	if len(res) != 1 || !res[0].Miss || res[0].Err != "" {
		t.Fatalf("get of an entry without its output: %+v, want a miss", res)
	}
}

// checkBody fails the test unless path is a file in dir holding size bytes.
func checkBody(t *testing.T, path, dir string, size int) {
	t.Helper()
	if !strings.HasPrefix(path, dir+string(filepath.Separator)) {
		t.Fatalf("disk path %q, want a file in %s", path, dir)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(data) != size {
		t.Errorf("%s holds %d bytes, want %d", path, len(data), size)
	}
}
