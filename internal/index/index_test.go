package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixtureDocs are small articles with hand-made analyses.
func fixtureDocs() []Doc {
	body1 := `Yury Ushakov said the talks in Alaska were useful. "We discussed the peace talks in detail," Ushakov told reporters. Zelensky was not invited.`
	d1 := Doc{Article: model.Article{ID: "d1", Title: "Ushakov on the Alaska talks", Date: day("2025-08-16"), Source: "kremlin.ru", URL: "http://kremlin.ru/1", Body: body1}, Hash: "h1"}
	d1.Analysis = analysisFor(d1.ID, body1,
		[]model.Mention{mention(body1, "ushakov", "Yury Ushakov"), mention(body1, "zelensky", "Zelensky")},
		[]qspec{{"We discussed the peace talks in detail,", "Yury Ushakov", "ushakov"}})
	body2 := `Zelensky asked for Tomahawk missiles. Sergei Ryabkov warned of a "whole new level of escalation" and said the momentum was lost. Putin agreed.`
	d2 := Doc{Article: model.Article{ID: "d2", Title: "Tomahawks and escalation", Date: day("2025-10-12"), Source: "tass.com", Body: body2}, Hash: "h2"}
	d2.Analysis = analysisFor(d2.ID, body2,
		[]model.Mention{mention(body2, "zelensky", "Zelensky"), mention(body2, "ryabkov", "Sergei Ryabkov"), mention(body2, "putin", "Putin")},
		[]qspec{{"whole new level of escalation", "Sergei Ryabkov", "ryabkov"}})
	body3 := `Zelenskyy met European leaders. Peace is far away, the Ukrainian president's office said. Talks about peace continue.`
	d3 := Doc{Article: model.Article{ID: "d3", Title: "Zelenskyy in Brussels", Date: day("2024-02-01"), Source: "kremlin.ru", Body: body3}, Hash: "h3"}
	d3.Analysis = analysisFor(d3.ID, body3, []model.Mention{mention(body3, "zelensky", "Zelenskyy")}, nil)
	d4 := Doc{Article: model.Article{ID: "d4", Title: "Undated note", Body: "Nothing about anyone. Escalating prices."}, Hash: "h4"}
	return []Doc{d1, d2, d3, d4}
}

type qspec struct{ text, speaker, actor string }

func runeIndex(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		panic("no " + sub)
	}
	return len([]rune(s[:i]))
}

func mention(body, actor, text string) model.Mention {
	s := runeIndex(body, text)
	return model.Mention{Actor: actor, Text: text, Start: s, End: s + len([]rune(text))}
}

func analysisFor(docID, body string, ms []model.Mention, qs []qspec) model.Analysis {
	a := model.Analysis{Mentions: ms, Quotes: []model.Quote{}}
	for _, q := range qs {
		s := runeIndex(body, q.text)
		e := s + len([]rune(q.text))
		a.Quotes = append(a.Quotes, model.Quote{ID: model.QuoteID(docID, s, e), Text: q.text, Start: s, End: e,
			Kind: model.KindDirect, Speaker: q.speaker, SpeakerActor: q.actor, Cue: "said", Rule: "test", Confidence: 0.9})
	}
	return a
}

func newFixtureIndex(t testing.TB) *Index {
	t.Helper()
	ix, err := Create(filepath.Join(t.TempDir(), "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(context.Background(), fixtureDocs()); err != nil {
		t.Fatal(err)
	}
	return ix
}

func ids(hits []model.Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.ID)
	}
	return out
}

func doSearch(t *testing.T, ix *Index, r Request) *model.SearchResult {
	t.Helper()
	res, err := ix.Search(context.Background(), r)
	if err != nil {
		t.Fatalf("search %q: %v", r.Query.Raw, err)
	}
	return res
}

