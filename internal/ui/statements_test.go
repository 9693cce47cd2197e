package ui

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/pipeline"
)

// transcriptID is a transcript indexed beside the fixtures: turns by
// Vladimir Putin and Dmitry Peskov, and a question.
const transcriptID = "fx-transcript"

// transcriptDriver runs the TUI on the fixtures and a small transcript
// with turns by Vladimir Putin and Dmitry Peskov and a question, put in the
// index with a fixed analysis (as the fixtures are: the screens do not
// change when the analyser improves), before the TUI opens the index.
func transcriptDriver(t *testing.T, w, h int) *driver {
	t.Helper()
	env := apptest.New(t)
	title := "Meeting with members of the Government on the economy."
	turns := []struct{ label, speaker, actor, text string }{
		{"Vladimir Putin", "Vladimir Putin", "putin", "Good afternoon, colleagues. We have a lot to discuss today, so let us begin with the budget."},
		{"Question", "", "", "Will the talks with Washington continue next month?"},
		{"Dmitry Peskov", "Dmitry Peskov", "peskov", "The talks continue as planned, and the contacts are working."},
	}
	body := title
	var an model.Analysis
	for _, tu := range turns {
		body += "\n\n" + tu.label + ": "
		start := utf8.RuneCountInString(body)
		body += tu.text
		end := utf8.RuneCountInString(body)
		an.Statements = append(an.Statements, model.Statement{ID: model.StatementID(transcriptID, start, end), DocID: transcriptID,
			Kind: model.StatementTurn, Start: start, End: end, Text: tu.text, Speaker: tu.speaker, SpeakerActor: tu.actor,
			SpeakerSource: map[bool]string{true: model.SourceTurn}[tu.speaker != ""], Confidence: 0.9})
		if tu.actor != "" {
			s := strings.Index(body, tu.label+":")
			rs := utf8.RuneCountInString(body[:s])
			an.Mentions = append(an.Mentions, model.Mention{Actor: tu.actor, Text: tu.label, Start: rs, End: rs + utf8.RuneCountInString(tu.label)})
		}
	}
	ix, err := index.Open(filepath.Join(env.Dir, "index.bleve"), index.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc := index.Doc{Article: model.Article{ID: transcriptID, Title: "Meeting on the economy", Source: "kremlin.ru",
		URL: "http://en.kremlin.ru/events/fx/9", Date: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), Body: body}, Analysis: an, Hash: "fixed"}
	if err := ix.Put(context.Background(), []index.Doc{doc}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	return newDriverOn(t, env, w, h)
}

// TestStatementsPanelKinds: the panel lists the article's turns and quotes
// with kind and speaker; f cycles the kind filter (all, quote, turn, span)
// in the article and in all matching statements (asked again of the
// application layer, newest first); enter opens the reader at a turn; 1-9
// tags a turn (by its span) and a span; a speaker correction is marked.
func TestStatementsPanelKinds(t *testing.T) {
	d := transcriptDriver(t, 120, 40)
	d.open("economy")
	if got := d.m.reader.Doc().ID; got != transcriptID {
		t.Fatalf("opened %s", got)
	}
	d.keys("tab") // reader -> statements
	rows := d.m.quotes.Rows()
	kinds := map[string]int{}
	for _, r := range rows {
		kinds[r.Kind]++
	}
	if kinds[model.StatementTurn] < 2 {
		t.Fatalf("article rows: %+v", rows)
	}
	d.mustSee("turn  [Vladimir Putin] Good afternoon")
	// f: quote, turn, span, all.
	want := []string{model.StatementQuote, model.StatementTurn, model.StatementSpan, ""}
	for _, k := range want {
		d.keys("f")
		if d.m.quotes.Kind() != k {
			t.Fatalf("f: kind %q, want %q", d.m.quotes.Kind(), k)
		}
		for _, r := range d.m.quotes.Rows() {
			if k != "" && r.Kind != k {
				t.Fatalf("kind %s shows a %s row", k, r.Kind)
			}
		}
	}
	d.mustSee("Statements · article · all kinds")
	d.keys("f", "f") // turns
	d.mustSee("Statements · article · turns")
	turns := d.m.quotes.Rows()
	if len(turns) != kinds[model.StatementTurn] {
		t.Fatalf("turns: %d of %v", len(turns), kinds)
	}
	peskov := -1
	for i, r := range turns {
		if r.Speaker == "Dmitry Peskov" {
			peskov = i
		}
	}
	if peskov < 0 {
		t.Fatalf("no Peskov turn: %+v", turns)
	}
	d.keys("g")
	for range peskov {
		d.keys("j")
	}
	// enter opens the reader at the turn.
	d.keys("enter")
	if d.m.Focused() != "reader" || d.m.reader.SelectedQuoteID() != turns[peskov].ID {
		t.Fatalf("enter on a turn: focus %s, selected %q, want %q", d.m.Focused(), d.m.reader.SelectedQuoteID(), turns[peskov].ID)
	}
	// 1 in the panel tags the turn, by its span.
	d.keys("tab", "1")
	tags := d.tags(transcriptID)
	if len(tags) != 1 || tags[0].Start != turns[peskov].Start || tags[0].End != turns[peskov].End || tags[0].Label != "escalatory" {
		t.Fatalf("1 on a turn: %+v", tags)
	}
	if r := d.m.quotes.Rows()[d.m.quotes.Cursor()]; r.ID != turns[peskov].ID || strings.Join(r.Labels, ",") != "escalatory" {
		t.Fatalf("the tagged turn's row: %+v", r)
	}
	// A correction in the reader shows in the panel, marked *.
	d.keys("enter", "s", "ctrl+u")
	d.typeText("lavrov")
	d.keys("enter", "tab")
	d.mustSee("[Sergei Lavrov*] [escalatory] The talks continue")
	d.mustNotSee("[escalatory] [escalatory]") // a tagged turn is one statement

	// All matching, turns only: asked of the application layer with the
	// kind, newest first.
	d.search("talks")
	d.keys("tab", "tab", "s")
	if !d.m.quotes.All() || d.m.quotes.Kind() != model.StatementTurn {
		t.Fatalf("scope all %v, kind %q", d.m.quotes.All(), d.m.quotes.Kind())
	}
	got := d.m.quotes.Rows()
	if len(got) == 0 {
		t.Fatalf("no turns match talks:\n%s", d.screen())
	}
	for _, r := range got {
		if r.Kind != model.StatementTurn || !strings.Contains(strings.ToLower(r.Text), "talks") {
			t.Fatalf("turns matching talks: %+v", got)
		}
	}
	d.mustSee("Statements · all matching · turns")
	if got[0].Title != "Meeting on the economy" {
		t.Fatalf("the row's article title: %q", got[0].Title)
	}
	d.keys("f") // spans: none match
	if n := len(d.m.quotes.Rows()); n != 0 {
		t.Fatalf("spans matching talks: %d", n)
	}
	d.keys("f") // every kind: the fixture quote too, newest first
	all := d.m.quotes.Rows()
	k := map[string]bool{}
	for _, r := range all {
		k[r.Kind] = true
	}
	if !k[model.StatementQuote] || !k[model.StatementTurn] {
		t.Fatalf("every kind matching talks: %+v", all)
	}
	if all[0].DocID != transcriptID { // 2025-09-01, the newest
		t.Fatalf("not newest first: %+v", all)
	}
}

// TestStatementsPanelStale: an answer of an older listing is dropped.
func TestStatementsPanelStale(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.search("talks")
	d.keys("tab", "tab", "s")
	n := len(d.m.quotes.Rows())
	if n == 0 {
		t.Fatal("no statements match talks")
	}
	old := d.m.runQuotes("") // every statement: more rows
	newer := d.m.runQuotes("talks")
	msgOld, msgNew := old(), newer()
	if len(msgOld.(quotesMsg).hits) == n {
		t.Fatalf("the older listing has as many rows (%d): the test cannot tell them apart", n)
	}
	d.send(msgNew)
	d.send(msgOld) // late: dropped
	if got := len(d.m.quotes.Rows()); got != n {
		t.Fatalf("a stale answer replaced the rows: %d, want %d", got, n)
	}
}

// TestStatementsPanelOrphans: a speaker correction whose article changed
// under it is listed in the panel as orphaned, with the words it named; it
// cannot be tagged, marked or opened, and the reader does not apply it.
func TestStatementsPanelOrphans(t *testing.T) {
	env := apptest.New(t)
	ctx := context.Background()
	doc := env.Doc("fx-ushakov-talks")
	q := doc.Analysis.Quotes[0]
	if _, err := env.App.SetSpeaker(ctx, model.SpeakerInput{StatementID: q.ID, Name: "peskov"}); err != nil {
		t.Fatal(err)
	}
	env.App.Close()
	a, err := app.Open(app.Options{Home: env.Dir, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	env.App = a
	rec, _ := json.Marshal(map[string]string{"id": doc.ID, "title": doc.Title, "source": doc.Source, "url": doc.URL, "date": "2025-08-21",
		"body": "Updated with a correction from the press service.\n" + doc.Body})
	fsys := fstest.MapFS{"changed.jsonl": {Data: append(rec, '\n')}}
	if _, err := a.IndexSource(ctx, pipeline.Source{FS: fsys, Names: []string{"changed.jsonl"}}, false, pipeline.Options{}); err != nil {
		t.Fatal(err)
	}
	d := newDriverOn(t, env, 120, 40)
	d.open("ushakov")
	d.keys("tab")
	var orphan int = -1
	for i, r := range d.m.quotes.Rows() {
		if r.Kind == "orphan" {
			orphan = i
		}
		if r.Kind != "orphan" && r.Source == model.SourceAnalyst {
			t.Fatalf("the orphaned correction is applied to %+v", r)
		}
	}
	if orphan < 0 {
		t.Fatalf("no orphan listed:\n%s", d.screen())
	}
	d.mustSee("gone  [Dmitry Peskov*] orphaned: the article changed; was “The work")
	if r := d.m.quotes.Rows()[orphan]; r.Text != q.Text || r.ID != q.ID {
		t.Fatalf("the orphan's row: %+v", r)
	}
	// The reader does not apply it.
	d.mustNotSee("[Dmitry Peskov*] “")
	for _, st := range d.m.reader.Doc().Analysis.Statements {
		if st.SpeakerSource == model.SourceAnalyst {
			t.Fatalf("the reader's document applies the orphan: %+v", st)
		}
	}
	d.keys("g")
	for range orphan {
		d.keys("j")
	}
	for _, k := range []string{"1", "space", "enter"} {
		d.keys(k)
		d.mustSee("orphaned speaker correction")
		if d.m.Focused() != "statements" || len(d.m.quotes.Marked()) != 0 || len(d.tags(doc.ID)) != 0 {
			t.Fatalf("%s on an orphan: focus %s, %d marked, tags %v", k, d.m.Focused(), len(d.m.quotes.Marked()), d.tags(doc.ID))
		}
	}
	d.keys("ctrl+a")
	n := len(d.m.quotes.Marked())
	if n != len(d.m.quotes.Rows())-1 {
		t.Fatalf("ctrl+a marked %d of %d rows (the orphan is not taggable)", n, len(d.m.quotes.Rows()))
	}
	d.keys("6") // on the orphan, with marks: tags the marked rows
	if got := countLabel(d.tags(doc.ID), "neutral"); got != n {
		t.Fatalf("6 with %d marks on the orphan row tagged %d", n, got)
	}
	d.keys("f") // quotes only: the orphan is no quote
	for _, r := range d.m.quotes.Rows() {
		if r.Kind == "orphan" {
			t.Fatal("the quote filter lists the orphan")
		}
	}
}
