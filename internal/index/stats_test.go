package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"

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

// newStatsIndex builds an index of docs, with the insights fields (as the
// lead is to add them to buildMapping and articleDoc) when fast is set.
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
			if ix.hasField(fStmtMonths) != fast || ix.hasField(fMentionMonths) != fast {
				t.Fatalf("insights fields present: %v, want %v", !fast, fast)
			}
			period := func(day string) string {
				if fast && day != "" {
					return day[:7]
				}
				return day
			}
			st, err := ix.Stats(ctx, StatsRequest{Actors: []string{"putin", "zelensky", "lavrov"}})
			if err != nil {
				t.Fatal(err)
			}
			if st.Docs != uint64(len(docs)) {
				t.Errorf("docs %d", st.Docs)
			}
			if len(st.Actors) != 3 {
				t.Errorf("actors %v", st.Actors)
			}
			for _, a := range st.Actors {
				n := 0
				for _, c := range mentions[a.Value] {
					n += c
				}
				if a.Count != n {
					t.Errorf("actor %s: %d docs, want %d", a.Value, a.Count, n)
				}
			}
			pairs := map[[2]string]int{}
			for _, d := range docs {
				as := actorIDs(d.Analysis.Mentions)
				for _, x := range as {
					for _, y := range as {
						if x < y {
							pairs[[2]string{x, y}]++
						}
					}
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
				ws, wm := map[string]int{}, map[string]int{}
				for d, n := range want[s.Actor] {
					ws[period(d)] += n
				}
				for d, n := range mentions[s.Actor] {
					wm[period(d)] += n
				}
				if fmt.Sprint(s.Statements) != fmt.Sprint(ws) {
					t.Errorf("%s statements\n got %v\nwant %v", s.Actor, s.Statements, ws)
				}
				if fmt.Sprint(s.Mentions) != fmt.Sprint(wm) {
					t.Errorf("%s mentions\n got %v\nwant %v", s.Actor, s.Mentions, wm)
				}
			}
			// Date bounds leave undated articles out.
			since := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
			until := time.Date(2021, 12, 31, 0, 0, 0, 0, time.UTC)
			st, err = ix.Stats(ctx, StatsRequest{Since: since, Until: until, Actors: []string{"putin"}})
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
		})
	}
}

func TestStatsFields(t *testing.T) {
	d := &Doc{Article: model.Article{ID: "a", Date: time.Date(2022, 3, 4, 0, 0, 0, 0, time.UTC)}}
	d.Analysis.Mentions = []model.Mention{{Actor: "putin"}, {Actor: "nato"}, {Actor: "putin"}, {Actor: ""}}
	d.Analysis.Quotes = []model.Quote{{Speaker: "Vladimir Putin", SpeakerActor: "putin"}, {Speaker: "Vladimir Putin", SpeakerActor: "putin"}, {Speaker: "Peskov"}}
	got := StatsFields(d)
	want := map[string]any{fMentionMonths: []string{"putin|2022-03", "nato|2022-03"}, fStmtMonths: []string{"putin|2022-03|2"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%v, want %v", got, want)
	}
	d.Date = time.Time{}
	got = StatsFields(d)
	if got[fStmtMonths].([]string)[0] != "putin||2" || got[fMentionMonths].([]string)[1] != "nato|" {
		t.Errorf("undated: %v", got)
	}
	if m := monthTerms(nil, true); len(m) != 0 {
		t.Error("nil facet")
	}
}