func TestCountGetHashes(t *testing.T) {
	ix := newFixtureIndex(t)
	n, err := ix.Count()
	if err != nil || n != 4 {
		t.Fatalf("count = %d, %v; want 4", n, err)
	}
	d, err := ix.Get(context.Background(), "d1")
	if err != nil {
		t.Fatal(err)
	}
	want := fixtureDocs()[0]
	if d.Title != want.Title || d.Body != want.Body || d.Source != want.Source || d.URL != want.URL || !d.Date.Equal(want.Date) || d.Hash != "h1" {
		t.Errorf("get d1 = %+v", d.Article)
	}
	if len(d.Analysis.Quotes) != 1 || d.Analysis.Quotes[0].SpeakerActor != "ushakov" || len(d.Analysis.Mentions) != 2 {
		t.Errorf("analysis = %+v", d.Analysis)
	}
	if _, err := ix.Get(context.Background(), "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("get missing: %v", err)
	}
	d4, err := ix.Get(context.Background(), "d4")
	if err != nil || !d4.Date.IsZero() {
		t.Errorf("undated: %v %v", d4, err)
	}
	h, err := ix.Hashes(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 4 || h["d2"] != "h2" {
		t.Errorf("hashes = %v", h)
	}
}

func TestSearchBasics(t *testing.T) {
	ix := newFixtureIndex(t)
	res := doSearch(t, ix, Request{Query: Q("tomahawk", false), Fragments: true})
	if res.Total != 1 || res.Hits[0].ID != "d2" {
		t.Fatalf("tomahawk: %v", ids(res.Hits))
	}
	h := res.Hits[0]
	if len(h.Fragments) != 1 || len(h.Fragments[0].Marks) == 0 {
		t.Fatalf("fragments = %+v", h.Fragments)
	}
	f := h.Fragments[0]
	m := f.Marks[0]
	if got := string([]rune(f.Text)[m.Start:m.End]); got != "Tomahawk" {
		t.Errorf("mark = %q", got)
	}
	if len(h.TitleMarks) != 1 || string([]rune(h.Title)[h.TitleMarks[0].Start:h.TitleMarks[0].End]) != "Tomahawks" {
		t.Errorf("title marks = %v", h.TitleMarks)
	}
	if !slices.Contains(h.Actors, "ryabkov") {
		t.Errorf("actors = %v", h.Actors)
	}
	// Phrase.
	res = doSearch(t, ix, Request{Query: Q(`"peace talks"`, false)})
	if got := ids(res.Hits); !slices.Equal(got, []string{"d1"}) {
		t.Errorf("phrase: %v", got)
	}
	// Everything, newest first; undated last.
	res = doSearch(t, ix, Request{})
	if got := ids(res.Hits); !slices.Equal(got, []string{"d2", "d1", "d3", "d4"}) {
		t.Errorf("all: %v", got)
	}
	// Actor shortcut and facets.
	res = doSearch(t, ix, Request{Query: Q("@zelensky", false), Facets: true})
	if res.Total != 3 {
		t.Errorf("@zelensky total = %d", res.Total)
	}
	res = doSearch(t, ix, Request{Query: Q("@zelensky peace", false), Facets: true})
	if got := ids(res.Hits); len(got) != 2 || !slices.Contains(got, "d1") || !slices.Contains(got, "d3") {
		t.Errorf("@zelensky peace: %v", got)
	}
	if len(res.Sources) != 1 || res.Sources[0] != (model.FacetCount{Value: "kremlin.ru", Count: 2}) {
		t.Errorf("source facets: %+v", res.Sources)
	}
	if len(res.Actors) == 0 || res.Actors[0] != (model.FacetCount{Value: "zelensky", Count: 2}) {
		t.Errorf("actor facets: %+v", res.Actors)
	}
	res = doSearch(t, ix, Request{Query: Q("speaker:ryabkov", false)})
	if got := ids(res.Hits); !slices.Equal(got, []string{"d2"}) {
		t.Errorf("speaker: %v", got)
	}
	res = doSearch(t, ix, Request{Query: Q("source:tass.com", false)})
	if got := ids(res.Hits); !slices.Equal(got, []string{"d2"}) {
		t.Errorf("source: %v", got)
	}
	// Doc filter.
	res = doSearch(t, ix, Request{Query: Q("peace", false), DocFilter: []string{"d3"}})
	if got := ids(res.Hits); !slices.Equal(got, []string{"d3"}) {
		t.Errorf("docfilter: %v", got)
	}
	res = doSearch(t, ix, Request{Query: Q("zelensky", false), DocFilter: []string{}})
	if res.Total != 0 {
		t.Errorf("empty docfilter: %d", res.Total)
	}
	// Quote documents never show up as articles.
	res = doSearch(t, ix, Request{Query: Q("discussed", false)})
	if got := ids(res.Hits); !slices.Equal(got, []string{"d1"}) {
		t.Errorf("discussed: %v", got)
	}
}

func TestQueryError(t *testing.T) {
	ix := newFixtureIndex(t)
	for _, q := range []string{"title:", `"unclosed`, "a:b:c", "+"} {
		_, err := ix.Search(context.Background(), Request{Query: Q(q, false)})
		var qe *model.QueryError
		if !errors.As(err, &qe) {
			t.Errorf("%q: err = %v, want *model.QueryError", q, err)
			continue
		}
		if !strings.Contains(qe.Error(), "invalid query") {
			t.Errorf("message: %v", qe)
		}
	}
}

func TestCancelled(t *testing.T) {
	ix := newFixtureIndex(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ix.Search(ctx, Request{Query: Q("peace", false)}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
}

// Typing a word must never lose hits: every prefix of the word (from the
// minimum length) finds at least the documents the whole word finds, and so
// does the whole word typed without a space after it.
func TestAsYouTypeNeverLosesHits(t *testing.T) {
	ix := newFixtureIndex(t)
	for _, w := range []string{"zelensky", "escalation", "tomahawk", "peace", "talks", "momentum", "ryabkov", "ushakov"} {
		full := doSearch(t, ix, Request{Query: Q(w+" ", false), Limit: 100})
		if full.Total == 0 {
			t.Fatalf("%s: no hits at all", w)
		}
		want := ids(full.Hits)
		rs := []rune(w)
		for n := minPrefix; n <= len(rs); n++ {
			p := string(rs[:n])
			got := ids(doSearch(t, ix, Request{Query: Q(p, true), Limit: 100}).Hits)
			for _, id := range want {
				if !slices.Contains(got, id) {
					t.Errorf("typing %q: %q lost %s (has %v, word has %v)", w, p, id, got, want)
				}
			}
		}
	}
}

func TestAsYouTypeShapes(t *testing.T) {
	ix := newFixtureIndex(t)
	cases := []struct {
		q    string
		want []string
	}{
		{"tomah", []string{"d2"}},
		{"zelensky tom", nil}, // any order, checked by contains below
		{"@putin", []string{"d2"}},
		{"@putin esc", []string{"d2"}},
		{`"peace ta`, nil},
		{"z", []string{}},
	}
	for _, c := range cases {
		res, err := ix.Search(context.Background(), Request{Query: Q(c.q, true), Fragments: true})
		if err != nil {
			t.Errorf("%q: %v", c.q, err)
			continue
		}
		if c.want != nil && !slices.Equal(ids(res.Hits), c.want) && !(len(c.want) == 0 && len(res.Hits) == 0) {
			t.Errorf("%q: %v, want %v", c.q, ids(res.Hits), c.want)
		}
	}
	res := doSearch(t, ix, Request{Query: Q("zelensky tom", true)})
	if len(res.Hits) == 0 || res.Hits[0].ID != "d2" {
		t.Errorf("zelensky tom: %v (d2 has both, should lead)", ids(res.Hits))
	}
	// The typed prefix marks its completions.
	res = doSearch(t, ix, Request{Query: Q("escalat", true), Fragments: true})
	if len(res.Hits) == 0 {
		t.Fatal("escalat: no hits")
	}
	if !slices.Contains(ids(res.Hits), "d4") || !slices.Contains(ids(res.Hits), "d2") {
		t.Errorf("escalat: %v", ids(res.Hits))
	}
}

func TestQuotes(t *testing.T) {
	ix := newFixtureIndex(t)
	ctx := context.Background()
	hits, total, err := QuotesOf(ctx, ix, QuoteRequest{Exact: true})
	if err != nil || total != 2 || len(hits) != 2 {
		t.Fatalf("all quotes: %v %d %v", hits, total, err)
	}
	if hits[0].DocID != "d2" || hits[0].Title != "Tomahawks and escalation" || !hits[0].Date.Equal(day("2025-10-12")) {
		t.Errorf("newest first: %+v", hits[0])
	}
	hits, _, err = QuotesOf(ctx, ix, QuoteRequest{Query: Q("escalation", false), Exact: true})
	if err != nil || len(hits) != 1 || hits[0].Speaker != "Sergei Ryabkov" || hits[0].SpeakerActor != "ryabkov" {
		t.Errorf("text: %+v %v", hits, err)
	}
	for _, sp := range []string{"ushakov", "Yury Ushakov", "USHAKOV"} {
		hits, _, err = QuotesOf(ctx, ix, QuoteRequest{Query: WithQ(Q("", false), func(q *model.Query) { q.Speakers = []string{sp} }), Exact: true})
		if err != nil || len(hits) != 1 || hits[0].DocID != "d1" {
			t.Errorf("speaker %q: %+v %v", sp, hits, err)
		}
	}
	hits, _, _ = QuotesOf(ctx, ix, QuoteRequest{DocFilter: []string{"d1"}})
	if len(hits) != 1 {
		t.Errorf("doc filter: %v", hits)
	}
	q, err := ix.Quote(ctx, hits[0].ID)
	if err != nil || q.Text != "We discussed the peace talks in detail," {
		t.Errorf("quote: %+v %v", q, err)
	}
	if _, err := ix.Quote(ctx, "d1:0-1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing quote: %v", err)
	}
	fc, err := ix.SpeakerFacets(ctx, QuoteRequest{Exact: true}, 10)
	if err != nil || len(fc) != 2 {
		t.Errorf("speaker facets: %v %v", fc, err)
	}
	// Replacing a document drops its old quotes.
	d := fixtureDocs()[1]
	d.Analysis.Quotes = nil
	d.Hash = "h2b"
	if err := ix.Put(ctx, []Doc{d}); err != nil {
		t.Fatal(err)
	}
	_, total, _ = QuotesOf(ctx, ix, QuoteRequest{Exact: true})
	if total != 1 {
		t.Errorf("after replace: %d quotes, want 1", total)
	}
	if err := ix.Delete(ctx, []string{"d1"}); err != nil {
		t.Fatal(err)
	}
	_, total, _ = QuotesOf(ctx, ix, QuoteRequest{Exact: true})
	n, _ := ix.Count()
	if total != 0 || n != 3 {
		t.Errorf("after delete: %d quotes, %d docs", total, n)
	}
}

func TestReopenAndModes(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "index.bleve")
	ix, err := Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(context.Background(), fixtureDocs()); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	filepath.Walk(p, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if info.IsDir() && info.Mode().Perm() != 0o700 || !info.IsDir() && info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v", path, info.Mode().Perm())
		}
		return nil
	})
	// Two readers side by side.
	r1, err := Open(p, OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := Open(p, OpenOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()
	if n, _ := r2.Count(); n != 4 {
		t.Errorf("count after reopen = %d", n)
	}
	// A writer cannot get it while readers hold it: it fails, quickly.
	start := time.Now()
	_, err = Open(p, OpenOptions{})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "workspace in use by workbench (pid") {
		t.Errorf("writer vs readers: %v", err)
	}
	if d := time.Since(start); d > 5*time.Second { // no hang (the wait is 1 s; a loaded machine adds)
		t.Errorf("writer waited %v", d)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(filepath.Join(dir, "none"), OpenOptions{}); !errors.Is(err, ErrNoIndex) {
		t.Errorf("missing: %v", err)
	}
	damage := map[string]func(p string){
		"meta garbage": func(p string) { os.WriteFile(filepath.Join(p, "index_meta.json"), []byte("{garbage"), 0o600) },
		"meta missing": func(p string) { os.Remove(filepath.Join(p, "index_meta.json")) },
		"bolt garbage": func(p string) {
			os.WriteFile(filepath.Join(p, "store", "root.bolt"), []byte(strings.Repeat("x", 9000)), 0o600)
		},
		"segment garbage": func(p string) {
			zs, _ := filepath.Glob(filepath.Join(p, "store", "*.zap"))
			if len(zs) == 0 {
				t.Fatal("no zap files")
			}
			for _, z := range zs {
				b, _ := os.ReadFile(z)
				for i := range b {
					b[i] ^= 0x5a
				}
				os.WriteFile(z, b, 0o600)
			}
		},
		"segment truncated": func(p string) {
			zs, _ := filepath.Glob(filepath.Join(p, "store", "*.zap"))
			for _, z := range zs {
				os.Truncate(z, 10)
			}
		},
	}
	for name, f := range damage {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "index.bleve")
			ix, err := Create(p)
			if err != nil {
				t.Fatal(err)
			}
			ix.Put(context.Background(), fixtureDocs())
			ix.Close()
			f(p)
			for _, ro := range []bool{true, false} {
				ix, err := Open(p, OpenOptions{ReadOnly: ro})
				if err == nil {
					// Must at least fail clearly on use.
					_, err = ix.Search(context.Background(), Request{Query: Q("peace", false), Fragments: true})
					ix.Close()
				}
				if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "workbench index --rebuild") {
					t.Errorf("ro=%v: err = %v", ro, err)
				}
			}
		})
	}
}

