package main

import (
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestExamplesAreClean holds the examples to what their guides promise:
// every example package has strict functions, and the analyzer finds
// nothing in them, except in the packages whose findings the README's
// first command shows on purpose; each has a test that asserts at run time
// that it allocates nothing (allocstest.Zero) and one that injects
// allocation failures.
func TestExamplesAreClean(t *testing.T) {
	root := repositoryRoot(t)
	readme := readFile(t, root, "README.md")
	shown := map[string]bool{} // example directories with findings in the README
	for line := range strings.Lines(readmeOutput(t, readme, "go run ./cmd/nofallalloc ./examples/...")) {
		file, _, _ := strings.Cut(line, ":")
		shown[path.Dir(file)] = true
	}
	entries, err := os.ReadDir(filepath.Join(root, "examples"))
	if err != nil {
		t.Fatal(err)
	}
	var clean []string
	for _, e := range entries {
		dir := "examples/" + e.Name()
		if !e.IsDir() || shown[dir] {
			continue
		}
		clean = append(clean, "./"+dir)
		code, tests := exampleSources(t, filepath.Join(root, dir))
		for _, want := range []struct{ text, where, what string }{
			{"//fallible:strict", code, "no strict function"},
			{"allocstest.Zero(", tests, "no test with allocstest.Zero"},
			{"allocstest.Faults(", tests, "no test that injects allocation failures (allocstest.Faults)"},
		} {
			if !strings.Contains(want.where, want.text) {
				t.Errorf("%s has %s", dir, want.what)
			}
		}
	}
	if len(clean) < 4 {
		t.Fatalf("%d clean examples (%v), want one for each of the four kinds of user", len(clean), clean)
	}
	o := nofallalloc(t, root, clean...)
	wantExit(t, o, exitClean)
	if o.stdout != "" || o.stderr != "" {
		t.Errorf("the analyzer reports on the examples:\n%s%s", o.stdout, o.stderr)
	}
}

// repositoryRoot returns the absolute path of the repository's root.
func repositoryRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// readFile returns the text of the file at the slash-separated path rel
// under root.
func readFile(t *testing.T, root, rel string) string {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

// exampleSources returns the concatenated Go source of dir's package and
// of its tests.
func exampleSources(t *testing.T, dir string) (code, tests string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var c, ts strings.Builder
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f, "_test.go") {
			ts.Write(src)
		} else {
			c.Write(src)
		}
	}
	return c.String(), ts.String()
}

// markdownLink matches the target of an inline Markdown link;
// markdownCode matches fenced code blocks and code spans, where text that
// looks like a link is code.
var (
	markdownLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	markdownCode = regexp.MustCompile("(?s)```.*?```|`[^`\n]*`")
)

// TestDocumentLinksExist checks that every relative link of the README and
// of docs/ names a file or directory of the repository, and that the
// README's Documentation section links every document under docs/.
func TestDocumentLinksExist(t *testing.T) {
	root := repositoryRoot(t)
	docs := []string{"README.md"}
	err := filepath.WalkDir(filepath.Join(root, "docs"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(root, p)
			docs = append(docs, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	linked := map[string]bool{} // documents that the README links
	for _, doc := range docs {
		prose := markdownCode.ReplaceAllString(readFile(t, root, doc), "")
		for _, m := range markdownLink.FindAllStringSubmatch(prose, -1) {
			target, _, _ := strings.Cut(m[1], "#")
			if target == "" || strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			file := path.Join(path.Dir(doc), target)
			if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(file))); err != nil {
				t.Errorf("%s links %s, which does not exist", doc, m[1])
			}
			if doc == "README.md" {
				linked[file] = true
			}
		}
	}
	for _, doc := range docs[1:] {
		if !linked[doc] {
			t.Errorf("README.md does not link %s", doc)
		}
	}
	for _, doc := range docs {
		if strings.HasPrefix(doc, "docs/guides/") && !guideLinksExample(t, root, doc) {
			t.Errorf("%s links no example under examples/", doc)
		}
	}
}

// guideLinksExample reports whether the guide doc links a file under
// examples/.
func guideLinksExample(t *testing.T, root, doc string) bool {
	t.Helper()
	for _, m := range markdownLink.FindAllStringSubmatch(readFile(t, root, doc), -1) {
		if strings.HasPrefix(path.Join(path.Dir(doc), m[1]), "examples/") {
			return true
		}
	}
	return false
}

// TestJSONFieldsDocumented holds docs/json.md to the JSON the command
// writes: every field name of the output types appears there as a table
// row.
func TestJSONFieldsDocumented(t *testing.T) {
	doc := readFile(t, repositoryRoot(t), "docs/json.md")
	for _, typ := range []reflect.Type{
		reflect.TypeFor[jsonDiagnostic](),
		reflect.TypeFor[jsonRelated](),
		reflect.TypeFor[jsonPosition](),
	} {
		for field := range typ.Fields() {
			name, _, _ := strings.Cut(field.Tag.Get("json"), ",")
			if !strings.Contains(doc, "| `"+name+"` |") {
				t.Errorf("docs/json.md does not document the field %q of %s", name, typ.Name())
			}
		}
	}
}
