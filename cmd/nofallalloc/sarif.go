package main

import (
	"bytes"
	"encoding/json"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/nofallalloc/nofallalloc/analyzer"
)

// A SARIF 2.1.0 writer of our own: lintcmd's brands the tool as
// staticcheck and drops the call chains, which are the point of a
// nofallalloc diagnostic. Each result carries its chain twice: as
// relatedLocations, which every consumer lists, and as a codeFlow whose
// single threadFlow has one location per hop, nested by call depth, which
// code-scanning UIs show as a path.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://json.schemastore.org/sarif-2.1.0.json"
	srcRoot      = "%SRCROOT%" // base of the relative artifact URIs: the working directory
	siteCategory = "site"      // category of the -sites inventory, reported as notes
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
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri,omitempty"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	ShortDescription     sarifMessage       `json:"shortDescription"`
	HelpURI              string             `json:"helpUri,omitempty"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
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
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
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
func writeSARIF(w io.Writer, diags []diagnostic, problems []problem, paths *pathShortener) error {
	sw := &sarifWriter{dir: paths.dirs[0], lines: map[string][][]byte{}}
	rules, index := sarifRules(diags)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           analyzer.Analyzer.Name,
			Version:        versionString(),
			InformationURI: analyzer.Analyzer.URL,
			Rules:          rules,
		}},
		Invocations: []sarifInvocation{{
			ExecutionSuccessful: len(problems) == 0,
			WorkingDirectory:    sarifArtifact{URI: dirURI(sw.dir)},
			Notifications:       sw.notifications(problems),
		}},
		OriginalURIBaseIDs: map[string]sarifArtifact{srcRoot: {URI: dirURI(sw.dir)}},
		Results:            make([]sarifResult, 0, len(diags)),
		ColumnKind:         "utf16CodeUnits",
	}
	for _, d := range diags {
		run.Results = append(run.Results, sw.result(d, index[d.Category]))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

// sarifRules makes one rule per category, in name order, documented by the
// URL its diagnostics carry, and returns each category's index.
func sarifRules(diags []diagnostic) ([]sarifRule, map[string]int) {
	urls := map[string]string{}
	for _, d := range diags {
		if urls[d.Category] == "" {
			urls[d.Category] = d.URL
		}
	}
	var cats []string
	for c := range urls {
		cats = append(cats, c)
	}
	slices.Sort(cats)
	rules := make([]sarifRule, 0, len(cats))
	index := map[string]int{}
	for i, c := range cats {
		index[c] = i
		rules = append(rules, sarifRule{
			ID:                   c,
			ShortDescription:     sarifMessage{Text: analyzer.Analyzer.Name + ": " + c},
			HelpURI:              urls[c],
			DefaultConfiguration: sarifConfiguration{Level: sarifLevel(c)},
		})
	}
	return rules, index
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
	dir   string
	lines map[string][][]byte // file name → its lines, nil if unreadable
}

func (sw *sarifWriter) result(d diagnostic, rule int) sarifResult {
	r := sarifResult{
		RuleID:    d.Category,
		RuleIndex: rule,
		Level:     sarifLevel(d.Category),
		Message:   sarifMessage{Text: d.Message},
		Locations: []sarifLocation{{PhysicalLocation: sw.physical(d.Pos, d.End)}},
	}
	if len(d.Related) == 0 {
		return r
	}
	flow := sarifThreadFlow{}
	for i, rel := range d.Related {
		loc := sarifLocation{
			ID:               i + 1,
			PhysicalLocation: sw.physical(rel.Pos, rel.End),
			Message:          &sarifMessage{Text: rel.Message},
		}
		r.RelatedLocations = append(r.RelatedLocations, loc)
		loc.ID = 0 // ids belong to relatedLocations
		flow.Locations = append(flow.Locations, sarifThreadFlowLocation{Location: loc, NestingLevel: i, ExecutionOrder: i + 1})
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

// physical locates a span; file names are relative to the working
// directory (uriBaseId %SRCROOT%) when below it, else absolute file URIs.
func (sw *sarifWriter) physical(pos, end token.Position) sarifPhysicalLocation {
	loc := sarifPhysicalLocation{ArtifactLocation: artifact(pos.Filename)}
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

func artifact(name string) sarifArtifact {
	if filepath.IsAbs(name) {
		return sarifArtifact{URI: fileURI(name)}
	}
	return sarifArtifact{URI: (&url.URL{Path: filepath.ToSlash(name)}).EscapedPath(), URIBaseID: srcRoot}
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
