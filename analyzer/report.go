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
	CategorySuggestion  = "suggestion"     // one function of the -suggest inventory
	CategoryAssumption  = "assumption"     // one escape hatch of the -assumptions inventory
	CategoryInternal    = "internal-error" // the analyzer failed on a package
)

// Categories returns every diagnostic category, in the order of the
// catalogue, docs/diagnostics.md.
func Categories() []string {
	return []string{
		CategoryAllocation, CategoryCall, CategoryDynamic, CategoryContract,
		CategoryDirective, CategoryUnusedAllow, CategorySite, CategorySuggestion,
		CategoryAssumption, CategoryInternal,
	}
}

// CategoryURL is the address of a category's entry in the published
// catalogue, docs/diagnostics.md.
func CategoryURL(category string) string {
	return "https://github.com/nofallalloc/nofallalloc/blob/main/docs/diagnostics.md#" + category
}

// tagged are the categories whose messages end in " [CATEGORY]", the
// pointer to their entry in the catalogue (nofallalloc -explain CATEGORY).
// Inventories and internal errors say what they are without it.
var tagged = map[string]bool{
	CategoryAllocation:  true,
	CategoryCall:        true,
	CategoryDynamic:     true,
	CategoryContract:    true,
	CategoryDirective:   true,
	CategoryUnusedAllow: true,
}

func report(pass *analysis.Pass, pos token.Pos, category, msg string, related ...analysis.RelatedInformation) {
	if tagged[category] {
		msg += " [" + category + "]"
	}
	pass.Report(analysis.Diagnostic{
		Pos:      pos,
		Category: category,
		Message:  msg,
		URL:      CategoryURL(category),
		Related:  related,
	})
}

// checker reports the findings of strict functions.
type checker struct {
	pass       *analysis.Pass
	model      *effects.Result
	dirs       *annotations.Index
	strictPkg  bool
	places     map[token.Position]token.Pos // hops of other packages placed in the file set, by chainRelated
	panicPaths bool                         // -panic-paths: allocations on paths that can only panic count
	deps       *dependencies
	unseen     []unseenCalls // calls into packages nothing is known of, one entry per package
}

// strict reports whether fn's body is held to the strict rule: it is
// marked, or its package is and it is neither init nor in a test file;
// function literals follow their enclosing function. Trusted and
// infallible functions are never checked: the first vouches for its body,
// the second is allowed to allocate.
func (c *checker) strict(fn *ssa.Function) bool {
	obj := c.declared(fn)
	if obj == nil {
		return false
	}
	d := c.dirs.Func(obj)
	if d.Trusted != nil || d.Infallible != nil {
		return false
	}
	if d.Strict != nil {
		return true
	}
	return c.strictPkg && !effects.IsInit(obj) && !c.inTestFile(obj)
}

