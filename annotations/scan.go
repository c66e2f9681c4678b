package annotations

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The prefix every directive is written with, between "//" and the name.
const prefix = "fallible"

// scanned is what the text of one comment says, before its place is checked.
type scanned struct {
	kind Kind   // zero when msg is set
	arg  string // the trimmed text after the name
	msg  string // why the comment is not a well-formed directive
}

// head splits a comment that looks like a directive into the parts it was
// written with: "//" lead word ":" gap name arg. Keeping lead and gap lets a
// message quote the directive as written and show the fix beside it.
type head struct {
	lead, word, gap, name, arg string
}

// written is the directive as the user wrote it, without its argument,
// as a Go string literal when it has characters that are not printable:
// a terminal's escape codes after the name must not reach the terminal
// through the diagnostic.
func (h head) written() string {
	w := "//" + h.lead + h.word + ":" + h.gap + h.name
	if !utf8.ValidString(w) || strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsPrint(r) }) {
		return strconv.Quote(w)
	}
	return w
}

// scan reads the text of one comment. ok is false for comments that do not
// try to be directives: block comments (like //go: directives, only line
// comments count), prose such as "// fallible is good", and other tools'
// directives.
func scan(text string) (s scanned, ok bool) {
	body, isLine := strings.CutPrefix(text, "//")
	if !isLine {
		return s, false
	}
	h, ok := splitHead(body)
	if !ok {
		return s, false
	}
	switch {
	case h.word == prefix && h.name == "":
		return scanned{msg: "//fallible: needs a directive name: write " + allForms()}, true
	case h.word == prefix && (h.lead != "" || h.gap != ""):
		return scanned{msg: "malformed directive " + h.written() +
			": directives are written " + fixed(h.name) + " with no space"}, true
	case h.word == prefix:
		return resolve(h), true
	case misspeltPrefix(h):
		return scanned{msg: "misspelt directive " + h.written() + ": write " + fixed(h.name)}, true
	}
	return s, false
}

// splitHead finds the parts of body, the comment text after "//". ok is false
// when body does not start with a word followed by a colon.
func splitHead(body string) (h head, ok bool) {
	rest := strings.TrimLeft(body, " \t")
	h.lead = body[:len(body)-len(rest)]
	colon := strings.IndexByte(rest, ':')
	if colon <= 0 || !isWord(rest[:colon]) {
		return h, false
	}
	h.word = rest[:colon]
	rest = rest[colon+1:]
	after := strings.TrimLeft(rest, " \t")
	h.gap = rest[:len(rest)-len(after)]
	end := strings.IndexFunc(after, unicode.IsSpace)
	if end < 0 {
		end = len(after)
	}
	h.name = after[:end]
	h.arg = strings.TrimSpace(after[end:])
	return h, true
}

// isWord reports whether s is made of ASCII letters and digits only.
func isWord(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// misspeltPrefix reports whether h clearly tries to be a directive with a
// misspelt prefix, such as //falible:strict. A near word alone is not
// enough, since prose like "// callable: ..." is close to "fallible": the
// comment must also have the directive's shape (no spaces) or a known name.
func misspeltPrefix(h head) bool {
	if h.word == prefix || h.name == "" {
		return false
	}
	if distance(strings.ToLower(h.word), prefix) > 2 {
		return false
	}
	return h.lead == "" && h.gap == "" || kindOf(h.name) != 0
}

// resolve turns a directive with the right prefix into a kind and argument.
func resolve(h head) scanned {
	k := kindOf(h.name)
	switch {
	case k == 0:
		return scanned{msg: "unknown directive " + h.written() + ": " + unknownFix(h.name)}
	case k.needsReason() && h.arg == "":
		return scanned{msg: "//fallible:" + h.name + " needs a reason: write //fallible:" + h.name + " REASON"}
	case !k.needsReason() && h.arg != "":
		return scanned{msg: "//fallible:" + h.name + " takes no argument: move the text after it to another comment line"}
	}
	return scanned{kind: k, arg: h.arg}
}

// unknownFix suggests the known name nearest to name, or lists them all.
func unknownFix(name string) string {
	if k := nearest(name); k != 0 {
		return "did you mean //fallible:" + k.String() + "?"
	}
	return "the directives are " + allForms()
}

// fixed is the correct spelling of a directive written with name, using the
// nearest known name when name is close to one.
func fixed(name string) string {
	if k := nearest(name); k != 0 {
		return "//fallible:" + k.String()
	}
	if name == "" {
		return "//fallible:NAME"
	}
	return head{word: prefix, name: name}.written()
}

// allForms lists every directive with its argument.
func allForms() string {
	return "//fallible:strict, //fallible:allow REASON, //fallible:trusted REASON or //fallible:infallible"
}

// nearest returns the known directive within edit distance 2 of name,
// ignoring case, or 0 when none is that close.
func nearest(name string) Kind {
	lower := strings.ToLower(name)
	best, bestDist := Kind(0), 3
	for k := Strict; int(k) < len(kindNames); k++ {
		if d := distance(lower, kindNames[k]); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// distance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of adjacent bytes
// each cost one. Strings whose lengths differ by more than 2 are never
// close, so they are answered without the quadratic table; this also bounds
// the work on long fuzzed input.
func distance(a, b string) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 2 {
		return len(b) - len(a)
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
