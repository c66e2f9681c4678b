package main

import (
	"bytes"
	"compress/gzip"
	bin "encoding/binary" // the tests name the built executable binary
	"errors"
	"fmt"
	"io"
)

// -agree reads the memory profile that go test writes with a decoder of
// its own, of the few fields it needs, rather than with
// github.com/google/pprof/profile: that package compiles some twenty
// regular expressions when it is initialised, which every run of the
// binary would pay for, above all each of the hundreds of runs go vet
// makes, none of which reads a profile.
//
// The format is pprof's profile.proto (github.com/google/pprof,
// proto/profile.proto), gzip-compressed as runtime/pprof writes it: a
// Profile message whose strings are indices into its string table.

// A memProfile is what -agree reads of a profile.
type memProfile struct {
	sampleTypes []string    // the meaning of each of a sample's values, as "alloc_objects"
	samples     []memSample // in the profile's order
}

// A memSample is one sample of a profile.
type memSample struct {
	values []int64      // one per sample type
	frames []stackFrame // the sample's stack, innermost first, inlined frames included
}

// A stackFrame is one line of a sample's stack.
type stackFrame struct {
	function string // the function's name, as "runtime.mallocgc" or "example.com/p.(*T).M"
	file     string // the function's file name
	line     int64
}

// Field numbers of profile.proto.
const (
	profileSampleType  = 1 // repeated ValueType
	profileSample      = 2 // repeated Sample
	profileLocation    = 4 // repeated Location
	profileFunction    = 5 // repeated Function
	profileStringTable = 6 // repeated string
	valueTypeType      = 1 // int64, a string index
	sampleLocationID   = 1 // repeated uint64, innermost first
	sampleValue        = 2 // repeated int64
	locationID         = 1 // uint64
	locationLine       = 4 // repeated Line, the innermost (inlined) first
	lineFunctionID     = 1 // uint64
	lineLine           = 2 // int64
	functionID         = 1 // uint64
	functionName       = 2 // int64, a string index
	functionFilename   = 4 // int64, a string index
)

// parseMemProfile decodes a profile, compressed or not.
func parseMemProfile(data []byte) (*memProfile, error) {
	if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		z, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		if data, err = io.ReadAll(z); err != nil {
			return nil, err
		}
	}
	var raw rawProfile
	if err := raw.decode(data); err != nil {
		return nil, fmt.Errorf("malformed profile: %v", err)
	}
	return raw.resolve()
}

// A rawProfile is a profile as its message gives it: the string table may
// come last, so everything that refers to it is kept as indices until the
// whole message is read.
type rawProfile struct {
	strings     []string
	sampleTypes []uint64 // string indices
	samples     []rawSample
	locations   map[uint64][]rawLine
	functions   map[uint64]rawFunction
}

type rawSample struct {
	locations []uint64
	values    []int64
}

type rawLine struct {
	function uint64
	line     int64
}

type rawFunction struct{ name, file uint64 } // string indices

func (p *rawProfile) decode(data []byte) error {
	p.locations = map[uint64][]rawLine{}
	p.functions = map[uint64]rawFunction{}
	return protoFields(data, func(num int, f protoField) error {
		switch num {
		case profileSampleType:
			return protoFields(f.bytes, func(num int, f protoField) error {
				if num == valueTypeType {
					p.sampleTypes = append(p.sampleTypes, f.varint)
				}
				return nil
			})
		case profileSample:
			s, err := decodeSample(f.bytes)
			p.samples = append(p.samples, s)
			return err
		case profileLocation:
			id, lines, err := decodeLocation(f.bytes)
			p.locations[id] = lines
			return err
		case profileFunction:
			id, fn, err := decodeFunction(f.bytes)
			p.functions[id] = fn
			return err
		case profileStringTable:
			p.strings = append(p.strings, string(f.bytes))
		}
		return nil
	})
}

func decodeSample(b []byte) (rawSample, error) {
	var s rawSample
	err := protoFields(b, func(num int, f protoField) error {
		var err error
		switch num {
		case sampleLocationID:
			s.locations, err = f.appendVarints(s.locations)
		case sampleValue:
			var vs []uint64
			vs, err = f.appendVarints(nil)
			for _, v := range vs {
				s.values = append(s.values, int64(v))
			}
		}
		return err
	})
	return s, err
}

