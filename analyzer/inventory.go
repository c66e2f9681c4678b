package analyzer

import (
	"encoding/json"
	"fmt"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/nofallalloc/nofallalloc/annotations"
	"github.com/nofallalloc/nofallalloc/effects"
)

// The -suggest and -assumptions inventories. Each entry is one diagnostic
// at a declaration or a directive, with one related position per item (an
// allocation in the way of strictness, or an offence an escape hatch
// hides). Drivers print them as they print any diagnostic; the standalone
// command also needs them as records for -f json, which the diagnostic
// carries in a marker fix (see RecordFixPrefix).

// maxSuggestedAllocations is how far from strict a function may be and
// still be suggested: the fix of one or two allocations is a small change.
const maxSuggestedAllocations = 2

// RecordFixPrefix marks the suggested fix, with no edits, whose message
// holds the Record of an inventory diagnostic, as JSON after the prefix:
// the drivers' cached diagnostics have no other room for it.
const RecordFixPrefix = "nofallalloc-record:"

// A Record is the structured form of a -suggest or -assumptions entry.
// Items correspond, in order, to the diagnostic's related positions.
type Record struct {
	Function  string `json:"function,omitempty"`  // the declaration's name, as messages print it
	Directive string `json:"directive,omitempty"` // "allow" or "trusted" (-assumptions)
	Reason    string `json:"reason,omitempty"`    // the directive's reason (-assumptions)
	Items     []Item `json:"items"`
}

// An Item is an allocation, call or conversion of a record.
type Item struct {
	Category string `json:"category"` // allocation, call, dynamic-call or contract
	Function string `json:"function"` // the function (or literal) whose body holds it
	What     string `json:"what"`     // "allocates: append may grow the slice"
	Fix      string `json:"fix,omitempty"`
}

// declaredOffences returns the offences of every function of the package
// grouped by the declaration that holds them (function literals count for
// their enclosing function), each with the name of the function whose own
// body holds it, in the model's order.
func (c *checker) declaredOffences() (order []*ssa.Function, byDecl map[*ssa.Function][]namedOffence) {
	byDecl = map[*ssa.Function][]namedOffence{}
	for _, fn := range c.model.Functions() {
		if c.declared(fn) == nil {
			continue
		}
		decl := fn
		for decl.Parent() != nil {
			decl = decl.Parent()
		}
		if _, ok := byDecl[decl]; !ok {
			order = append(order, decl)
			byDecl[decl] = nil
		}
		for _, o := range c.offences(fn) {
			byDecl[decl] = append(byDecl[decl], namedOffence{c.model.Name(fn), o})
		}
		for _, o := range c.contractOffences(fn) {
			byDecl[decl] = append(byDecl[decl], namedOffence{c.model.Name(fn), o})
		}
	}
	return order, byDecl
}

type namedOffence struct {
	fn string
	offence
}

func (o namedOffence) item() Item {
	return Item{Category: o.category, Function: o.fn, What: o.what, Fix: o.fix}
}

// line is the offence as an inventory's related line: the function, what
// it does, and the fix.
func (o namedOffence) line() string {
	s := o.what
	if o.category != CategoryContract {
		s = o.fn + " " + s
	}
	if o.fix != "" {
		s += "; " + o.fix
	}
	return s
}

// reportSuggestions lists the functions that could be marked strict as
// they are, and those one or two allocations away.
func (c *checker) reportSuggestions() {
	order, byDecl := c.declaredOffences()
	for _, decl := range order {
		obj := c.declared(decl)
		d := c.dirs.Func(obj)
		if c.strict(decl) || d.Trusted != nil || d.Infallible != nil || c.inTestFile(obj) || effects.IsInit(obj) {
			continue
		}
		var blocking []namedOffence
		for _, o := range byDecl[decl] {
			if o.allowed == nil && o.category != CategoryContract {
				blocking = append(blocking, o)
			}
		}
		name := c.model.Name(decl)
		var msg string
		switch n := len(blocking); {
		case n == 0:
			msg = name + " can be marked //fallible:strict as it is"
		case n == 1:
			msg = name + " is 1 allocation away from //fallible:strict"
		case n <= maxSuggestedAllocations:
			msg = fmt.Sprintf("%s is %d allocations away from //fallible:strict", name, n)
		default:
			continue
		}
		c.reportRecord(obj.Pos(), CategorySuggestion, msg, Record{Function: name}, blocking)
	}
}

// reportAssumptions lists every allow and trusted directive of the
// package with what it hides.
func (c *checker) reportAssumptions() {
	order, byDecl := c.declaredOffences()
	for _, offences := range byDecl {
		for i := range offences {
			offences[i].fix = "" // what is hidden, not how to fix it
		}
	}
	byAllow := map[token.Pos][]namedOffence{}
	for _, decl := range order {
		obj := c.declared(decl)
		if d := c.dirs.Func(obj).Trusted; d != nil {
			var hidden []namedOffence
			for _, o := range byDecl[decl] {
				if o.allowed == nil && o.category != CategoryContract {
					hidden = append(hidden, o)
				}
			}
			name := c.model.Name(decl)
			c.reportRecord(obj.Pos(), CategoryAssumption, "trusted "+name+": "+d.Reason,
				Record{Function: name, Directive: annotations.Trusted.String(), Reason: d.Reason}, hidden)
		}
		for _, o := range byDecl[decl] {
			if o.allowed != nil {
				byAllow[o.allowed.Pos] = append(byAllow[o.allowed.Pos], o)
			}
		}
	}
	for _, d := range c.dirs.Allows() {
		exempted := byAllow[d.Pos]
		msg := "allow exempting nothing: " + d.Reason
		rec := Record{Directive: annotations.Allow.String(), Reason: d.Reason}
		if len(exempted) > 0 {
			rec.Function = exempted[0].fn
			msg = "allow in " + rec.Function + ": " + d.Reason
		}
		c.reportRecord(d.Pos, CategoryAssumption, msg, rec, exempted)
	}
}

// reportRecord reports an inventory entry: msg at pos, one related line per
// item, and rec with its items in the marker fix.
func (c *checker) reportRecord(pos token.Pos, category, msg string, rec Record, items []namedOffence) {
	var related []analysis.RelatedInformation
	rec.Items = make([]Item, 0, len(items))
	for _, o := range items {
		related = append(related, analysis.RelatedInformation{Pos: o.pos, Message: o.line()})
		rec.Items = append(rec.Items, o.item())
	}
	data, err := json.Marshal(rec)
	if err != nil {
		panic(err) // a Record holds strings only
	}
	c.pass.Report(analysis.Diagnostic{
		Pos:            pos,
		Category:       category,
		Message:        msg,
		URL:            CategoryURL(category),
		Related:        slices.Clip(related),
		SuggestedFixes: []analysis.SuggestedFix{{Message: RecordFixPrefix + string(data)}},
	})
}
