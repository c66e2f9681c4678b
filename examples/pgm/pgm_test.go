package pgm_test

import (
	"fmt"
	"testing"

	"github.com/nofallalloc/nofallalloc/allocstest"
	"github.com/nofallalloc/nofallalloc/collections"
	"github.com/nofallalloc/nofallalloc/examples/pgm"
)

// gradient returns a PGM file of width × height pixels, dark on the left
// and light on the right.
func gradient(width, height int) []byte {
	file := fmt.Appendf(nil, "P5\n# a gradient\n%d %d\n255\n", width, height)
	for range height {
		for x := range width {
			file = append(file, byte(x*255/(width-1)))
		}
	}
	return file
}

func TestDecode(t *testing.T) {
	var img pgm.Image
	defer img.Pix.Release()
	if err := pgm.Decode(&img, gradient(64, 32)); err != nil {
		t.Fatal(err)
	}
	if img.Width != 64 || img.Height != 32 || img.Pix.Len() != 64*32 || img.Pix.At(63) != 255 {
		t.Errorf("decoded %d×%d, %d pixels, last of the first row %d", img.Width, img.Height, img.Pix.Len(), img.Pix.At(63))
	}
}

func TestDecodeMalformed(t *testing.T) {
	for _, tc := range []struct {
		file string
		want error
	}{
		{"P6 1 1 255\n\x00", pgm.ErrFormat},
		{"P5 1 1 256\n\x00", pgm.ErrFormat},
		{"P5 0 1 255\n", pgm.ErrFormat},
		{"P5 70000 1 255\n", pgm.ErrFormat},
		{"P5 2 2 255", pgm.ErrFormat},
		{"P5 2 2 255\n\x00\x00\x00", pgm.ErrShort},
	} {
		var img pgm.Image
		if err := pgm.Decode(&img, []byte(tc.file)); err != tc.want {
			t.Errorf("Decode(%q) = %v, want %v", tc.file, err, tc.want)
		}
	}
}

// TestPreviewOfAHugeImage: the header claims 60000 × 60000 pixels, 3.6 GB.
// The decoder asks its 1 MiB budget, which refuses; the application shows
// a placeholder and carries on.
func TestPreviewOfAHugeImage(t *testing.T) {
	budget := collections.NewBudget(nil, 1<<20)
	hostile := []byte("P5 60000 60000 255\n\x00\x00\x00\x00")
	if got := pgm.Preview(hostile, budget, 8, 4); got != "[image too large to preview]\n" {
		t.Errorf("Preview of a 3.6 GB image: %q", got)
	}
	if budget.Used() != 0 {
		t.Errorf("%d bytes still drawn from the budget", budget.Used())
	}
	if got := pgm.Preview(gradient(64, 32), budget, 8, 1); got != "| .-=+*%@|\n" {
		t.Errorf("after the refusal, Preview of a gradient: %q", got)
	}
}

// TestDecodeHandlesEveryAllocationFailure fails each budget request of a
// decode in turn: each must come back as an error.
func TestDecodeHandlesEveryAllocationFailure(t *testing.T) {
	file := gradient(64, 32)
	allocstest.Faults(t, func(b *collections.Budget) error {
		var img pgm.Image
		img.Pix.SetBudget(b)
		defer img.Pix.Release()
		return pgm.Decode(&img, file)
	})
}

// TestDecodeAllocatesNothingOnceReserved: decoding into an image that
// already has room, and scaling it down, allocate nothing, as the analyzer
// says of the strict functions.
func TestDecodeAllocatesNothingOnceReserved(t *testing.T) {
	file := gradient(64, 32)
	var img pgm.Image
	defer img.Pix.Release()
	if err := img.Pix.TryReserveExact(64 * 32); err != nil {
		t.Fatal(err)
	}
	thumb := make([]byte, 8*4)
	allocstest.Zero(t, func() {
		if err := pgm.Decode(&img, file); err != nil {
			panic(err)
		}
		img.Thumbnail(thumb, 8, 4)
	})
}

func ExamplePreview() {
	budget := collections.NewBudget(nil, 1<<20)
	fmt.Print(pgm.Preview(gradient(40, 20), budget, 20, 2))
	fmt.Print(pgm.Preview([]byte("P5 60000 60000 255\n"), budget, 20, 2))
	fmt.Print(pgm.Preview([]byte("GIF89a"), budget, 20, 2))
	// Output:
	// |  ..::--==++**##%%@@|
	// |  ..::--==++**##%%@@|
	// [image too large to preview]
	// [pgm: not a binary PGM (P5) file]
}