// Every keystroke of realistic (and clumsy) typing runs without error.
func TestAsYouTypeEveryKeystroke(t *testing.T) {
	ix := newFixtureIndex(t)
	for _, q := range []string{"zelensky tomahawk", "@putin escalation", `"peace talks"`, "ryabkov momentum",
		"speaker:ryabkov momentum", `title:"alaska talks" +peace -war`, "a AND (b OR c)", "date:>\"2025-01-01\" peace",
		"source:kremlin.ru", "zelensk* tom~1", "#escalatory @zel", "\\\"", "+", "-", "title:", "peace^2 talks"} {
		rs := []rune(q)
		for i := 1; i <= len(rs); i++ {
			p := string(rs[:i])
			if _, err := ix.Search(context.Background(), Request{Query: Q(p, true), Fragments: true}); err != nil {
				t.Errorf("%q: %v", p, err)
			}
		}
	}
}

// The fast marker agrees with running the analyzer over the whole text.
func TestMarkTermsMatchesAnalyzer(t *testing.T) {
	ix := newFixtureIndex(t)
	text := "Putin's envoy said: “Zelensky’s Tomahawks won't change the escalation.” Zelenskyy, NATO and the EU talked; talks resumed. Ünïcode wörds, café escalating."
	for _, terms := range [][]string{{"putin", "zelenski", "tomahawk", "escal"}, {"talk", "eu", "nato"}, {"café", "escal", "ünïcod"}, ix.analyze("Zelenskyy won’t")} {
		set := map[string]bool{}
		for _, tm := range terms {
			set[tm] = true
		}
		var want []model.Span
		rs := 0
		pos := 0
		for _, tok := range ix.analyzer.Analyze([]byte(text)) {
			if set[string(tok.Term)] {
				rs += len([]rune(text[pos:tok.Start]))
				s := rs
				rs += len([]rune(text[tok.Start:tok.End]))
				pos = tok.End
				want = append(want, model.Span{Start: s, End: rs})
			}
		}
		got := ix.markTerms(text, set)
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Errorf("%v: got %v, want %v", terms, got, want)
		}
	}
}

