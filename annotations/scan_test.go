package annotations

import "testing"

func TestScan(t *testing.T) {
	tests := []struct {
		text string
		want string // "" when not a directive; "kind" or "kind(arg)"; "error: msg"
	}{
		// Well-formed.
		{"//fallible:strict", "strict"},
		{"//fallible:infallible", "infallible"},
		{"//fallible:allow bounded by n", "allow(bounded by n)"},
		{"//fallible:allow\tbounded  ", "allow(bounded)"},
		{"//fallible:trusted handles failure itself", "trusted(handles failure itself)"},

		// Not directives at all.
		{"// fallible is good", ""},
		{"// a fallible: thing", ""},
		{"/*fallible:strict*/", ""},
		{"/* fallible:strict */", ""},
		{"//go:noinline", ""},
		{"//lint:ignore X reason", ""},
		{"// callable: returns a func", ""},
		{"//falible:", ""},
		{"// see //fallible:strict", ""},
		{"//", ""},

		// Unknown names.
		{"//fallible:stric", "error: unknown directive //fallible:stric: did you mean //fallible:strict?"},
		{"//fallible:Strict", "error: unknown directive //fallible:Strict: did you mean //fallible:strict?"},
		{"//fallible:alow x", "error: unknown directive //fallible:alow: did you mean //fallible:allow?"},
		{"//fallible:trsuted x", "error: unknown directive //fallible:trsuted: did you mean //fallible:trusted?"},
		{"//fallible:alw x", "error: unknown directive //fallible:alw: did you mean //fallible:allow?"},
		{"//fallible:nope", "error: unknown directive //fallible:nope: the directives are //fallible:strict, //fallible:allow REASON, //fallible:trusted REASON or //fallible:infallible"},
		{"//fallible:", "error: //fallible: needs a directive name: write //fallible:strict, //fallible:allow REASON, //fallible:trusted REASON or //fallible:infallible"},
		{"//fallible:   ", "error: //fallible: needs a directive name: write //fallible:strict, //fallible:allow REASON, //fallible:trusted REASON or //fallible:infallible"},

		// Misspelt prefixes.
		{"//falible:strict", "error: misspelt directive //falible:strict: write //fallible:strict"},
		{"//fallable:strict", "error: misspelt directive //fallable:strict: write //fallible:strict"},
		{"//fallibe:allow x", "error: misspelt directive //fallibe:allow: write //fallible:allow"},
		{"//Fallible:strict", "error: misspelt directive //Fallible:strict: write //fallible:strict"},
		{"//fallbile:infallible", "error: misspelt directive //fallbile:infallible: write //fallible:infallible"},
		{"//falible:stric", "error: misspelt directive //falible:stric: write //fallible:strict"},
		{"// falible: strict", "error: misspelt directive // falible: strict: write //fallible:strict"},

		// Spaces.
		{"// fallible:strict", "error: malformed directive // fallible:strict: directives are written //fallible:strict with no space"},
		{"//fallible: strict", "error: malformed directive //fallible: strict: directives are written //fallible:strict with no space"},
		{"//  fallible:strict", "error: malformed directive //  fallible:strict: directives are written //fallible:strict with no space"},
		{"// fallible:allow why", "error: malformed directive // fallible:allow: directives are written //fallible:allow with no space"},
		{"// fallible: see below", "error: malformed directive // fallible: see: directives are written //fallible:see with no space"},

		// Characters that are not printable are quoted, not echoed to a
		// terminal.
		{"//fallible:stric\x1b[2K\a", `error: unknown directive "//fallible:stric\x1b[2K\a": the directives are //fallible:strict, //fallible:allow REASON, //fallible:trusted REASON or //fallible:infallible`},
		{"// fallible:x\x1b[2K", `error: malformed directive "// fallible:x\x1b[2K": directives are written "//fallible:x\x1b[2K" with no space`},
		{"//fallible:\tstrict", `error: malformed directive "//fallible:\tstrict": directives are written //fallible:strict with no space`},

		// Arguments.
		{"//fallible:allow", "error: //fallible:allow needs a reason: write //fallible:allow REASON"},
		{"//fallible:allow   ", "error: //fallible:allow needs a reason: write //fallible:allow REASON"},
		{"//fallible:trusted", "error: //fallible:trusted needs a reason: write //fallible:trusted REASON"},
		{"//fallible:strict because", "error: //fallible:strict takes no argument: move the text after it to another comment line"},
		{"//fallible:infallible x", "error: //fallible:infallible takes no argument: move the text after it to another comment line"},
	}
	for _, tt := range tests {
		if got := describeScan(tt.text); got != tt.want {
			t.Errorf("scan(%q)\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

func describeScan(text string) string {
	s, ok := scan(text)
	switch {
	case !ok:
		return ""
	case s.msg != "":
		return "error: " + s.msg
	case s.arg != "":
		return s.kind.String() + "(" + s.arg + ")"
	}
	return s.kind.String()
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"strict", "strict", 0},
		{"stric", "strict", 1},
		{"strcit", "strict", 1}, // a transposition
		{"fallable", "fallible", 1},
		{"callable", "fallible", 2},
		{"abc", "abcdefgh", 5},
		{"kitten", "sitting", 3},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := distance(tt.b, tt.a); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Strict: "strict", Allow: "allow", Trusted: "trusted", Infallible: "infallible", 0: "Kind(0)", 9: "Kind(9)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", k, got, want)
		}
	}
}
