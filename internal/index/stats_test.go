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
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/workbench-dev/workbench/internal/model"
)

// statsDocs are n articles with repeated speakers, one in five undated.
func statsDocs(n int) []Doc {
	r := rand.New(rand.NewPCG(5, 6))
	names := map[string]string{"putin": "Vladimir Putin", "zelensky": "Volodymyr Zelensky", "lavrov": "Sergei Lavrov"}
	ids := []string{"putin", "zelensky", "lavrov"}
	var docs []Doc
	for i := range n {
		d := Doc{Article: model.Article{ID: fmt.Sprintf("s%03d", i), Title: "t", Body: "body text " + fmt.Sprint(i)}, Hash: "h"}
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
				d.Analysis.Quotes = append(d.Analysis.Quotes, model.Quote{ID: model.QuoteID(d.ID, s, s+1), Text: "x", Start: s, End: s + 1,
					Kind: model.KindDirect, Speaker: names[a], SpeakerActor: a})
			}
		}
		docs = append(docs, d)
	}
	return docs
}

// newStatsIndex builds an index of docs, with the fStmtDays field (as the
// lead is to add it to buildMapping and articleDoc) when fast is set.
func newStatsIndex(t *testing.T, docs []Doc, fast bool) *Index {
	t.Helper()
	if !fast {
		ix, err := Create(filepath.Join(t.TempDir(), "ix"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		if err := ix.Put(context.Background(), docs); err != nil {
			t.Fatal(err)
		}
		return ix
	}
	im := buildMapping().(*mapping.IndexMappingImpl)
	im.TypeMapping[typeArticle].AddFieldMappingsAt(fStmtDays, keywordField(false, true))
	path := filepath.Join(t.TempDir(), "ix")
	bi, err := bleve.New(path, im)
	if err != nil {
		t.Fatal(err)
	}
	ix := newIndex(path, bi, false)
	t.Cleanup(func() { ix.Close() })
	b := bi.NewBatch()
	for i := range docs {
		m := articleDoc(&docs[i])
		if terms := StatementDayTerms(&docs[i]); len(terms) > 0 {
			m[fStmtDays] = terms
		}
		if err := b.Index(docs[i].ID, m); err != nil {
			t.Fatal(err)
		}
	}
	if err := bi.Batch(b); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestStatsBothStatementPaths(t *testing.T) {
	docs := statsDocs(80)
	ctx := context.Background()
	want := map[string]map[string]int{}
	mentions := map[string]map[string]int{}
	for _, d := range docs {
		day := model2day(d.Date)
		for _, q := range d.Analysis.Quotes {
			if want[q.SpeakerActor] == nil {
				want[q.SpeakerActor] = map[string]int{}
			}
			want[q.SpeakerActor][day]++
		}
		for _, m := range d.Analysis.Mentions {
			if mentions[m.Actor] == nil {
				mentions[m.Actor] = map[string]int{}
			}
			mentions[m.Actor][day]++
		}
	}
	for _, fast := range []bool{false, true} {
		t.Run(fmt.Sprint("fast=", fast), func(t *testing.T) {
			ix := newStatsIndex(t, docs, fast)
			if ix.hasStatementDays() != fast {
				t.Fatalf("hasStatementDays() = %v", !fast)
			}
			st, err := ix.Stats(ctx, StatsRequest{Actors: []string{"putin", "zelensky", "lavrov"}})
			if err != nil {
				t.Fatal(err)
			}
			if st.Docs != uint64(len(docs)) || st.Days[noDay] != 16 {
				t.Errorf("docs %d, undated %d", st.Docs, st.Days[noDay])
			}
			for _, s := range st.Series {
				if fmt.Sprint(s.Statements) != fmt.Sprint(want[s.Actor]) {
					t.Errorf("%s statements\n got %v\nwant %v", s.Actor, s.Statements, want[s.Actor])
				}
				if fmt.Sprint(s.Mentions) != fmt.Sprint(mentions[s.Actor]) {
					t.Errorf("%s mentions\n got %v\nwant %v", s.Actor, s.Mentions, mentions[s.Actor])
				}
			}
			// Date bounds leave undated articles out.
			since := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
			until := time.Date(2021, 12, 31, 0, 0, 0, 0, time.UTC)
			st, err = ix.Stats(ctx, StatsRequest{Since: since, Until: until})
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
			if st.Docs != uint64(n) || st.Days[noDay] != 0 {
				t.Errorf("2021: %d docs (want %d), %d undated", st.Docs, n, st.Days[noDay])
			}
			got, err := ix.Matching(ctx, nil, since, until, append(ids, "missing"))
			if err != nil || len(got) != n || !slices.IsSorted(got) {
				t.Errorf("Matching: %d ids (want %d), %v", len(got), n, err)
			}
		})
	}
}

func TestStatementDayTerms(t *testing.T) {
	d := &Doc{Article: model.Article{ID: "a", Date: time.Date(2022, 3, 4, 0, 0, 0, 0, time.UTC)}}
	d.Analysis.Quotes = []model.Quote{{Speaker: "Vladimir Putin", SpeakerActor: "putin"}, {Speaker: "Vladimir Putin", SpeakerActor: "putin"}, {Speaker: "Peskov"}}
	got := StatementDayTerms(d)
	want := []string{"putin|2022-03-04|2", "vladimir putin|2022-03-04|2", "peskov|2022-03-04|1"}
	if !slices.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
	d.Date = time.Time{}
	if got := StatementDayTerms(d); got[0] != "putin||2" {
		t.Errorf("undated: %q", got)
	}
}
