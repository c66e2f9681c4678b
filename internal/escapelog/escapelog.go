// Package escapelog reads the Go compiler's escape decisions, as
// `go build -gcflags=-m` prints them, in the terms of nofallalloc's
// allocation model. The standalone command uses it twice: -agree compares
// the log with the analyzer's -sites inventory, and -confirm=compiler
// hands each package's own decisions to the analyzer, which then follows
// the compiler where the two disagree about escape.
//
// The compiler prints one decision per allocation of the code it
// compiles, at the expression's position (a call at its parenthesis, &T{}
// at the &, a conversion at its operand, a moved variable at its
// declaration):
//
//	p.go:10:41: &Point{...} escapes to heap
//	p.go:12:45: &Point{...} does not escape
//	p.go:18:25: moved to heap: v
//	p.go:17:14: zero-copy string->[]byte conversion
//
// Code inlined from a callee is reported at the outermost call, in the
// caller's file, with nothing in the text to tell it apart; the
// optimisation log (-json) that Build requests in the same compilation
// says which heap decisions come from inlined code. Generic functions of
// other packages instantiated by the package are reported at positions in
// their own files.
package escapelog

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/nofallalloc/nofallalloc/effects"
	"github.com/nofallalloc/nofallalloc/internal/lazyregexp"
)

// An Entry is one escape decision of the compiler.
type Entry struct {
	File     string       `json:"file"` // absolute path
	Line     int          `json:"line"`
	Col      int          `json:"col"`
	Text     string       `json:"text"`      // the compiler's message
	Kind     effects.Kind `json:"kind"`      // the kind of site the message decides, guessed from its text
	Heap     bool         `json:"heap"`      // escapes to the heap, or moved to it
	ZeroCopy bool         `json:"zero_copy"` // a []byte(s) conversion that shares the string's memory
	Inlined  bool         `json:"inlined"`   // made by code inlined from another function
	// MaybeInlined: a boxed value or conversion at a call's parenthesis
	// whose text names another function than the one called there,
	// probably an inlined callee's: -agree counts it as inlined, and
	// -confirm=compiler lets it settle sites but never become one.
	MaybeInlined bool `json:"maybe_inlined"`
	// NoAllocation says why a heap decision allocates nothing when the
	// value's type or syntax tells (a single byte, a function literal that
	// captures nothing); the text alone does not, so whoever has the
	// package's types sets it (-agree does).
	NoAllocation string `json:"no_allocation,omitempty"`
}

// lineRE matches a diagnostic line of the compiler: FILE:LINE:COL: MESSAGE.
var lineRE = lazyregexp.New(`^(.+?\.go):(\d+):(\d+): (.*)$`)

// Parse reads the compiler's -m output (as go build prints it, with "# pkg"
// headers) and returns its escape decisions, in order. Relative file names
// are resolved against dir, the go command's working directory. Lines that
// decide nothing about an allocation (inlining, leaking parameters) are
// skipped.
func Parse(r io.Reader, dir string) ([]Entry, error) {
	var out []Entry
	err := messages(r, dir, func(file string, line, col int, msg string) {
		if e, ok := decision(msg); ok {
			e.File, e.Line, e.Col = file, line, col
			out = append(out, e)
		}
	})
	return out, err
}

// An InlinedCall is a call that the compiler inlined, at its outermost
// position: that of the call in the function compiled, for a call
// inlined from code inlined there.
type InlinedCall struct {
	File   string `json:"file"` // absolute path
	Line   int    `json:"line"`
	Col    int    `json:"col"`
	Callee string `json:"callee"` // as the compiler names it
}

// ParseInlinedCalls reads the compiler's -m output, as Parse does, and
// returns the calls that it inlined ("inlining call to F"), in order.
func ParseInlinedCalls(r io.Reader, dir string) ([]InlinedCall, error) {
	var out []InlinedCall
	err := messages(r, dir, func(file string, line, col int, msg string) {
		if callee, ok := strings.CutPrefix(msg, "inlining call to "); ok {
			out = append(out, InlinedCall{File: file, Line: line, Col: col, Callee: callee})
		}
	})
	return out, err
}

