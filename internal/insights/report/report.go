// Package report writes the insights of a query as one self-contained file:
// Markdown (tables) or HTML (inline SVG charts and CSS, no scripts, nothing
// fetched, printable). Corpus text is escaped: html/template for HTML,
// Markdown escaping and textsafe cleaning for Markdown.
package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// Meta is what a report says beside the counts: its methods block, the
// codebook and the tagged statements.
type Meta struct {
	// Title heads the report (default "Insights").
	Title string
	// Corpus names the workspace or corpus.
	Corpus string
	// Since and Until are the date bounds asked for ("" = open).
	Since, Until string
	// Analysts who made the tags.
	Analysts []string
	// Docs is the number of matching documents; Statements of statements
	// in them (-1: not counted); Tags of tags counted.
	Docs, Statements, Tags int
	// Version of workbench.
	Version string
	// Generated is when the report was made (zero: left out).
	Generated time.Time
	// Codebook labels with their colours and descriptions.
	Codebook []model.Label
	// Tagged are the tagged statements (with notes) the report lists.
	Tagged []model.Tag
	// Sources of the matching documents; with Tagged, they decide
	// whether the kremlin.ru attribution is shown.
	Sources []string
}

// Attribution is the credit kremlin.ru's CC BY 4.0 licence asks for.
const (
	Attribution    = "President of Russia website, en.kremlin.ru"
	AttributionURL = "http://en.kremlin.ru/"
	LicenceName    = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
	LicenceURL     = "https://creativecommons.org/licenses/by/4.0/"
	Changes        = "Text extracted and reformatted: only the title, lead and body were kept; entities decoded, whitespace normalised."
)

func (m Meta) title() string { return cmp.Or(strings.TrimSpace(m.Title), "Insights") }

func (m Meta) dateRange() string {
	switch {
	case m.Since == "" && m.Until == "":
		return "all dates"
	case m.Since == "":
		return "until " + m.Until
	case m.Until == "":
		return "since " + m.Since
	}
	return m.Since + " to " + m.Until
}

func (m Meta) version() string { return cmp.Or(m.Version, "dev") }

func queryText(q string) string {
	if strings.TrimSpace(q) == "" {
		return "(empty: the whole corpus)"
	}
	return q
}

func count(n int) string {
	if n < 0 {
		return "not counted"
	}
	return fmt.Sprint(n)
}

