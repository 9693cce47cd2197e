package exchange

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// Documents finds the articles records refer to. NewDocuments makes one
// from a slice; the caller may back it with the index instead.
type Documents interface {
	ByID(id string) (model.Article, bool)
	ByURL(url string) (model.Article, bool)
	// ByText finds the article whose body is exactly text.
	ByText(text string) (model.Article, bool)
}

type memDocs struct {
	id, url, text map[string]model.Article
}

// NewDocuments indexes articles by id, URL and body (the first of equal
// URLs or bodies wins).
func NewDocuments(articles []model.Article) Documents {
	d := memDocs{id: map[string]model.Article{}, url: map[string]model.Article{}, text: map[string]model.Article{}}
	for _, a := range articles {
		if _, ok := d.id[a.ID]; !ok {
			d.id[a.ID] = a
		}
		if a.URL != "" {
			if _, ok := d.url[a.URL]; !ok {
				d.url[a.URL] = a
			}
		}
		if _, ok := d.text[a.Body]; !ok {
			d.text[a.Body] = a
		}
	}
	return d
}

func (d memDocs) ByID(id string) (model.Article, bool)  { a, ok := d.id[id]; return a, ok }
func (d memDocs) ByURL(u string) (model.Article, bool)  { a, ok := d.url[u]; return a, ok }
func (d memDocs) ByText(t string) (model.Article, bool) { a, ok := d.text[t]; return a, ok }

// ResolveOptions are the codebook and the import policy.
type ResolveOptions struct {
	// Labels is the workspace's codebook.
	Labels []model.Label
	// Codes are the codes the files carried (Result.Codes), for the
	// colour and description of labels to add.
	Codes []model.Label
	// AddUnknownLabels keeps tags whose label the codebook lacks and lists
	// the labels in Report.NewLabels for the caller to add; otherwise
	// those tags are rejected (Report.Rejected).
	AddUnknownLabels bool
	// Existing tags of the workspace: a record equal to one of them (same
	// document, span, label and analyst) is skipped, so importing the same
	// file twice adds nothing.
	Existing []model.Tag
}

// Issue is one record Resolve moved, skipped or rejected.
type Issue struct {
	File, Where string // as in the Record
	Label       string
	Analyst     string
	Doc         string // the document reference as given (id, URL or "text of N characters")
	Message     string
}

func (i Issue) String() string {
	w := i.File
	if i.Where != "" {
		w += ": " + i.Where
	}
	return textsafe.CleanLine(fmt.Sprintf("%s: %q: %s", w, i.Label, i.Message))
}

// Report says what Resolve did besides producing tags.
type Report struct {
	Reanchored  []Issue       // taken, at the offsets where the exact text was found
	Unanchored  []Issue       // not taken: the span does not fit the document or its text is not there
	UnknownDocs []Issue       // not taken: no document matched by id, URL or text
	Rejected    []Issue       // not taken: empty or unusable label, or a label not in the codebook
	NewLabels   []model.Label // labels to add to the codebook (AddUnknownLabels)
	Duplicates  int           // skipped: already in the workspace or repeated in the input
}

// Problems counts the records not taken for a reason other than being
// duplicates.
func (r Report) Problems() int { return len(r.Unanchored) + len(r.UnknownDocs) + len(r.Rejected) }

// Err is nil when every record was taken (or was a duplicate); otherwise a
// *ResolveError listing what was not taken.
func (r Report) Err() error {
	if r.Problems() == 0 {
		return nil
	}
	return &ResolveError{Report: r}
}

// ResolveError is a report with records that could not be imported.
type ResolveError struct{ Report Report }

func (e *ResolveError) Error() string {
	var lines []string
	for _, g := range [][]Issue{e.Report.UnknownDocs, e.Report.Unanchored, e.Report.Rejected} {
		for _, i := range g {
			lines = append(lines, i.String())
		}
	}
	const show = 10
	more := ""
	if len(lines) > show {
		more = fmt.Sprintf("\n(and %d more)", len(lines)-show)
		lines = lines[:show]
	}
	return fmt.Sprintf("%d record(s) could not be imported:\n%s%s", e.Report.Problems(), strings.Join(lines, "\n"), more)
}

