package report

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/model"
)

var codebook = []model.Label{
	{Name: "escalatory", Key: "1", Color: "#d62728", Description: "Threatens, raises the stakes."},
	{Name: "de-escalatory", Key: "2", Color: "#2ca02c", Description: "Calls for talks, restraint, a ceasefire."},
	{Name: "conciliatory", Key: "3", Color: "#1f77b4", Description: "Praises, concedes, signals agreement."},
	{Name: "accusatory", Key: "4", Color: "#ff7f0e", Description: "Blames another party."},
	{Name: "dismissive", Key: "5", Color: "#9467bd", Description: "Denies or rejects a claim."},
	{Name: "neutral", Key: "6", Color: "#7f7f7f", Description: "No stance."},
}

// sample is a realistic report: five actors over two years, a matrix with
// six labels, pairs, tagged statements (one hostile) and kremlin.ru sources.
func sample() (insights.Data, Meta) {
	r := rand.New(rand.NewPCG(1, 2))
	speakers := []string{"Vladimir Putin", "Volodymyr Zelensky", "Sergei Lavrov", "Joe Biden", "Olaf Scholz", "Dmitry Peskov", "Emmanuel Macron", ""}
	var cells []insights.Cell
	for i, s := range speakers {
		for j, l := range codebook {
			if r.IntN(3) > 0 {
				cells = append(cells, insights.Cell{Key: s, Label: l.Name, N: r.IntN(20-2*i) + (j+i)%3})
			}
		}
	}
	actors := []string{"putin", "zelensky", "nato", "biden", "scholz"}
	var counts []insights.Counts
	for i, a := range actors {
		c := insights.Counts{Name: a, Statements: map[string]int{}, Mentions: map[string]int{}, Tags: map[string]int{}}
		for t := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC); t.Year() < 2023; t = t.AddDate(0, 1, 0) {
			p := insights.Period(t, insights.Month)
			base := 30 - 5*i
			if t.Year() == 2022 && t.Month() >= 2 {
				base *= 2
			}
			c.Mentions[p] = base + r.IntN(15)
			c.Statements[p] = (base + r.IntN(10)) / 3
			c.Tags[p] = r.IntN(6)
		}
		c.Mentions[insights.NoDate] = 2 + i
		counts = append(counts, c)
	}
	var pairs []insights.Pair
	acts := map[string]int{}
	for i, a := range actors {
		acts[a] = 900 - 120*i
		for _, b := range actors[i+1:] {
			pairs = append(pairs, insights.Pair{A: a, B: b, Docs: r.IntN(400) + 10})
		}
	}
	acts["lavrov"], acts["peskov"] = 140, 1
	d := insights.Data{
		Query:        "@putin nato",
		Matrix:       insights.BuildMatrix(insights.BySpeaker, codebook, cells),
		Timeline:     insights.BuildTimeline(insights.Month, counts),
		Cooccurrence: insights.TopPairs(pairs, 20),
		Actors:       insights.SortActors(acts),
	}
	m := Meta{
		Title: "Stance toward NATO, 2021–2022", Corpus: "kremlin-en + press 2021-22", Since: "2021-01-01", Until: "2022-12-31",
		Analysts: []string{"ana", "bob"}, Docs: 3120, Statements: 18452, Tags: d.Matrix.Total(), Version: "v0.9.0-test",
		Generated: time.Date(2026, 12, 1, 14, 0, 0, 0, time.UTC), Codebook: codebook, Sources: []string{"kremlin.ru", "president.gov.ua"},
		Tagged: []model.Tag{
			{Label: "escalatory", Speaker: "Vladimir Putin", Target: "NATO", Quote: "We have nowhere to retreat to.", Note: "Repeated in three speeches.",
				Title: "Expanded meeting of the Defence Ministry Board", Date: "2021-12-21", URL: "http://en.kremlin.ru/events/president/news/67402", Analyst: "ana", DocID: "kremlin-67402"},
			{Label: "de-escalatory", Speaker: "Volodymyr Zelensky", Quote: "We are ready for talks <script>alert(1)</script> & more", Title: "Address", Date: "",
				URL: "javascript:alert(1)", Analyst: "bob", DocID: "pz-1"},
			{Label: "sarcasm", Speaker: "", Quote: "Quite so.", Title: "\x1b[31mred\x1b[0m title", Date: "2022-03-01", DocID: "x"},
		},
	}
	return d, m
}

