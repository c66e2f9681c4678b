package analyzer

import (
	"strings"
	"testing"
)

func TestMatchesAny(t *testing.T) {
	for _, tc := range []struct {
		patterns, path, module string
		want                   bool
	}{
		{"a/b", "a/b", "", true},
		{"a/b", "a/bc", "", false},
		{"a/b/...", "a/b", "", true},
		{"a/b/...", "a/b/c/d", "", true},
		{"a/b/...", "a/bc", "", false},
		{"x, a/b/...", "a/b/c", "", true},
		{"./...", "m/x", "m", true},
		{"./x", "m/x", "m", true},
		{"./x", "m/y", "m", false},
		{".", "m", "m", true},
		{"", "a", "", false},
		{"std", "fmt", "", true},
		{"std", "internal/goarch", "", true},
		{"std", "example.com/m", "", false},
		{"std", "cmd/go", "", false},
		{"std", "m/x", "m", false}, // a module without a dot in its path
	} {
		got, err := matchesAny(tc.patterns, tc.path, tc.module)
		if err != nil || got != tc.want {
			t.Errorf("matchesAny(%q, %q, %q) = %v, %v; want %v", tc.patterns, tc.path, tc.module, got, err, tc.want)
		}
	}
	if _, err := matchesAny("./...", "example.com/m/x", ""); err == nil {
		t.Error("a relative pattern without a module was accepted")
	}
	if got, err := matchesAny("./...", "internal/goarch", ""); got || err != nil {
		t.Errorf("a standard package, in no module, matched a relative pattern: %v, %v", got, err)
	}
}

// TestMalformedPatterns checks that what matches nothing by construction
// is an error saying why, rather than a gate that passes.
func TestMalformedPatterns(t *testing.T) {
	for _, tc := range []struct{ pattern, why string }{
		{"...", `"..." alone is not supported`},
		{"net/.../http", "only a trailing /... is supported"},
		{"[", "invalid char '['"},
		{"example.com/*", "invalid char '*'"},
		{"/abs/dir", "a directory outside the module"},
		{"../x", "a directory outside the module"},
		{"./a b", "invalid char ' '"},
	} {
		_, err := StrictPatterns("std," + tc.pattern)
		if err == nil || !strings.Contains(err.Error(), tc.why) || !strings.Contains(err.Error(), `-strict pattern "`+tc.pattern+`"`) {
			t.Errorf("StrictPatterns(%q) = %v; want an error naming the pattern and %q", tc.pattern, err, tc.why)
		}
	}
	got, err := StrictPatterns(" std, ./..., example.com/m/..., . ,")
	if want := "std ./... example.com/m/... ."; err != nil || strings.Join(got, " ") != want {
		t.Errorf("StrictPatterns of valid patterns = %q, %v; want %s", got, err, want)
	}
}
