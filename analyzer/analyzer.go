package analyzer

import (
	_ "embed"
	"fmt"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/nofallalloc/nofallalloc/annotations"
	"github.com/nofallalloc/nofallalloc/effects"
)

//go:embed doc.go
var doc string

// Analyzer reports infallible allocations reachable from strict functions.
var Analyzer = &analysis.Analyzer{
	Name:       "nofallalloc",
	Doc:        analysisDoc(doc),
	URL:        "https://pkg.go.dev/github.com/nofallalloc/nofallalloc/analyzer",
	Requires:   []*analysis.Analyzer{buildssa.Analyzer},
	FactTypes:  []analysis.Fact{new(packageSummaries), new(typeSummaries), new(Failure), new(contract)},
	ResultType: reflect.TypeFor[*Summaries](),
	Run:        run,
}

// Summaries is the analyzer's result: the summaries of all of the
// package's functions, those that no other package can call and the
// facts therefore leave out included (see effects.Result.Exports). It is
// nil for a package the analyzer failed on.
type Summaries struct{ model *effects.Result }

// All calls yield for each function of the package that has a summary,
// as effects.Result.Summaries gives them.
func (s *Summaries) All(yield func(*types.Func, *effects.Summary)) {
	s.model.Summaries(yield)
}

// config is the analyzer's configuration. Every driver sets it the same
// way, through Analyzer.Flags, and each run reads it once, at its start,
// and passes it down: nothing deeper reads a flag.
type config struct {
	strictPatterns string
	panicPaths     bool
	sites          bool
	compilerLogDir string
	inlining       bool
	suggest        bool
	assumptions    bool
	std            stdSummariesFlag
}

// flags holds the values Analyzer.Flags sets.
var flags config

func init() {
	Analyzer.Flags.StringVar(&flags.strictPatterns, "strict", "", "comma-separated package `patterns` whose functions are all strict, as if the package doc said //fallible:strict: an import path, PATH/... for the package and everything below it, ./DIR or ./DIR/... in the module's root, or std for the standard library")
	Analyzer.Flags.BoolVar(&flags.panicPaths, "panic-paths", false, "also report allocations on paths that can only end in a panic or os.Exit")
	Analyzer.Flags.StringVar(&flags.compilerLogDir, "compiler-log", "", "`directory` of the compiler's escape decisions, one file per package, as nofallalloc -confirm=compiler writes it: for those packages' own sites the analyzer follows the compiler's escape analysis instead of its own")
	Analyzer.Flags.BoolVar(&flags.inlining, "inlining", false, "assume the build inlines as go build does by default (nofallalloc -confirm=compiler sets it): a function that the compiler surely inlines leaves what it passes to calls of its func-typed parameters to the function its callers pass. Without it the answers hold for any build, -gcflags=-l included")
	Analyzer.Flags.Var(&flags.std, "std-summaries", "`file` of standard-library summaries made by nofallalloc -export-std, for drivers that do not run the analyzer on the standard library (Bazel nogo): a standard package without facts is answered from it")
	Analyzer.Flags.BoolVar(&flags.sites, "sites", false, "report every direct heap allocation site of every function, as \"KIND in FUNC\", instead of checking strict functions")
	Analyzer.Flags.BoolVar(&flags.suggest, "suggest", false, "instead of checking strict functions, list those that could be marked //fallible:strict as they are, and those one or two allocations away with the fix of each")
	Analyzer.Flags.BoolVar(&flags.assumptions, "assumptions", false, "instead of checking strict functions, list every //fallible:allow and //fallible:trusted with its reason and what it hides")
}

// contract marks an interface method or named func type that carries an
// effect contract, for the packages that call through it or convert to it.
type contract struct{}

func (*contract) AFact() {}

func (*contract) String() string { return "contract" }