func tagIdentity(doc string, start, end int, label, analyst string) string {
	return fmt.Sprintf("%s\x00%d\x00%d\x00%s\x00%s", doc, start, end, label, analyst)
}

// Resolve anchors records to documents and the codebook. It is pure: the
// tags it returns are for the caller to store (in one transaction). A
// record is matched to a document by id, then URL, then full text; its
// span is checked against the body; when the body there is not the
// record's exact text, the exact text is searched for (preferring an
// occurrence with the record's prefix/suffix, then the one nearest the
// given offsets) and the move is reported. Nothing is shifted silently,
// and a record that cannot be anchored is reported, not taken.
func Resolve(recs []Record, docs Documents, opts ResolveOptions) ([]model.Tag, Report) {
	var rep Report
	known := map[string]string{} // name -> codebook name
	folded := map[string]string{}
	for _, l := range opts.Labels {
		known[l.Name] = l.Name
		folded[strings.ToLower(l.Name)] = l.Name
	}
	codes := map[string]model.Label{}
	for _, c := range opts.Codes {
		if _, ok := codes[c.Name]; !ok {
			codes[c.Name] = c
		}
	}
	seen := map[string]bool{}
	for _, t := range opts.Existing {
		seen[tagIdentity(t.DocID, t.Start, t.End, t.Label, t.Analyst)] = true
	}
	newLabel := map[string]bool{}
	var tags []model.Tag
	for _, r := range recs {
		issue := Issue{File: r.File, Where: r.Where, Label: r.Label, Analyst: r.Analyst, Doc: docRefName(r)}
		label := r.Label
		if label == "" || strings.TrimSpace(label) != label || textsafe.CleanLine(label) != label || strings.ContainsAny(label, "\n\r\t") {
			issue.Message = "label is empty, has surrounding spaces, or holds line breaks or control characters: rename it in the source tool"
			rep.Rejected = append(rep.Rejected, issue)
			continue
		}
		if k, ok := known[label]; ok {
			label = k
		} else if k, ok := folded[strings.ToLower(label)]; ok {
			label = k // same label, other case
		} else if opts.AddUnknownLabels {
			if !newLabel[label] {
				newLabel[label] = true
				l := codes[label]
				l.Name = label
				rep.NewLabels = append(rep.NewLabels, l)
			}
		} else {
			issue.Message = "label is not in the codebook (add it, or import with the option that adds unknown labels)"
			rep.Rejected = append(rep.Rejected, issue)
			continue
		}
		a, ok := findDoc(r, docs)
		if !ok {
			issue.Message = "no document matches " + issue.Doc + " (by id, URL or text)"
			rep.UnknownDocs = append(rep.UnknownDocs, issue)
			continue
		}
		if r.DocText != "" && r.DocText != a.Body && strings.ContainsRune(a.Body, '\r') && normalizeNewlines(a.Body) == r.DocText {
			// brat: the text was read with universal newlines
			m := newNewlineMap(a.Body)
			s, ok1 := m.toOrig(r.Start)
			e, ok2 := m.toOrig(r.End)
			if ok1 && ok2 {
				r.Start, r.End = s, e
				r.Exact, _ = slice(a.Body, s, e)
			}
		}
		start, end, msg, ok := anchor(r, a.Body)
		if !ok {
			issue.Message = msg
			rep.Unanchored = append(rep.Unanchored, issue)
			continue
		}
		if msg != "" {
			issue.Message = msg
			rep.Reanchored = append(rep.Reanchored, issue)
		}
		id := tagIdentity(a.ID, start, end, label, r.Analyst)
		if seen[id] {
			rep.Duplicates++
			continue
		}
		seen[id] = true
		exact, _ := slice(a.Body, start, end)
		quoteID := r.QuoteID
		if start != r.Start || end != r.End {
			quoteID = ""
		}
		tags = append(tags, model.Tag{
			QuoteID: quoteID, DocID: a.ID, Start: start, End: end, Label: label, Target: r.Target,
			Note: r.Note, Analyst: r.Analyst, Quote: exact, Title: a.Title, Date: a.DateString(),
			Source: a.Source, URL: a.URL, CreatedAt: r.Created, UpdatedAt: r.Created,
		})
	}
	sort.Slice(rep.NewLabels, func(i, j int) bool { return rep.NewLabels[i].Name < rep.NewLabels[j].Name })
	return tags, rep
}

