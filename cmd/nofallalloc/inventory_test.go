package main

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// inventoryJSON runs an inventory with -f json on the hatches fixture and
// decodes its entries.
func inventoryJSON(t *testing.T, flag string) []map[string]any {
	t.Helper()
	o := nofallalloc(t, fixture(t, "cli"), flag, "-f", "json", "./hatches")
	wantExit(t, o, exitClean)
	var entries []map[string]any
	if err := json.Unmarshal([]byte(o.stdout), &entries); err != nil {
		t.Fatalf("%s -f json does not print a JSON list: %v\n%s", flag, err, o.stdout)
	}
	return entries
}

// wantKeys fails unless v is an object with exactly the keys want: the
// field names are documented (docs/json.md) for CI to diff.
func wantKeys(t *testing.T, what string, v any, want ...string) map[string]any {
	t.Helper()
	obj, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s is not an object: %v", what, v)
	}
	if got := slices.Sorted(maps.Keys(obj)); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
		t.Errorf("%s has the fields %v, want %v", what, got, want)
	}
	return obj
}

var (
	positionKeys = []string{"file", "line", "column"}
	itemKeys     = []string{"position", "category", "function", "what"}
)

func TestSuggestJSON(t *testing.T) {
	entries := inventoryJSON(t, "-suggest")
	var functions []string
	for _, e := range entries {
		wantKeys(t, "a suggestion", e, "package", "function", "position", "allocations")
		wantKeys(t, "its position", e["position"], positionKeys...)
		functions = append(functions, e["function"].(string))
		for _, a := range e["allocations"].([]any) {
			wantKeys(t, "an allocation", a, append(itemKeys, "fix")...)
		}
	}
	if want := []string{"Sum", "Keep", "Label", "Pair"}; !slices.Equal(functions, want) {
		t.Errorf("-suggest lists %v, want %v", functions, want)
	}
	label := entries[2]["allocations"].([]any)[0].(map[string]any)
	if label["what"] != "allocates: string concatenation allocates" || label["fix"] != "use collections.Builder, or //fallible:allow REASON" || label["category"] != "allocation" {
		t.Errorf("Label's allocation is %v", label)
	}
}

func TestAssumptionsJSON(t *testing.T) {
	entries := inventoryJSON(t, "-assumptions")
	if len(entries) != 3 {
		t.Fatalf("want 3 entries (two trusted, one allow), got %d: %v", len(entries), entries)
	}
	tryAdd := wantKeys(t, "a trusted entry", entries[0], "package", "directive", "reason", "position", "function", "exempts", "fault_tests")
	if tryAdd["directive"] != "trusted" || tryAdd["function"] != "(*Buffer).TryAdd" || tryAdd["reason"] != "bounded by limit, and the failure is returned" {
		t.Errorf("first entry: %v", tryAdd)
	}
	if tests := tryAdd["fault_tests"].([]any); len(tests) != 1 || tests[0] != "TestTryAddFaults" {
		t.Errorf("TryAdd's fault tests are %v, want [TestTryAddFaults]", tests)
	}
	exempt := wantKeys(t, "a hidden allocation", tryAdd["exempts"].([]any)[0], itemKeys...)
	if exempt["what"] != "allocates: append may grow the slice" {
		t.Errorf("TryAdd hides %v", exempt)
	}
	reset := entries[1]
	if tests, ok := reset["fault_tests"].([]any); !ok || len(tests) != 0 {
		t.Errorf("Reset's fault tests are %v, want []", reset["fault_tests"])
	}
	allow := wantKeys(t, "an allow entry", entries[2], "package", "directive", "reason", "position", "function", "exempts")
	if allow["directive"] != "allow" || allow["reason"] != "the callers reserve room" || allow["function"] != "Keep" {
		t.Errorf("allow entry: %v", allow)
	}
}

func TestInventoryUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-suggest", "-assumptions", "./hatches"},
		{"-sites", "-suggest", "./hatches"},
		{"-assumptions", "-f", "sarif", "./hatches"},
	} {
		o := nofallalloc(t, fixture(t, "cli"), args...)
		wantExit(t, o, exitError)
		if !strings.Contains(o.stderr, "-suggest") {
			t.Errorf("%v: standard error does not say what is wrong:\n%s", args, o.stderr)
		}
	}
}

// TestFaultTestIndex checks the forms of fault-injection entry points that
// -assumptions recognises, and that naming the function is required.
func TestFaultTestIndex(t *testing.T) {
	dir := t.TempDir()
	src := `package p_test

func TestQualified(t *testing.T) {
	allocstest.Faults(t, func(b *collections.Budget) error { return p.TryA(b) })
}

func TestInstantiated(t *testing.T) { collections.InjectFaults[int](opts, task) }

func task(b *collections.Budget) error { var v p.Vec; return v.TryB(b) }

func TestNotInjecting(t *testing.T) { p.TryC(nil) }

func TestOtherFunction(t *testing.T) { collections.CheckAllocationFailures(t, p.TryD) }
`
	if err := os.WriteFile(filepath.Join(dir, "p_test.go"), []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	ix := &faultTestIndex{dir: dir, tests: map[string][]faultTest{}}
	for function, want := range map[string][]string{
		"TryA":        {"TestQualified"},
		"(*Vec).TryB": {"TestInstantiated"},
		"TryC":        {},
		"TryD":        {"TestOtherFunction"},
		"TryE":        {},
	} {
		if got := ix.exercising("p.go", function); !slices.Equal(got, want) {
			t.Errorf("fault tests of %s: %v, want %v", function, got, want)
		}
	}
}
