// Package pgm decodes greyscale images in the binary PGM format (P5), for
// an application that makes some of its subroutines fallible: the decoder
// of untrusted images. The header of a hostile file can declare 60000 ×
// 60000 pixels; make([]byte, width*height) would then take 3.6 GB or crash
// the process, whatever the rest of the application is doing. Here the
// pixels are reserved from a budget, so a file too large for it is an
// error like any malformed file, and the application shows a placeholder.
//
// Decode and Thumbnail are strict: nofallalloc proves that they ask
// memory only of the budget. The rest of the application (Preview) is
// ordinary Go.
//
// See docs/guides/application.md.
package pgm

import (
	"errors"

	"github.com/nofallalloc/nofallalloc/collections"
)

// Errors of malformed files. Package-level error values are made once, at
// init, so returning them from strict code is free.
var (
	ErrFormat = errors.New("pgm: not a binary PGM (P5) file")
	ErrShort  = errors.New("pgm: pixel data is truncated")
)

// maxSide bounds each side, so that width*height cannot overflow.
const maxSide = 1 << 16

// Image is a decoded greyscale image, one byte a pixel, row by row.
type Image struct {
	Width, Height int
	Pix           collections.Vec[byte]
}

// Decode decodes data into img, whose pixels are charged to img.Pix's
// budget. When the budget refuses, it returns the *collections.AllocError
// and img holds no pixels.
//
//fallible:strict
func Decode(img *Image, data []byte) error {
	img.Pix.Clear()
	var h header
	rest, ok := h.parse(data)
	if !ok {
		return ErrFormat
	}
	n := h.width * h.height
	if err := img.Pix.TryReserveExact(n); err != nil {
		return err
	}
	if len(rest) < n {
		return ErrShort
	}
	if err := img.Pix.TryAppendSlice(rest[:n]); err != nil {
		return err
	}
	img.Width, img.Height = h.width, h.height
	return nil
}

type header struct{ width, height, maxval int }

// parse reads "P5 WIDTH HEIGHT MAXVAL" and the single white-space byte
// after it, and returns the pixel data that follows.
//
//fallible:strict
func (h *header) parse(data []byte) ([]byte, bool) {
	if len(data) < 2 || data[0] != 'P' || data[1] != '5' {
		return nil, false
	}
	data = data[2:]
	for _, field := range []*int{&h.width, &h.height, &h.maxval} {
		var ok bool
		if *field, data, ok = number(data); !ok {
			return nil, false
		}
	}
	if h.width == 0 || h.height == 0 || h.width > maxSide || h.height > maxSide ||
		h.maxval == 0 || h.maxval > 255 || len(data) == 0 || !space(data[0]) {
		return nil, false
	}
	return data[1:], true
}

// number skips white space and comments, then reads a decimal number of at
// most six digits.
//
//fallible:strict
func number(data []byte) (n int, rest []byte, ok bool) {
	for len(data) > 0 && (space(data[0]) || data[0] == '#') {
		if data[0] == '#' {
			for len(data) > 0 && data[0] != '\n' {
				data = data[1:]
			}
			continue
		}
		data = data[1:]
	}
	digits := 0
	for len(data) > 0 && '0' <= data[0] && data[0] <= '9' && digits < 6 {
		n = n*10 + int(data[0]-'0')
		data, digits = data[1:], digits+1
	}
	return n, data, digits > 0
}

func space(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Thumbnail scales img down into dst, a width × height image, averaging
// the pixels that fall into each destination pixel. It allocates nothing:
// dst is the caller's.
//
//fallible:strict
func (img *Image) Thumbnail(dst []byte, width, height int) {
	pix := img.Pix.Slice()
	for y := range height {
		y0, y1 := y*img.Height/height, max((y+1)*img.Height/height, y*img.Height/height+1)
		for x := range width {
			x0, x1 := x*img.Width/width, max((x+1)*img.Width/width, x*img.Width/width+1)
			sum, count := 0, 0
			for sy := y0; sy < y1; sy++ {
				for sx := x0; sx < x1; sx++ {
					sum += int(pix[sy*img.Width+sx])
					count++
				}
			}
			dst[y*width+x] = byte(sum / count)
		}
	}
}