func TestQuotesPickMatching(t *testing.T) {
	ix := newFixtureIndex(t)
	ctx := context.Background()
	body := `Putin said: "We want peace and nothing else." Lavrov added: "No escalation, whatever Zelensky does." Then "a fragment" appeared.`
	d := Doc{Article: model.Article{ID: "m1", Title: "Two voices", Date: day("2025-11-01"), Body: body}, Hash: "x"}
	d.Analysis = analysisFor("m1", body, []model.Mention{mention(body, "putin", "Putin"), mention(body, "lavrov", "Lavrov"), mention(body, "zelensky", "Zelensky")},
		[]qspec{{"We want peace and nothing else.", "Vladimir Putin", "putin"}, {"No escalation, whatever Zelensky does.", "Sergei Lavrov", "lavrov"}, {"a fragment", "", ""}})
	if err := ix.Put(ctx, []Doc{d}); err != nil {
		t.Fatal(err)
	}
	texts := func(r QuoteRequest) []string {
		t.Helper()
		r.DocFilter = []string{"m1"}
		hits, total, err := QuotesOf(ctx, ix, r)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		var out []string
		for _, h := range hits {
			out = append(out, h.Text)
		}
		if r.Limit == 0 && int(total) != len(out) {
			t.Errorf("%+v: total %d for %d hits", r, total, len(out))
		}
		return out
	}
	p, e, f := "We want peace and nothing else.", "No escalation, whatever Zelensky does.", "a fragment"
	for _, c := range []struct {
		r    QuoteRequest
		want []string
	}{
		{QuoteRequest{Exact: true}, []string{p, e, f}},
		{QuoteRequest{Query: Q("peace", false), Exact: true}, []string{p}},
		{QuoteRequest{Query: Q("escalating", false), Exact: true}, []string{e}},
		{QuoteRequest{Query: Q(`"want peace"`, false), Exact: true}, []string{p}},
		{QuoteRequest{Query: Q(`"peace want"`, false), Exact: true}, nil},
		{QuoteRequest{Query: Q("peace escalation", false), Exact: true}, []string{p, e}},
		{QuoteRequest{Query: Q("+peace +escalation", false), Exact: true}, nil},
		{QuoteRequest{Query: Q("peace -nothing", false), Exact: true}, nil},
		{QuoteRequest{Query: Q("escal*", false), Exact: true}, []string{e}},
		{QuoteRequest{Query: Q("escal", true)}, []string{e}},
		{QuoteRequest{Query: WithQ(Q("", false), func(q *model.Query) { q.Speakers = []string{"lavrov"} }), Exact: true}, []string{e}},
		{QuoteRequest{Query: WithQ(Q("", false), func(q *model.Query) { q.Speakers = []string{"vladimir putin"} }), Exact: true}, []string{p}},
		{QuoteRequest{Query: WithQ(Q("", false), func(q *model.Query) { q.Actors = []string{"zelensky"} }), Exact: true}, []string{e}},
		{QuoteRequest{Query: WithQ(Q("", false), func(q *model.Query) { q.Actors = []string{"putin"} }), Exact: true}, nil},
		{QuoteRequest{QuoteFilter: []string{d.Analysis.Quotes[2].ID}}, []string{f}},
		{QuoteRequest{Offset: 1, Limit: 1, Exact: true}, []string{e}},
		{QuoteRequest{Query: Q("title:voices", false), Exact: true}, []string{p, e, f}},
		{QuoteRequest{Query: Q("title:voices escalation", false), Exact: true}, []string{p, e, f}},
		{QuoteRequest{Query: Q("+title:voices +escalation", false), Exact: true}, []string{e}},
	} {
		if got := texts(c.r); !slices.Equal(got, c.want) {
			t.Errorf("%+v: got %q, want %q", c.r, got, c.want)
		}
	}
	q, err := ix.Quote(ctx, d.Analysis.Quotes[1].ID)
	if err != nil || q.Text != e || q.DocID != "m1" || q.Title != "Two voices" || q.SpeakerActor != "lavrov" {
		t.Errorf("Quote: %+v %v", q, err)
	}
	for _, bad := range []string{"m1:1-2", "nope:0-5", "garbage"} {
		if _, err := ix.Quote(ctx, bad); !errors.Is(err, ErrNotFound) {
			t.Errorf("Quote(%q): %v", bad, err)
		}
	}
}

