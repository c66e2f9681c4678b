package effects

import (
	"flag"
	"fmt"
	"go/ast"
	"go/types"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// The bodyless table describes linux/amd64; the tests load the standard
// library for that platform whatever the host, without cgo so that no C
// toolchain is needed.
var bodylessEnv = append(os.Environ(), "GOOS=linux", "GOARCH=amd64", "CGO_ENABLED=0")

// splitFullName splits "pkg/path.Name" into its package path and name.
func splitFullName(full string) (pkgPath, name string) {
	i := strings.LastIndexByte(full, '.')
	return full[:i], full[i+1:]
}

// TestBodylessModelResolves checks that every key of bodylessModel and
// every runtime allocator still names a package-level function of this
// Go version: a renamed or removed runtime function must fail here, not
// silently fall back to the conservative default.
func TestBodylessModelResolves(t *testing.T) {
	names := slices.Concat(slices.Sorted(maps.Keys(bodylessModel)), runtimeAllocators, slices.Sorted(maps.Keys(opaqueClean)))
	byPkg := map[string][]string{}
	for _, full := range names {
		if strings.HasPrefix(full, "(") {
			t.Fatalf("%s: methods are not expected in the table; extend the lookup", full)
		}
		path, name := splitFullName(full)
		byPkg[path] = append(byPkg[path], name)
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes | packages.NeedSyntax,
		Env:  bodylessEnv,
	}
	pkgs, err := packages.Load(cfg, slices.Sorted(maps.Keys(byPkg))...)
	if err != nil {
		t.Fatal(err)
	}
	loaded := map[string]*types.Package{}
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			t.Errorf("loading %s: %v", p.PkgPath, p.Errors[0])
		}
		if p.Types != nil {
			loaded[p.PkgPath] = p.Types
		}
	}
	for _, full := range names {
		path, name := splitFullName(full)
		pkg := loaded[path]
		if pkg == nil {
			t.Errorf("%s: package %s not found", full, path)
			continue
		}
		if _, ok := pkg.Scope().Lookup(name).(*types.Func); !ok {
			t.Errorf("%s: no such function in this Go version", full)
		}
	}
}

func TestRuntimeAllocatorsSorted(t *testing.T) {
	if !slices.IsSorted(runtimeAllocators) {
		t.Fatal("runtimeAllocators must be sorted for IsRuntimeAllocator")
	}
	if len(slices.Compact(slices.Clone(runtimeAllocators))) != len(runtimeAllocators) {
		t.Fatal("runtimeAllocators has duplicates")
	}
	for _, name := range []string{"runtime.mallocgc", "runtime.growslice", "internal/runtime/maps.runtime_mapassign_faststr"} {
		if !IsRuntimeAllocator(name) {
			t.Errorf("IsRuntimeAllocator(%q) = false", name)
		}
	}
	for _, name := range []string{"runtime.mapaccess1", "runtime.nanotime", "runtime.mallocgcX"} {
		if IsRuntimeAllocator(name) {
			t.Errorf("IsRuntimeAllocator(%q) = true", name)
		}
	}
}

func TestBodylessKind(t *testing.T) {
	for name, want := range map[string]Kind{
		"sync.runtime_Semacquire": None,
		"time.newTimer":           New,
		"reflect.mapassign0":      MapInsert,
		"runtime.systemstack":     Dynamic,
		"iter.newcoro":            Go,
	} {
		if got, ok := BodylessKind(name); !ok || got != want {
			t.Errorf("BodylessKind(%q) = %v, %v; want %v", name, got, ok, want)
		}
	}
	if _, ok := BodylessKind("example.com/p.unknown"); ok {
		t.Error("BodylessKind knows an unknown function")
	}
}

func TestAssemblyFuncs(t *testing.T) {
	tests := []struct {
		name, pkg, src string
		want           []string
	}{
		{"bytealg", "internal/bytealg", `
#include "go_asm.h"
#include "textflag.h"

TEXT ·IndexByte(SB), NOSPLIT, $0-40
	MOVQ b_base+0(FP), SI
	JMP  indexbytebody<>(SB)

TEXT	·IndexByteString(SB),NOSPLIT,$0-32
	JMP  indexbytebody<>(SB)

TEXT	·Compare<ABIInternal>(SB),NOSPLIT,$0-56
	JMP	cmpbody<>(SB)

TEXT runtime·cmpstring<ABIInternal>(SB),NOSPLIT,$0-40
	JMP	cmpbody<>(SB)

// input: SI = a, DI = b
TEXT cmpbody<>(SB),NOSPLIT,$0-0
	RET
`, []string{"Compare", "IndexByte", "IndexByteString"}},
		{"own package, implicit and explicit", "runtime", `
TEXT	·memmove<ABIInternal>(SB), NOSPLIT, $0-24
TEXT runtime·memclrNoHeapPointers<ABIInternal>(SB), NOSPLIT, $0-16
TEXT sync∕atomic·StoreUint32(SB), NOSPLIT, $0-12
`, []string{"memclrNoHeapPointers", "memmove"}},
		{"qualified with division slashes", "internal/runtime/atomic", `
TEXT ·SwapInt32(SB),NOSPLIT,$0
	JMP	internal∕runtime∕atomic·Xchg(SB)
TEXT internal∕runtime∕atomic·Xchg64(SB), NOSPLIT, $0-24
`, []string{"SwapInt32", "Xchg64"}},
		{"another package's function defined here", "time", `
TEXT time·now<ABIInternal>(SB),NOSPLIT,$16-24
	RET
`, []string{"now"}},
		{"comments, macros, several statements on a line", "runtime", `
// TEXT ·commented(SB), NOSPLIT, $0
/* TEXT ·blocked(SB), NOSPLIT, $0
   TEXT ·stillBlocked(SB), NOSPLIT, $0 */ TEXT ·afterBlock(SB), NOSPLIT, $0
#define CALLFN(NAME,MAXSIZE)			\
TEXT NAME(SB), WRAPPER, $MAXSIZE-48;		\
	NO_LOCAL_POINTERS;			\
	RET
CALLFN(·call16, 16)
TEXT ·a(SB),NOSPLIT,$0-0; RET; TEXT ·b(SB),NOSPLIT,$0-0
TEXT ·a(SB),NOSPLIT,$0-0
MOVQ $(8/2), AX // not a TEXT ·c(SB)
`, []string{"a", "afterBlock", "b"}},
		{"arm64 and CRLF", "math", "TEXT ·Sqrt(SB),NOSPLIT,$0\r\n\tFSQRTD\tF0, F0\r\n\tRET\r\n", []string{"Sqrt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AssemblyFuncs([]byte(tt.src), tt.pkg)
			if !slices.Equal(got, tt.want) {
				t.Errorf("AssemblyFuncs = %q, want %q", got, tt.want)
			}
		})
	}
}

