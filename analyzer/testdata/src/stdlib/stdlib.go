// Package stdlib calls the standard library from strict functions: the // want package:"analysed"
// analyzer follows facts into std, so the functions that allocate are
// reported with their chain and those that do not are clean.
package stdlib

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	n       = 1000
	str     = "a string that is longer than thirty-two bytes"
	buf     = []byte("a byte slice that is longer than thirty-two bytes")
	other   = []byte("a byte slice that is longer than thirty-two bytez")
	ints    = []int{5, 3, 1, 4, 2}
	sinkStr string
	sinkInt int
	sinkB   bool
	sinkErr error
	sinkR   rune
	sinkU   uint32
)

//fallible:strict
func Sprintf() { // want Sprintf:"allocates\\(box\\)"
	sinkStr = fmt.Sprintf("%d", n) // want `strict function Sprintf calls fmt.Sprintf, which may allocate: fmt.Sprintf → .*`
}

//fallible:strict
func Itoa() { // want Itoa:"allocates\\(convert via strconv.Itoa, 3 hops\\)"
	sinkStr = strconv.Itoa(n) // want `strict function Itoa calls strconv.Itoa, which may allocate: strconv.Itoa → .*`
}

//fallible:strict
func SortSlice() { // want SortSlice:"allocates\\(box\\)"
	sort.Slice(ints, func(i, j int) bool { return ints[i] < ints[j] }) // want `strict function SortSlice calls sort.Slice, which may allocate: sort.Slice → .*`
}

//fallible:strict
func Repeat() { // want Repeat:"allocates\\(.* via strings.Repeat, .*\\)"
	sinkStr = strings.Repeat(str, 3) // want `strict function Repeat calls strings.Repeat, which may allocate: strings.Repeat → .*`
}

//fallible:strict
func ErrorsNew() { // want ErrorsNew:"allocates\\(composite via errors.New, 1 hops\\)"
	sinkErr = errors.New(str) // want `strict function ErrorsNew calls errors.New, which may allocate: errors.New → composite literal at errors.go:\d+ escapes to the heap`
}

//fallible:strict
func IndexByte() {
	sinkInt = strings.IndexByte(str, 'y')
}

//fallible:strict
func Equal() {
	sinkB = bytes.Equal(buf, other)
}

//fallible:strict
func SortInts() {
	slices.Sort(ints)
}

//fallible:strict
func DecodeRune() {
	sinkR, sinkInt = utf8.DecodeRune(buf)
}

//fallible:strict
func BigEndian() {
	sinkU = binary.BigEndian.Uint32(buf)
}

// Higher-order functions are charged with what they are given: these pass
// clean functions and literals, so they are clean.

//fallible:strict
func TrimSpace() {
	sinkStr = strings.TrimSpace(str)
}

//fallible:strict
func IndexFunc() {
	sinkInt = strings.IndexFunc(str, unicode.IsUpper)
}

//fallible:strict
func Search() {
	sinkInt = sort.Search(len(ints), func(i int) bool { return ints[i] >= n })
}

//fallible:strict
func SortFunc() {
	slices.SortFunc(ints, func(a, b int) int { return a - b })
}

// MapRunes passes a function that allocates to strings.Map, which also
// allocates itself.
//
//fallible:strict
func MapRunes() { // want MapRunes:"allocates\\(.*\\)"
	sinkStr = strings.Map(upper, str) // want `strict function MapRunes calls strings.Map, which may allocate` `strict function MapRunes calls strings.Map with upper, which may allocate: upper → .*`
}

var seen []rune

func upper(r rune) rune { // want upper:"allocates\\(append\\)"
	seen = append(seen, r)
	return unicode.ToUpper(r)
}
