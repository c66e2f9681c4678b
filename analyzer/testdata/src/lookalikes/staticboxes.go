package lookalikes

// Look-alikes of kinds/staticboxes.go: constants and literals of constants
// that the compiler lays out in static data, at the conversion or
// through a variable defined once and never written again, and zero or
// small values that the runtime's conversion keeps in static memory.

type (
	triple  struct{ a, b, c int64 }
	pair32  struct{ a, b int32 }
	errCode string            // want errCode:"methods analysed"
	word    struct{ a int64 } // convT64
)

func (e errCode) Error() string { return string(e) } // want Error:"leaks\\(result:0\\)"

var sinkErr error

//fallible:strict
func BoxZeroLiteral() {
	sinkAny = triple{}
}

//fallible:strict
func BoxLiteralOfConstants() {
	sinkAny = triple{a: 1}
}

//fallible:strict
func BoxLiteralThroughVar() {
	x := triple{a: 1}
	sinkAny = x
}

//fallible:strict
func BoxPairLiteralThroughVar() {
	var p = pair32{1, 2}
	sinkAny = p
}

//fallible:strict
func BoxConstantThroughVar() {
	x := 1000
	y := x
	sinkAny = y
}

//fallible:strict
func BoxConstantStringThroughVar() {
	x := "a constant string longer than thirty-two bytes"
	sinkAny = x
}

//fallible:strict
func BoxZeroInt() {
	var x int
	sinkAny = x
}

//fallible:strict
func BoxZeroWord() {
	var w word
	sinkAny = w
}

//fallible:strict
func BoxZeroString() {
	var s string
	sinkAny = s
}

//fallible:strict
func BoxZeroNewInt32() {
	sinkAny = *new(int32)
}

//fallible:strict
func BoxZeroNewSlice() {
	sinkAny = *new([]byte)
}

// A small constant in a variable assigned again: convT64 keeps values
// below 256 in static memory.
//
//fallible:strict
func BoxSmallReassignedConstant() {
	x := 200
	sinkAny = x
	x = 100
	sinkInt = x
}

// The constant reaches the interface variable through a merge; no
// variable of its type could have held it, so it is converted where it
// is written: static data.
//
//fallible:strict
func BoxConstantMerged() {
	var err error
	if n > 0 {
		err = errCode("a constant error message")
	}
	sinkErr = err
}

// The constants are elements of a literal, where the model finds them,
// though an int variable that the compiler does not follow could have
// held one.
//
//fallible:strict
func BoxConstantElement() {
	k := 1
	if n > 0 {
		k = 2
	}
	sinkInt = k
	vals := [2]any{1000, nil}
	sinkAny = vals[n%2]
}

// A byte as the sole component of a struct is served by the runtime's
// table of bytes.
//
//fallible:strict
func BoxWrappedByte() {
	sinkAny = struct{ b byte }{byteVar}
}