var inventory = flag.Bool("bodyless.inventory", false, "list every function without a body in std and how the model covers it (slow: loads std from source)")

// TestBodylessInventory classifies every function without a Go body in
// the standard library the way the engine does: the table, then a
// //go:linkname target in the table, then the package's assembly, else
// the conservative default. Run it after a Go upgrade:
//
//	go test ./effects -run TestBodylessInventory -bodyless.inventory -v
//
// (with CGO_ENABLED=1 the cgo-generated declarations of net, os/user and
// plugin are counted too).
func TestBodylessInventory(t *testing.T) {
	if !*inventory {
		t.Skip("run with -bodyless.inventory")
	}
	env := append(os.Environ(), "GOOS=linux", "GOARCH=amd64")
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
		Env:  env,
	}
	pkgs, err := packages.Load(cfg, "std")
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	var defaults []string
	for _, p := range pkgs {
		asm := map[string]bool{}
		for _, f := range p.OtherFiles {
			if strings.HasSuffix(f, ".s") {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				for _, name := range AssemblyFuncs(src, p.PkgPath) {
					asm[name] = true
				}
			}
		}
		links := linknames(p.Syntax)
		for _, f := range p.Syntax {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body != nil {
					continue
				}
				full := p.TypesInfo.Defs[fd.Name].(*types.Func).FullName()
				target := links[fd.Name.Name]
				count["bodyless"]++
				var class string
				if k, ok := BodylessKind(full); ok {
					switch {
					case asm[fd.Name.Name] && k == None:
						class = "assembly, clean"
					case asm[fd.Name.Name]:
						class = "assembly, exception in table"
					case k == None:
						class = "table, clean"
					case k == Dynamic:
						class = "table, runs code it is handed"
					default:
						class = "table, allocates"
					}
				} else if _, ok := BodylessKind(target); ok && target != full {
					class = "pulled, target in table"
				} else if asm[fd.Name.Name] {
					class = "assembly, clean"
				} else {
					class = "default"
					reason := "no provider known"
					if target != "" && target != full {
						reason = "pulls " + target
					}
					defaults = append(defaults, full+"\t"+reason)
				}
				count[class]++
				if testing.Verbose() {
					fmt.Printf("%s\t%s\t%s\n", full, class, target)
				}
			}
		}
	}
	slices.Sort(defaults)
	for _, d := range defaults {
		t.Logf("default: %s", d)
	}
	for _, class := range slices.Sorted(maps.Keys(count)) {
		t.Logf("%-28s %d", class, count[class])
	}
}

// linknames maps the local names of a package's //go:linkname directives
// to their targets ("" for a directive without one).
func linknames(files []*ast.File) map[string]string {
	links := map[string]string{}
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				fields := strings.Fields(c.Text)
				if len(fields) < 2 || fields[0] != "//go:linkname" {
					continue
				}
				links[fields[1]] = ""
				if len(fields) > 2 {
					links[fields[1]] = fields[2]
				}
			}
		}
	}
	return links
}

// TestTablesNameFunctionsOf: the packages whose functions with a body the
// tables name are those of their keys, and no other.
func TestTablesNameFunctionsOf(t *testing.T) {
	for path, want := range map[string]bool{
		"runtime":               true,
		"internal/runtime/maps": true,
		"internal/abi":          true,
		"strconv":               false,
		"runtime/debug":         false,
		"example.com/runtime":   false,
		"":                      false,
	} {
		if got := tablesNameFunctionsOf(path); got != want {
			t.Errorf("tablesNameFunctionsOf(%q) = %v, want %v", path, got, want)
		}
	}
	for _, name := range runtimeAllocators {
		if !tablesNameFunctionsOf(packageOf(name)) {
			t.Errorf("%s: its package is not named", name)
		}
	}
}
