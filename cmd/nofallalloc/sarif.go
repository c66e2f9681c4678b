package main

import (
	"bytes"
	"encoding/json"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/nofallalloc/nofallalloc/analyzer"
	"github.com/nofallalloc/nofallalloc/docs"
	"github.com/nofallalloc/nofallalloc/internal/lazyregexp"
)

// A SARIF 2.1.0 writer of our own: lintcmd's brands the tool as
// staticcheck and drops the call chains, which are the point of a
// nofallalloc diagnostic. Each result carries its chain twice: as
// relatedLocations, one per hop, which every consumer lists, and as a
// codeFlow whose single threadFlow starts at the diagnostic (the call in
// the strict function) and then has one location per hop, nested by call
// depth, which code-scanning UIs show as a path. The output is what
// GitHub code scanning accepts (sarif-multitool validate --rule-kind
// "Sarif;Gh" finds nothing): a documented rule per category, a numeric
// version, and artifact URIs relative to named base directories.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	siteCategory = "site" // category of the -sites inventory, reported as notes
)

// The uriBaseIds of artifact locations. A chain may lead out of the
// repository into the standard library or the module cache: those hops are
// relative to bases of their own, so that no URI depends on where the
// machine that ran the analysis kept them, and a consumer that does not
// know a base still sees a meaningful path.
const (
	srcRootID  = "%SRCROOT%" // the repository: -srcroot
	goRootID   = "GOROOT"    // the Go installation, whose src/ is the standard library
	modCacheID = "GOMODCACHE"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                `json:"tool"`
	Invocations        []sarifInvocation        `json:"invocations"`
	OriginalURIBaseIDs map[string]sarifArtifact `json:"originalUriBaseIds"`
	Results            []sarifResult            `json:"results"`
	ColumnKind         string                   `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion"`
	InformationURI  string      `json:"informationUri,omitempty"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	FullDescription      sarifMessage       `json:"fullDescription"`
	Help                 sarifHelp          `json:"help"`
	HelpURI              string             `json:"helpUri"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
}

// sarifHelp is a multiformat message: plain text, and Markdown for the
// consumers that render it.
type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	WorkingDirectory    sarifArtifact       `json:"workingDirectory"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID           string          `json:"ruleId"`
	RuleIndex        int             `json:"ruleIndex"`
	Level            string          `json:"level"`
	Message          sarifMessage    `json:"message"`
	Locations        []sarifLocation `json:"locations"`
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
	CodeFlows        []sarifCodeFlow `json:"codeFlows,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifLocation struct {
	ID               int                   `json:"id,omitempty"`
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
	Message          *sarifMessage         `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI         string        `json:"uri"`
	URIBaseID   string        `json:"uriBaseId,omitempty"`
	Description *sarifMessage `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifCodeFlow struct {
	ThreadFlows []sarifThreadFlow `json:"threadFlows"`
}

type sarifThreadFlow struct {
	Locations []sarifThreadFlowLocation `json:"locations"`
}

type sarifThreadFlowLocation struct {
	Location       sarifLocation `json:"location"`
	NestingLevel   int           `json:"nestingLevel"`
	ExecutionOrder int           `json:"executionOrder"`
}

// writeSARIF prints diags (already normalized) as a SARIF log with one run.
// Problems become tool execution notifications of a failed invocation.
func writeSARIF(w io.Writer, diags []diagnostic, problems []problem, opts options) error {
	sw := &sarifWriter{dir: opts.dir, bases: sarifBases(opts), lines: map[string][][]byte{}}
	rules, index := sarifRules()
	v := releaseVersion()
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:            analyzer.Analyzer.Name,
			Version:         v,
			SemanticVersion: v,
			InformationURI:  analyzer.Analyzer.URL,
			Rules:           rules,
		}},
		Invocations: []sarifInvocation{{
			ExecutionSuccessful: len(problems) == 0,
			WorkingDirectory:    sarifArtifact{URI: dirURI(sw.dir)},
			Notifications:       sw.notifications(problems),
		}},
		OriginalURIBaseIDs: map[string]sarifArtifact{},
		Results:            make([]sarifResult, 0, len(diags)),
		ColumnKind:         "utf16CodeUnits",
	}
	for _, b := range sw.bases {
		run.OriginalURIBaseIDs[b.id] = sarifArtifact{URI: dirURI(b.dir), Description: &sarifMessage{Text: b.description}}
	}
	for _, d := range diags {
		run.Results = append(run.Results, sw.result(d, index[d.Category]))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// sarifRules makes one rule per category, described by its entry in the
// catalogue, and returns each category's index. A category the catalogue
// lacks (a bug, which the tests catch) still gets a rule.
func sarifRules() ([]sarifRule, map[string]int) {
	var rules []sarifRule
	index := map[string]int{}
	for i, c := range analyzer.Categories() {
		index[c] = i
		url := analyzer.CategoryURL(c)
		entry, ok := docs.Entry(c)
		if !ok {
			entry = "## " + c + "\n\nA diagnostic of category " + c + ".\n"
		}
		help := absoluteLinks(entryBody(entry), url)
		summary := firstParagraph(help)
		rules = append(rules, sarifRule{
			ID:                   c,
			ShortDescription:     sarifMessage{Text: firstSentence(summary)},
			FullDescription:      sarifMessage{Text: summary},
			Help:                 sarifHelp{Text: help, Markdown: help},
			HelpURI:              url,
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(c)},
		})
	}
	return rules, index
}

// entryBody is a catalogue entry without its heading.
func entryBody(entry string) string {
	if _, body, ok := strings.Cut(entry, "\n"); ok && strings.HasPrefix(entry, "## ") {
		return strings.TrimSpace(body)
	}
	return strings.TrimSpace(entry)
}