// declared returns the function or method of this package that fn is, or
// whose body holds the literal fn; nil for wrappers and other packages'
// functions.
func (c *checker) declared(fn *ssa.Function) *types.Func {
	for fn.Parent() != nil {
		fn = fn.Parent()
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || fn.Synthetic != "" || obj.Pkg() != c.pass.Pkg {
		return nil
	}
	return obj
}

// inTestFile reports whether fn is declared in a _test.go file: a strict
// package's tests may allocate (go vet always checks them), unless a test
// function is marked strict itself.
func (c *checker) inTestFile(fn *types.Func) bool {
	return strings.HasSuffix(c.pass.Fset.File(fn.Pos()).Name(), "_test.go")
}

func (c *checker) check(fn *ssa.Function) {
	name := c.model.Name(fn)
	for _, o := range c.offences(fn) {
		switch {
		case o.allowed != nil:
		case c.deps.isUnseen(calleeObject(o.finding)):
			c.addUnseen(name, o)
		default:
			report(c.pass, o.pos, o.category, "strict function "+name+" "+o.what+"; "+o.fix, o.related...)
		}
	}
}

// An offence is what the strict rule would report in one function's own
// body: one per offending operation, the boxed arguments and the variadic
// slice of a call that is reported belonging to the call.
type offence struct {
	pos      token.Pos
	category string
	what     string // "allocates: append may grow the slice", "calls f, which may allocate: ..."
	fix      string // what to do instead: "use ..., or //fallible:allow REASON"
	related  []analysis.RelatedInformation
	allowed  *annotations.Directive // the allow that exempts it, if any
	finding  effects.Finding
}

// offences returns the offences of fn's own body (not of its literals,
// which have their own), allowed ones included, panic-only ones only with
// -panic-paths.
func (c *checker) offences(fn *ssa.Function) []offence {
	findings := c.model.Findings(fn)
	ofCall := callArguments(findings, c.panicPaths)
	var out []offence
	for _, f := range findings {
		if f.Literal || f.PanicOnly && !c.panicPaths {
			continue
		}
		if allowed, ok := ofCall[f.Instr]; ok && allowed == f.Allowed && (f.Kind == effects.Box || f.Kind == effects.Variadic) {
			continue
		}
		o := offence{pos: f.Pos, allowed: f.Allowed, fix: c.fix(f), finding: f}
		switch {
		case f.Kind == effects.Dynamic && f.Callee == nil && f.Through != nil:
			o.category, o.what = CategoryDynamic, fmt.Sprintf("passes a function value to %s, which calls it: the callee is not known statically and may allocate", c.model.Name(f.Through))
		case f.Kind == effects.Dynamic && f.Callee == nil:
			o.category, o.what = CategoryDynamic, c.dynamicCall(f.Instr)+": the callee is not known statically and may allocate"
		case f.Callee != nil:
			o.category, o.what, o.related = CategoryCall, c.describeCall(f), c.chainRelated(c.model.Chain(f.Callee))
		default:
			o.category, o.what = CategoryAllocation, "allocates: "+f.Kind.Subject()+" "+f.Kind.Effect()
		}
		out = append(out, o)
	}
	return out
}

// callArguments returns the allocations that pass arguments to the calls
// among findings (the values boxed to be passed, and the variadic slices
// with the values boxed into them), each with the allow of its call. They
// belong to the call's own diagnostic when the same allow, or none,
// covers both; when the call is clean, or allowed on another line, they
// are reported on their own.
func callArguments(findings []effects.Finding, panicPaths bool) map[ssa.Instruction]*annotations.Directive {
	args := map[ssa.Instruction]*annotations.Directive{}
	for _, f := range findings {
		call, ok := f.Instr.(ssa.CallInstruction)
		if !ok || f.Literal || f.PanicOnly && !panicPaths || f.Callee == nil && f.Kind != effects.Dynamic {
			continue
		}
		for _, a := range call.Common().Args {
			addArgument(args, a, f.Allowed)
		}
	}
	return args
}

// addArgument records the allocations that make the argument value a:
// a box, or the backing array of a variadic slice and the boxes stored in
// it.
func addArgument(args map[ssa.Instruction]*annotations.Directive, a ssa.Value, allowed *annotations.Directive) {
	switch a := a.(type) {
	case *ssa.MakeInterface:
		args[a] = allowed
	case *ssa.ChangeType:
		args[a] = allowed
	case *ssa.Slice:
		array, ok := a.X.(*ssa.Alloc)
		if !ok || array.Comment != "varargs" {
			return
		}
		args[array] = allowed
		for _, r := range *array.Referrers() {
			elem, ok := r.(*ssa.IndexAddr)
			if !ok {
				continue
			}
			for _, w := range *elem.Referrers() {
				if st, ok := w.(*ssa.Store); ok && st.Addr == elem {
					addArgument(args, st.Val, allowed)
				}
			}
		}
	}
}

// describeCall says what a call finding calls and why it may allocate.
func (c *checker) describeCall(f effects.Finding) string {
	calls := c.model.Name(f.Callee)
	if f.Through != nil {
		calls = c.model.Name(f.Through) + " with " + calls
	}
	return fmt.Sprintf("calls %s, which may allocate: %s", calls, effects.Describe(c.model.Chain(f.Callee)))
}

// dynamicCall describes a call whose callee is unknown.
func (c *checker) dynamicCall(ins ssa.Instruction) string {
	var common *ssa.CallCommon
	switch ins := ins.(type) {
	case ssa.CallInstruction:
		common = ins.Common()
	default:
		return "makes a dynamic call"
	}
	if common.IsInvoke() {
		return fmt.Sprintf("calls method %s through interface %s", common.Method.Name(), c.model.TypeName(common.Value.Type()))
	}
	return "calls a function value"
}

// checkContracts reports the values that fn converts to an effect
// contract's type without keeping the contract, strict or not: the
// contract is the type's, and calls through it are trusted everywhere.
func (c *checker) checkContracts(fn *ssa.Function) {
	for _, o := range c.contractOffences(fn) {
		if o.allowed == nil {
			report(c.pass, o.pos, o.category, o.what, o.related...)
		}
	}
}

// contractOffences returns the conversions of fn that break a contract,
// allowed ones included.
func (c *checker) contractOffences(fn *ssa.Function) []offence {
	var out []offence
	for _, v := range c.model.Violations(fn) {
		o := offence{pos: v.Pos, category: CategoryContract, allowed: c.dirs.Allow(v.Pos)}
		name := c.contractName(v.Contract)
		switch {
		case v.Callee == nil:
			o.what = fmt.Sprintf("the contract of %s cannot be checked for %s: only a concrete type or a known function can be converted to it", name, v.Unknown)
		case v.Concrete != nil:
			ch := c.model.Chain(v.Callee)
			o.what, o.related = fmt.Sprintf("%s does not keep the contract of %s: %s", c.model.TypeName(v.Concrete), name, effects.Describe(ch)), c.chainRelated(ch)
		default:
			ch := c.model.Chain(v.Callee)
			o.what, o.related = fmt.Sprintf("%s does not keep the contract of %s: %s", c.model.Name(v.Callee), name, effects.Describe(ch)), c.chainRelated(ch)
		}
		out = append(out, o)
	}
	return out
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
