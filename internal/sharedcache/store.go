package main

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// store keeps the cache in the remote directory: for each action an entry
// file, a-ACTION, naming its output, and for each output its body,
// o-OUTPUT. The go command reads outputs from local copies, o-OUTPUT in the
// local directory. Files are written under a temporary name and renamed, so
// that a reader on another machine never sees half a file.
type store struct {
	remote, local string
}

// entry is what the remote directory records for an action.
type entry struct {
	OutputID []byte
	Size     int64
	Time     time.Time
}

// errMiss is the answer of get for an action the cache does not hold.
var errMiss = errors.New("cache miss")

// init creates the store's directories.
func (s store) init() error {
	for _, dir := range []string{s.remote, s.local} {
		if err := os.MkdirAll(dir, 0o777); err != nil {
			return err
		}
	}
	return nil
}

// put stores body as the output of action and returns the path of its
// local copy.
func (s store) put(action, output, body []byte) (string, error) {
	if len(action) == 0 || len(output) == 0 {
		return "", errors.New("put without an action or output ID")
	}
	local := filepath.Join(s.local, "o-"+hex.EncodeToString(output))
	if err := writeFile(local, body); err != nil {
		return "", err
	}
	if err := writeFile(filepath.Join(s.remote, "o-"+hex.EncodeToString(output)), body); err != nil {
		return "", err
	}
	e, err := json.Marshal(entry{OutputID: output, Size: int64(len(body)), Time: time.Now()})
	if err != nil {
		return "", err
	}
	return local, writeFile(filepath.Join(s.remote, "a-"+hex.EncodeToString(action)), e)
}

// get returns the entry of action and the path of a local copy of its
// output, fetched from the remote directory if need be, or errMiss.
func (s store) get(action []byte) (entry, string, error) {
	var e entry
	data, err := os.ReadFile(filepath.Join(s.remote, "a-"+hex.EncodeToString(action)))
	if errors.Is(err, fs.ErrNotExist) {
		return e, "", errMiss
	}
	if err != nil {
		return e, "", err
	}
	if err := json.Unmarshal(data, &e); err != nil {
		return e, "", fmt.Errorf("entry of action %x: %v", action, err)
	}
	name := "o-" + hex.EncodeToString(e.OutputID)
	local := filepath.Join(s.local, name)
	if _, err := os.Stat(local); err == nil {
		return e, local, nil
	}
	body, err := os.ReadFile(filepath.Join(s.remote, name))
	if errors.Is(err, fs.ErrNotExist) {
		return e, "", errMiss
	}
	if err != nil {
		return e, "", err
	}
	if int64(len(body)) != e.Size {
		return e, "", errMiss // a damaged remote copy: compute the output again
	}
	return e, local, writeFile(local, body)
}

// writeFile writes data to a temporary file beside name and renames it to
// name.
func writeFile(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