// firstParagraph is what a category reports, on one line.
func firstParagraph(md string) string {
	para, _, _ := strings.Cut(md, "\n\n")
	return strings.Join(strings.Fields(para), " ")
}

func firstSentence(text string) string {
	if s, _, ok := strings.Cut(text, ". "); ok {
		return s + "."
	}
	return text
}

// relativeLink matches the target of a Markdown link that is neither an
// address nor absolute: "(directives.md#errors)", "(#allocation)".
var relativeLink = lazyregexp.New(`\]\(([^):/]*(?:#[^)]*)?)\)`)

// absoluteLinks resolves the relative links of a catalogue entry against
// its published address, url: shown in a code-scanning alert, they would
// lead nowhere.
func absoluteLinks(md, url string) string {
	page, _, _ := strings.Cut(url, "#")
	dir := page[:strings.LastIndexByte(page, '/')+1]
	return relativeLink().ReplaceAllStringFunc(md, func(link string) string {
		target := link[2 : len(link)-1]
		if strings.HasPrefix(target, "#") {
			return "](" + page + target + ")"
		}
		return "](" + dir + target + ")"
	})
}

// sarifLevel reports findings as errors, and the -sites inventory, which
// judges nothing, as notes.
func sarifLevel(category string) string {
	if category == siteCategory {
		return "note"
	}
	return "error"
}

// sarifWriter converts positions; it reads the files to count columns in
// UTF-16 code units, as SARIF does by default, where Go counts bytes.
type sarifWriter struct {
	dir   string              // the working directory, which relative file names are in
	bases []sarifBase         // longest directory first
	lines map[string][][]byte // file name → its lines, nil if unreadable
}

func (sw *sarifWriter) result(d diagnostic, rule int) sarifResult {
	at := sarifLocation{PhysicalLocation: sw.physical(d.Pos, d.End)}
	r := sarifResult{
		RuleID:    d.Category,
		RuleIndex: rule,
		Level:     sarifLevel(d.Category),
		Message:   sarifMessage{Text: d.Message},
		Locations: []sarifLocation{at},
	}
	if len(d.Related) == 0 {
		return r
	}
	at.Message = &r.Message
	flow := sarifThreadFlow{Locations: []sarifThreadFlowLocation{{Location: at, ExecutionOrder: 1}}}
	for i, rel := range d.Related {
		loc := sarifLocation{
			ID:               i + 1,
			PhysicalLocation: sw.physical(rel.Pos, rel.End),
			Message:          &sarifMessage{Text: rel.Message},
		}
		r.RelatedLocations = append(r.RelatedLocations, loc)
		loc.ID = 0 // ids belong to relatedLocations
		flow.Locations = append(flow.Locations, sarifThreadFlowLocation{Location: loc, NestingLevel: i + 1, ExecutionOrder: i + 2})
	}
	r.CodeFlows = []sarifCodeFlow{{ThreadFlows: []sarifThreadFlow{flow}}}
	return r
}

func (sw *sarifWriter) notifications(problems []problem) []sarifNotification {
	var out []sarifNotification
	for _, p := range problems {
		n := sarifNotification{Level: "error", Message: sarifMessage{Text: p.String()}}
		if p.pos.Filename != "" {
			n.Message.Text = p.message
			n.Locations = []sarifLocation{{PhysicalLocation: sw.physical(p.pos, token.Position{})}}
		}
		out = append(out, n)
	}
	return out
}

// physical locates a span.
func (sw *sarifWriter) physical(pos, end token.Position) sarifPhysicalLocation {
	loc := sarifPhysicalLocation{ArtifactLocation: sw.artifact(pos.Filename)}
	if pos.Line == 0 {
		return loc
	}
	region := &sarifRegion{StartLine: pos.Line, StartColumn: sw.column(pos)}
	if end.IsValid() && end.Filename == pos.Filename {
		region.EndLine, region.EndColumn = end.Line, sw.column(end)
	}
	loc.Region = region
	return loc
}

// artifact names a file relative to the innermost base directory that
// holds it, and by its absolute file URI when none does. Names relative to
// the working directory are made absolute first.
func (sw *sarifWriter) artifact(name string) sarifArtifact {
	if !filepath.IsAbs(name) {
		name = filepath.Join(sw.dir, name)
	}
	for _, b := range sw.bases {
		if rel, ok := b.below(name); ok {
			return sarifArtifact{URI: (&url.URL{Path: filepath.ToSlash(rel)}).EscapedPath(), URIBaseID: b.id}
		}
	}
	return sarifArtifact{URI: fileURI(name)}
}

func fileURI(name string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(name)}).String()
}

// dirURI is the file URI of a directory, which SARIF wants to end in "/".
func dirURI(dir string) string {
	u := fileURI(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}

// column converts Go's 1-based byte column to a 1-based UTF-16 column,
// keeping the byte column when the file cannot be read.
func (sw *sarifWriter) column(p token.Position) int {
	if p.Column == 0 {
		return 0
	}
	lines := sw.fileLines(p.Filename)
	if p.Line > len(lines) {
		return p.Column
	}
	line := lines[p.Line-1]
	prefix := line[:min(p.Column-1, len(line))]
	n := 0
	for len(prefix) > 0 {
		r, size := utf8.DecodeRune(prefix)
		n += max(utf16.RuneLen(r), 1)
		prefix = prefix[size:]
	}
	return n + 1
}

func (sw *sarifWriter) fileLines(name string) [][]byte {
	if lines, ok := sw.lines[name]; ok {
		return lines
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(sw.dir, path)
	}
	data, err := os.ReadFile(path)
	var lines [][]byte
	if err == nil {
		lines = bytes.Split(data, []byte("\n"))
	}
	sw.lines[name] = lines
	return lines
}
