package helper

// File reads through Retrying, as (*os.File).Read reads through
// (*poll.FD).Read and ignoringEINTRIO.
type File struct{ fd int } // want File:`^methods analysed; ReadKept: leaks\(heap:1\)$`

// Read passes Fill, which keeps nothing: p does not leak.
func (f *File) Read(p []byte) (int, error) { return Retrying(Fill, f.fd, p) }

// ReadKept passes Keep, which keeps p: p leaks.
func (f *File) ReadKept(p []byte) (int, error) { return Retrying(Keep, f.fd, p) } // want ReadKept:`^leaks\(heap:1\)$`

// Forward passes its own func-typed parameter on: whether p leaks is
// its caller's to say, as the compiler inlines Forward and Retrying in
// it (the model's bound on Forward's inlining cost counts Retrying's).
func Forward(fn func(fd int, p []byte) (int, error), p []byte) (int, error) { // want Forward:`^calls\(0\) passes\(heap:1 to 0\[1\]\) passes\(result:1 returned by 0\[1\]\)$`
	return Retrying(fn, 0, p)
}
