package effects

import (
	"go/types"
	"slices"
	"testing"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"

	"github.com/nofallalloc/nofallalloc/annotations"
	"github.com/nofallalloc/nofallalloc/internal/ssatest"
)

// benchPackages are the roots of BenchmarkPackages: the runtime, the
// largest package a driver analyses and the one whose process peaks in
// memory under go vet, and a few packages that cover std's common code.
var benchPackages = []string{"runtime", "fmt", "strconv", "encoding/json", "net/http"}

// BenchmarkPackages runs the model over benchPackages and all their
// dependencies in one process, dependencies first, each package seeing
// the summaries its dependencies exported, as a driver would: the cost of
// the model alone (its CPU and, with -benchmem, its allocations), since
// loading, type checking and building SSA happen once, before the timer.
// Profile it with -cpuprofile and -memprofile.
func BenchmarkPackages(b *testing.B) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Env: bodylessEnv}
	roots, err := packages.Load(cfg, benchPackages...)
	if err != nil {
		b.Fatal(err)
	}
	if packages.PrintErrors(roots) > 0 {
		b.Fatal("packages do not load")
	}
	var configs []*Config
	imported := map[*types.Func]*Summary{}
	packages.Visit(roots, nil, func(p *packages.Package) {
		ssaPkg := buildSSA(p)
		funcs := ssatest.SourceFuncs(ssaPkg, p.Syntax, p.TypesInfo)
		if init := ssaPkg.Func("init"); init != nil && init.Blocks != nil {
			funcs = append(funcs, init)
		}
		dirs, _ := annotations.Parse(p.Fset, p.Syntax, p.TypesInfo)
		configs = append(configs, &Config{
			Fset:       p.Fset,
			Pkg:        p.Types,
			Files:      p.Syntax,
			Info:       p.TypesInfo,
			Funcs:      funcs,
			Sizes:      p.TypesSizes,
			Directives: dirs,
			Imported:   func(fn *types.Func) *Summary { return imported[fn] },
		})
	})
	analyze := func(c *Config) {
		Analyze(c).Exports(func(fn *types.Func, s *Summary) { imported[fn] = s })
	}
	b.Run("all", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			clear(imported)
			for _, c := range configs {
				analyze(c)
			}
		}
		b.ReportMetric(float64(len(configs)), "packages")
	})
	// The runtime alone, its dependencies' summaries known.
	b.Run("runtime", func(b *testing.B) {
		runtime := slices.IndexFunc(configs, func(c *Config) bool { return c.Pkg.Path() == "runtime" })
		clear(imported)
		for _, c := range configs[:runtime] {
			analyze(c)
		}
		b.ReportAllocs()
		for b.Loop() {
			analyze(configs[runtime])
		}
	})
}

// buildSSA builds p's SSA as buildssa does: a program of its own, in
// which the packages it imports have no bodies.
func buildSSA(p *packages.Package) *ssa.Package {
	prog := ssa.NewProgram(p.Fset, ssa.BuilderMode(0))
	for _, imp := range p.Types.Imports() {
		prog.CreatePackage(imp, nil, nil, true)
	}
	ssaPkg := prog.CreatePackage(p.Types, p.Syntax, p.TypesInfo, false)
	ssaPkg.Build()
	return ssaPkg
}
