// Package decode is nofallalloc's bundled example: a decoder for a small
// length-prefixed record format, written the way a service that must
// survive hostile input would like to write it. Its entry points are
// strict; run `go run ./cmd/nofallalloc ./examples/...` to see what the
// analyzer finds and how it explains each finding.
package decode

import (
	"encoding/binary"
	"errors"
	"strconv"
)

// ErrShort is returned for truncated input. A package-level error value is
// allocated once, at init, so returning it from strict code is free.
var ErrShort = errors.New("decode: short input")

// Record is one decoded record; Name aliases the input buffer.
type Record struct {
	ID   uint32
	Name []byte
}

// Header reads the fixed part of a record. It allocates nothing: the
// standard library's binary.BigEndian.Uint32 is clean, and the Record is
// returned by value.
//
//fallible:strict
func Header(b []byte) (Record, error) {
	if len(b) < 5 {
		return Record{}, ErrShort
	}
	n := int(b[4])
	if len(b) < 5+n {
		return Record{}, ErrShort
	}
	return Record{ID: binary.BigEndian.Uint32(b), Name: b[5 : 5+n]}, nil
}

// All decodes every record. Growing the result slice can run out of
// memory: the analyzer reports the append.
//
//fallible:strict
func All(b []byte) ([]Record, error) {
	var out []Record
	for len(b) > 0 {
		r, err := Header(b)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
		b = b[5+len(r.Name):]
	}
	return out, nil
}

// Describe formats a record for a log line: the concatenation in label
// allocates.
//
//fallible:strict
func Describe(r Record) string {
	return label(r.ID)
}

func label(id uint32) string {
	return "record " + ID(Record{ID: id})
}

// ID formats a record's ID. The standard library allocates the string,
// several calls down.
//
//fallible:strict
func ID(r Record) string {
	return strconv.FormatUint(uint64(r.ID), 10)
}

// Visit hands each record to a callback: the analyzer cannot know what
// the callback does.
//
//fallible:strict
func Visit(b []byte, fn func(Record)) error {
	for len(b) > 0 {
		r, err := Header(b)
		if err != nil {
			return err
		}
		fn(r)
		b = b[5+len(r.Name):]
	}
	return nil
}
