package effects

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/nofallalloc/nofallalloc/annotations"
)

// Config is one package's input to the model.
type Config struct {
	Fset  *token.FileSet
	Pkg   *types.Package
	Files []*ast.File
	// Info is the type information of Files; it may be nil, and is used
	// only to place diagnostics.
	Info *types.Info
	// Funcs are the package's source functions, function literals
	// included (buildssa's SrcFuncs).
	Funcs []*ssa.Function
	Sizes types.Sizes
	// Directives are the package's parsed //fallible: directives.
	Directives *annotations.Index
	// Imported returns the summary a dependency exported for fn (an
	// origin, never an instantiation); nil means clean.
	Imported func(fn *types.Func) *Summary
	// Assembly names the package-level functions that the package's
	// assembly files define.
	Assembly map[string]bool
	// PanicPaths counts allocations on paths that can only panic.
	PanicPaths bool
	// Inlining assumes the build inlines as go build does by default: a
	// function the compiler surely inlines defers the calls of its
	// func-typed parameters to its callers (escape_inline.go). Without
	// it the model assumes nothing of inlining, and its answers hold for
	// any build, -gcflags=-l included.
	Inlining bool
	// Contract reports whether an interface method (*types.Func) or a
	// named func type (*types.TypeName) carries an effect contract, in
	// this package or another; nil when no contract is known.
	Contract func(types.Object) bool
	// Compiler holds the compiler's escape decisions for the package's
	// own code (confirm.go); nil: the model decides alone.
	Compiler *CompilerDecisions
}

// node is the model's state for one function with a body in this package
// (function literals and synthetic wrappers included).
type node struct {
	fn       *ssa.Function
	sum      Summary
	via      *ssa.Function // next function on the witness chain
	at       token.Pos     // the witness's position in this function
	findings []Finding
	sites    []Site
	loops    *loopForest // nil: fn has no loop
	live     []bool      // by block index: whether the block can run (deadcode.go)
	vars     []variable  // values assigned to one variable (escape_vars.go)
	callees  []*node     // functions of this package that fn calls or refers to

	index, lowlink int // Tarjan's bookkeeping
	onStack        bool
	settled        bool // the component of fn is solved: its summary is final

	marked  Kind // the kind fn has whatever its body says (fixed)
	trusted bool // fn is clean whatever its body says (fixed)
}

// Result is the model of one package.
type Result struct {
	cfg   *Config
	nodes map[*ssa.Function]*node
	order []*node // dependencies first

	linknames map[string]string // local name → linkname target
	noescape  map[string]bool
	// tablesNamePkg says whether the tables of functions with a body name
	// functions of this package (tablesNameFunctionsOf).
	tablesNamePkg bool
	pos           *positions
	byObject      map[*types.Func]*ssa.Function // this package's functions, built on first use
	prog          *ssa.Program
	varUses       varUses                     // what the package's functions do with its variables, collected by add
	held          map[*ssa.Global][]ssa.Value // what the package's resolvable func and interface variables hold (funcvars.go)
	compiler      *compilerLog
	vars          *varFinder                   // reused for every function (escape_vars.go)
	summaries     func(*ssa.Function) *Summary // summaryOf, made once for every escape graph
	refs          []*ssa.Function              // add's, for the functions being added
	ops           []*ssa.Value                 // an instruction's operands, reused for every instruction
	// found holds the arrays that find gathers a function's findings
	// and sites in, reused for every function.
	found struct {
		findings []Finding
		sites    []Site
	}
	// spareGraph is the memory of the last escape graph released
	// (escape.go).
	spareGraph *graphMemory
	// escape is the result of the escape analysis alive, the one that
	// analyzeEscape returns until it is released.
	escape escapeResult
}

// Analyze builds the model of one package: escape, sites and summaries of
// every function, solved bottom-up over the call graph's strongly
// connected components.
func Analyze(cfg *Config) *Result {
	r := &Result{
		cfg:   cfg,
		nodes: make(map[*ssa.Function]*node, len(cfg.Funcs)),
		pos:   newPositions(cfg.Files, cfg.Info),
		vars:  newVarFinder(cfg.Info),
	}
	r.summaries = r.summaryOf
	r.compiler = newCompilerLog(cfg.Fset, cfg.Files, cfg.Compiler)
	r.linknames, r.noescape = compilerDirectives(cfg.Files)
	r.tablesNamePkg = tablesNameFunctionsOf(cfg.Pkg.Path())
	for _, fn := range cfg.Funcs {
		r.add(fn)
	}
	r.held = r.varUses.held()
	r.solveComponents()
	return r
}