// checkHTML parses the page and checks: well formed enough to parse into
// the expected skeleton, no script, no external resource, links only to
// allowed hosts, no raw hostile text.
func checkHTML(t *testing.T, page string, allowedLinks ...string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*html.Node)
	seen := map[string]int{}
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			seen[n.Data]++
			switch n.Data {
			case "script", "iframe", "object", "embed", "link", "img":
				t.Errorf("<%s> in the report", n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") {
					t.Errorf("event handler %s=%q", a.Key, a.Val)
				}
				if a.Key == "src" || a.Key == "href" || a.Key == "xlink:href" {
					ok := false
					for _, p := range allowedLinks {
						if a.Val == p {
							ok = true
						}
					}
					if !ok {
						t.Errorf("%s=%q not allowed", a.Key, a.Val)
					}
				}
				if a.Key == "style" && (strings.Contains(a.Val, "url(") || strings.Contains(a.Val, "ZgotmplZ")) {
					t.Errorf("style %q", a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, el := range []string{"html", "head", "title", "style", "body", "h1"} {
		if seen[el] == 0 {
			t.Errorf("no <%s>", el)
		}
	}
	if strings.Contains(page, "@import") || strings.Contains(page, "@font-face") || strings.Contains(page, "ZgotmplZ") {
		t.Error("imports, fonts or template-rejected values in the page")
	}
	// Every tag the template opens is closed (html.Parse forgives).
	for _, el := range []string{"section", "svg", "table", "figure", "ol", "dl", "details"} {
		if o, c := strings.Count(page, "<"+el), strings.Count(page, "</"+el+">"); o != c {
			t.Errorf("<%s> opened %d times, closed %d", el, o, c)
		}
	}
	return doc
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func TestHTMLSample(t *testing.T) {
	d, m := sample()
	var b bytes.Buffer
	if err := HTML(&b, d, m); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	doc := checkHTML(t, page, "http://en.kremlin.ru/events/president/news/67402", AttributionURL, LicenceURL)
	txt := text(doc)
	for _, want := range []string{"Stance toward NATO", "@putin nato", "2021-01-01 to 2022-12-31", "ana, bob", "3120 documents",
		"18452 statements", "v0.9.0-test", Attribution, "CC BY 4.0", "Text extracted and reformatted", "Repeated in three speeches.",
		"We are ready for talks <script>alert(1)</script> & more", "Threatens, raises the stakes.", "no date: ", "(none)", "sarcasm", "red title"} {
		if !strings.Contains(txt, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>alert") || strings.Contains(page, "javascript:") || strings.Contains(page, "\x1b") {
		t.Error("hostile text reached the page unescaped")
	}
	for _, want := range []string{"<svg", "<polyline", `fill="#d62728"`, "@media print", "<title>Stance"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if out := os.Getenv("WORKBENCH_REPORT_OUT"); out != "" {
		if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		var mdb bytes.Buffer
		if err := Markdown(&mdb, d, m); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(strings.TrimSuffix(out, filepath.Ext(out))+".md", mdb.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBadInput: each case gives a page with words where a chart would be
// empty, and never panics.
func TestBadInput(t *testing.T) {
	var twenty []model.Label
	for i := range 20 {
		twenty = append(twenty, model.Label{Name: fmt.Sprintf("label%02d", i), Key: "", Color: "not-a-colour"})
	}
	oneMention := insights.Data{Matrix: insights.BuildMatrix("speaker", nil, nil),
		Timeline: insights.BuildTimeline("year", []insights.Counts{{Name: "peskov", Mentions: map[string]int{"2020": 1}}}),
		Actors:   []insights.ActorCount{{Actor: "peskov", Docs: 1}}, Cooccurrence: []insights.Pair{}}
	onlyNoDate := insights.Data{Matrix: insights.BuildMatrix("target", nil, []insights.Cell{{Key: "", Label: "x", N: 1}}),
		Timeline: insights.BuildTimeline("month", []insights.Counts{{Name: "putin", Mentions: map[string]int{insights.NoDate: 3}}})}
	var cells []insights.Cell
	for i, l := range twenty {
		cells = append(cells, insights.Cell{Key: "A", Label: l.Name, N: i + 1})
	}
	cases := []struct {
		name  string
		d     insights.Data
		m     Meta
		words []string
	}{
		{"empty workspace", insights.Data{}, Meta{}, []string{"No tagged statements match", "no timeline", "No two actors", "No tagged statements.", "No codebook.", "(empty: the whole corpus)"}},
		{"no hits", insights.Data{Query: "zzz", Matrix: insights.BuildMatrix("speaker", codebook, nil), Timeline: insights.BuildTimeline("month", nil)},
			Meta{Codebook: codebook}, []string{"No tagged statements match this query (the codebook has 6 labels)", "zzz"}},
		{"twenty labels", insights.Data{Matrix: insights.BuildMatrix("speaker", twenty, cells)}, Meta{Codebook: twenty}, []string{"label19"}},
		{"one mention", oneMention, Meta{}, []string{"peskov", "No dated statements for these actors.", "No two actors"}},
		{"only undated", onlyNoDate, Meta{}, []string{"No dated mentions for these actors.", "no date: putin: 3", "(none)"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := HTML(&b, c.d, c.m); err != nil {
				t.Fatal(err)
			}
			if out := os.Getenv("WORKBENCH_REPORT_OUT"); out != "" {
				name := strings.ReplaceAll(c.name, " ", "-")
				if err := os.WriteFile(filepath.Join(filepath.Dir(out), "bad-"+name+".html"), b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			txt := text(checkHTML(t, b.String()))
			for _, w := range c.words {
				if !strings.Contains(txt, w) {
					t.Errorf("HTML lacks %q", w)
				}
			}
			if strings.Contains(txt, Attribution) {
				t.Error("attribution without kremlin.ru documents")
			}
			var mdb bytes.Buffer
			if err := Markdown(&mdb, c.d, c.m); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(mdb.String(), "## Stance matrix") || !strings.Contains(mdb.String(), "## Methods") {
				t.Errorf("markdown:\n%s", mdb.String())
			}
		})
	}
	// Twenty labels with bad colours: every swatch gets a fallback colour.
	var b bytes.Buffer
	HTML(&b, insights.Data{Matrix: insights.BuildMatrix("speaker", twenty, cells)}, Meta{Codebook: twenty})
	if strings.Contains(b.String(), "not-a-colour") || strings.Count(b.String(), `class="sw"`) < 40 {
		t.Error("bad colours reached the page, or swatches are missing")
	}
}

func TestMarkdown(t *testing.T) {
	d, m := sample()
	var b bytes.Buffer
	if err := Markdown(&b, d, m); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{
		"| speaker | escalatory | de-escalatory |", "| **total** |", "### putin", "| no date | 0 | 2 | 0 |",
		"| putin | zelensky |", "[Expanded meeting of the Defence Ministry Board](http://en.kremlin.ru/events/president/news/67402)",
		"Note (ana): Repeated in three speeches.", "We are ready for talks \\<script\\>alert(1)\\</script\\> & more",
		"Documents from the President of Russia website, en.kremlin.ru", "https://creativecommons.org/licenses/by/4.0/",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Contains(s, "javascript:") || strings.Contains(s, "\x1b") {
		t.Error("hostile text in markdown")
	}
	// Row and column totals add up.
	mx := d.Matrix
	sum := 0
	for _, n := range mx.ColTotals() {
		sum += n
	}
	if sum != mx.Total() || !strings.Contains(s, fmt.Sprintf("**%d** |\n", mx.Total())) {
		t.Errorf("grand total %d not in the table", mx.Total())
	}
}
