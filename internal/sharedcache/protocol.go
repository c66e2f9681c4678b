package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// The messages of the GOCACHEPROG protocol (cmd/go/internal/cacheprog):
// the go command writes one request a line, a "put" followed by its body
// on the next line as a base64-encoded JSON string; the program answers
// each request with one response a line, after a first response that lists
// the commands it knows.
type (
	request struct {
		ID       int64
		Command  string
		ActionID []byte `json:",omitempty"`
		OutputID []byte `json:",omitempty"`
		BodySize int64  `json:",omitempty"`
	}
	response struct {
		ID            int64
		Err           string     `json:",omitempty"`
		KnownCommands []string   `json:",omitempty"`
		Miss          bool       `json:",omitempty"`
		OutputID      []byte     `json:",omitempty"`
		Size          int64      `json:",omitempty"`
		Time          *time.Time `json:",omitempty"`
		DiskPath      string     `json:",omitempty"`
	}
)

const (
	cmdGet   = "get"
	cmdPut   = "put"
	cmdClose = "close"
)

// serve answers the go command's requests, read from in, with responses
// written to out, until a "close" request or the end of in.
func serve(in io.Reader, out io.Writer, s store) error {
	dec := json.NewDecoder(bufio.NewReader(in))
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	send := func(res response) error {
		if err := enc.Encode(res); err != nil {
			return err
		}
		return w.Flush()
	}
	if err := send(response{KnownCommands: []string{cmdGet, cmdPut, cmdClose}}); err != nil {
		return err
	}
	for {
		var req request
		if err := dec.Decode(&req); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("reading a request: %v", err)
		}
		var body []byte
		if req.Command == cmdPut && req.BodySize > 0 {
			if err := dec.Decode(&body); err != nil {
				return fmt.Errorf("reading the body of request %d: %v", req.ID, err)
			}
			if int64(len(body)) != req.BodySize {
				return fmt.Errorf("request %d: body of %d bytes, announced %d", req.ID, len(body), req.BodySize)
			}
		}
		res := handle(s, req, body)
		if err := send(res); err != nil {
			return err
		}
		if req.Command == cmdClose {
			return nil
		}
	}
}

// handle answers one request; a failure is reported to the go command in
// the response, which treats it as it treats a failing disk.
func handle(s store, req request, body []byte) response {
	res := response{ID: req.ID}
	var err error
	switch req.Command {
	case cmdGet:
		var e entry
		e, res.DiskPath, err = s.get(req.ActionID)
		if errors.Is(err, errMiss) {
			res.Miss, err = true, nil
		} else if err == nil {
			res.OutputID, res.Size, res.Time = e.OutputID, e.Size, &e.Time
		}
	case cmdPut:
		res.DiskPath, err = s.put(req.ActionID, req.OutputID, body)
	case cmdClose:
	default:
		err = fmt.Errorf("unknown command %q", req.Command)
	}
	if err != nil {
		res.Err = err.Error()
	}
	return res
}
