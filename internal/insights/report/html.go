package report

import (
	"cmp"
	"html/template"
	"io"
	"strings"

	"github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

type htmlTag struct {
	model.Tag
	Color string
	Link  string // http(s) URL or ""
}

type htmlCB struct {
	model.Label
	Color string
}

type htmlPage struct {
	Title, Query, Range, Analysts, Version, Generated, Corpus, Statements string
	Docs, Tags                                                            int
	NoDate                                                                string
	M                                                                     insights.Matrix
	RowTotals, ColTotals                                                  []int
	Colors                                                                map[string]string
	Legend                                                                []legendItem
	Matrix                                                                barChart
	Interval                                                              string
	Timeline                                                              []lineChart
	SeriesLegend                                                          []legendItem
	Series                                                                []insights.Series
	Pairs                                                                 []insights.Pair
	PairChart                                                             barChart
	ActorChart                                                            barChart
	Tagged                                                                []htmlTag
	Codebook                                                              []htmlCB
	Kremlin                                                               bool
	Attribution, AttributionURL, LicenceName, LicenceURL, Changes         string
}

// HTML writes the report as one self-contained HTML file: inline CSS and SVG,
// no script, nothing fetched; links only to the documents' own URLs and, for
// kremlin.ru documents, to the source and the licence.
func HTML(w io.Writer, d insights.Data, m Meta) error {
	p := htmlPage{
		Title: clean(m.title()), Query: clean(queryText(d.Query)), Range: m.dateRange(), Version: m.version(),
		Corpus: clean(cmp.Or(m.Corpus, "(unnamed)")), Analysts: clean(cmp.Or(strings.Join(m.Analysts, ", "), "none")),
		Docs: m.Docs, Tags: m.Tags, Statements: count(m.Statements), NoDate: insights.NoDate,
		M: cleanMatrix(d.Matrix), Interval: cmp.Or(d.Timeline.Interval, insights.Month),
		Attribution: Attribution, AttributionURL: AttributionURL, LicenceName: LicenceName, LicenceURL: LicenceURL, Changes: Changes,
	}
	if !m.Generated.IsZero() {
		p.Generated = m.Generated.UTC().Format("2006-01-02 15:04 UTC")
	}
	p.RowTotals, p.ColTotals = p.M.RowTotals(), p.M.ColTotals()
	p.Colors = labelColors(p.M.Labels, m.Codebook)
	for _, l := range p.M.Labels {
		p.Legend = append(p.Legend, legendItem{Name: l, Color: p.Colors[l]})
	}
	p.Matrix = matrixChart(p.M, p.Colors)
	tl := d.Timeline
	tl.Series = nil
	for _, s := range d.Timeline.Series {
		s.Name = clean(s.Name)
		tl.Series = append(tl.Series, s)
	}
	p.Series = tl.Series
	for i, s := range tl.Series {
		p.SeriesLegend = append(p.SeriesLegend, legendItem{Name: s.Name, Color: seriesColors[i%len(seriesColors)]})
	}
	for _, metric := range []string{"statements", "mentions", "tags"} {
		p.Timeline = append(p.Timeline, timelineChart(tl, metric))
	}
	var names []string
	var counts []int
	for _, pr := range d.Cooccurrence {
		pr.A, pr.B = clean(pr.A), clean(pr.B)
		p.Pairs = append(p.Pairs, pr)
		names = append(names, pr.A+" + "+pr.B)
		counts = append(counts, pr.Docs)
	}
	p.PairChart = rankChart(names, counts, "#4a6fa5")
	names, counts = nil, nil
	for _, a := range d.Actors {
		names = append(names, clean(a.Actor))
		counts = append(counts, a.Docs)
	}
	p.ActorChart = rankChart(names, counts, "#6c757d")
	for _, t := range m.Tagged {
		t.Quote, t.Note, t.Speaker, t.Target, t.Title = textsafe.Clean(t.Quote), textsafe.Clean(t.Note), clean(t.Speaker), clean(t.Target), clean(t.Title)
		col := p.Colors[t.Label]
		if col == "" {
			col = fallbackColors[0]
		}
		p.Tagged = append(p.Tagged, htmlTag{Tag: t, Color: col, Link: safeURL(t.URL)})
	}
	for i, l := range m.Codebook {
		l.Name, l.Description = clean(l.Name), clean(l.Description)
		p.Codebook = append(p.Codebook, htmlCB{Label: l, Color: labelColor(l.Color, i)})
	}
	p.Kremlin = insights.HasKremlin(m.Sources, m.Tagged)
	return page.Execute(w, p)
}

func clean(s string) string { return textsafe.CleanLine(s) }

func cleanMatrix(m insights.Matrix) insights.Matrix {
	out := m
	out.By = clean(cmp.Or(m.By, insights.BySpeaker))
	out.Rows = make([]string, len(m.Rows))
	for i, r := range m.Rows {
		out.Rows[i] = clean(r)
	}
	out.Labels = make([]string, len(m.Labels))
	for i, l := range m.Labels {
		out.Labels[i] = clean(l)
	}
	return out
}

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"color": func(c map[string]string, k string) string { return c[k] },
	"css":   func(s string) template.CSS { return template.CSS(cssColor(s)) },
	"add":   func(a, b int) int { return a + b },
}).Parse(pageHTML))

