package analyzer

import "testing"

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
