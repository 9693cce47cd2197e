package app

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/insights/gather"
	"github.com/workbench-dev/workbench/internal/insights/report"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// Insights counts what the tags say for a query (the whole corpus when it
// is empty): the stance matrix, the timeline and the co-occurrence of
// actors, from bleve facets and the store's aggregates.
func (a *App) Insights(ctx context.Context, raw string, o insights.Options) (insights.Data, gather.Extra, error) {
	var none gather.Extra
	pq, err := a.Parse(ctx, raw, ParseOptions{})
	if err != nil {
		return insights.Data{}, none, err
	}
	ix, err := a.Index()
	if err != nil {
		return insights.Data{}, none, err
	}
	st, err := a.Store()
	if err != nil {
		return insights.Data{}, none, err
	}
	var q query.Query
	if !pq.IsEmpty() {
		docs, notDocs, err := a.labelDocs(ctx, pq)
		if err != nil {
			return insights.Data{}, none, err
		}
		if q, err = ix.Compile(pq, docs, notDocs); err != nil {
			return insights.Data{}, none, err
		}
	}
	o.Query = raw
	o.Codebook = a.cb.Labels()
	o.ActorNames = map[string][]string{}
	for _, act := range a.reg.Actors() {
		o.ActorNames[act.ID] = append([]string{act.Name}, act.Aliases...)
	}
	o.SpeakerActor = func(name string) string {
		if act, ok := a.reg.Lookup(name); ok {
			return act.ID
		}
		return ""
	}
	return gather.Compute(ctx, ix, st, q, o)
}

// ReportFormats are the formats of Report.
var ReportFormats = []string{"html", "md"}

// Report writes the insights of a query as one self-contained file (HTML
// with inline SVG charts, or Markdown tables): the three views, the tagged
// statements with their notes, the codebook and a methods block. version
// names the workbench that made it.
func (a *App) Report(ctx context.Context, raw, format, version string, o insights.Options) ([]byte, error) {
	d, ex, err := a.Insights(ctx, raw, o)
	if err != nil {
		return nil, err
	}
	tags, err := a.Tags(ctx, TagFilter{Label: o.Label})
	if err != nil {
		return nil, err
	}
	if ex.DocIDs != nil {
		keep := map[string]bool{}
		for _, id := range ex.DocIDs {
			keep[id] = true
		}
		kept := tags[:0]
		for _, t := range tags {
			if keep[t.DocID] {
				kept = append(kept, t)
			}
		}
		tags = kept
	}
	analysts := map[string]bool{}
	for _, t := range tags {
		analysts[t.Analyst] = true
	}
	m := report.Meta{
		Title: "Insights", Corpus: a.ws.Dir, Since: model.FormatDate(o.Since), Until: model.FormatDate(o.Until),
		Docs: ex.Docs, Statements: -1, Tags: ex.Tags, Version: version, Generated: a.now(),
		Codebook: a.cb.Labels(), Tagged: tags, Sources: ex.Sources,
	}
	for n := range analysts {
		m.Analysts = append(m.Analysts, n)
	}
	sort.Strings(m.Analysts)
	var b bytes.Buffer
	switch format {
	case "md":
		err = report.Markdown(&b, d, m)
	default:
		err = report.HTML(&b, d, m)
	}
	return b.Bytes(), err
}

// ReportPath is where a report goes by default: WORKSPACE/reports/
// report-YYYYMMDD-HHMMSS.EXT (-2, -3... when taken).
func (a *App) ReportPath(format string) (string, error) {
	dir := filepath.Join(a.ws.Dir, "reports")
	if err := os.MkdirAll(dir, workspace.DirMode); err != nil {
		return "", fmt.Errorf("reports folder %s: %w", dir, err)
	}
	base := "report-" + a.now().Format("20060102-150405")
	path := filepath.Join(dir, base+"."+format)
	for i := 2; exists(path); i++ {
		path = filepath.Join(dir, fmt.Sprintf("%s-%d.%s", base, i, format))
	}
	return path, nil
}
