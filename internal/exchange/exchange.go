// Package exchange converts workbench tags to and from the formats other
// annotation and QDA tools read: REFI-QDA (.qdpx project, .qdc codebook),
// Label Studio, doccano, brat and the W3C Web Annotation model; it also
// reads workbench's own JSONL tag export.
//
// Offsets inside workbench are Unicode code points into the article body,
// end exclusive. Every format written here counts the same unit (see
// docs/readme/exchange.md for the evidence per format), so conversion at
// the border is from Go's byte-indexed strings to code points and back; the
// tests put an emoji, a combining character and CJK before the spans.
//
// Export is pure apart from the writer or the files it is given. Read parses
// a file into Records without touching a workspace; Resolve (pure) anchors
// Records to articles and the codebook and reports what it could not take.
package exchange

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

// Format names.
const (
	FormatQDPX        = "qdpx"
	FormatQDC         = "qdc"
	FormatLabelStudio = "labelstudio"
	FormatDoccano     = "doccano"
	FormatBrat        = "brat"
	FormatWebAnno     = "webanno"
	FormatJSONL       = "jsonl" // workbench's own tag export (import only)
)

// ExportFormats are the formats Export writes.
var ExportFormats = []string{FormatQDPX, FormatQDC, FormatLabelStudio, FormatDoccano, FormatBrat, FormatWebAnno}

// ImportFormats are the formats Read parses.
var ImportFormats = []string{FormatQDPX, FormatQDC, FormatLabelStudio, FormatDoccano, FormatBrat, FormatWebAnno, FormatJSONL}

// ExportInput is what an export needs: the tags, the documents they lie in
// (by Article.ID) and the codebook.
type ExportInput struct {
	Tags     []model.Tag
	Articles map[string]model.Article
	Labels   []model.Label
	// Name names the project (REFI-QDA Project@name); "" gives "workbench".
	Name string
}

// Record is one tag read from a foreign file, before it is anchored.
type Record struct {
	File  string // the file it came from
	Where string // the element or line, for messages ("line 3", "PlainTextSelection guid=…")

	// The document: any of these may be empty; Resolve tries them in order.
	DocID   string
	DocURL  string
	DocText string // the full text the offsets refer to, when the format carries it
	Title   string

	Start, End int    // code points, end exclusive
	Exact      string // the text of the span, when the format carries it
	// Prefix and Suffix are context around Exact (Web Annotation), used to
	// choose among several occurrences when re-anchoring.
	Prefix, Suffix string

	Label   string
	Analyst string
	Note    string
	Target  string
	QuoteID string
	Created time.Time
}

func (r Record) where() string {
	if r.Where == "" {
		return r.File
	}
	return r.File + ": " + r.Where
}

// Result is what Read found in a file: tag records and, for formats that
// carry a codebook (REFI-QDA, the Label Studio config, brat's visual.conf),
// its codes.
type Result struct {
	Format  string
	Records []Record
	Codes   []model.Label
}

// ErrTooLarge is wrapped by errors about a file or zip entry over the size
// cap (Options.MaxBytes).
var ErrTooLarge = errors.New("too large")

// ErrDoctype is wrapped by errors about XML with a DOCTYPE (refused: no
// entities, internal or external, are ever expanded).
var ErrDoctype = errors.New("XML with a DOCTYPE is refused")

// ErrFormat is wrapped by errors about a file that is not in the format it
// claims or that Read cannot recognise.
var ErrFormat = errors.New("not a recognised format")

// FileError names the file and the element of an import problem.
type FileError struct {
	File  string
	Where string // element, line or entry; may be empty
	Err   error
}

func (e *FileError) Error() string {
	if e.Where == "" {
		return e.File + ": " + e.Err.Error()
	}
	return e.File + ": " + e.Where + ": " + e.Err.Error()
}

func (e *FileError) Unwrap() error { return e.Err }