// cssColor passes only colours labelColor made ("#" and hex digits).
func cssColor(s string) string {
	if hexColor.MatchString(s) {
		return s
	}
	return "#777777"
}

const pageHTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
:root { --fg: #1d1d1f; --dim: #5f6368; --rule: #d0d4d9; --bg: #ffffff; --band: #f5f6f8; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 820px; padding: 24px 28px 48px; color: var(--fg); background: var(--bg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; padding-top: 8px; border-top: 2px solid var(--fg); }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.sub { color: var(--dim); margin: 0 0 16px; }
dl.methods { display: grid; grid-template-columns: 170px 1fr; gap: 2px 12px; margin: 0; padding: 12px 14px; background: var(--band); border-radius: 6px; }
dl.methods dt { font-weight: 600; color: var(--dim); }
dl.methods dd { margin: 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-size: 13px; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--rule); padding: 3px 6px; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
table.matrix th, table.matrix td:first-child { white-space: nowrap; }
table.matrix th { font-size: 11.5px; padding: 3px 4px; }
table.matrix td { padding: 3px 4px; }
table.matrix.many th { font-size: 10px; vertical-align: bottom; }
table.matrix.many th:not(:first-child):not(:last-child) { white-space: normal; word-break: break-all; }
table.matrix.many td { font-size: 11px; padding: 2px; }
div.wide { overflow-x: auto; }
thead th { border-bottom: 2px solid var(--fg); }
tr.total td { font-weight: 700; border-top: 2px solid var(--fg); }
td.zero { color: #b0b4b9; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 13px; margin: 4px 0 6px; }
.sw { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--fg); }
svg .axis { stroke: var(--fg); stroke-width: 1; }
svg .grid { stroke: var(--rule); stroke-width: 1; }
svg .dim { fill: var(--dim); }
.empty { color: var(--dim); font-style: italic; padding: 10px 14px; background: var(--band); border-radius: 6px; }
.note { color: var(--dim); font-size: 13px; margin: 2px 0; }
ol.tagged { padding-left: 22px; }
ol.tagged li { margin: 0 0 10px; break-inside: avoid; }
.chip { display: inline-block; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px; font-weight: 600; }
blockquote { margin: 2px 0; padding-left: 10px; border-left: 3px solid var(--rule); }
.tnote { background: #fff8e1; padding: 2px 6px; border-radius: 3px; font-size: 13px; }
.meta { color: var(--dim); font-size: 13px; }
footer { margin-top: 32px; padding-top: 8px; border-top: 1px solid var(--rule); color: var(--dim); font-size: 13px; }
a { color: #1f5fa8; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  div.wide { overflow: visible; }
  table.matrix { font-size: 8pt; }
  details { display: block; }
  details > *:not(summary) { display: revert; }
  h2 { break-after: avoid; }
  section, figure, table, svg { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 9pt; color: var(--dim); }
  .chip, .sw, svg rect, svg circle, svg polyline { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
<p class="sub">Query <code>{{.Query}}</code> · {{.Range}}{{if .Generated}} · generated {{.Generated}}{{end}}</p>
</header>

<section id="methods">
<h2>Methods</h2>
<dl class="methods">
<dt>Corpus</dt><dd>{{.Corpus}}</dd>
<dt>Query</dt><dd><code>{{.Query}}</code></dd>
<dt>Date range</dt><dd>{{.Range}}</dd>
<dt>Analysts</dt><dd>{{.Analysts}}</dd>
<dt>Counts</dt><dd>{{.Docs}} documents · {{.Statements}} statements · {{.Tags}} tags</dd>
<dt>Workbench</dt><dd>version {{.Version}}</dd>
</dl>
<p class="note">Tags count when their document matches the query. Mentions and co-occurrences count documents.
Documents without a date are counted under “{{.NoDate}}”, never dropped.</p>
</section>

<section id="matrix">
<h2>Stance matrix by {{.M.By}}</h2>
{{if not .M.Rows}}<p class="empty">No tagged statements match this query{{if .M.Labels}} (the codebook has {{len .M.Labels}} labels){{end}}.</p>
{{else}}
<div class="legend">{{range .Legend}}<span><span class="sw" style="background: {{css .Color}}"></span>{{.Name}}</span>{{end}}</div>
<figure style="margin:0">
<svg viewBox="0 0 {{.Matrix.W}} {{.Matrix.H}}" width="{{.Matrix.W}}" height="{{.Matrix.H}}" role="img" aria-label="Tagged statements per {{.M.By}}, stacked by label">
{{range $r := .Matrix.Rows}}<text x="{{$.Matrix.NameW}}" y="{{.TY}}" text-anchor="end">{{.Name}}</text>
{{range .Segs}}<rect x="{{.X}}" y="{{$r.Y}}" width="{{.W}}" height="16" fill="{{css .Color}}"><title>{{.Title}}</title></rect>
{{end}}<text x="{{.TotalX}}" y="{{.TY}}" class="dim">{{.Total}}</text>
{{end}}</svg>
{{if .Matrix.Hidden}}<figcaption class="note">The chart shows the first {{len .Matrix.Rows}} rows; {{.Matrix.Hidden}} more are in the table.</figcaption>{{end}}
</figure>
<div class="wide"><table class="matrix{{if gt (len .M.Labels) 8}} many{{end}}">
<thead><tr><th>{{.M.By}}</th>{{range .M.Labels}}<th><span class="sw" style="background: {{css (color $.Colors .)}}"></span>{{.}}</th>{{end}}<th>total</th></tr></thead>
<tbody>
{{range $i, $r := .M.Rows}}<tr><td>{{$r}}</td>{{range index $.M.Counts $i}}<td{{if not .}} class="zero"{{end}}>{{.}}</td>{{end}}<td><b>{{index $.RowTotals $i}}</b></td></tr>
{{end}}<tr class="total"><td>total</td>{{range .ColTotals}}<td>{{.}}</td>{{end}}<td>{{.M.Total}}</td></tr>
</tbody>
</table></div>
{{end}}
</section>

<section id="timeline">
<h2>Timeline per {{.Interval}}</h2>
{{if not .Series}}<p class="empty">No actor is mentioned in the matching documents, so there is no timeline.</p>
{{else}}
<div class="legend">{{range .SeriesLegend}}<span><span class="sw" style="background: {{css .Color}}"></span>{{.Name}}</span>{{end}}</div>
{{range .Timeline}}
<h3>{{.Title}}</h3>
<svg viewBox="0 0 {{.W}} {{.H}}" width="{{.W}}" height="{{.H}}" role="img" aria-label="{{.Title}} per {{$.Interval}}">
<line class="axis" x1="{{.X0}}" y1="{{.Y1}}" x2="{{.X1}}" y2="{{.Y1}}"></line>
<line class="axis" x1="{{.X0}}" y1="{{.Y0}}" x2="{{.X0}}" y2="{{.Y1}}"></line>
<text x="{{.XTitleX}}" y="{{.XTitleY}}" text-anchor="middle" class="dim">{{.XTitle}}</text>
<text x="{{.YTitleX}}" y="{{.YTitleY}}" text-anchor="middle" class="dim" transform="rotate(-90 {{.YTitleX}} {{.YTitleY}})">{{.YTitle}}</text>
{{if .Empty}}<text x="{{.EmptyX}}" y="{{.EmptyY}}" text-anchor="middle" class="dim">{{.EmptyMsg}}</text>
{{else}}{{$c := .}}{{range .YTicks}}<line class="grid" x1="{{$c.X0}}" y1="{{.Y}}" x2="{{$c.X1}}" y2="{{.Y}}"></line><text x="{{.X}}" y="{{add .Y 4}}" text-anchor="end">{{.Label}}</text>
{{end}}{{range .XTicks}}<line class="axis" x1="{{.X}}" y1="{{$c.Y1}}" x2="{{.X}}" y2="{{add $c.Y1 4}}"></line><text x="{{.X}}" y="{{.Y}}" text-anchor="middle">{{.Label}}</text>
{{end}}{{range .Lines}}{{$l := .}}<polyline points="{{.Points}}" fill="none" stroke="{{css .Color}}" stroke-width="2"></polyline>
{{range .Dots}}<circle cx="{{.X}}" cy="{{.Y}}" r="2.5" fill="{{css $l.Color}}"><title>{{.Label}}</title></circle>{{end}}
{{end}}{{end}}</svg>
{{if .NoDate}}<p class="note">{{$.NoDate}}: {{range $i, $n := .NoDate}}{{if $i}}, {{end}}<span class="sw" style="background: {{css $n.Color}}"></span>{{$n.Name}}{{end}}</p>{{end}}
{{end}}
{{range .Series}}
<details><summary>{{.Name}}: the counts</summary>
<table><thead><tr><th>{{$.Interval}}</th><th>statements</th><th>mentions</th><th>tags</th></tr></thead><tbody>
{{range .Points}}{{if or .Statements .Mentions .Tags}}<tr><td>{{.T}}</td><td>{{.Statements}}</td><td>{{.Mentions}}</td><td>{{.Tags}}</td></tr>
{{end}}{{end}}</tbody></table>
</details>
{{end}}
{{end}}
</section>

<section id="cooccurrence">
<h2>Co-occurrence</h2>
{{if not .Pairs}}<p class="empty">No two actors are mentioned in the same document.</p>
{{else}}
<p class="note">Pairs of actors mentioned in the same documents, most first.</p>
<svg viewBox="0 0 {{.PairChart.W}} {{.PairChart.H}}" width="{{.PairChart.W}}" height="{{.PairChart.H}}" role="img" aria-label="Actor pairs by shared documents">
{{range $r := .PairChart.Rows}}<text x="{{$.PairChart.NameW}}" y="{{.TY}}" text-anchor="end">{{.Name}}</text>{{range .Segs}}<rect x="{{.X}}" y="{{$r.Y}}" width="{{.W}}" height="16" fill="{{css .Color}}"><title>{{.Title}}</title></rect>{{end}}<text x="{{.TotalX}}" y="{{.TY}}" class="dim">{{.Total}}</text>
{{end}}</svg>
{{end}}
<h3>Mentions per actor</h3>
{{if not .ActorChart.Rows}}<p class="empty">No actor is mentioned in the matching documents.</p>
{{else}}
<svg viewBox="0 0 {{.ActorChart.W}} {{.ActorChart.H}}" width="{{.ActorChart.W}}" height="{{.ActorChart.H}}" role="img" aria-label="Documents mentioning each actor">
{{range $r := .ActorChart.Rows}}<text x="{{$.ActorChart.NameW}}" y="{{.TY}}" text-anchor="end">{{.Name}}</text>{{range .Segs}}<rect x="{{.X}}" y="{{$r.Y}}" width="{{.W}}" height="16" fill="{{css .Color}}"><title>{{.Title}}</title></rect>{{end}}<text x="{{.TotalX}}" y="{{.TY}}" class="dim">{{.Total}}</text>
{{end}}</svg>
{{if .ActorChart.Hidden}}<p class="note">{{.ActorChart.Hidden}} more actors are left out of the chart.</p>{{end}}
{{end}}
</section>

<section id="statements">
<h2>Tagged statements</h2>
{{if not .Tagged}}<p class="empty">No tagged statements.</p>
{{else}}<ol class="tagged">
{{range .Tagged}}<li><span class="chip" style="background: {{css .Color}}">{{.Label}}</span>
<b>{{if .Speaker}}{{.Speaker}}{{else}}unknown speaker{{end}}</b>{{if .Target}} → {{.Target}}{{end}}
<blockquote>“{{.Quote}}”</blockquote>
<div class="meta">{{if .Link}}<a href="{{.Link}}">{{if .Title}}{{.Title}}{{else}}{{.DocID}}{{end}}</a>{{else}}{{if .Title}}{{.Title}}{{else}}{{.DocID}}{{end}}{{end}} · {{if .Date}}{{.Date}}{{else}}{{$.NoDate}}{{end}}{{if .Analyst}} · tagged by {{.Analyst}}{{end}}</div>
{{if .Note}}<div class="tnote">Note: {{.Note}}</div>{{end}}
</li>
{{end}}</ol>{{end}}
</section>

<section id="codebook">
<h2>Codebook</h2>
{{if not .Codebook}}<p class="empty">No codebook.</p>
{{else}}<table><thead><tr><th>label</th><th style="text-align:left">key</th><th style="text-align:left">meaning</th></tr></thead><tbody>
{{range .Codebook}}<tr><td><span class="sw" style="background: {{css .Color}}"></span>{{.Name}}</td><td style="text-align:left">{{if .Key}}{{.Key}}{{else}}–{{end}}</td><td style="text-align:left">{{.Description}}</td></tr>
{{end}}</tbody></table>{{end}}
</section>

<footer>
{{if .Kremlin}}<p id="attribution">Documents from the <a href="{{.AttributionURL}}">{{.Attribution}}</a>, licensed under
<a href="{{.LicenceURL}}">{{.LicenceName}}</a>. {{.Changes}}</p>{{end}}
<p>Made with workbench {{.Version}}.</p>
</footer>
</body>
</html>
`