// messages calls f with each message of the compiler's -m output, at its
// position (the file resolved against dir).
func messages(r io.Reader, dir string, f func(file string, line, col int, msg string)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if bytes.HasPrefix(sc.Bytes(), []byte("\t")) {
			continue // the assembly listing (ParseCode)
		}
		m := lineRE().FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		f(absolute(m[1], dir), line, col, m[4])
	}
	return sc.Err()
}

func absolute(file, dir string) string {
	if strings.HasPrefix(file, "/") || strings.HasPrefix(file, "<") || dir == "" { // <autogenerated>
		return file
	}
	return dir + "/" + strings.TrimPrefix(file, "./")
}

// decision parses one message; ok is false when it decides nothing.
func decision(msg string) (e Entry, ok bool) {
	e.Text = msg
	switch {
	case strings.HasPrefix(msg, "moved to heap: "):
		e.Kind, e.Heap = effects.Escape, true
		// The optimisation log has no record of a variable to tell
		// whether inlined code declared it, but the compiler qualifies
		// the name of one inlined from another package: sync.d.
		e.Inlined = strings.Contains(strings.TrimPrefix(msg, "moved to heap: "), ".")
	case msg == "zero-copy string->[]byte conversion":
		e.Kind, e.ZeroCopy = effects.Convert, true
	case strings.HasSuffix(msg, " escapes to heap"):
		e.Kind, e.Heap = kindOf(strings.TrimSuffix(msg, " escapes to heap")), true
	case strings.HasSuffix(msg, " does not escape") && !strings.Contains(msg, " ignoring "):
		e.Kind = kindOf(strings.TrimSuffix(msg, " does not escape"))
	default:
		return e, false
	}
	return e, true
}

// Free returns why a heap decision allocates nothing: NoAllocation when it
// is set, else what the text tells: a boxed literal constant is static
// data, a boxed comparison is a bool (runtime.staticuint64s), and an
// empty slice literal, a make of length 0 or a conversion of the empty
// string is runtime.zerobase. It returns "" otherwise. (A constant of a
// named type, Delim(91), reads like a call with a constant argument, and
// the type of a variable is not in the text: NoAllocation tells those.)
func (e *Entry) Free() string {
	expr, ok := strings.CutSuffix(e.Text, " escapes to heap")
	switch {
	case !ok || expr == "":
	case e.NoAllocation != "":
		return e.NoAllocation
	case strings.ContainsRune(`"'0123456789-`, rune(expr[0])) || expr == "true" || expr == "false":
		return "a constant: static data, no allocation"
	case comparisonRE().MatchString(expr):
		return "a bool: static data, no allocation"
	case strings.HasPrefix(expr, "[]") && strings.HasSuffix(expr, "{}"), expr == `([]byte)("")`, expr == `([]rune)("")`,
		strings.HasPrefix(expr, "make([]") && strings.HasSuffix(expr, ", 0)"):
		return ZeroLength
	}
	return ""
}

// ZeroLength is Free's reason for an empty slice: it has no storage of
// its own, but converted to an interface it is boxed like any slice
// (runtime.convTslice keeps only a nil slice in static memory), and the
// compiler prints the box's decision with the same text as the slice's.
const ZeroLength = "zero length: no allocation"

// comparisonRE matches the text of a comparison, whose value is a bool.
var comparisonRE = lazyregexp.New(`^[^()]* (?:==|!=|<|<=|>|>=) [^()]*$|^[^ ()]+ (?:==|!=) [\w.]+\(\d+\)$`)