// Newest first, page by page, whichever date window answers it.
func TestNewestFirstPages(t *testing.T) {
	ix := newFixtureIndex(t)
	var got []string
	for off := 0; off < 4; off++ {
		res := doSearch(t, ix, Request{Limit: 1, Offset: off})
		if res.Total != 4 || len(res.Hits) != 1 {
			t.Fatalf("offset %d: %d hits of %d", off, len(res.Hits), res.Total)
		}
		got = append(got, res.Hits[0].ID)
	}
	if !slices.Equal(got, []string{"d2", "d1", "d3", "d4"}) {
		t.Errorf("pages: %v", got)
	}
	res := doSearch(t, ix, Request{Query: Q("@zelensky", false), Limit: 2, Facets: true})
	if got := ids(res.Hits); !slices.Equal(got, []string{"d2", "d1"}) || res.Total != 3 || len(res.Actors) == 0 {
		t.Errorf("@zelensky newest first: %v total %d facets %v", got, res.Total, res.Actors)
	}
	if d, _, ok := ix.dateSpan(); !ok || !d.Equal(day("2025-10-12")) {
		t.Errorf("newest date %v %v", d, ok)
	}
}

// In the search line every word narrows; an explicit OR widens.
func TestAsYouTypeAllWords(t *testing.T) {
	ix := newFixtureIndex(t)
	res := doSearch(t, ix, Request{Query: Q("zelensky tomahawk ", true)})
	if got := ids(res.Hits); !slices.Equal(got, []string{"d2"}) {
		t.Errorf("as you type: %v", got)
	}
	res = doSearch(t, ix, Request{Query: Q("zelensky OR tomahawk ", true)})
	if res.Total != 2 {
		t.Errorf("explicit OR: %v", ids(res.Hits))
	}
	res = doSearch(t, ix, Request{Query: Q("zelensky tomahawk", false)})
	if res.Total != 2 {
		t.Errorf("finished query keeps bleve's OR: %v", ids(res.Hits))
	}
}

