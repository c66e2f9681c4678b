package effects

// Kind classifies an allocation: the contract's site kinds, plus the ways
// an effect reaches a function from outside its own body.
type Kind uint8

const (
	None        Kind = iota // no allocation
	MakeSlice               // make([]T, n)
	MakeMap                 // make(map[K]V)
	MakeChan                // make(chan T)
	New                     // new(T) that escapes or is too large for the stack
	Composite               // &T{...} or a slice literal that escapes
	Append                  // append that may grow its slice
	MapInsert               // m[k] = v, which may grow the map
	Concat                  // string concatenation
	Convert                 // string, []byte or []rune conversion that copies
	Box                     // a value converted to an interface that needs storage
	Closure                 // a function literal with captures that escapes
	Escape                  // a local variable moved to the heap
	Variadic                // a variadic argument slice that escapes
	MethodValue             // a method value (x.M) that escapes
	Go                      // a go statement
	Defer                   // a defer statement inside a loop
	Dynamic                 // a call through an interface or func value with unknown effect
	Bodyless                // a function without a Go body that may allocate
	Infallible              // a function marked //fallible:infallible
	Unanalysed              // a function of a package the analyzer failed on
	NotAnalysed             // a function of a package the driver never ran the analyzer on
	numKinds
)

var kindNames = [numKinds]string{
	None:        "none",
	MakeSlice:   "make-slice",
	MakeMap:     "make-map",
	MakeChan:    "make-chan",
	New:         "new",
	Composite:   "composite",
	Append:      "append",
	MapInsert:   "map-insert",
	Concat:      "concat",
	Convert:     "convert",
	Box:         "box",
	Closure:     "closure",
	Escape:      "escape",
	Variadic:    "variadic",
	MethodValue: "method-value",
	Go:          "go",
	Defer:       "defer",
	Dynamic:     "dynamic",
	Bodyless:    "bodyless",
	Infallible:  "infallible",
	Unanalysed:  "unanalysed",
	NotAnalysed: "not-analysed",
}

// String returns the kind's name as the -sites inventory prints it.
func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return "invalid"
}

var kindPhrases = [numKinds][2]string{
	None:        {"nothing", "allocates"},
	MakeSlice:   {"make", "allocates a slice"},
	MakeMap:     {"make", "allocates a map"},
	MakeChan:    {"make", "allocates a channel"},
	New:         {"new", "allocates on the heap"},
	Composite:   {"composite literal", "escapes to the heap"},
	Append:      {"append", "may grow the slice"},
	MapInsert:   {"map insertion", "may grow the map"},
	Concat:      {"string concatenation", "allocates"},
	Convert:     {"conversion", "copies to a new allocation"},
	Box:         {"conversion to interface", "allocates"},
	Closure:     {"function literal", "escapes to the heap"},
	Escape:      {"variable", "is moved to the heap"},
	Variadic:    {"variadic argument slice", "escapes to the heap"},
	MethodValue: {"method value", "escapes to the heap"},
	Go:          {"go statement", "allocates a goroutine"},
	Defer:       {"defer in a loop", "allocates a defer record"},
	Dynamic:     {"dynamic call", "may allocate"},
	Bodyless:    {"function without a Go body", "may allocate"},
	Infallible:  {"function marked //fallible:infallible", "allocates or panics"},
	Unanalysed:  {"function that nofallalloc failed to analyse", "may allocate"},
	NotAnalysed: {"function of a package that was not analysed", "may allocate"},
}

// Subject names the operation as the subject of a diagnostic: "append".
func (k Kind) Subject() string {
	if k < numKinds {
		return kindPhrases[k][0]
	}
	return "invalid allocation kind"
}

// Effect is the predicate that completes Subject: "may grow the slice".
func (k Kind) Effect() string {
	if k < numKinds {
		return kindPhrases[k][1]
	}
	return "is not a known allocation"
}
