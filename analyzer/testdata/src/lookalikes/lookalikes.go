// Package lookalikes has strict functions that look as if they allocate // want package:"analysed"
// but do not: the Go compiler keeps their values on the stack, in static
// data, or converts without copying. The analyzer must report none of them,
// and the runtime cross-check confirms that none allocates.
package lookalikes

var (
	n        = 100
	str      = "a string that is longer than thirty-two bytes"
	bytes    = []byte("a byte slice that is longer than thirty-two bytes")
	byteVar  byte
	boolVar  bool
	table    = map[string]int{"x": 1}
	sinkAny  any
	sinkInt  int
	sinkBool bool
	sinkPtr  *T
)

type T struct{ a, b int }

func (t *T) Sum() int { return t.a + t.b }

//fallible:strict
func CompareConverted() {
	sinkBool = string(bytes) == "x"
}

//fallible:strict
func SwitchConverted() {
	switch string(bytes) {
	case "a", "b":
		sinkInt = 1
	}
}

//fallible:strict
func LookupConverted() {
	sinkInt = table[string(bytes)]
}

//fallible:strict
func RangeConverted() {
	for _, c := range []byte(str) {
		sinkInt += int(c)
	}
}

//fallible:strict
func LenConverted() {
	sinkInt = len(string(bytes))
}

//fallible:strict
func ShortConstantBytes() {
	b := []byte("short")
	sinkInt = int(b[n%5])
}

//fallible:strict
func BoxConstant() {
	sinkAny = 1000
	sinkAny = "constant"
}

//fallible:strict
func BoxPointer() {
	sinkAny = sinkPtr
}

//fallible:strict
func BoxZeroSized() {
	sinkAny = struct{}{}
}

//fallible:strict
func BoxSingleByte() {
	sinkAny = byteVar
	sinkAny = boolVar
}

//fallible:strict
func BoxNotEscaping() {
	sinkBool = any(n) == any(n+1)
}

//fallible:strict
func SmallConstantMake() {
	b := make([]int, 16)
	b[n%16] = n
	sinkInt = b[3]
}

//fallible:strict
func SmallNew() {
	p := new(T)
	p.a = n
	sinkInt = p.Sum()
}

//fallible:strict
func LocalComposite() {
	p := &T{n, n}
	sinkInt = p.Sum()
}

func parse(b []byte) int {
	v := 0
	for _, c := range b {
		v = v*10 + int(c-'0')
	}
	return v
}

//fallible:strict
func LocalBuffer() {
	var buf [64]byte
	buf[0] = byte(n)
	sinkInt = parse(buf[:])
}

func identity(p *T) *T { return p } // want identity:"leaks\\(result:0\\)"

//fallible:strict
func ThroughIdentity() {
	p := &T{n, n}
	sinkInt = identity(p).a
}

//fallible:strict
func StaticClosure() {
	f := func() int { return n * 2 }
	sinkInt = f()
}

//fallible:strict
func LocalClosure() {
	x := n
	f := func() int { return x * 2 }
	sinkInt = f()
}

//fallible:strict
func CapturedByReference() {
	x := n
	func() { x++ }()
	sinkInt = x
}

//fallible:strict
func DeferOutsideLoop() {
	defer func() { sinkInt++ }()
	sinkInt = n
}

//fallible:strict
func LocalArrayOfPointers() {
	var ptrs [4]*T
	t := T{n, n}
	ptrs[n%4] = &t
	if p := ptrs[0]; p != nil {
		sinkInt = p.a
	}
}

//fallible:strict
func PanicWithConstant() {
	if n < 0 {
		panic("negative")
	}
}

var (
	room = make([]byte, 0, 64)
	vec  = holder{items: make([]int, 0, 8)}
)

type holder struct{ items []int } // want holder:"^methods analysed; Push: leaks\\(content:0\\)$"

// Push appends only after checking that there is room: the append never
// grows.
func (h *holder) Push(v int) bool { // want Push:"leaks\\(content:0\\)"
	if len(h.items) == cap(h.items) {
		return false
	}
	h.items = append(h.items, v)
	return true
}

//fallible:strict
func AppendAfterCapacityCheck() {
	if len(room) < cap(room) {
		room = append(room, byte(n))
	}
	room = room[:0]
	sinkBool = vec.Push(n)
	vec.items = vec.items[:0]
}

// A variable assigned before a closure captures it is captured by value
// (kinds.SelfCallingClosure assigns the closure to the variable it
// captures).
//
//fallible:strict
func AssignedBeforeCapture() {
	var x int
	x = n
	f := func() int { return x }
	sinkInt = f()
}