// A phrase typed in the search line is checked on the best candidates.
func TestAsYouTypePhrase(t *testing.T) {
	ix := newFixtureIndex(t)
	res := doSearch(t, ix, Request{Query: Q(`"peace talks"`, true), Fragments: true})
	if got := ids(res.Hits); !slices.Equal(got, []string{"d1"}) || res.Estimated || res.Total != 1 {
		t.Errorf("phrase as you type: %v total %d estimated %v", got, res.Total, res.Estimated)
	}
	res = doSearch(t, ix, Request{Query: Q(`"talks peace"`, true)})
	if res.Total != 0 {
		t.Errorf("reversed phrase: %v", ids(res.Hits))
	}
}

// Fragments of a long body come from the first window with a match, with
// their marks on the matched words, wherever in the body that window is.
func TestFragmentsOfLongBodies(t *testing.T) {
	ix := newFixtureIndex(t)
	set := map[string]bool{"tomahawk": true}
	filler := strings.Repeat("The delegations discussed trade and energy cooperation. ", 4000) // ~220 KB
	for _, body := range []string{
		filler + "Officials then mentioned Tomahawk missiles. " + filler,
		"Tomahawk missiles came up first. " + filler,
		"Zürich tälks: " + filler + "Tomahawks, finally.",
	} {
		frs := ix.fragments(body, set, 1)
		if len(frs) != 1 || len(frs[0].Marks) == 0 {
			t.Fatalf("no marked fragment in a %d-byte body: %+v", len(body), frs)
		}
		f := frs[0]
		rs := []rune(f.Text)
		m := f.Marks[0]
		if got := strings.ToLower(string(rs[m.Start:m.End])); !strings.HasPrefix(got, "tomahawk") {
			t.Fatalf("mark covers %q in %q", got, f.Text)
		}
		if len(rs) > 2*fragRunes {
			t.Fatalf("fragment of %d runes", len(rs))
		}
	}
	// No match anywhere: the opening of the body.
	frs := ix.fragments(filler, set, 1)
	if len(frs) != 1 || !strings.HasPrefix(filler, frs[0].Text) || len(frs[0].Marks) != 0 {
		t.Fatalf("opening fragment: %+v", frs)
	}
}