func docRefName(r Record) string {
	switch {
	case r.DocID != "":
		return fmt.Sprintf("document %q", r.DocID)
	case r.DocURL != "":
		return fmt.Sprintf("URL %q", r.DocURL)
	case r.DocText != "":
		return fmt.Sprintf("a text of %d characters", runeLen(r.DocText))
	}
	return "no document reference"
}

func findDoc(r Record, docs Documents) (model.Article, bool) {
	if r.DocID != "" {
		if a, ok := docs.ByID(r.DocID); ok {
			// an id from another tool may collide with ours: when the
			// record carries its text, the bodies must agree
			if r.DocText == "" || r.DocText == a.Body {
				return a, true
			}
		}
	}
	if r.DocURL != "" {
		if a, ok := docs.ByURL(r.DocURL); ok {
			return a, true
		}
	}
	if r.DocText != "" {
		if a, ok := docs.ByText(r.DocText); ok {
			return a, true
		}
	}
	if r.DocID != "" && r.DocText != "" {
		// matched by id with another text: take it, the spans are checked
		if a, ok := docs.ByID(r.DocID); ok {
			return a, true
		}
	}
	return model.Article{}, false
}

// anchor returns the span of r in body: its own offsets when they fit (and
// hold the exact text, if known), else where the exact text is. msg says
// why it moved (ok) or why it could not be placed (!ok).
func anchor(r Record, body string) (start, end int, msg string, ok bool) {
	n := runeLen(body)
	fits := r.Start >= 0 && r.End > r.Start && r.End <= n
	if fits {
		got, _ := slice(body, r.Start, r.End)
		if r.Exact == "" || got == r.Exact {
			return r.Start, r.End, "", true
		}
	}
	if r.Exact == "" {
		if r.Start >= 0 && r.End == r.Start {
			return 0, 0, fmt.Sprintf("empty span %d-%d", r.Start, r.End), false
		}
		return 0, 0, fmt.Sprintf("span %d-%d past the end of the document (%d characters) and no text to find it by", r.Start, r.End, n), false
	}
	if !utf8.ValidString(r.Exact) {
		return 0, 0, fmt.Sprintf("span %d-%d does not fit and its exact text is not valid UTF-8", r.Start, r.End), false
	}
	best, bestScore := -1, -1
	bestDist := 0
	for off := 0; off <= len(body); {
		i := strings.Index(body[off:], r.Exact)
		if i < 0 {
			break
		}
		b := off + i
		_, size := utf8.DecodeRuneInString(body[b:])
		if e := b + len(r.Exact); !utf8.RuneStart(body[b]) || (e < len(body) && !utf8.RuneStart(body[e])) {
			off = b + 1 // a match inside a character: not the text
			continue
		}
		cp := cpIndex(body, b)
		score := 0
		if r.Prefix != "" && strings.HasSuffix(body[:b], r.Prefix) {
			score++
		}
		if r.Suffix != "" && strings.HasPrefix(body[b+len(r.Exact):], r.Suffix) {
			score++
		}
		dist := cp - r.Start
		if dist < 0 {
			dist = -dist
		}
		if score > bestScore || (score == bestScore && dist < bestDist) {
			best, bestScore, bestDist = cp, score, dist
		}
		off = b + size
	}
	if best < 0 {
		where := "its offsets"
		if !fits {
			where = fmt.Sprintf("span %d-%d (document has %d characters)", r.Start, r.End, n)
		} else {
			where = fmt.Sprintf("span %d-%d holds other text", r.Start, r.End)
		}
		return 0, 0, fmt.Sprintf("%s, and the exact text %q is nowhere in the document", where, short(r.Exact)), false
	}
	end = best + runeLen(r.Exact) // Exact is valid UTF-8 and matched on character boundaries
	return best, end, fmt.Sprintf("offsets %d-%d did not hold the exact text; re-anchored to %d-%d where it is", r.Start, r.End, best, end), true
}

func short(s string) string {
	if runeLen(s) <= 40 {
		return s
	}
	return s[:byteOffset(s, 37)] + "..."
}