func decodeLocation(b []byte) (id uint64, lines []rawLine, err error) {
	err = protoFields(b, func(num int, f protoField) error {
		switch num {
		case locationID:
			id = f.varint
		case locationLine:
			var l rawLine
			err := protoFields(f.bytes, func(num int, f protoField) error {
				switch num {
				case lineFunctionID:
					l.function = f.varint
				case lineLine:
					l.line = int64(f.varint)
				}
				return nil
			})
			lines = append(lines, l)
			return err
		}
		return nil
	})
	return id, lines, err
}

func decodeFunction(b []byte) (id uint64, fn rawFunction, err error) {
	err = protoFields(b, func(num int, f protoField) error {
		switch num {
		case functionID:
			id = f.varint
		case functionName:
			fn.name = f.varint
		case functionFilename:
			fn.file = f.varint
		}
		return nil
	})
	return id, fn, err
}

// resolve replaces the indices of p by what they name.
func (p *rawProfile) resolve() (*memProfile, error) {
	str := func(i uint64) (string, error) {
		if i >= uint64(len(p.strings)) {
			return "", fmt.Errorf("malformed profile: string %d of a table of %d", i, len(p.strings))
		}
		return p.strings[i], nil
	}
	out := &memProfile{}
	for _, i := range p.sampleTypes {
		s, err := str(i)
		if err != nil {
			return nil, err
		}
		out.sampleTypes = append(out.sampleTypes, s)
	}
	for _, s := range p.samples {
		sample := memSample{values: s.values}
		for _, id := range s.locations {
			lines, ok := p.locations[id]
			if !ok {
				return nil, fmt.Errorf("malformed profile: a sample names location %d, which it does not have", id)
			}
			for _, l := range lines {
				if l.function == 0 {
					continue // a line of no known function
				}
				fn, ok := p.functions[l.function]
				if !ok {
					return nil, fmt.Errorf("malformed profile: location %d names function %d, which it does not have", id, l.function)
				}
				name, err := str(fn.name)
				if err != nil {
					return nil, err
				}
				file, err := str(fn.file)
				if err != nil {
					return nil, err
				}
				sample.frames = append(sample.frames, stackFrame{function: name, file: file, line: l.line})
			}
		}
		out.samples = append(out.samples, sample)
	}
	return out, nil
}

// A protoField is the value of one field of a protobuf message, by its
// wire type.
type protoField struct {
	wire   uint64 // 0 varint, 1 64-bit, 2 length-delimited, 5 32-bit
	varint uint64 // the value of a varint or fixed-size field
	bytes  []byte // the content of a length-delimited field
}

// appendVarints appends the values of a repeated integer field to vs:
// one value, or a packed run of them.
func (f protoField) appendVarints(vs []uint64) ([]uint64, error) {
	if f.wire != 2 {
		return append(vs, f.varint), nil
	}
	for b := f.bytes; len(b) > 0; {
		v, n := bin.Uvarint(b)
		if n <= 0 {
			return nil, errBadVarint
		}
		vs, b = append(vs, v), b[n:]
	}
	return vs, nil
}

var errBadVarint = errors.New("bad varint")

// protoFields calls visit with each field of the protobuf message b, in
// order, and stops at its first error.
func protoFields(b []byte, visit func(num int, f protoField) error) error {
	for len(b) > 0 {
		key, n := bin.Uvarint(b)
		if n <= 0 {
			return errBadVarint
		}
		b = b[n:]
		f := protoField{wire: key & 7}
		switch f.wire {
		case 0:
			if f.varint, n = bin.Uvarint(b); n <= 0 {
				return errBadVarint
			}
		case 1:
			if n = 8; len(b) < n {
				return io.ErrUnexpectedEOF
			}
			f.varint = bin.LittleEndian.Uint64(b)
		case 2:
			size, m := bin.Uvarint(b)
			if m <= 0 {
				return errBadVarint
			}
			if size > uint64(len(b)-m) {
				return io.ErrUnexpectedEOF
			}
			n = m + int(size)
			f.bytes = b[m:n]
		case 5:
			if n = 4; len(b) < n {
				return io.ErrUnexpectedEOF
			}
			f.varint = uint64(bin.LittleEndian.Uint32(b))
		default:
			return fmt.Errorf("field %d has wire type %d, which profile.proto does not use", key>>3, f.wire)
		}
		b = b[n:]
		if err := visit(int(key>>3), f); err != nil {
			return err
		}
	}
	return nil
}
