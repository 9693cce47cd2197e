package index

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

// transcriptDoc is a transcript with two turns (hand-made analysis) and the
// fixtures' quotes as statements.
func transcriptDoc() Doc {
	body := "Vladimir Putin: Good afternoon, colleagues. We spoke with Zelensky.\nQuestion: What about peace?"
	d := Doc{Article: model.Article{ID: "t1", Title: "News conference", Date: day("2025-09-01"), Source: "kremlin.ru", URL: "http://kremlin.ru/t1", Body: body}, Hash: "ht"}
	d.Analysis = analysisFor(d.ID, body, []model.Mention{mention(body, "putin", "Vladimir Putin"), mention(body, "zelensky", "Zelensky")}, nil)
	s1, e1 := runeIndex(body, "Good"), runeIndex(body, "\n")
	s2 := runeIndex(body, "What")
	e2 := len([]rune(body))
	d.Analysis.Statements = []model.Statement{
		{ID: model.StatementID("t1", s1, e1), DocID: "t1", Kind: model.StatementTurn, Start: s1, End: e1, Text: string([]rune(body)[s1:e1]),
			Speaker: "Vladimir Putin", SpeakerSource: model.SourceTurn, Confidence: 0.95, SpeakerActor: "putin"},
		{ID: model.StatementID("t1", s2, e2), DocID: "t1", Kind: model.StatementTurn, Start: s2, End: e2, Text: string([]rune(body)[s2:e2]),
			Speaker: "Question", SpeakerSource: model.SourceTurn, Confidence: 0.9},
	}
	return d
}

func withStatements(docs []Doc) []Doc {
	for i := range docs {
		for _, q := range docs[i].Analysis.Quotes {
			docs[i].Analysis.Statements = append(docs[i].Analysis.Statements, quoteStatement(docs[i].ID, q))
		}
	}
	return docs
}

func newStatementIndex(t *testing.T) *Index {
	t.Helper()
	ix := newFixtureIndex(t)
	if err := ix.Put(context.Background(), withStatements(append(fixtureDocs(), transcriptDoc()))); err != nil {
		t.Fatal(err)
	}
	return ix
}

func stIDs(res *model.StatementResult) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