func run(pass *analysis.Pass) (result any, err error) {
	cfg := flags
	pass = withSourcePositions(pass)
	defer func() {
		// One package's internal failure is a diagnostic, not the end of
		// the whole run.
		if v := recover(); v != nil {
			Failed(pass, PanicError(v))
			result = (*Summaries)(nil)
		}
	}()
	reportFailedDependencies(pass)
	ssaInfo := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	decisions, err := compilerDecisions(pass, cfg.compilerLogDir)
	if err != nil {
		return nil, err
	}
	dirs, dirErrs := annotations.Parse(pass.Fset, pass.Files, pass.TypesInfo)
	for _, e := range dirErrs {
		report(pass, e.Pos, CategoryDirective, e.Msg)
	}
	deps := newDependencies(pass, cfg.std.table)
	defer func() {
		// A fact that could not be read was taken to allocate; say so.
		if err == nil {
			err = deps.err
		}
	}()
	model := effects.Analyze(&effects.Config{
		Fset:       pass.Fset,
		Pkg:        pass.Pkg,
		Files:      pass.Files,
		Info:       pass.TypesInfo,
		Funcs:      sourceFuncs(ssaInfo),
		Sizes:      pass.TypesSizes,
		Directives: dirs,
		Imported:   deps.imported,
		Assembly:   assemblyFuncs(pass),
		PanicPaths: cfg.panicPaths,
		Inlining:   cfg.inlining,
		Contract: func(obj types.Object) bool {
			return dirs.Contract(obj) != nil || obj.Pkg() != pass.Pkg && pass.ImportObjectFact(obj, new(contract))
		},
		Compiler: decisions,
	})
	for _, obj := range dirs.Contracts() {
		if obj.Parent() == nil || obj.Parent() == pass.Pkg.Scope() { // what importers can name
			pass.ExportObjectFact(obj, new(contract))
		}
	}
	// A command's too, as its external test package imports it; not the
	// main package that go test generates to run a package's tests
	// (PATH.test), which nothing imports.
	if !(pass.Pkg.Name() == "main" && strings.HasSuffix(pass.Pkg.Path(), ".test")) {
		exportSummaries(pass, deps.incomplete, model.Exports)
	}

	summaries := &Summaries{model}
	if cfg.sites {
		reportSites(pass, model)
		return summaries, nil
	}
	strictPkg, err := packageStrict(pass, dirs, cfg.strictPatterns)
	if err != nil {
		return nil, err
	}
	c := &checker{pass: pass, model: model, dirs: dirs, strictPkg: strictPkg, panicPaths: cfg.panicPaths, deps: deps}
	switch {
	case cfg.suggest:
		c.reportSuggestions()
		return summaries, nil
	case cfg.assumptions:
		c.reportAssumptions()
		return summaries, nil
	}
	for _, fn := range model.Functions() {
		if c.strict(fn) {
			c.check(fn)
		}
		if fn.Pkg != nil && fn.Pkg.Pkg == pass.Pkg {
			c.checkContracts(fn)
		}
	}
	c.reportUnseen()
	for _, a := range dirs.UnusedAllows() {
		report(pass, a.Pos, CategoryUnusedAllow, "//fallible:allow exempts nothing on its line: remove it")
	}
	return summaries, nil
}

// sourceFuncs are the package's functions and, for the -sites inventory
// and the allows on their lines, the initialiser of its package variables.
func sourceFuncs(info *buildssa.SSA) []*ssa.Function {
	funcs := info.SrcFuncs
	if init := info.Pkg.Func("init"); init != nil && init.Blocks != nil {
		funcs = append(slices.Clip(funcs), init)
	}
	return funcs
}

// analysisDoc extracts the user documentation from doc.go's package
// comment.
func analysisDoc(src string) string {
	var lines []string
	for line := range strings.Lines(src) {
		if !strings.HasPrefix(line, "//") {
			break
		}
		lines = append(lines, strings.TrimPrefix(strings.TrimPrefix(strings.TrimRight(line, "\n"), "//"), " "))
	}
	text := strings.Join(lines, "\n")
	if i := strings.Index(text, "# Analyzer nofallalloc\n\n"); i >= 0 {
		text = text[i+len("# Analyzer nofallalloc\n\n"):]
	}
	return strings.TrimSpace(text)
}

// packageStrict reports whether every function of the package is strict,
// by its doc comment or by the -strict flag.
func packageStrict(pass *analysis.Pass, dirs *annotations.Index, strictPatterns string) (bool, error) {
	if dirs.PackageStrict() != nil {
		return true, nil
	}
	module := ""
	if pass.Module != nil {
		module = pass.Module.Path
	}
	return matchesAny(strictPatterns, pass.Pkg.Path(), module)
}

// assemblyFuncs returns the package-level functions the package's
// assembly files define.
func assemblyFuncs(pass *analysis.Pass) map[string]bool {
	names := map[string]bool{}
	for _, f := range pass.OtherFiles {
		if !strings.HasSuffix(f, ".s") {
			continue
		}
		src, err := pass.ReadFile(f)
		if err != nil {
			continue
		}
		for _, name := range effects.AssemblyFuncs(src, pass.Pkg.Path()) {
			names[name] = true
		}
	}
	return names
}

func reportSites(pass *analysis.Pass, model *effects.Result) {
	for _, fn := range model.Functions() {
		if fn.Pkg == nil || fn.Pkg.Pkg != pass.Pkg {
			continue
		}
		for _, s := range model.Sites(fn) {
			report(pass, s.Pos, CategorySite, fmt.Sprintf("%s in %s", s.Kind, model.Name(fn)))
		}
	}
}
