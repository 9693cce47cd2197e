package store

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// Formats Export writes.
var Formats = []string{"csv", "jsonl", "md"}

// ExportFields are the columns of the CSV export and the keys of the JSONL
// export, in order.
var ExportFields = []string{"quote_id", "doc_id", "title", "date", "source", "url", "speaker", "quote",
	"label", "target", "note", "analyst", "tagged_at", "start", "end", "speaker_source"}

// Record is one exported tag (JSONL object, CSV row).
type Record struct {
	QuoteID  string `json:"quote_id"`
	DocID    string `json:"doc_id"`
	Title    string `json:"title"`
	Date     string `json:"date"`
	Source   string `json:"source"`
	URL      string `json:"url"`
	Speaker  string `json:"speaker"`
	Quote    string `json:"quote"`
	Label    string `json:"label"`
	Target   string `json:"target"`
	Note     string `json:"note"`
	Analyst  string `json:"analyst"`
	TaggedAt string `json:"tagged_at"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	// SpeakerSource says where Speaker comes from (model.SourceCue, ...,
	// model.SourceAnalyst; "" when unknown): the last column, added with
	// statements (issue 11).
	SpeakerSource string `json:"speaker_source"`
}

// RecordOf is the export record of a tag. tagged_at is the creation time,
// RFC 3339 in UTC, to the second.
func RecordOf(t model.Tag) Record {
	return Record{
		QuoteID: t.QuoteID, DocID: t.DocID, Title: t.Title, Date: t.Date, Source: t.Source, URL: t.URL,
		Speaker: t.Speaker, Quote: t.Quote, Label: t.Label, Target: t.Target, Note: t.Note, Analyst: t.Analyst,
		TaggedAt: t.CreatedAt.UTC().Truncate(time.Second).Format(time.RFC3339), Start: t.Start, End: t.End,
		SpeakerSource: t.SpeakerSource,
	}
}

// Strings is the record as CSV cells, in ExportFields order (not neutralised).
func (r Record) Strings() []string {
	return []string{r.QuoteID, r.DocID, r.Title, r.Date, r.Source, r.URL, r.Speaker, r.Quote,
		r.Label, r.Target, r.Note, r.Analyst, r.TaggedAt, strconv.Itoa(r.Start), strconv.Itoa(r.End), r.SpeakerSource}
}

// Export writes tags in the format "csv", "jsonl" or "md" (Markdown, labels
// in alphabetical order; see WriteMarkdown).
func Export(w io.Writer, format string, tags []model.Tag) error {
	switch format {
	case "csv":
		return WriteCSV(w, tags)
	case "jsonl":
		return WriteJSONL(w, tags)
	case "md", "markdown":
		return WriteMarkdown(w, tags, nil)
	}
	return fmt.Errorf("export format %q: want csv, jsonl or md", format)
}

// WriteCSV writes RFC 4180 CSV (UTF-8, CRLF record ends, header row). Line
// breaks inside cells are normalised to LF and written as LF, so CSV readers
// (Python's csv module, pandas, Go, R, Excel) give them back as \n; then
// cells a spreadsheet would run as a formula are neutralised (see
// Neutralize), so a cell that started with CR is checked as it is written.
func WriteCSV(w io.Writer, tags []model.Tag) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	var rec bytes.Buffer
	cw := csv.NewWriter(&rec)
	// writeRow writes one record with LF inside cells and CRLF at its end
	// (csv.Writer's UseCRLF would turn LF inside cells into CRLF too).
	writeRow := func(row []string) error {
		rec.Reset()
		if err := cw.Write(row); err != nil {
			return err
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
		b := bytes.TrimSuffix(rec.Bytes(), []byte{'\n'})
		bw.Write(b)
		_, err := bw.WriteString("\r\n")
		return err
	}
	if err := writeRow(ExportFields); err != nil {
		return err
	}
	row := make([]string, len(ExportFields))
	for _, t := range tags {
		for i, c := range RecordOf(t).Strings() {
			row[i] = Neutralize(normalizeBreaks(c))
		}
		if err := writeRow(row); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func normalizeBreaks(s string) string {
	if !strings.ContainsRune(s, '\r') {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// formulaStart are the characters that make a spreadsheet treat a cell as a
// formula (OWASP CSV injection), and the line breaks that could precede one.
const formulaStart = "=+-@\t\r\n"

// Neutralize prefixes a cell that starts with =, +, -, @, tab, CR or LF with
// a single quote, so spreadsheets show it as text. A cell that already starts
// with a quote followed by one of those characters or another quote gets one
// too, so the change can be undone exactly by Unneutralize: drop a leading
// quote when the next character is one of = + - @ tab CR LF '.
func Neutralize(cell string) string {
	if cell == "" {
		return cell
	}
	if strings.IndexByte(formulaStart, cell[0]) >= 0 ||
		(cell[0] == '\'' && len(cell) > 1 && strings.IndexByte(formulaStart+"'", cell[1]) >= 0) {
		return "'" + cell
	}
	return cell
}

// Unneutralize undoes Neutralize.
func Unneutralize(cell string) string {
	if len(cell) > 1 && cell[0] == '\'' && strings.IndexByte(formulaStart+"'", cell[1]) >= 0 {
		return cell[1:]
	}
	return cell
}

// WriteJSONL writes one JSON object per tag with the ExportFields keys; the
// text is exact (encoded, not neutralised or stripped), with the characters a
// terminal acts on escaped as \uXXXX (textsafe.JSONEncoder).
func WriteJSONL(w io.Writer, tags []model.Tag) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := textsafe.NewJSONEncoder(bw)
	for _, t := range tags {
		if err := enc.Encode(RecordOf(t)); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// WriteMarkdown writes a report grouped by label, then speaker: each quote
// is a blockquote followed by its source line. Labels come in labelOrder
// (the codebook's), then any others alphabetically. Corpus text goes through
// textsafe.Clean and Markdown-significant characters are escaped, so the
// report reads the same as plain text and through pandoc.
func WriteMarkdown(w io.Writer, tags []model.Tag, labelOrder []string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	byLabel := map[string][]model.Tag{}
	for _, t := range tags {
		byLabel[t.Label] = append(byLabel[t.Label], t)
	}
	var labels []string
	seen := map[string]bool{}
	for _, l := range labelOrder {
		if len(byLabel[l]) > 0 && !seen[l] {
			labels = append(labels, l)
			seen[l] = true
		}
	}
	var rest []string
	for l := range byLabel {
		if !seen[l] {
			rest = append(rest, l)
		}
	}
	sort.Strings(rest)
	labels = append(labels, rest...)

	fmt.Fprintf(bw, "# Stance tags\n\n%d %s, %d %s.\n", len(tags), plural(len(tags), "tag", "tags"), len(labels), plural(len(labels), "label", "labels"))
	for _, l := range labels {
		group := byLabel[l]
		fmt.Fprintf(bw, "\n## %s (%d)\n", mdEscape(textsafe.CleanLine(l)), len(group))
		bySpeaker := map[string][]model.Tag{}
		for _, t := range group {
			bySpeaker[t.Speaker] = append(bySpeaker[t.Speaker], t)
		}
		speakers := make([]string, 0, len(bySpeaker))
		for sp := range bySpeaker {
			speakers = append(speakers, sp)
		}
		sort.Slice(speakers, func(i, j int) bool {
			a, b := speakers[i], speakers[j]
			if (a == "") != (b == "") {
				return b == "" // unknown speaker last
			}
			return strings.ToLower(a) < strings.ToLower(b)
		})
		for _, sp := range speakers {
			name := "Unknown speaker"
			if sp != "" {
				name = mdEscape(textsafe.CleanLine(sp))
			}
			fmt.Fprintf(bw, "\n### %s\n", name)
			qs := bySpeaker[sp]
			sort.SliceStable(qs, func(i, j int) bool {
				if qs[i].Date != qs[j].Date {
					return qs[i].Date < qs[j].Date
				}
				if qs[i].DocID != qs[j].DocID {
					return qs[i].DocID < qs[j].DocID
				}
				return qs[i].Start < qs[j].Start
			})
			for _, t := range qs {
				writeMDTag(bw, t)
			}
		}
	}
	return bw.Flush()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func writeMDTag(w *bufio.Writer, t model.Tag) {
	w.WriteString("\n")
	text := strings.TrimSpace(strings.ReplaceAll(textsafe.Clean(normalizeBreaks(t.Quote)), "\t", " "))
	if text == "" {
		text = "(no text)"
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, " \t")
		if line == "" {
			w.WriteString(">\n")
			continue
		}
		w.WriteString("> " + mdEscapeLine(line) + "\n")
	}
	// Source line: speaker, title, source, date, link, id.
	var parts []string
	if t.Speaker != "" {
		parts = append(parts, mdEscape(textsafe.CleanLine(t.Speaker)))
	}
	if t.Title != "" {
		parts = append(parts, "*"+mdEscape(textsafe.CleanLine(t.Title))+"*")
	}
	var src []string
	if t.Source != "" {
		src = append(src, mdEscape(textsafe.CleanLine(t.Source)))
	}
	if t.Date != "" {
		src = append(src, mdEscape(textsafe.CleanLine(t.Date)))
	}
	line := "— " + strings.Join(parts, ", ")
	if len(parts) == 0 {
		line = "— unknown source"
	}
	if len(src) > 0 {
		line += " (" + strings.Join(src, ", ") + ")"
	}
	if u := safeURL(t.URL); u != "" {
		line += " <" + u + ">"
	}
	id := t.QuoteID
	if id == "" {
		id = model.QuoteID(t.DocID, t.Start, t.End)
	}
	line += " · `" + strings.ReplaceAll(textsafe.CleanLine(id), "`", "'") + "`"
	w.WriteString("\n" + line + "\n")
	var extra []string
	if t.Target != "" {
		extra = append(extra, "target: "+mdEscape(textsafe.CleanLine(t.Target)))
	}
	if t.Note != "" {
		extra = append(extra, "note: "+mdEscape(textsafe.CleanLine(t.Note)))
	}
	if t.Analyst != "" {
		extra = append(extra, "tagged by "+mdEscape(textsafe.CleanLine(t.Analyst))+" on "+t.CreatedAt.UTC().Format("2006-01-02"))
	}
	if len(extra) > 0 {
		w.WriteString("\n" + strings.Join(extra, " · ") + "\n")
	}
}

