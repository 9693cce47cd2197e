package gather_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/insights/gather"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
)

var actorNames = map[string]string{
	"putin": "Vladimir Putin", "zelensky": "Volodymyr Zelensky", "nato": "NATO",
	"biden": "Joe Biden", "scholz": "Olaf Scholz", "macron": "Emmanuel Macron", "lavrov": "Sergei Lavrov",
}

var labels = []model.Label{{Name: "escalatory", Color: "#c0392b"}, {Name: "conciliatory", Color: "#27ae60"}, {Name: "neutral", Color: "#7f8c8d"}}

// corpus makes n articles with random actors, quotes and dates (one in
// seven without a date) and tags a third of the quotes.
func corpus(t *testing.T, n int) (*index.Index, *store.Store, []index.Doc, []model.Tag) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := index.Create(filepath.Join(dir, "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	st, err := store.Open(filepath.Join(dir, "tags.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r := rand.New(rand.NewPCG(7, 9))
	ids := []string{"putin", "zelensky", "nato", "biden", "scholz", "macron", "lavrov"}
	var docs []index.Doc
	for i := range n {
		id := fmt.Sprintf("doc%03d", i)
		var date time.Time
		if i%7 != 3 {
			date = time.Date(2021+r.IntN(2), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
		}
		var body strings.Builder
		var ms []model.Mention
		var qs []model.Quote
		k := 1 + r.IntN(4)
		if i == n-1 {
			k = 1
		}
		for _, a := range r.Perm(len(ids))[:k] {
			if i == n-1 {
				a = len(ids) - 1 // lavrov: once only, see below
			} else if ids[a] == "lavrov" {
				a = 0
			}
			name := actorNames[ids[a]]
			s := len([]rune(body.String()))
			body.WriteString(name + " spoke. ")
			ms = append(ms, model.Mention{Actor: ids[a], Text: name, Start: s, End: s + len([]rune(name))})
			if ids[a] != "nato" && r.IntN(2) == 0 {
				for range 1 + r.IntN(2) {
					text := fmt.Sprintf("words %d", r.IntN(1000))
					body.WriteString(`"`)
					qs0 := len([]rune(body.String()))
					body.WriteString(text + `", said ` + name + ". ")
					qs = append(qs, model.Quote{ID: model.QuoteID(id, qs0, qs0+len([]rune(text))), Text: text, Start: qs0,
						End: qs0 + len([]rune(text)), Kind: model.KindDirect, Speaker: name, SpeakerActor: ids[a], Cue: "said", Confidence: 1})
				}
			}
		}
		// Statements: the quotes (most analyses hold them) and, in every
		// third article, a transcript turn of one of its actors.
		var sts []model.Statement
		if i%5 != 4 {
			for _, q := range qs {
				sts = append(sts, model.Statement{ID: q.ID, DocID: id, Kind: model.StatementQuote, Start: q.Start, End: q.End,
					Text: q.Text, Speaker: q.Speaker, SpeakerSource: model.SourceCue, SpeakerActor: q.SpeakerActor})
			}
		}
		if i%3 == 0 && ms[0].Actor != "nato" {
			name := actorNames[ms[0].Actor]
			body.WriteString(name + ": ")
			s := len([]rune(body.String()))
			body.WriteString("We will talk.\n")
			sts = append(sts, model.Statement{ID: model.StatementID(id, s, s+13), DocID: id, Kind: model.StatementTurn, Start: s, End: s + 13,
				Text: "We will talk.", Speaker: name, SpeakerSource: model.SourceTurn, SpeakerActor: ms[0].Actor})
		}
		src := "tass.com"
		if i%2 == 0 {
			src = "kremlin.ru"
		}
		d := index.Doc{Article: model.Article{ID: id, Title: "Article " + id, Date: date, Source: src, Body: body.String()},
			Analysis: model.Analysis{Mentions: ms, Quotes: qs, Statements: sts}, Hash: id}
		docs = append(docs, d)
	}
	if err := ix.Put(ctx, docs); err != nil {
		t.Fatal(err)
	}
	var tags []model.Tag
	targets := []string{"NATO", "", "Volodymyr Zelensky"}
	for _, d := range docs {
		for j, q := range d.Analysis.Quotes {
			if (len(d.ID)+j+int(d.ID[5]))%3 != 0 {
				continue
			}
			tg, err := st.Add(ctx, store.TagInput{QuoteID: q.ID, Label: labels[(j+int(d.ID[4]))%3].Name, Target: targets[int(d.ID[5])%3],
				Analyst: "ana", Quote: q.Text, Speaker: q.Speaker, Title: d.Title, Date: d.DateString(), Source: d.Source})
			if err != nil {
				t.Fatal(err)
			}
			tags = append(tags, tg)
		}
	}
	// A span tag on an undated document, with no speaker.
	for _, d := range docs {
		if d.Date.IsZero() {
			tg, err := st.Add(ctx, store.TagInput{DocID: d.ID, Start: 0, End: 3, Label: "neutral", Analyst: "bob", Title: d.Title})
			if err != nil {
				t.Fatal(err)
			}
			tags = append(tags, tg)
			break
		}
	}
	return ix, st, docs, tags
}

// correctSpeakers records analysts' speakers in st (a quote given to
// another actor, one corrected twice, a turn cleared, a turn given to a
// name no actor has, a span, a statement of a document not in the index)
// and returns statement id -> the actor it now has.
func correctSpeakers(t *testing.T, st *store.Store, docs []index.Doc) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	set := func(doc string, s, e int, name string, clear bool) {
		in := store.SpeakerInput{DocID: doc, Start: s, End: e, StatementID: model.StatementID(doc, s, e), Name: name, Analyst: "ana"}
		var err error
		if clear {
			_, err = st.ClearSpeaker(ctx, in)
		} else {
			_, err = st.SetSpeaker(ctx, in)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	quotes, turns := 0, 0
	for _, d := range docs {
		for _, s := range d.Analysis.Statements {
			switch {
			case s.Kind == model.StatementQuote && quotes < 6:
				to := []string{"biden", "putin", "zelensky"}[quotes%3]
				if quotes == 2 {
					set(d.ID, s.Start, s.End, "Sergei Lavrov", false) // then changed again
				}
				set(d.ID, s.Start, s.End, actorNames[to], false)
				out[s.ID] = to
				quotes++
			case s.Kind == model.StatementTurn && turns < 4:
				switch turns % 2 {
				case 0:
					set(d.ID, s.Start, s.End, "", true)
				default:
					set(d.ID, s.Start, s.End, "A Spokesman", false)
				}
				out[s.ID] = ""
				turns++
			}
		}
	}
	if quotes < 6 || turns < 4 {
		t.Fatalf("the corpus has %d quotes and %d turns to correct", quotes, turns)
	}
	set(docs[1].ID, 0, 2, actorNames["putin"], false) // a span: not a statement
	set("gone", 3, 9, actorNames["putin"], false)     // an orphan
	return out
}

// statementActors are the actors of a document's statements (quotes and
// turns; a quote the statements lack counts too), as corrected.
func statementActors(d index.Doc, corrected map[string]string) []string {
	var out []string
	have := map[string]bool{}
	one := func(id, actor string) {
		if a, ok := corrected[id]; ok {
			actor = a
		}
		out = append(out, actor)
	}
	for _, s := range d.Analysis.Statements {
		have[s.ID] = true
		one(s.ID, s.SpeakerActor)
	}
	for _, q := range d.Analysis.Quotes {
		if !have[q.ID] {
			one(q.ID, q.SpeakerActor)
		}
	}
	return out
}

func hasActor(d index.Doc, a string) bool {
	return slices.ContainsFunc(d.Analysis.Mentions, func(m model.Mention) bool { return m.Actor == a })
}

func names() map[string][]string {
	out := map[string][]string{}
	for id, n := range actorNames {
		out[id] = []string{n}
	}
	return out
}

// TestComputeCountsMatchIndependentCounts checks every count of Data
// against counts made here from the documents and tags themselves.
func TestComputeCountsMatchIndependentCounts(t *testing.T) {
	ix, st, docs, tags := corpus(t, 120)
	corrected := correctSpeakers(t, st, docs)
	ctx := context.Background()
	putinQ := func() query.Query { q := bleve.NewTermQuery("putin"); q.SetField("actors"); return q }
	cases := []struct {
		name     string
		q        query.Query
		match    func(index.Doc) bool
		by       string
		interval string
		label    string
		since    time.Time
	}{
		{name: "all/speaker/month", by: "speaker", interval: "month", match: func(index.Doc) bool { return true }},
		{name: "putin/target/year", q: putinQ(), by: "target", interval: "year", match: func(d index.Doc) bool { return hasActor(d, "putin") }},
		{name: "putin/actor/month/label", q: putinQ(), by: "actor", interval: "month", label: "escalatory", match: func(d index.Doc) bool { return hasActor(d, "putin") }},
		{name: "since", by: "speaker", interval: "month", since: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC),
			match: func(d index.Doc) bool { return !d.Date.Before(time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opt := insights.Options{Query: c.name, By: c.by, Interval: c.interval, Label: c.label, Since: c.since, Codebook: labels, ActorNames: names()}
			d, ex, err := gather.Compute(ctx, ix, st, c.q, opt)
			if err != nil {
				t.Fatal(err)
			}
			byID := map[string]index.Doc{}
			matched := 0
			for _, doc := range docs {
				if c.match(doc) {
					byID[doc.ID] = doc
					matched++
				}
			}
			if ex.Docs != matched {
				t.Errorf("docs %d, want %d", ex.Docs, matched)
			}
			// Matrix.
			want := map[[2]string]int{}
			wantTotal := 0
			for _, tg := range tags {
				if _, ok := byID[tg.DocID]; !ok || (c.label != "" && tg.Label != c.label) {
					continue
				}
				keys := []string{tg.Speaker}
				switch c.by {
				case "target":
					keys = []string{tg.Target}
				case "actor":
					if tg.Target != "" && !strings.EqualFold(tg.Target, tg.Speaker) {
						keys = append(keys, tg.Target)
					}
				}
				for _, k := range keys {
					if k == "" {
						k = insights.NoName
					}
					want[[2]string{k, tg.Label}]++
					wantTotal++
				}
			}
			got := map[[2]string]int{}
			for i, r := range d.Matrix.Rows {
				for j, n := range d.Matrix.Counts[i] {
					if n > 0 {
						got[[2]string{r, d.Matrix.Labels[j]}] = n
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("matrix\n got %v\nwant %v", got, want)
			}
			if d.Matrix.Total() != wantTotal || wantTotal == 0 {
				t.Errorf("matrix total %d, want %d (> 0)", d.Matrix.Total(), wantTotal)
			}
			if !slices.Equal(d.Matrix.Labels[:3], []string{"escalatory", "conciliatory", "neutral"}) {
				t.Errorf("labels %v: want codebook order", d.Matrix.Labels)
			}
			// Actors, pairs.
			wantAct := map[string]int{}
			wantPair := map[[2]string]int{}
			for _, doc := range byID {
				var as []string
				for _, m := range doc.Analysis.Mentions {
					if !slices.Contains(as, m.Actor) {
						as = append(as, m.Actor)
					}
				}
				for _, a := range as {
					wantAct[a]++
					for _, b := range as {
						if a < b {
							wantPair[[2]string{a, b}]++
						}
					}
				}
			}
			for _, a := range d.Actors {
				if wantAct[a.Actor] != a.Docs {
					t.Errorf("actor %s: %d docs, want %d", a.Actor, a.Docs, wantAct[a.Actor])
				}
			}
			if len(d.Actors) != len(wantAct) {
				t.Errorf("%d actors, want %d", len(d.Actors), len(wantAct))
			}
			if len(d.Cooccurrence) == 0 {
				t.Error("no pairs")
			}
			for _, p := range d.Cooccurrence {
				if wantPair[[2]string{p.A, p.B}] != p.Docs {
					t.Errorf("pair %s-%s: %d, want %d", p.A, p.B, p.Docs, wantPair[[2]string{p.A, p.B}])
				}
			}
			// Timeline.
			if len(d.Timeline.Series) != 5 {
				t.Fatalf("%d series, want 5", len(d.Timeline.Series))
			}
			sawNoDate := false
			for _, s := range d.Timeline.Series {
				wm, ws, wt := map[string]int{}, map[string]int{}, map[string]int{}
				for _, doc := range byID {
					p := insights.Period(doc.Date, c.interval)
					if hasActor(doc, s.Name) {
						wm[p]++
					}
					for _, a := range statementActors(doc, corrected) {
						if a == s.Name {
							ws[p]++
						}
					}
				}
				for _, tg := range tags {
					if _, ok := byID[tg.DocID]; !ok || (c.label != "" && tg.Label != c.label) {
						continue
					}
					if strings.EqualFold(tg.Speaker, actorNames[s.Name]) || strings.EqualFold(tg.Target, actorNames[s.Name]) {
						wt[insights.PeriodOfDay(tg.Date, c.interval)]++
					}
				}
				gm, gs, gt := map[string]int{}, map[string]int{}, map[string]int{}
				for _, p := range s.Points {
					if p.T == insights.NoDate {
						sawNoDate = true
					}
					for m, n := range map[*map[string]int]int{&gm: p.Mentions, &gs: p.Statements, &gt: p.Tags} {
						if n > 0 {
							(*m)[p.T] = n
						}
					}
				}
				for what, pair := range map[string][2]map[string]int{"mentions": {gm, wm}, "statements": {gs, ws}, "tags": {gt, wt}} {
					if fmt.Sprint(pair[0]) != fmt.Sprint(pair[1]) {
						t.Errorf("%s %s\n got %v\nwant %v", s.Name, what, pair[0], pair[1])
					}
				}
			}
			if c.since.IsZero() && !sawNoDate {
				t.Error("no \"no date\" point although undated documents match")
			}
			if !c.since.IsZero() && sawNoDate {
				t.Error("\"no date\" point with --since")
			}
		})
	}
}

func TestComputeEmptyAndNoHits(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix, err := index.Create(filepath.Join(dir, "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	st, err := store.Open(filepath.Join(dir, "tags.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d, ex, err := gather.Compute(ctx, ix, st, nil, insights.Options{Codebook: labels})
	if err != nil {
		t.Fatal(err)
	}
	if !d.Empty() || ex.Docs != 0 || len(d.Matrix.Labels) != 3 || d.Matrix.Counts == nil || d.Timeline.Series == nil || d.Cooccurrence == nil {
		t.Errorf("empty workspace: %+v %+v", d, ex)
	}
	ix2, st2, _, _ := corpus(t, 30)
	q := bleve.NewTermQuery("nobody")
	q.SetField("actors")
	d, ex, err = gather.Compute(ctx, ix2, st2, q, insights.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !d.Empty() || ex.Docs != 0 || ex.DocIDs == nil || len(ex.DocIDs) != 0 {
		t.Errorf("no hits: %+v %+v", d, ex)
	}
	if _, _, err := gather.Compute(ctx, ix2, st2, nil, insights.Options{By: "colour"}); err == nil || !strings.Contains(err.Error(), "colour") {
		t.Errorf("bad --by: %v", err)
	}
}