// Markdown writes the report as Markdown tables.
func Markdown(w io.Writer, d insights.Data, m Meta) error {
	b := bufio.NewWriter(w)
	p := func(format string, a ...any) { fmt.Fprintf(b, format, a...) }
	p("# %s\n\n", md(m.title()))
	p("## Methods\n\n")
	p("- **Corpus:** %s\n", md(cmp.Or(m.Corpus, "(unnamed)")))
	p("- **Query:** `%s`\n", strings.ReplaceAll(textsafe.CleanLine(queryText(d.Query)), "`", "'"))
	p("- **Date range:** %s\n", md(m.dateRange()))
	p("- **Analysts:** %s\n", md(cmp.Or(strings.Join(m.Analysts, ", "), "none")))
	p("- **Counts:** %d documents, %s statements, %d tags\n", m.Docs, count(m.Statements), m.Tags)
	p("- **Workbench version:** %s\n", md(m.version()))
	if !m.Generated.IsZero() {
		p("- **Generated:** %s\n", m.Generated.UTC().Format("2006-01-02 15:04 UTC"))
	}
	p("- Tags count when their document matches the query; mentions and co-occurrences count documents; "+
		"documents without a date are counted under \"%s\".\n\n", insights.NoDate)

	mx := d.Matrix
	p("## Stance matrix (by %s)\n\n", md(cmp.Or(mx.By, insights.BySpeaker)))
	if len(mx.Rows) == 0 {
		p("No tagged statements match this query.\n\n")
	} else {
		p("| %s |", md(cmp.Or(mx.By, "speaker")))
		for _, l := range mx.Labels {
			p(" %s |", md(l))
		}
		p(" total |\n|---|")
		for range mx.Labels {
			p("---:|")
		}
		p("---:|\n")
		rt := mx.RowTotals()
		for i, r := range mx.Rows {
			p("| %s |", md(r))
			for _, n := range mx.Counts[i] {
				p(" %d |", n)
			}
			p(" %d |\n", rt[i])
		}
		p("| **total** |")
		for _, n := range mx.ColTotals() {
			p(" **%d** |", n)
		}
		p(" **%d** |\n\n", mx.Total())
	}

	p("## Timeline (per %s)\n\n", md(cmp.Or(d.Timeline.Interval, insights.Month)))
	if len(d.Timeline.Series) == 0 {
		p("No actor is mentioned in the matching documents.\n\n")
	}
	for _, s := range d.Timeline.Series {
		p("### %s\n\n", md(s.Name))
		p("| %s | statements | mentions | tags |\n|---|---:|---:|---:|\n", md(cmp.Or(d.Timeline.Interval, insights.Month)))
		rows := 0
		for _, pt := range s.Points {
			if pt.Statements+pt.Mentions+pt.Tags == 0 {
				continue
			}
			rows++
			p("| %s | %d | %d | %d |\n", md(pt.T), pt.Statements, pt.Mentions, pt.Tags)
		}
		if rows == 0 {
			p("| (nothing) | 0 | 0 | 0 |\n")
		}
		p("\n")
	}

	p("## Co-occurrence\n\n")
	if len(d.Cooccurrence) == 0 {
		p("No two actors are mentioned in the same document.\n\n")
	} else {
		p("| actor | actor | documents |\n|---|---|---:|\n")
		for _, pr := range d.Cooccurrence {
			p("| %s | %s | %d |\n", md(pr.A), md(pr.B), pr.Docs)
		}
		p("\n")
	}
	if len(d.Actors) > 0 {
		p("### Mentions per actor\n\n| actor | documents |\n|---|---:|\n")
		for _, a := range d.Actors {
			p("| %s | %d |\n", md(a.Actor), a.Docs)
		}
		p("\n")
	}

	p("## Tagged statements\n\n")
	if len(m.Tagged) == 0 {
		p("None.\n\n")
	}
	for _, t := range m.Tagged {
		p("- **%s** — %s", md(t.Label), md(cmp.Or(t.Speaker, "unknown speaker")))
		if t.Target != "" {
			p(" → %s", md(t.Target))
		}
		p(": “%s”", md(t.Quote))
		src := md(cmp.Or(t.Title, t.DocID))
		if u := safeURL(t.URL); u != "" {
			src = "[" + src + "](" + u + ")"
		}
		p(" (%s, %s)", src, md(cmp.Or(t.Date, insights.NoDate)))
		if t.Note != "" {
			p("\n  - Note (%s): %s", md(cmp.Or(t.Analyst, "analyst")), md(t.Note))
		}
		p("\n")
	}
	p("\n## Codebook\n\n")
	if len(m.Codebook) == 0 {
		p("No codebook.\n")
	}
	for _, l := range m.Codebook {
		p("- **%s** (key %s): %s\n", md(l.Name), md(cmp.Or(l.Key, "-")), md(cmp.Or(l.Description, "no description")))
	}
	if insights.HasKremlin(m.Sources, m.Tagged) {
		p("\n## Sources\n\nDocuments from the %s ([en.kremlin.ru](%s)), licensed under [%s](%s). %s\n",
			Attribution, AttributionURL, LicenceName, LicenceURL, Changes)
	}
	return b.Flush()
}

// md escapes corpus text for one line of Markdown (also inside a table).
func md(s string) string {
	s = textsafe.CleanLine(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '!':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// safeURL keeps http(s) URLs only, with characters that would end a
// Markdown link escaped.
func safeURL(raw string) string {
	u := strings.TrimSpace(raw)
	l := strings.ToLower(u)
	if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
		return ""
	}
	r := strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E", "\n", "", "\r", "")
	return r.Replace(u)
}