// safeURL returns u when it is a plain http(s) URL that can be an autolink.
func safeURL(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	s := u.String()
	if strings.ContainsAny(s, "<> \t\n\r`") || textsafe.CleanLine(s) != s {
		return ""
	}
	return s
}

// mdInline are the characters escaped anywhere in a line: they start
// emphasis, code, links, HTML, tables, strikethrough, TeX math or entities in
// CommonMark, GFM or pandoc's Markdown.
const mdInline = "\\`*_[]<>|~$&"

func mdEscape(s string) string {
	if !strings.ContainsAny(s, mdInline) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		if r < 0x80 && strings.ContainsRune(mdInline, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdEscapeLine escapes a line of body text: inline characters, and what
// would start a heading, list, quote, rule or numbered list at the start of
// the line.
func mdEscapeLine(s string) string {
	// Leading spaces would make an indented code block inside the quote.
	body := mdEscape(strings.TrimLeft(s, " "))
	if body == "" {
		return body
	}
	switch body[0] {
	case '#', '+', '-', '=':
		return "\\" + body
	}
	// "1. " or "1) " would start an ordered list.
	i := 0
	for i < len(body) && body[i] >= '0' && body[i] <= '9' {
		i++
	}
	if i > 0 && i < len(body) && (body[i] == '.' || body[i] == ')') {
		body = body[:i] + "\\" + body[i:]
	}
	return body
}