// kindOf guesses the kind of site that the expression the compiler prints
// is: the text is Go-like source with ... for literal bodies and
// arguments. A named slice, map or channel type in make is printed by its
// name, so "make(" is taken as a slice (Compatible accepts the others).
func kindOf(expr string) effects.Kind {
	switch {
	case expr == "... argument":
		return effects.Variadic
	case expr == "func literal":
		return effects.Closure
	case expr == "append" || strings.HasPrefix(expr, "append("):
		return effects.Append
	case strings.HasPrefix(expr, "new("):
		return effects.New
	case strings.HasPrefix(expr, "make(map["):
		return effects.MakeMap
	case strings.HasPrefix(expr, "make(chan "):
		return effects.MakeChan
	case strings.HasPrefix(expr, "make("):
		return effects.MakeSlice
	case strings.HasSuffix(expr, "{...}") || strings.HasSuffix(expr, "{}"):
		if strings.HasPrefix(expr, "map[") {
			return effects.MakeMap
		}
		return effects.Composite
	case concatenation(expr):
		return effects.Concat
	case strings.HasPrefix(expr, "string(") || strings.HasPrefix(expr, "([]byte)(") || strings.HasPrefix(expr, "([]rune)("):
		return effects.Convert
	case strings.Contains(expr, " + "):
		return effects.Concat
	}
	return effects.Box
}

// concatenation reports whether expr is a sum outside any parentheses:
// string(first) + rest is a concatenation, string(a + b) a conversion.
func concatenation(expr string) bool {
	depth := 0
	for i := range len(expr) {
		switch expr[i] {
		case '(':
			depth++
		case ')':
			depth--
		case '+':
			if depth == 0 && i > 0 && strings.HasPrefix(expr[i-1:], " + ") {
				return true
			}
		}
	}
	return false
}

// fileName is the name of the file that holds a package's decisions in a
// log directory.
func fileName(dir, pkgPath string) string {
	return filepath.Join(dir, url.PathEscape(pkgPath)+".json")
}

// A Log is what WriteDir writes for one package, and ReadDir reads.
type Log struct {
	Files        []string      `json:"files"` // the files compiled
	Entries      []Entry       `json:"entries"`
	Code         []CodeLine    `json:"code"`
	Funcs        []FuncCode    `json:"funcs"`
	InlinedCalls []InlinedCall `json:"inlined_calls"`
}

// WriteDir writes the files, the decisions and the code of each package
// into dir, one file per package, for ReadDir.
func WriteDir(dir string, pkgs []*Package) error {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	for _, p := range pkgs {
		data, err := json.Marshal(Log{Files: p.Files, Entries: p.Entries, Code: p.Code, Funcs: p.Funcs, InlinedCalls: p.InlinedCalls})
		if err != nil {
			return err
		}
		if err := os.WriteFile(fileName(dir, p.Path), data, 0o666); err != nil {
			return err
		}
	}
	return nil
}

// ReadDir returns what WriteDir wrote into dir for the package pkgPath;
// nil when it wrote nothing for the package.
func ReadDir(dir, pkgPath string) (*Log, error) {
	data, err := os.ReadFile(fileName(dir, pkgPath))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	l := new(Log)
	if err := json.Unmarshal(data, l); err != nil {
		return nil, fmt.Errorf("%s: %v (written by another version of nofallalloc? remove it)", fileName(dir, pkgPath), err)
	}
	return l, nil
}

// Digest identifies the decisions of pkgs: the same log gets the same
// digest, so a directory named by it keeps the analyzer's cache keys
// (which cover its flags) stable from one run to the next.
func Digest(pkgs []*Package) string {
	h := sha256.New()
	enc := json.NewEncoder(h)
	for _, p := range pkgs {
		enc.Encode(p.Path)
		enc.Encode(p.Entries)
		enc.Encode(p.Code)
		enc.Encode(p.Funcs)
		enc.Encode(p.InlinedCalls)
	}
	return fmt.Sprintf("%x", h.Sum(nil)[:16])
}
