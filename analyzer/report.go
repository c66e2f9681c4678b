package analyzer

import (
	"fmt"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/nofallalloc/nofallalloc/annotations"
	"github.com/nofallalloc/nofallalloc/effects"
)

// Diagnostic categories; each is documented in docs/diagnostics.md.
const (
	CategoryAllocation  = "allocation"     // a direct allocation in a strict function
	CategoryCall        = "call"           // a call to a function that may allocate
	CategoryDynamic     = "dynamic-call"   // a call whose callee is not known statically
	CategoryContract    = "contract"       // a value converted to a contract type that breaks the contract
	CategoryDirective   = "directive"      // a malformed, unknown or misplaced directive
	CategoryUnusedAllow = "unused-allow"   // an allow directive that exempts nothing
	CategorySite        = "site"           // one line of the -sites inventory
	CategoryInternal    = "internal-error" // the analyzer failed on a package
)

func categoryURL(category string) string {
	return "https://github.com/nofallalloc/nofallalloc/blob/main/docs/diagnostics.md#" + category
}

func report(pass *analysis.Pass, pos token.Pos, category, msg string, related ...analysis.RelatedInformation) {
	pass.Report(analysis.Diagnostic{
		Pos:      pos,
		Category: category,
		Message:  msg,
		URL:      categoryURL(category),
		Related:  related,
	})
}

// checker reports the findings of strict functions.
type checker struct {
	pass      *analysis.Pass
	model     *effects.Result
	dirs      *annotations.Index
	strictPkg bool
}

// strict reports whether fn's body is held to the strict rule: it is
// marked, or its package is and it is neither init nor in a test file;
// function literals follow their enclosing function. Trusted and
// infallible functions are never checked: the first vouches for its body,
// the second is allowed to allocate.
func (c *checker) strict(fn *ssa.Function) bool {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || fn.Synthetic != "" || obj.Pkg() != c.pass.Pkg {
		return false
	}
	d := c.dirs.Func(obj)
	if d.Trusted != nil || d.Infallible != nil {
		return false
	}
	if d.Strict != nil {
		return true
	}
	isInit := obj.Name() == "init" && obj.Signature().Recv() == nil
	return c.strictPkg && !isInit && !c.inTestFile(obj)
}

// inTestFile reports whether fn is declared in a _test.go file: a strict
// package's tests may allocate (go vet always checks them), unless a test
// function is marked strict itself.
func (c *checker) inTestFile(fn *types.Func) bool {
	return strings.HasSuffix(c.pass.Fset.File(fn.Pos()).Name(), "_test.go")
}

func (c *checker) check(fn *ssa.Function) {
	name := c.model.Name(fn)
	for _, f := range c.model.Findings(fn) {
		if f.Literal || f.Allowed != nil || f.PanicOnly && !panicPaths {
			continue
		}
		switch {
		case f.Kind == effects.Dynamic && f.Callee == nil && f.Through != nil:
			report(c.pass, f.Pos, CategoryDynamic, fmt.Sprintf("strict function %s passes a function value to %s, which calls it: the callee is not known statically and may allocate", name, c.model.Name(f.Through)))
		case f.Kind == effects.Dynamic && f.Callee == nil:
			report(c.pass, f.Pos, CategoryDynamic, fmt.Sprintf("strict function %s %s: the callee is not known statically and may allocate", name, dynamicCall(f.Instr)))
		case f.Callee != nil:
			c.reportCall(name, f)
		default:
			report(c.pass, f.Pos, CategoryAllocation, fmt.Sprintf("strict function %s allocates: %s %s", name, f.Kind.Subject(), f.Kind.Effect()))
		}
	}
}

func (c *checker) reportCall(name string, f effects.Finding) {
	ch := c.model.Chain(f.Callee)
	var related []analysis.RelatedInformation
	for i, h := range ch.Hops {
		msg := fmt.Sprintf("%s: %s at %s:%d %s", h.Name, ch.Kind.Subject(), h.File, h.Line, ch.Kind.Effect())
		if i+1 < len(ch.Hops) {
			msg = fmt.Sprintf("%s calls %s at %s:%d", h.Name, ch.Hops[i+1].Name, h.File, h.Line)
		}
		if h.Pos.IsValid() {
			related = append(related, analysis.RelatedInformation{Pos: h.Pos, Message: msg})
		}
	}
	calls := c.model.Name(f.Callee)
	if f.Through != nil {
		calls = c.model.Name(f.Through) + " with " + calls
	}
	report(c.pass, f.Pos, CategoryCall,
		fmt.Sprintf("strict function %s calls %s, which may allocate: %s", name, calls, effects.Describe(ch)),
		related...)
}

// dynamicCall describes a call whose callee is unknown.
func dynamicCall(ins ssa.Instruction) string {
	var common *ssa.CallCommon
	switch ins := ins.(type) {
	case ssa.CallInstruction:
		common = ins.Common()
	default:
		return "makes a dynamic call"
	}
	if common.IsInvoke() {
		qual := func(p *types.Package) string {
			if p == ins.Parent().Pkg.Pkg {
				return ""
			}
			return p.Name()
		}
		return fmt.Sprintf("calls method %s through interface %s", common.Method.Name(), types.TypeString(common.Value.Type(), qual))
	}
	return "calls a function value"
}

// checkContracts reports the values that fn converts to an effect
// contract's type without keeping the contract, strict or not: the
// contract is the type's, and calls through it are trusted everywhere.
func (c *checker) checkContracts(fn *ssa.Function) {
	for _, v := range c.model.Violations(fn) {
		if c.dirs.Allow(v.Pos) != nil {
			continue
		}
		name := c.contractName(v.Contract)
		switch {
		case v.Callee == nil:
			report(c.pass, v.Pos, CategoryContract, fmt.Sprintf("the contract of %s cannot be checked for %s: only a concrete type or a known function can be converted to it", name, v.Unknown))
		case v.Concrete != nil:
			ch := c.model.Chain(v.Callee)
			report(c.pass, v.Pos, CategoryContract, fmt.Sprintf("%s does not keep the contract of %s: %s", c.model.TypeName(v.Concrete), name, effects.Describe(ch)))
		default:
			ch := c.model.Chain(v.Callee)
			report(c.pass, v.Pos, CategoryContract, fmt.Sprintf("%s does not keep the contract of %s: %s", c.model.Name(v.Callee), name, effects.Describe(ch)))
		}
	}
}

// contractName names an interface method as I.M and a func type by its
// name, qualified when they are another package's.
func (c *checker) contractName(obj types.Object) string {
	if fn, ok := obj.(*types.Func); ok {
		if recv := fn.Signature().Recv(); recv != nil {
			return c.model.TypeName(recv.Type()) + "." + fn.Name()
		}
	}
	if obj.Pkg() != c.pass.Pkg {
		return obj.Pkg().Name() + "." + obj.Name()
	}
	return obj.Name()
}
