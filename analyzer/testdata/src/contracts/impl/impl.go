// Package impl implements api's contracts, and breaks them. // want package:"analysed"
package impl

import "contracts/api"

// Counter keeps the contract: Put does not allocate.
type Counter struct{ n, sum int }

func (c *Counter) Put(v int)    { c.n++; c.sum += v }
func (c *Counter) Name() string { return "counter" }

// Recorder breaks it: Put appends.
type Recorder struct{ seen []int } // want Recorder:"^methods analysed; Put: allocates\\(append\\) leaks\\(content:0\\)$"

func (r *Recorder) Put(v int)    { r.seen = append(r.seen, v) } // want Put:"allocates\\(append\\) leaks\\(content:0\\)"
func (r *Recorder) Name() string { return "recorder" }

var (
	counter  Counter
	recorder Recorder
	values   = []int{1, 2, 3}
	total    int
)

//fallible:strict
func UseCounter() {
	api.Fill(&counter, values)
}

func UseRecorder() {
	api.Fill(&recorder, values) // want `\*Recorder does not keep the contract of api.Sink.Put: \(\*Recorder\).Put → append at impl.go:\d+ may grow the slice`
}

//fallible:strict
func NameIsDynamic(s api.Sink) string { // want NameIsDynamic:"allocates\\(dynamic\\) leaks\\(heap:0\\)"
	return s.Name() // want `strict function NameIsDynamic calls method Name through interface api.Sink: the callee is not known statically and may allocate`
}

func small(v int) bool { total += v; return v < 10 }

func keep(v int) bool { values = append(values, v); return true } // want keep:"allocates\\(append\\)"

//fallible:strict
func VisitClean() {
	api.Each(values, small)
	api.Each(values, func(v int) bool { return v > 0 })
}

func VisitAllocating() {
	api.Each(values, keep) // want `keep does not keep the contract of api.Visitor: keep → append at impl.go:\d+ may grow the slice`
}

// putNamer has Sink's methods but not its contract.
type putNamer interface {
	Put(int)
	Name() string
}

func Rewrap(s putNamer) { // want Rewrap:"leaks\\(heap:0\\)"
	api.Fill(s, values) // want `the contract of api.Sink.Put cannot be checked for a value of interface type putNamer: only a concrete type or a known function can be converted to it`
}

func UseRecorderAllowed() {
	api.Fill(&recorder, values) //fallible:allow the recorder is sized for the values before this call
}

var stored func(int) bool

func VisitLiterals(limit int) { // want VisitLiterals:"allocates\\(append\\)"
	api.Each(values, func(v int) bool { return v < limit })
	api.Each(values, func(v int) bool { values = append(values, v); return true }) // want `VisitLiterals.func2 does not keep the contract of api.Visitor: VisitLiterals.func2 → append at impl.go:\d+ may grow the slice`
	api.Each(values, stored)                                                       // want `the contract of api.Visitor cannot be checked for a function value from elsewhere: only a concrete type or a known function can be converted to it`
}

type holder struct{ sink api.Sink }

var (
	held  holder
	sinks = map[int]api.Sink{}
)

// A violation is reported where the value is converted: a struct field,
// a map store.
func StoreRecorder() { // want StoreRecorder:"allocates\\(map-insert\\)"
	held = holder{
		sink: &recorder, // want `\*Recorder does not keep the contract of api.Sink.Put: \(\*Recorder\).Put → append at impl.go:\d+ may grow the slice`
	}
	sinks[1] = &recorder // want `\*Recorder does not keep the contract of api.Sink.Put: \(\*Recorder\).Put → append at impl.go:\d+ may grow the slice`
}

// A variable of the contract's interface type declared with the value:
// the conversion is at the declaration, not at the variable's use.
func DeclareRecorder() {
	var s api.Sink = &recorder // want `\*Recorder does not keep the contract of api.Sink.Put: \(\*Recorder\).Put → append at impl.go:\d+ may grow the slice`
	held.sink = s
}