func TestStatementsListing(t *testing.T) {
	ctx := context.Background()
	ix := newStatementIndex(t)
	tr := transcriptDoc().Analysis.Statements
	list := func(r StatementRequest) *model.StatementResult {
		t.Helper()
		r.Exact = true
		res, err := ix.Statements(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	all := list(StatementRequest{Limit: 100})
	// Newest first: d2 (2025-10-12), t1 (2025-09-01, two turns), d1 (2025-08-16).
	d1q, d2q := fixtureDocs()[0].Analysis.Quotes[0].ID, fixtureDocs()[1].Analysis.Quotes[0].ID
	if want := []string{d2q, tr[0].ID, tr[1].ID, d1q}; !slices.Equal(stIDs(all), want) || all.Total != 4 || all.Estimated || all.Stale {
		t.Fatalf("all = %v (total %d, est %v, stale %v), want %v", stIDs(all), all.Total, all.Estimated, all.Stale, want)
	}
	h := all.Hits[1]
	if h.Title != "News conference" || h.URL != "http://kremlin.ru/t1" || !h.Date.Equal(day("2025-09-01")) || h.Text != "Good afternoon, colleagues. We spoke with Zelensky." || h.Kind != model.StatementTurn || h.SpeakerSource != model.SourceTurn {
		t.Errorf("turn hit = %+v", h)
	}
	if p := list(StatementRequest{Limit: 2, Offset: 1}); !slices.Equal(stIDs(p), []string{tr[0].ID, tr[1].ID}) || p.Total != 4 {
		t.Errorf("page = %v total %d", stIDs(p), p.Total)
	}
	if r := list(StatementRequest{Kinds: []string{model.StatementTurn}}); r.Total != 2 {
		t.Errorf("turns = %v", stIDs(r))
	}
	if r := list(StatementRequest{Kinds: []string{model.StatementQuote}}); !slices.Equal(stIDs(r), []string{d2q, d1q}) {
		t.Errorf("quotes = %v", stIDs(r))
	}
	if r := list(StatementRequest{Query: model.Query{Speakers: []string{"putin"}}}); !slices.Equal(stIDs(r), []string{tr[0].ID}) {
		t.Errorf("speaker:putin = %v", stIDs(r))
	}
	if r := list(StatementRequest{Query: model.Query{Actors: []string{"zelensky"}}}); !slices.Equal(stIDs(r), []string{tr[0].ID}) {
		t.Errorf("@zelensky = %v", stIDs(r))
	}
	if r := list(StatementRequest{Query: model.Query{Text: "peace"}}); !slices.Equal(stIDs(r), []string{tr[1].ID, d1q}) {
		t.Errorf("peace = %v", stIDs(r))
	}
	if r := list(StatementRequest{StatementFilter: []string{tr[1].ID}}); !slices.Equal(stIDs(r), []string{tr[1].ID}) {
		t.Errorf("statement filter = %v", stIDs(r))
	}
	if r := list(StatementRequest{Query: model.Query{Dates: []model.DateRange{{From: day("2025-09-01"), To: day("2025-09-02"), FromInclusive: true}}}}); r.Total != 2 {
		t.Errorf("dates = %v", stIDs(r))
	}

	// speaker: finds the article of the turn, quotes keep listing quotes only.
	sr := doSearch(t, ix, Request{Query: model.Query{Speakers: []string{"putin"}}})
	if !slices.Equal(ids(sr.Hits), []string{"t1"}) {
		t.Errorf("search speaker:putin = %v", ids(sr.Hits))
	}
	qr, err := ix.Quotes(ctx, QuoteRequest{Query: model.Query{Speakers: []string{"putin"}}, Exact: true})
	if err != nil || qr.Total != 0 {
		t.Errorf("quotes speaker:putin = %+v, %v", qr, err)
	}
	qr, err = ix.Quotes(ctx, QuoteRequest{Exact: true})
	if err != nil || qr.Total != 2 {
		t.Errorf("quotes = %+v, %v", qr, err)
	}
	if ks, _ := ix.SpeakerKeys("put", 5); !slices.Contains(ks, "putin") {
		t.Errorf("speaker keys = %v", ks)
	}

	// The analyst's speakers and spans.
	body := []rune(transcriptDoc().Body)
	spanS := runeIndex(string(body), "colleagues")
	span := model.Statement{DocID: "t1", Start: spanS, End: spanS + len("colleagues")}
	ov := map[string]SpeakerOverride{tr[1].ID: {Speaker: "Dmitry Peskov", SpeakerActor: "peskov"}}
	r := list(StatementRequest{Query: model.Query{Speakers: []string{"peskov"}}, Overrides: ov})
	if !slices.Equal(stIDs(r), []string{tr[1].ID}) || r.Hits[0].SpeakerSource != model.SourceAnalyst || r.Hits[0].Speaker != "Dmitry Peskov" {
		t.Errorf("speaker:peskov with the correction = %+v", r.Hits)
	}
	r = list(StatementRequest{Kinds: []string{model.StatementSpan}, Extra: map[string][]model.Statement{"t1": {span, {DocID: "t1", Start: 1, End: 9999}}}})
	if r.Total != 1 || r.Hits[0].Text != "colleagues" || r.Hits[0].Speaker != "Vladimir Putin" || r.Hits[0].SpeakerSource != model.SourceTurn {
		t.Errorf("span = %+v", r.Hits)
	}
	// A span set to nobody by the analyst.
	spanID := model.StatementID("t1", span.Start, span.End)
	r = list(StatementRequest{Kinds: []string{model.StatementSpan}, Extra: map[string][]model.Statement{"t1": {span}}, Overrides: map[string]SpeakerOverride{spanID: {}}})
	if r.Total != 1 || r.Hits[0].Speaker != "" || r.Hits[0].SpeakerSource != model.SourceAnalyst {
		t.Errorf("cleared span = %+v", r.Hits)
	}

	d, err := ix.Get(ctx, "t1")
	if err != nil || len(d.Analysis.Statements) != 2 || d.Analysis.Statements[0] != tr[0] || d.Stale {
		t.Errorf("Get statements = %+v, %v", d, err)
	}
}

// TestStatementsOldIndex: a document stored before statements lists its
// quotes as statements, and the listing says it is stale.
func TestStatementsOldIndex(t *testing.T) {
	ctx := context.Background()
	ix := newFixtureIndex(t)
	d := fixtureDocs()[0]
	m := articleDoc(&d)
	js, _ := json.Marshal(map[string]any{"mentions": d.Analysis.Mentions, "quotes": toStoredQuotes(d.Analysis.Quotes)})
	m[fAnalysis] = string(js)
	b := ix.bi.NewBatch()
	if err := b.Index(d.ID, m); err != nil {
		t.Fatal(err)
	}
	if err := ix.parts[0].commit(ix, b, 0); err != nil {
		t.Fatal(err)
	}
	got, err := ix.Get(ctx, d.ID)
	if err != nil || !got.Stale || len(got.Analysis.Statements) != 1 || got.Analysis.Statements[0].ID != d.Analysis.Quotes[0].ID ||
		got.Analysis.Statements[0].SpeakerSource != model.SourceCue {
		t.Fatalf("old doc = %+v, %v", got, err)
	}
	res, err := ix.Statements(ctx, StatementRequest{Exact: true})
	if err != nil || !res.Stale || res.Total != 2 {
		t.Errorf("listing = %+v, %v", res, err)
	}
}