func TestCutWindow(t *testing.T) {
	if got := cutWindow("short", 10); got != "short" {
		t.Fatal(got)
	}
	if got := cutWindow("aaaa bbbb cccc", 11); got != "aaaa bbbb " {
		t.Fatalf("%q", got)
	}
	s := strings.Repeat("é", 20) // no white space: cut on a rune boundary
	if got := cutWindow(s, 11); got != strings.Repeat("é", 5) {
		t.Fatalf("%q", got)
	}
}

// A 230 KB transcript: the terms near the start (the common case) and only
// at the end (the worst case, every window scanned).
func BenchmarkFragmentsLongBody(b *testing.B) {
	ix := newFixtureIndex(b)
	set := map[string]bool{"prison": true, "exchang": true}
	filler := strings.Repeat("Vladimir Putin: We discussed the situation in the region and our cooperation in many areas. ", 2500)
	for name, body := range map[string]string{
		"early": "A prisoner exchange was agreed. " + filler,
		"late":  filler + "A prisoner exchange was agreed.",
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				ix.fragments(body, set, 1)
			}
		})
	}
}

// An error bleve gives while reading damaged files becomes ErrCorrupt, and
// the advice (rebuild) comes first, before the path and the cause, so a
// narrow status bar still shows it; the caller's errors stay as they are.
func TestReadErrorsNameRebuildFirst(t *testing.T) {
	ix := newFixtureIndex(t)
	for _, cause := range []string{"index read inconsistency detected", "binary: varint overflows a 64-bit integer"} {
		err := errors.New(cause)
		func() { defer ix.guard(&err) }()
		if !errors.Is(err, ErrCorrupt) || !strings.HasPrefix(err.Error(), "index damaged: run `workbench index --rebuild") || !strings.Contains(err.Error(), cause) {
			t.Errorf("%s: %v", cause, err)
		}
	}
	for _, keep := range []error{context.Canceled, ErrNotFound, &model.QueryError{Msg: "x"}} {
		err := keep
		func() { defer ix.guard(&err) }()
		if err != keep {
			t.Errorf("%v became %v", keep, err)
		}
	}
}

