package analyzer

import (
	"go/token"

	"golang.org/x/tools/go/analysis"

	"github.com/nofallalloc/nofallalloc/effects"
	"github.com/nofallalloc/nofallalloc/internal/escapelog"
)

// compilerDecisions returns the compiler's escape decisions for the
// package's own code from the -compiler-log directory logDir; nil when
// the flag is not set or the log has nothing for the package (a dependency), so
// that the model decides alone.
func compilerDecisions(pass *analysis.Pass, logDir string) (*effects.CompilerDecisions, error) {
	if logDir == "" {
		return nil, nil
	}
	log, err := escapelog.ReadDir(logDir, pass.Pkg.Path())
	if err != nil || log == nil {
		return nil, err
	}
	files := map[string]*token.File{}
	for _, f := range pass.Files {
		tf := pass.Fset.File(f.Pos())
		files[tf.Name()] = tf
	}
	cd := new(effects.CompilerDecisions)
	for _, name := range log.Files {
		if tf := files[name]; tf != nil {
			cd.Files = append(cd.Files, tf)
		}
	}
	for _, e := range log.Entries {
		tf := files[e.File]
		if tf == nil || e.Line < 1 || e.Line > tf.LineCount() {
			continue // a file of another build configuration
		}
		offset := tf.Offset(tf.LineStart(e.Line)) + e.Col - 1
		if offset < 0 || offset > tf.Size() {
			continue
		}
		// A heap decision about a constant or an empty slice is no
		// allocation: it must not become a site where the model has none
		// (in code inlined from this package, reported at the call).
		free := e.Free()
		heap := e.Heap && free == ""
		empty := e.Heap && free == escapelog.ZeroLength
		cd.Decisions = append(cd.Decisions, effects.EscapeDecision{Pos: tf.Pos(offset), Kind: e.Kind, Heap: heap, EmptyBoxed: empty, ZeroCopy: e.ZeroCopy, Inlined: e.Inlined || e.MaybeInlined})
	}
	for _, c := range log.Code {
		if tf := files[c.File]; tf != nil && c.Line >= 1 && c.Line <= tf.LineCount() {
			cd.Code = append(cd.Code, effects.CompiledLine{Pos: tf.LineStart(c.Line), Calls: c.Calls})
		}
	}
	return cd, nil
}
