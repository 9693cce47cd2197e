package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/model"
)

// statsDocs are n articles with repeated speakers, one in five undated.
func statsDocs(n int) []Doc {
	r := rand.New(rand.NewPCG(5, 6))
	names := map[string]string{"putin": "Vladimir Putin", "zelensky": "Volodymyr Zelensky", "lavrov": "Sergei Lavrov"}
	ids := []string{"putin", "zelensky", "lavrov"}
	var docs []Doc
	for i := range n {
		d := Doc{Article: model.Article{ID: fmt.Sprintf("s%03d", i), Title: "t", Source: "kremlin.ru", Body: "body text " + fmt.Sprint(i)}, Hash: "h"}
		if i%5 != 2 {
			d.Date = time.Date(2020+r.IntN(3), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		}
		for k, a := range ids {
			if r.IntN(2) == 0 {
				continue
			}
			d.Analysis.Mentions = append(d.Analysis.Mentions, model.Mention{Actor: a, Text: names[a], Start: k, End: k + 1})
			for j := range r.IntN(4) {
				s := 10*k + 2*j
				q := model.Quote{ID: model.QuoteID(d.ID, s, s+1), Text: "x", Start: s, End: s + 1,
					Kind: model.KindDirect, Speaker: names[a], SpeakerActor: a}
				d.Analysis.Quotes = append(d.Analysis.Quotes, q)
				if i%4 != 1 { // some analyses hold their quotes only
					d.Analysis.Statements = append(d.Analysis.Statements, model.Statement{ID: q.ID, DocID: d.ID, Kind: model.StatementQuote,
						Start: s, End: s + 1, Speaker: q.Speaker, SpeakerActor: a})
				}
			}
			// Transcript turns, and an analyst's span that is no statement
			// of the analysis.
			for j := range r.IntN(3) {
				s := 100 + 10*k + 2*j
				d.Analysis.Statements = append(d.Analysis.Statements, model.Statement{ID: model.StatementID(d.ID, s, s+1), DocID: d.ID,
					Kind: model.StatementTurn, Start: s, End: s + 1, Speaker: names[a], SpeakerSource: model.SourceTurn, SpeakerActor: a})
			}
			if i%9 == 0 {
				d.Analysis.Statements = append(d.Analysis.Statements, model.Statement{ID: model.StatementID(d.ID, 200, 201), DocID: d.ID,
					Kind: model.StatementSpan, Start: 200, End: 201, Speaker: names[a], SpeakerActor: a})
			}
		}
		docs = append(docs, d)
	}
	return docs
}

// reID is an analysis moved to document id: its quotes and statements
// take the ids of that document.
func reID(an model.Analysis, id string) model.Analysis {
	an.Quotes, an.Statements = slices.Clone(an.Quotes), slices.Clone(an.Statements)
	for i, q := range an.Quotes {
		an.Quotes[i].ID = model.QuoteID(id, q.Start, q.End)
	}
	for i, st := range an.Statements {
		an.Statements[i].ID, an.Statements[i].DocID = model.StatementID(id, st.Start, st.End), id
	}
	return an
}

// newStatsIndex builds an index of docs, with the insights fields (as the
// lead is to add them to buildMapping and articleDoc) when fast is set.
func newStatsIndex(t *testing.T, docs []Doc, fast bool) *Index {
	t.Helper()
	if !fast {
		ix, err := createWithoutStatsFields(filepath.Join(t.TempDir(), "ix"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		if err := ix.putWithoutStatsFields(docs); err != nil {
			t.Fatal(err)
		}
		return ix
	}
	ix, err := CreateWithStatsFields(filepath.Join(t.TempDir(), "ix"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.PutWithStatsFields(docs); err != nil {
		t.Fatal(err)
	}
	return ix
}

// checkStats compares Stats over every article (q: nil or a query every
// article matches) with counts made here from docs.
func checkStats(t *testing.T, ix *Index, q query.Query, docs []Doc, monthly bool) {
	t.Helper()
	period := func(day string) string {
		if monthly && day != "" {
			return day[:7]
		}
		return day
	}
	want := map[string]map[string]int{}
	mentions := map[string]map[string]int{}
	total := map[string]int{}
	pairs := map[[2]string]int{}
	add := func(m map[string]map[string]int, a, day string) {
		if m[a] == nil {
			m[a] = map[string]int{}
		}
		m[a][period(day)]++
	}
	for _, d := range docs {
		day := model2day(d.Date)
		// Statements: the quotes, and the turns (not the spans).
		for _, q := range d.Analysis.Quotes {
			add(want, q.SpeakerActor, day)
		}
		for _, st := range d.Analysis.Statements {
			if st.Kind == model.StatementTurn {
				add(want, st.SpeakerActor, day)
			}
		}
		as := actorIDs(d.Analysis.Mentions)
		for _, a := range as {
			add(mentions, a, day)
			total[a]++
			for _, b := range as {
				if a < b {
					pairs[[2]string{a, b}]++
				}
			}
		}
	}
	st, err := ix.Stats(context.Background(), StatsRequest{Query: q, Actors: []string{"putin", "zelensky", "lavrov"}})
	if err != nil {
		t.Fatal(err)
	}
	if st.Docs != uint64(len(docs)) {
		t.Errorf("docs %d, want %d", st.Docs, len(docs))
	}
	if len(st.Actors) != len(total) || len(st.Sources) != 1 || st.Sources[0].Count != len(docs) {
		t.Errorf("actors %v, sources %v", st.Actors, st.Sources)
	}
	for _, a := range st.Actors {
		if a.Count != total[a.Value] {
			t.Errorf("actor %s: %d docs, want %d", a.Value, a.Count, total[a.Value])
		}
	}
	if len(st.Pairs) != len(pairs) {
		t.Errorf("%d pairs, want %d", len(st.Pairs), len(pairs))
	}
	for _, p := range st.Pairs {
		if pairs[[2]string{p.A, p.B}] != p.Docs {
			t.Errorf("pair %v, want %d", p, pairs[[2]string{p.A, p.B}])
		}
	}
	for _, s := range st.Series {
		if fmt.Sprint(s.Statements) != fmt.Sprint(nonNil(want[s.Actor])) {
			t.Errorf("%s statements\n got %v\nwant %v", s.Actor, s.Statements, want[s.Actor])
		}
		if fmt.Sprint(s.Mentions) != fmt.Sprint(nonNil(mentions[s.Actor])) {
			t.Errorf("%s mentions\n got %v\nwant %v", s.Actor, s.Mentions, mentions[s.Actor])
		}
	}
}

// TestStatsPaths checks the three ways Stats counts (stored analysis and
// date field; facets over the insights fields; term dictionaries for the
// whole corpus) against counts made from the documents, also after
// articles are deleted and replaced.
func TestStatsPaths(t *testing.T) {
	docs := statsDocs(80)
	ctx := context.Background()
	for _, fast := range []bool{false, true} {
		t.Run(fmt.Sprint("fields=", fast), func(t *testing.T) {
			ix := newStatsIndex(t, docs, fast)
			if ix.fieldsCurrent(ctx) != fast || ix.hasField(fStmtMonths) != fast || ix.hasField(fMentionMonths) != fast || ix.hasField(fActorPairs) != fast {
				t.Fatalf("insights fields present: %v, want %v", !fast, fast)
			}
			checkStats(t, ix, nil, docs, fast)
			checkStats(t, ix, kindQuery(kindArticle), docs, fast) // a query: facets, not dictionaries
			// Date bounds leave undated articles out.
			since := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
			until := time.Date(2021, 12, 31, 0, 0, 0, 0, time.UTC)
			st, err := ix.Stats(ctx, StatsRequest{Since: since, Until: until, Actors: []string{"putin"}})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			var ids []string
			for _, d := range docs {
				ids = append(ids, d.ID)
				if d.Date.Year() == 2021 {
					n++
				}
			}
			if _, ok := st.Series[0].Mentions[noDay]; st.Docs != uint64(n) || ok {
				t.Errorf("2021: %d docs (want %d), undated mentions %v", st.Docs, n, ok)
			}
			got, err := ix.Matching(ctx, nil, since, until, append(ids, "missing"))
			if err != nil || len(got) != n || !slices.IsSorted(got) {
				t.Errorf("Matching: %d ids (want %d), %v", len(got), n, err)
			}
			// Delete ten articles and replace ten others with the analysis
			// of different ones: the counts follow.
			if err := ix.Delete(ctx, ids[:10]); err != nil {
				t.Fatal(err)
			}
			left := slices.Clone(docs[10:])
			for i := range 10 {
				left[i].Analysis = reID(docs[40+i].Analysis, left[i].ID)
				left[i].Date = docs[40+i].Date
			}
			if fast {
				err = ix.PutWithStatsFields(left[:10])
			} else {
				err = ix.Put(ctx, left[:10])
			}
			if err != nil {
				t.Fatal(err)
			}
			checkStats(t, ix, nil, left, fast)
			checkStats(t, ix, kindQuery(kindArticle), left, fast)
		})
	}
}

// TestStatsHalfReindexed: an index whose articles do not all carry the
// current insights fields (made before them, half re-indexed since) counts
// from the stored analyses, and counts right.
func TestStatsHalfReindexed(t *testing.T) {
	docs := statsDocs(40)
	ix := newStatsIndex(t, docs, true)
	if !ix.fieldsCurrent(context.Background()) {
		t.Fatal("a new index lacks its insights fields")
	}
	if err := ix.putWithoutStatsFields(docs[:5]); err != nil {
		t.Fatal(err)
	}
	if ix.fieldsCurrent(context.Background()) {
		t.Fatal("five articles lack the insights fields, yet they are taken as current")
	}
	checkStats(t, ix, nil, docs, false)
	checkStats(t, ix, kindQuery(kindArticle), docs, false)
	if err := ix.PutWithStatsFields(docs[:5]); err != nil {
		t.Fatal(err)
	}
	if !ix.fieldsCurrent(context.Background()) {
		t.Fatal("re-indexed, the fields are still taken as old")
	}
	checkStats(t, ix, nil, docs, true)
}

func TestStatsFields(t *testing.T) {
	d := &Doc{Article: model.Article{ID: "a", Date: time.Date(2022, 3, 4, 0, 0, 0, 0, time.UTC)}}
	d.Analysis.Mentions = []model.Mention{{Actor: "putin"}, {Actor: "nato"}, {Actor: "putin"}, {Actor: ""}}
	d.Analysis.Quotes = []model.Quote{{Speaker: "Vladimir Putin", SpeakerActor: "putin"}, {Speaker: "Vladimir Putin", SpeakerActor: "putin"}, {Speaker: "Peskov"}}
	got := StatsFields(d)
	want := map[string]any{fMentionMonths: []string{"putin|2022-03", "nato|2022-03"}, fStmtMonths: []string{"putin|2022-03|2"}, fActorPairs: []string{"nato|putin"},
		fStatsVersion: statsVersion}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%v, want %v", got, want)
	}
	d.Date = time.Time{}
	got = StatsFields(d)
	if got[fStmtMonths].([]string)[0] != "putin||2" || got[fMentionMonths].([]string)[1] != "nato|" {
		t.Errorf("undated: %v", got)
	}
	// Turns count as statements, spans do not; a quote the statements
	// hold counts once.
	d.Analysis.Quotes[0].ID = model.QuoteID("a", 1, 5)
	d.Analysis.Quotes[0].Start, d.Analysis.Quotes[0].End = 1, 5
	d.Analysis.Statements = []model.Statement{
		{Kind: model.StatementQuote, Start: 1, End: 5, SpeakerActor: "putin"},
		{Kind: model.StatementTurn, Start: 10, End: 50, SpeakerActor: "zelensky"},
		{Kind: model.StatementTurn, Start: 60, End: 70, SpeakerActor: "putin"},
		{Kind: model.StatementSpan, Start: 12, End: 20, SpeakerActor: "zelensky"},
	}
	got = StatsFields(d)
	if fmt.Sprint(got[fStmtMonths]) != "[putin||3 zelensky||1]" {
		t.Errorf("with turns: %v", got[fStmtMonths])
	}
	if m := monthTerms(nil, true); len(m) != 0 {
		t.Error("nil facet")
	}
}

// TestStatsFastEqualsStored: over the insights fields, queries matching
// few articles (counted by facets), most (the whole corpus minus facets
// over the rest) and all, with and without deleted articles, give what the
// stored analyses and the date field give.
func TestStatsFastEqualsStored(t *testing.T) {
	ctx := context.Background()
	docs := statsDocs(120)
	// Several batches: several segments, terms with one posting in some.
	ix := newStatsIndex(t, docs[:60], true)
	for i := 60; i < len(docs); i += 20 {
		if err := ix.PutWithStatsFields(docs[i : i+20]); err != nil {
			t.Fatal(err)
		}
	}
	actor := func(a string) query.Query { return termQuery(fActors, a) }
	not := func(q query.Query) query.Query {
		b := bleve.NewBooleanQuery()
		b.AddMust(kindQuery(kindArticle))
		b.AddMustNot(q)
		return b
	}
	months := func(m map[string]int) map[string]int {
		out := map[string]int{}
		for d, n := range m {
			if d != noDay {
				d = d[:7]
			}
			out[d] += n
		}
		return out
	}
	since := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name  string
		r     StatsRequest
		share string // "few", "most"
	}{
		{"lavrov", StatsRequest{Query: actor("lavrov")}, "few"},
		{"not lavrov", StatsRequest{Query: not(actor("lavrov"))}, "most"},
		{"not lavrov, since 2021", StatsRequest{Query: not(actor("lavrov")), Since: since}, ""},
		{"since 2021", StatsRequest{Since: since}, ""},
		{"all but one", StatsRequest{Query: not(bleve.NewDocIDQuery([]string{"s007"}))}, "most"},
		{"none", StatsRequest{Query: actor("nobody")}, "few"},
		{"timeline actors named", StatsRequest{Query: not(actor("putin")), Actors: []string{"putin", "lavrov"}}, ""},
		// Leaving out putin without zelensky: zelensky becomes the top
		// actor, not the one whose months were read beside the search.
		{"top actor changes", StatsRequest{Query: not(bleve.NewConjunctionQuery(actor("putin"), not(actor("zelensky")))), Series: 1}, "most"},
	}
	run := func(t *testing.T) {
		all, _ := ix.countHits(ctx, kindQuery(kindArticle))
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				n, err := ix.countHits(ctx, ix.statsBase(c.r))
				if err != nil {
					t.Fatal(err)
				}
				if (c.share == "few" && n > all/2) || (c.share == "most" && n <= all/2) {
					t.Fatalf("%d of %d articles match: not %s", n, all, c.share)
				}
				fast, err := ix.Stats(ctx, c.r)
				if err != nil {
					t.Fatal(err)
				}
				if c.name == "top actor changes" && (len(fast.Series) != 1 || fast.Series[0].Actor != "zelensky") {
					t.Errorf("series %v: want zelensky's", fast.Series)
				}
				r := c.r
				r.ReadStored = true
				slow, err := ix.Stats(ctx, r)
				if err != nil {
					t.Fatal(err)
				}
				if fast.Docs != slow.Docs || fmt.Sprint(fast.Actors) != fmt.Sprint(slow.Actors) || fmt.Sprint(fast.Sources) != fmt.Sprint(slow.Sources) ||
					fmt.Sprint(fast.Pairs) != fmt.Sprint(slow.Pairs) {
					t.Errorf("fast %d %v %v %v\nslow %d %v %v %v", fast.Docs, fast.Actors, fast.Sources, fast.Pairs, slow.Docs, slow.Actors, slow.Sources, slow.Pairs)
				}
				if len(fast.Series) != len(slow.Series) {
					t.Fatalf("%d series, want %d", len(fast.Series), len(slow.Series))
				}
				for i, s := range fast.Series {
					w := slow.Series[i]
					if s.Actor != w.Actor || fmt.Sprint(s.Mentions) != fmt.Sprint(months(w.Mentions)) || fmt.Sprint(s.Statements) != fmt.Sprint(months(w.Statements)) {
						t.Errorf("series %s\n got %v %v\nwant %s %v %v", s.Actor, s.Mentions, s.Statements, w.Actor, months(w.Mentions), months(w.Statements))
					}
				}
			})
		}
	}
	// The dictionaries' counts are the term readers' for every term.
	dictAgrees := func(t *testing.T) {
		d, done, err := ix.openDict(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer done()
		for _, f := range []string{fActors, fSource, fMentionMonths, fStmtMonths, fActorPairs} {
			n := 0
			err := d.each(f, "", func(term string, c int) {
				n++
				if want, err := d.term(f, term); err != nil || c != want {
					t.Errorf("%s %q: %d articles, a term reader counts %d (%v)", f, term, c, want, err)
				}
			})
			if err != nil || n == 0 {
				t.Errorf("%s: %d terms, %v", f, n, err)
			}
		}
	}
	t.Run("dictionary", dictAgrees)
	t.Run("no deletions", run)
	if err := ix.Delete(ctx, []string{"s003", "s050", "s051"}); err != nil {
		t.Fatal(err)
	}
	t.Run("dictionary after deletions", dictAgrees)
	t.Run("deletions", run)
}
