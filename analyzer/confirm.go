package analyzer

import (
	"go/token"
	"go/types"

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
	summarised := map[*types.Package]bool{}
	for _, pf := range pass.AllPackageFacts() {
		if _, ok := pf.Fact.(*packageSummaries); ok {
			summarised[pf.Package] = true
		}
	}
	cd := &effects.CompilerDecisions{Summarised: func(p *types.Package) bool { return summarised[p] }}
	for _, name := range log.Files {
		if tf := files[name]; tf != nil {
			cd.Files = append(cd.Files, tf)
		}
	}
	for _, e := range log.Entries {
		pos, ok := position(files, e.File, e.Line, e.Col)
		if !ok {
			continue
		}
		// A heap decision about a constant or an empty slice is no
		// allocation: it must not become a site where the model has none
		// (in code inlined from this package, reported at the call).
		free := e.Free()
		heap := e.Heap && free == ""
		empty := e.Heap && free == escapelog.ZeroLength
		cd.Decisions = append(cd.Decisions, effects.EscapeDecision{Pos: pos, Kind: e.Kind, Heap: heap, EmptyBoxed: empty, ZeroCopy: e.ZeroCopy, Inlined: e.Inlined || e.MaybeInlined})
	}
	for _, c := range log.Code {
		if tf := files[c.File]; tf != nil && c.Line >= 1 && c.Line <= tf.LineCount() {
			cd.Code = append(cd.Code, effects.CompiledLine{Pos: tf.LineStart(c.Line), Calls: c.Calls})
		}
	}
	for _, c := range log.InlinedCalls {
		if pos, ok := position(files, c.File, c.Line, c.Col); ok {
			cd.InlinedCalls = append(cd.InlinedCalls, pos)
		}
	}
	for _, f := range log.Funcs {
		decl, ok := position(files, f.File, f.Line, 1)
		if !ok {
			continue
		}
		fn := effects.CompiledFunc{Pos: decl}
		for _, c := range f.Code {
			// A line of another file (code inlined from another
			// package) has no position.
			line, _ := position(files, c.File, c.Line, 1)
			fn.Lines = append(fn.Lines, effects.FuncLine{Pos: line, MayAllocate: len(c.Calls) > 0 || c.Dynamic || c.Static, Callees: c.Callees})
		}
		cd.Funcs = append(cd.Funcs, fn)
	}
	return cd, nil
}

// position returns the position of a file's 1-based line and column;
// false when the file is not among files or has no such place (a file
// of another build configuration).
func position(files map[string]*token.File, file string, line, col int) (token.Pos, bool) {
	tf := files[file]
	if tf == nil || line < 1 || line > tf.LineCount() {
		return token.NoPos, false
	}
	offset := tf.Offset(tf.LineStart(line)) + col - 1
	if offset < 0 || offset > tf.Size() {
		return token.NoPos, false
	}
	return tf.Pos(offset), true
}