// Fragments are sanitised before they are cut and marked: the marks sit on
// the matched word, and no tail of an escape sequence is left.
func TestFragmentsSanitisedBeforeMarking(t *testing.T) {
	ix, err := Create(filepath.Join(t.TempDir(), "ix"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	body := "Intro \x1b[31mHOSTILE\x1b[0m label. \x1b]8;;http://evil.example/CLICK\x1b\\link\x1b]8;;\x1b\\ talks about the hostile plan."
	if err := ix.Put(context.Background(), []Doc{{Article: model.Article{ID: "h1", Title: "t", Body: body}}}); err != nil {
		t.Fatal(err)
	}
	res := doSearch(t, ix, Request{Query: Q("hostile", false), Fragments: true, MaxFragments: 2})
	if len(res.Hits) != 1 || len(res.Hits[0].Fragments) == 0 {
		t.Fatalf("no fragment: %+v", res)
	}
	for _, f := range res.Hits[0].Fragments {
		if strings.ContainsAny(f.Text, "\x1b\a") || strings.Contains(f.Text, "8;;") {
			t.Errorf("fragment keeps escape bytes or a tail: %q", f.Text)
		}
		rs := []rune(f.Text)
		for _, m := range f.Marks {
			if w := strings.ToLower(string(rs[m.Start:m.End])); w != "hostile" {
				t.Errorf("mark on %q in %q", w, f.Text)
			}
		}
	}
}