func fileErr(file, where string, format string, args ...any) error {
	return &FileError{File: file, Where: where, Err: fmt.Errorf(format, args...)}
}

// DefaultMaxBytes caps a file, and each entry of a zip, that Read takes.
const DefaultMaxBytes = 64 << 20

// Options tune Read.
type Options struct {
	// Format forces a format; "" detects it from the extension or content.
	Format string
	// Analyst is given to records whose format names no analyst.
	Analyst string
	// MaxBytes caps the size of the file and of each zip entry (and the
	// sum of a zip's entries); 0 means DefaultMaxBytes.
	MaxBytes int64
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// sortedTags returns the tags in a stable order: document, start, end,
// label, analyst, id.
func sortedTags(tags []model.Tag) []model.Tag {
	out := append([]model.Tag(nil), tags...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.DocID != b.DocID:
			return a.DocID < b.DocID
		case a.Start != b.Start:
			return a.Start < b.Start
		case a.End != b.End:
			return a.End < b.End
		case a.Label != b.Label:
			return a.Label < b.Label
		case a.Analyst != b.Analyst:
			return a.Analyst < b.Analyst
		}
		return a.ID < b.ID
	})
	return out
}

// docIDs returns the ids of the documents the tags lie in, sorted.
func docIDs(tags []model.Tag) []string {
	seen := map[string]bool{}
	var ids []string
	for _, t := range tags {
		if !seen[t.DocID] {
			seen[t.DocID] = true
			ids = append(ids, t.DocID)
		}
	}
	sort.Strings(ids)
	return ids
}

// article returns the document of a tag, or an error naming it when the
// input lacks it or the span does not fit its body.
func (in ExportInput) article(t model.Tag) (model.Article, error) {
	a, ok := in.Articles[t.DocID]
	if !ok {
		return a, fmt.Errorf("tag %s %q: document %q is not among the exported articles", spanName(t), t.Label, t.DocID)
	}
	if n := runeLen(a.Body); t.Start < 0 || t.End < t.Start || t.End > n {
		return a, fmt.Errorf("tag %s %q: span outside document %q (%d code points)", spanName(t), t.Label, t.DocID, n)
	}
	if got, _ := slice(a.Body, t.Start, t.End); t.Quote != "" && got != t.Quote {
		return a, fmt.Errorf("tag %s %q: the document's text there changed since it was tagged (orphaned tag)", spanName(t), t.Label)
	}
	return a, nil
}

// SplitOrphans separates the tags an export can place (their document is
// in Articles, the span fits it and, when the tag kept its text, holds that
// text) from the orphans, which Export refuses: the caller exports the
// first and reports the second.
func SplitOrphans(in ExportInput) (placeable, orphans []model.Tag) {
	for _, t := range in.Tags {
		if _, err := in.article(t); err != nil {
			orphans = append(orphans, t)
		} else {
			placeable = append(placeable, t)
		}
	}
	return placeable, orphans
}

func spanName(t model.Tag) string { return fmt.Sprintf("%s:%d-%d", t.DocID, t.Start, t.End) }

// check verifies every tag against its article before anything is written.
func (in ExportInput) check() error {
	for _, t := range in.Tags {
		if _, err := in.article(t); err != nil {
			return err
		}
	}
	return nil
}

// allLabels is the codebook followed by labels used by tags but missing
// from it (alphabetically), so every tag's code exists in the output.
func (in ExportInput) allLabels() []model.Label {
	out := append([]model.Label(nil), in.Labels...)
	seen := map[string]bool{}
	for _, l := range in.Labels {
		seen[l.Name] = true
	}
	var extra []string
	for _, t := range in.Tags {
		if !seen[t.Label] {
			seen[t.Label] = true
			extra = append(extra, t.Label)
		}
	}
	sort.Strings(extra)
	for _, n := range extra {
		out = append(out, model.Label{Name: n})
	}
	return out
}

func (in ExportInput) projectName() string {
	if in.Name != "" {
		return in.Name
	}
	return "workbench"
}
