package effects

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"

	"github.com/nofallalloc/nofallalloc/annotations"
	"github.com/nofallalloc/nofallalloc/internal/ssatest"
)

// BenchmarkScale runs the model over generated packages of growing size:
// one function of many statements, and one file of many small functions.
// The cost per statement, or per function, must stay flat as the size
// doubles; one that grows with it is a walk that is not linear.
//
// Every run analyzes the same amount of code, the largest size's, in as
// many packages as it takes (four of a quarter of it, two of half of it,
// one): a package analyzed over and over stays in the processor's caches
// when it is small and not when it is large, which made the smallest
// size look cheaper per unit for no reason of the model's.
//
// Each size reports its wall time per unit and, where the system says,
// the process's CPU time per unit (cpu-ns), user and system, the
// collector's included: on a machine shared with other jobs the wall
// clock measures them as much as the model.
func BenchmarkScale(b *testing.B) {
	benchmarkShapes(b, func(cfg *Config) { Analyze(cfg) })
}

// BenchmarkScaleReference is BenchmarkScale's control: over the same
// packages, the least any analysis keyed by SSA value does, one linear
// walk that numbers every value in a map and looks up every operand.
// What its cost per unit grows by from the smallest size to the largest
// is the memory hierarchy's (a large function's values and maps no
// longer fit in the processor's caches), not an algorithm's, and is the
// growth against which the model's is to be read.
func BenchmarkScaleReference(b *testing.B) {
	benchmarkShapes(b, func(cfg *Config) {
		ids := map[ssa.Value]int32{}
		var operands []*ssa.Value
		for _, fn := range cfg.Funcs {
			for _, blk := range fn.Blocks {
				for _, ins := range blk.Instrs {
					if v, ok := ins.(ssa.Value); ok {
						ids[v] = int32(len(ids))
					}
					operands = ins.Operands(operands[:0])
					for _, op := range operands {
						if *op != nil {
							_ = ids[*op]
						}
					}
				}
			}
			clear(ids)
		}
	})
}

func benchmarkShapes(b *testing.B, analyze func(*Config)) {
	shapes := []struct {
		unit  string
		sizes []int
		src   func(n int) string
	}{
		{"statement", []int{12500, 25000, 50000}, longFunction},
		{"function", []int{1250, 2500, 5000}, smallFunctions},
		{"constant", []int{1250, 2500, 5000}, boxedConstants},
		{"link", []int{1250, 2500, 5000}, linkedInLoop},
	}
	for _, shape := range shapes {
		total := shape.sizes[len(shape.sizes)-1]
		for _, n := range shape.sizes {
			b.Run(fmt.Sprintf("%ss=%d", shape.unit, n), func(b *testing.B) {
				cfgs := make([]*Config, total/n)
				for i := range cfgs {
					cfgs[i] = generatedPackage(b, shape.src(n))
				}
				b.ReportAllocs()
				cpuStart, cpuKnown := processCPU()
				for b.Loop() {
					for _, cfg := range cfgs {
						analyze(cfg)
					}
				}
				perUnit := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(b.N) / float64(total) }
				b.ReportMetric(perUnit(b.Elapsed()), "ns/"+shape.unit)
				if cpuEnd, ok := processCPU(); ok && cpuKnown {
					b.ReportMetric(perUnit(cpuEnd-cpuStart), "cpu-ns/"+shape.unit)
				}
			})
		}
	}
}

// scaleTypes are the declarations the generated code uses: a pointer
// type, a global that values escape to, and a function that boxes.
const scaleTypes = `package p

type T struct {
	next *T
	name string
}

var sink *T

func use(v any) {}
`

// longFunction is one function of n statements, four kinds in turn: an
// object that escapes or not, an append, a reassigned variable, a box.
func longFunction(n int) string {
	var src strings.Builder
	src.WriteString(scaleTypes + "\nfunc long(k int) []*T {\n\tvar s []*T\n\tp := &T{}\n")
	for i := range n {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&src, "\tx%d := &T{next: p}\n", i)
		case 1:
			fmt.Fprintf(&src, "\ts = append(s, x%d)\n", i-1)
		case 2:
			fmt.Fprintf(&src, "\tif k > %d {\n\t\tp = x%d\n\t}\n", i, i-2)
		case 3:
			fmt.Fprintf(&src, "\tuse(x%d.name)\n", i-3)
		}
	}
	src.WriteString("\tsink = p\n\treturn s\n}\n")
	return src.String()
}

// boxedConstants is one function of n boxed constants whose converted
// expression go/ssa does not keep (the box flows through a phi), each of
// a type that no variable of the function has: whether one may have
// held the constant is asked of the whole function every time.
func boxedConstants(n int) string {
	var src strings.Builder
	src.WriteString(scaleTypes + "\ntype C int\n\nvar box any\n\nfunc boxes(k int) {\n")
	for i := range n {
		fmt.Fprintf(&src, "\tvar a%d any = C(%d)\n\tif k > %d {\n\t\ta%d = nil\n\t}\n\tbox = a%d\n", i, 1000+i, i, i, i)
	}
	src.WriteString("}\n")
	return src.String()
}

// linkedInLoop is one loop of n objects, each pointing to the one before
// it, which it may replace: every object is reachable, for the
// loop-depth rule, from the stores into those after it and from the phis
// that join them.
func linkedInLoop(n int) string {
	var src strings.Builder
	src.WriteString(scaleTypes + "\nfunc linked(k int) *T {\n\tp := &T{}\n\tfor i := 0; i < k; i++ {\n")
	for i := range n {
		fmt.Fprintf(&src, "\t\tx%d := &T{next: p}\n\t\tif k > %d {\n\t\t\tp = x%d\n\t\t}\n", i, i, i)
	}
	src.WriteString("\t}\n\treturn p\n}\n")
	return src.String()
}

// smallFunctions is n small functions, each calling the previous one.
func smallFunctions(n int) string {
	var src strings.Builder
	src.WriteString(scaleTypes + "\nfunc f0(p *T) *T { return p }\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&src, "\nfunc f%d(p *T) *T {\n\tq := &T{next: p}\n\tif p == nil {\n\t\tsink = q\n\t}\n\treturn f%d(q.next)\n}\n", i, i-1)
	}
	return src.String()
}

// generatedPackage builds the model's input for the package src.
func generatedPackage(b *testing.B, src string) *Config {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		b.Fatal(err)
	}
	files := []*ast.File{f}
	pkg, info, err := ssautil.BuildPackage(&types.Config{}, fset, types.NewPackage("p", "p"), files, ssa.BuilderMode(0))
	if err != nil {
		b.Fatal(err)
	}
	funcs := ssatest.SourceFuncs(pkg, files, info)
	dirs, _ := annotations.Parse(fset, files, info)
	return &Config{
		Fset:       fset,
		Pkg:        pkg.Pkg,
		Files:      files,
		Info:       info,
		Funcs:      funcs,
		Sizes:      types.SizesFor("gc", "amd64"),
		Directives: dirs,
		Imported:   func(*types.Func) *Summary { return nil },
	}
}
