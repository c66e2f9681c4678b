package helper

// File reads through Retrying, as (*os.File).Read reads through
// (*poll.FD).Read and ignoringEINTRIO.
type File struct{ fd int } // want File:`^methods analysed; ReadKept: leaks\(heap:1\)$`

// Read passes Fill, which keeps nothing: p does not leak.
func (f *File) Read(p []byte) (int, error) { return Retrying(Fill, f.fd, p) }

// ReadKept passes Keep, which keeps p: p leaks.
func (f *File) ReadKept(p []byte) (int, error) { return Retrying(Keep, f.fd, p) } // want ReadKept:`^leaks\(heap:1\)$`

// Forward passes its own func-typed parameter on. The compiler inlines
// it, and Retrying into it, but the model's bound on its inlining cost
// counts the call of Retrying as the whole budget: p leaks.
func Forward(fn func(fd int, p []byte) (int, error), p []byte) (int, error) { // want Forward:`^leaks\(heap:1\) calls\(0\)$`
	return Retrying(fn, 0, p)
}
