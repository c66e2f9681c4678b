package lookalikes

//go:noinline
func advance(i *int) { *i += 2 }

// LoopVariableAddressPassed: the variable of a three-clause loop is
// copied for each iteration, and the compiler declares the copy inside
// the loop: its address, passed to a function that keeps nothing, does
// not outlive the iteration (yaml.v3's write_all: for i := 0; i <
// len(s); { write(emitter, s, &i) }).
//
//fallible:strict
func LoopVariableAddressPassed() {
	s := 0
	for i := 0; i < n; {
		advance(&i)
		s += i
	}
	sinkInt = s
}
