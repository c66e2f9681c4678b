package pgm

import (
	"errors"
	"strings"

	"github.com/nofallalloc/nofallalloc/collections"
)

// Preview draws the image in data as text of width × height characters
// between bars,
// decoding it under budget; a file that is malformed or too large for the
// budget gets a one-line placeholder instead. It is the application's
// ordinary code around the fallible decoder: it allocates as it likes.
func Preview(data []byte, budget *collections.Budget, width, height int) string {
	var img Image
	img.Pix.SetBudget(budget)
	defer img.Pix.Release()
	if err := Decode(&img, data); err != nil {
		if errors.Is(err, collections.ErrBudgetExceeded) {
			return "[image too large to preview]\n"
		}
		return "[" + err.Error() + "]\n"
	}
	thumb := make([]byte, width*height)
	img.Thumbnail(thumb, width, height)
	const ramp = " .:-=+*#%@" // dark to light
	var b strings.Builder
	for y := range height {
		b.WriteByte('|')
		for _, p := range thumb[y*width : (y+1)*width] {
			b.WriteByte(ramp[int(p)*len(ramp)/256])
		}
		b.WriteString("|\n")
	}
	return b.String()
}
