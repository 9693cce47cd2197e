package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/model"
)

func TestStartShowsAllArticles(t *testing.T) {
	d := newDriver(t, 120, 40)
	if got := len(d.m.results.Hits()); got != 5 {
		t.Fatalf("want the 5 fixture articles listed at start, got %d", got)
	}
	if d.m.Focused() != "search" {
		t.Fatalf("focus at start = %s, want search", d.m.Focused())
	}
	d.mustSee("5 docs")
}

func TestSearchLineKeys(t *testing.T) {
	d := newDriver(t, 120, 40)
	// The line has focus at start: "/" pressed out of habit types nothing.
	d.keys("/")
	if q := d.m.search.Value(); q != "" || d.m.Focused() != "search" {
		t.Fatalf("/ on the empty, focused line: query %q, focus %s", q, d.m.Focused())
	}
	d.typeText("ushakov")
	if q := d.m.search.Value(); q != "ushakov" {
		t.Fatalf("query = %q", q)
	}
	if hits := d.m.results.Hits(); len(hits) != 1 || hits[0].ID != "fx-ushakov-talks" {
		t.Fatalf("hits for ushakov: %+v", hits)
	}
	// q while typing is text, not quit.
	d.typeText(" q")
	if d.quit || !strings.HasSuffix(d.m.search.Value(), " q") {
		t.Fatalf("q in the search line must type, quit=%v value=%q", d.quit, d.m.search.Value())
	}
	d.keys("backspace", "backspace")
	// esc leaves the search line and never quits.
	d.keys("esc")
	if d.quit || d.m.Focused() != "results" {
		t.Fatalf("esc: quit=%v focus=%s", d.quit, d.m.Focused())
	}
	d.keys("esc")
	if d.quit {
		t.Fatal("esc outside the search line quit")
	}
	// / focuses the search line again, enter moves to the results.
	d.keys("/")
	if d.m.Focused() != "search" {
		t.Fatalf("/ focus = %s", d.m.Focused())
	}
	d.keys("enter")
	if d.m.Focused() != "results" {
		t.Fatalf("enter in search: focus = %s", d.m.Focused())
	}
}

func TestInvalidQueryKeepsResults(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.typeText("talks")
	before := len(d.m.results.Hits())
	if before == 0 {
		t.Fatal("no hits for talks")
	}
	// The index forgives half-typed syntax; a bad regexp or date is an
	// error it cannot run.
	for _, bad := range []string{" title:/[/", ` date:>"x" now`} {
		d.send(tea.PasteMsg{Content: bad}) // one edit: the last good results are those of "talks"
		if d.m.search.Err() == "" {
			t.Fatalf("no inline error for %q:\n%s", bad, d.screen())
		}
		if got := len(d.m.results.Hits()); got != before {
			t.Fatalf("invalid query %q replaced the results: %d -> %d", bad, before, got)
		}
		d.mustSee("✗")
		for range []rune(bad) {
			d.keys("backspace")
		}
		if d.m.search.Err() != "" {
			t.Fatalf("error not cleared: %s", d.m.search.Err())
		}
	}
	// Typed key by key, the half-typed prefixes have their own answers;
	// the error keeps whatever the last good one was.
	d.typeText(" title:/[")
	last := hitIDs(d.m.results.Hits())
	d.typeText("/")
	if d.m.search.Err() == "" || !equal(hitIDs(d.m.results.Hits()), last) {
		t.Fatalf("typed bad regexp: error %q, hits %v, want %v", d.m.search.Err(), hitIDs(d.m.results.Hits()), last)
	}
}

func TestResultKeys(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.keys("esc") // to results
	n := len(d.m.results.Hits())
	steps := []struct {
		key  string
		want int
	}{
		{"j", 1}, {"down", 2}, {"k", 1}, {"up", 0}, {"G", n - 1}, {"g", 0},
		{"pgdown", min(n-1, d.m.results.Visible())}, {"pgup", 0}, {"end", n - 1}, {"home", 0},
	}
	for _, s := range steps {
		d.keys(s.key)
		if got := d.m.results.Cursor(); got != s.want {
			t.Fatalf("after %s: cursor %d, want %d", s.key, got, s.want)
		}
	}
	d.keys("j", "enter")
	want := d.m.results.Hits()[1].ID
	if doc := d.m.reader.Doc(); doc == nil || doc.ID != want {
		t.Fatalf("enter opened %v, want %s", doc, want)
	}
	if d.m.Focused() != "reader" {
		t.Fatalf("enter: focus = %s, want reader", d.m.Focused())
	}
}

func TestTabCyclesPanes(t *testing.T) {
	d := newDriver(t, 120, 40)
	want := []string{"results", "reader", "statements", "facets", "search", "results"}
	for _, w := range want {
		d.keys("tab")
		if d.m.Focused() != w {
			t.Fatalf("tab: focus %s, want %s", d.m.Focused(), w)
		}
	}
	d.keys("shift+tab", "shift+tab")
	if d.m.Focused() != "facets" {
		t.Fatalf("shift+tab twice from results: %s", d.m.Focused())
	}
}

func TestReaderScrollKeys(t *testing.T) {
	d := newDriver(t, 60, 14) // small: the article scrolls
	d.open("ushakov")
	if d.m.reader.Lines() <= d.m.reader.BodyHeight() {
		t.Fatalf("article fits (%d lines), cannot test scrolling", d.m.reader.Lines())
	}
	// j moves the cursor down a line; the view follows it past the bottom.
	for i := 0; i < d.m.reader.BodyHeight()-1; i++ {
		d.keys("j")
	}
	if d.m.reader.Offset() != 0 {
		t.Fatalf("j within the view scrolled: offset %d", d.m.reader.Offset())
	}
	d.keys("j")
	if d.m.reader.Offset() != 1 {
		t.Fatalf("j past the bottom: offset %d", d.m.reader.Offset())
	}
	for i := 0; i < d.m.reader.BodyHeight(); i++ {
		d.keys("k")
	}
	if d.m.reader.Offset() != 0 {
		t.Fatalf("k back past the top: offset %d", d.m.reader.Offset())
	}
	d.keys("G")
	bottom := d.m.reader.Offset()
	if bottom == 0 {
		t.Fatal("G did not scroll")
	}
	d.keys("g")
	if d.m.reader.Offset() != 0 {
		t.Fatal("g did not go to the top")
	}
	d.keys("pgdown")
	if d.m.reader.Offset() == 0 {
		t.Fatal("pgdown did not scroll")
	}
	d.keys("pgup")
	if d.m.reader.Offset() != 0 {
		t.Fatal("pgup did not scroll back")
	}
}

func TestReaderHitKeys(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("talks")
	n := d.m.reader.Hits()
	if n < 2 {
		t.Fatalf("want 2+ hits of talks in the article, got %d", n)
	}
	d.keys("n")
	if d.m.reader.HitIndex() != 0 {
		t.Fatalf("n: hit %d", d.m.reader.HitIndex())
	}
	d.keys("n")
	if d.m.reader.HitIndex() != 1 {
		t.Fatalf("n n: hit %d", d.m.reader.HitIndex())
	}
	d.keys("N")
	if d.m.reader.HitIndex() != 0 {
		t.Fatalf("N: hit %d", d.m.reader.HitIndex())
	}
	d.keys("N")
	if d.m.reader.HitIndex() != n-1 {
		t.Fatalf("N wraps to the last hit: %d", d.m.reader.HitIndex())
	}
}

func TestQuoteKeysAndLabels(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	doc := d.env.Doc("fx-ushakov-talks")
	if d.m.reader.SelectedQuoteID() != "" {
		t.Fatal("a quote is selected right after opening")
	}
	d.keys("]")
	if got, want := d.m.reader.SelectedQuoteID(), doc.Analysis.Quotes[0].ID; got != want {
		t.Fatalf("first ] selects %q, want the first quote %q", got, want)
	}
	d.keys("]", "]", "]")
	if got, want := d.m.reader.SelectedQuoteID(), doc.Analysis.Quotes[2].ID; got != want {
		t.Fatalf("] stops at the last quote: %q, want %q", got, want)
	}
	d.keys("[")
	q := doc.Analysis.Quotes[1]
	if got := d.m.reader.SelectedQuoteID(); got != q.ID {
		t.Fatalf("[ selects %q, want %q", got, q.ID)
	}
	// Every label key toggles its label on and off.
	for _, l := range d.env.Labels {
		d.keys(l.Key)
		tags := d.tags("fx-ushakov-talks")
		if !hasTag(tags, q.ID, l.Name) {
			t.Fatalf("key %s did not tag %s with %s: %+v", l.Key, q.ID, l.Name, tags)
		}
		d.mustSee("[" + l.Name + "]")
		d.keys(l.Key)
		if hasTag(d.tags("fx-ushakov-talks"), q.ID, l.Name) {
			t.Fatalf("key %s again did not remove %s", l.Key, l.Name)
		}
	}
}

func TestNoteTargetUndoRedo(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("a")
	if d.m.reader.Typing() {
		t.Fatal("a without a tag opened the note input")
	}
	d.keys("]", "1")
	d.keys("a")
	if !d.m.reader.Typing() {
		t.Fatal("a did not open the note input")
	}
	d.typeText("quit? not me")
	if d.quit {
		t.Fatal("q in the note input quit")
	}
	d.keys("enter")
	tags := d.tags("fx-ushakov-talks")
	if len(tags) != 1 || tags[0].Note != "quit? not me" {
		t.Fatalf("note not saved: %+v", tags)
	}
	d.keys("t")
	d.typeText("Donald Trump")
	d.keys("enter")
	if tags := d.tags("fx-ushakov-talks"); tags[0].Target != "Donald Trump" {
		t.Fatalf("target not saved: %+v", tags)
	}
	// esc cancels an input without saving.
	d.keys("a")
	d.typeText(" more")
	d.keys("esc")
	if tags := d.tags("fx-ushakov-talks"); tags[0].Note != "quit? not me" {
		t.Fatalf("esc saved the note: %+v", tags)
	}
	d.keys("u")
	if tags := d.tags("fx-ushakov-talks"); tags[0].Target != "" {
		t.Fatalf("u did not undo the target: %+v", tags)
	}
	d.keys("ctrl+r")
	if tags := d.tags("fx-ushakov-talks"); tags[0].Target != "Donald Trump" {
		t.Fatalf("ctrl+r did not redo the target: %+v", tags)
	}
	d.keys("u", "u", "u")
	if tags := d.tags("fx-ushakov-talks"); len(tags) != 0 {
		t.Fatalf("three undos leave tags: %+v", tags)
	}
	d.mustSee("undo:")
}

// The reader's cursor moves by word (w/b), character (h/l), line (j/k)
// and to the line's ends (0/$); v anchors a selection that follows the
// cursor either way, snapped to words unless moved by character; esc
// cancels; 1-9 tags it.
func TestExactSelection(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("lavrov")
	doc := d.env.Doc("fx-unicode")
	body := []rune(doc.Body)
	at := func(s string) int {
		t.Helper()
		i := strings.Index(doc.Body, s)
		if i < 0 {
			t.Fatalf("%q not in the body", s)
		}
		return len([]rune(doc.Body[:i]))
	}
	cur := func(want int, after string) {
		t.Helper()
		if got := d.m.reader.CursorOffset(); got != want {
			t.Fatalf("after %s: cursor at %d (%q), want %d", after, got, string(body[max(0, got):min(len(body), got+5)]), want)
		}
	}
	sel := func(want, after string) {
		t.Helper()
		s, e, ok := d.m.reader.Selection()
		got := ""
		if ok {
			got = string(body[s:e])
		}
		if got != want {
			t.Fatalf("after %s: selection %q, want %q", after, got, want)
		}
	}
	cur(0, "opening")
	d.keys("w")
	cur(at("Genève"), "w")
	d.keys("w")
	cur(at("the"), "w w")
	d.keys("b")
	cur(at("Genève"), "b")
	d.keys("l")
	cur(at("Genève")+1, "l")
	d.keys("h")
	cur(at("Genève"), "h")
	d.keys("$")
	end := d.m.reader.CursorOffset()
	if end <= at("Genève") || body[end] == ' ' {
		t.Fatalf("$: cursor at %d", end)
	}
	d.keys("0")
	cur(0, "0")
	d.keys("j")
	if d.m.reader.CursorOffset() <= end {
		t.Fatalf("j: cursor %d not on the next line (line ended at %d)", d.m.reader.CursorOffset(), end)
	}
	d.keys("k")
	cur(0, "j k")
	// A selection that starts mid-line, at "the".
	d.keys("w", "w", "v")
	sel("the", "v on the")
	d.keys("w")
	sel("the délégués", "v w")
	d.keys("l")
	sel("the dé", "v w l (by character: exact)")
	d.keys("b", "b", "b")
	sel("Genève, the", "b b b (backwards from the anchor)")
	d.keys("esc")
	sel("", "esc")
	d.keys("v", "w", "2")
	tags := d.tags("fx-unicode")
	if len(tags) != 1 || tags[0].QuoteID != "" || tags[0].Quote != "Genève, the" || tags[0].Label != "de-escalatory" {
		t.Fatalf("free span tag: %+v", tags)
	}
	if string(body[tags[0].Start:tags[0].End]) != "Genève, the" {
		t.Fatalf("tag offsets are not code points: %d-%d", tags[0].Start, tags[0].End)
	}
	d.mustSee("[de-escalatory]")
	// v twice cancels too.
	d.keys("v", "v")
	sel("", "v v")
}

func TestHelpOverlay(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.keys("esc", "?")
	if !d.m.showHelp {
		t.Fatal("? did not open the help")
	}
	d.mustSee("toggle codebook label")
	d.mustSee("escalatory")
	d.keys("?")
	if d.m.showHelp {
		t.Fatal("? did not close the help")
	}
	d.keys("?", "esc")
	if d.m.showHelp || d.quit {
		t.Fatal("esc did not close the help (or quit)")
	}
	// On a small screen the help scrolls.
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	d.keys("?")
	d.mustNotSee("Export chooser")
	for i := 0; i < 10 && !strings.Contains(d.screen(), "Export chooser"); i++ {
		d.keys("pgdown")
	}
	d.mustSee("Export chooser")
	d.keys("k", "pgup", "pgup", "pgup", "pgup", "pgup", "pgup")
	d.mustSee("focus the search line")
}

func TestQuitKeys(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.keys("ctrl+c")
	if !d.quit {
		t.Fatal("ctrl+c in the search line did not quit")
	}
	d = newDriver(t, 120, 40)
	d.keys("esc", "q")
	if !d.quit {
		t.Fatal("q outside the search line did not quit")
	}
}

func TestExportKeys(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("]", "1")
	for _, f := range []struct{ key, ext string }{{"c", ".csv"}, {"j", ".jsonl"}, {"m", ".md"}} {
		d.keys("e")
		if !d.m.exporting {
			t.Fatal("e did not open the export chooser")
		}
		d.mustSee("Export all tags as")
		d.keys(f.key)
		msg, isErr := d.m.status.Message()
		if isErr || !strings.Contains(msg, "exported 1 tags to ") {
			t.Fatalf("export %s: %q", f.ext, msg)
		}
		path := msg[strings.Index(msg, " to ")+4:]
		if filepath.Ext(path) != f.ext || filepath.Dir(path) != filepath.Join(d.env.Dir, "exports") {
			t.Fatalf("export path %s", path)
		}
		b, err := os.ReadFile(path)
		if err != nil || !strings.Contains(string(b), "escalatory") {
			t.Fatalf("export %s: %v %q", path, err, b)
		}
		os.Remove(path) // same second: the next format gets its own name anyway
	}
	d.keys("e", "esc")
	if d.m.exporting || d.quit {
		t.Fatal("esc did not cancel the export chooser")
	}
}

func TestQuotesPanelKeys(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("tab") // reader -> quotes
	if d.m.Focused() != "statements" {
		t.Fatalf("focus %s", d.m.Focused())
	}
	if n := len(d.m.quotes.Rows()); n != 3 {
		t.Fatalf("article quotes: %d", n)
	}
	d.keys("j", "j", "enter")
	doc := d.env.Doc("fx-ushakov-talks")
	if got := d.m.reader.SelectedQuoteID(); got != doc.Analysis.Quotes[2].ID {
		t.Fatalf("enter on a quote selects %q", got)
	}
	d.keys("tab") // reader -> quotes
	d.keys("s")
	if !d.m.quotes.All() {
		t.Fatal("s did not switch to all matching quotes")
	}
	d.mustSee("Statements · all matching")
	d.search("momentum")
	rows := d.m.quotes.Rows()
	if len(rows) != 1 || rows[0].ID != doc.Analysis.Quotes[2].ID || rows[0].Speaker != "Sergei Ryabkov" {
		t.Fatalf("quotes matching momentum: %+v", rows)
	}
	d.keys("tab", "tab") // results -> reader -> quotes
	d.keys("s")
	if d.m.quotes.All() {
		t.Fatal("s did not switch back")
	}
}

func TestFacetFilters(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.keys("shift+tab") // search -> facets
	if d.m.Focused() != "facets" {
		t.Fatalf("focus %s", d.m.Focused())
	}
	kind, v, ok := d.m.facets.Selected()
	if !ok || kind != "actor" {
		t.Fatalf("first facet: %s %s %v\n%s", kind, v, ok, d.screen())
	}
	d.keys("enter")
	if q := d.m.search.Value(); q != "@"+v+" " {
		t.Fatalf("facet did not filter: query %q", q)
	}
	for _, h := range d.m.results.Hits() {
		if !contains(h.Actors, v) {
			t.Fatalf("hit %s without actor %s", h.ID, v)
		}
	}
}

func TestLabelShortcutSearch(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("peace")
	d.keys("]", "3")
	d.search("#conciliatory")
	hits := d.m.results.Hits()
	if len(hits) != 1 || hits[0].ID != d.m.reader.Doc().ID {
		t.Fatalf("#conciliatory: %+v", hits)
	}
	d.search("#dismissive")
	if len(d.m.results.Hits()) != 0 {
		t.Fatal("#dismissive matches untagged documents")
	}
}

func TestTooSmallAndResizeStorm(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("]", "v", "l")
	for w := 0; w <= 130; w += 7 {
		for h := 0; h <= 45; h += 5 {
			d.send(tea.WindowSizeMsg{Width: w, Height: h})
			_ = d.m.View()
			if w > 0 && h > 0 {
				checkSize(t, d.screen(), w, h)
			}
		}
	}
	// Every pane focused, in both layouts.
	for _, w := range []int{50, 99, 100, 137} {
		d.send(tea.WindowSizeMsg{Width: w, Height: 13})
		for range 5 {
			d.keys("tab")
			checkSize(t, d.screen(), w, 13)
		}
	}
	d.keys("esc")
	d.send(tea.WindowSizeMsg{Width: 30, Height: 8})
	d.mustSee("terminal too small")
	d.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	d.mustNotSee("terminal too small")
	d.mustSee("Reader")
}

func TestFailedWriteShowsError(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("]")
	st, err := d.env.App.Store()
	if err != nil {
		t.Fatal(err)
	}
	st.Close() // every later write fails
	d.keys("1")
	msg, isErr := d.m.status.Message()
	if !isErr || !strings.Contains(msg, "tag not saved") {
		t.Fatalf("failed write: status %q err=%v", msg, isErr)
	}
	d.mustNotSee("[escalatory]")
}

func TestSanitisedScreen(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("dangerous")
	out := d.m.Render()
	for _, bad := range []string{"\x1b]0;", "\x07", "\u202e", "\x1b[31m"} {
		if strings.Contains(out, bad) {
			t.Fatalf("screen contains %q from the corpus", bad)
		}
	}
	d.mustSee("override")
}

func (d *driver) tags(docID string) []tagView {
	d.t.Helper()
	ts, err := d.env.App.ForDoc(context.Background(), docID)
	if err != nil {
		d.t.Fatal(err)
	}
	out := make([]tagView, len(ts))
	for i, t := range ts {
		out[i] = tagView{t.QuoteID, t.Label, t.Note, t.Target, t.Quote, t.Start, t.End}
	}
	return out
}

type tagView struct {
	QuoteID, Label, Note, Target, Quote string
	Start, End                          int
}

func hasTag(ts []tagView, quoteID, label string) bool {
	for _, t := range ts {
		if t.QuoteID == quoteID && t.Label == label {
			return true
		}
	}
	return false
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

var _ = model.Span{}

// First run: a progress view while the sample is indexed, then the
// workbench; keys other than quit wait.
func TestPrepareProgressView(t *testing.T) {
	env := apptest.New(t)
	m := New(Options{
		Backend: env.App, Labels: env.Labels, Actors: env.Actors,
		Workspace: "/ws", NoColor: true, MessageTTL: -1,
		Prepare: func(context.Context, func(Progress)) error { return nil },
	})
	d := &driver{t: t, env: env, m: m}
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Update(prepareMsg{progress: &Progress{Done: 150, Total: 301}}) // its follow-up command is not run
	d.mustSee("First run: indexing the embedded sample corpus")
	d.mustSee("150 / 301 documents")
	d.keys("/", "j")
	if !m.preparing || d.quit {
		t.Fatal("keys acted while preparing")
	}
	d.send(prepareMsg{done: true})
	d.mustNotSee("First run")
	if n := len(m.results.Hits()); n != 5 {
		t.Fatalf("after preparing: %d hits", n)
	}
	d.mustSee("indexed the embedded sample corpus")
}

// A source facet (with a space in it) filters by source.
func TestSourceFacet(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.keys("shift+tab") // search -> facets
	for i := 0; i < 20; i++ {
		if kind, v, _ := d.m.facets.Selected(); kind == "source" && v == "fixture news" {
			break
		}
		d.keys("j")
	}
	if kind, v, _ := d.m.facets.Selected(); kind != "source" || v != "fixture news" {
		t.Fatalf("no fixture news source facet:\n%s", d.screen())
	}
	d.keys("enter")
	if q := d.m.search.Value(); q != `source:fixture\ news ` {
		t.Fatalf("query %q", q)
	}
	hits := d.m.results.Hits()
	if len(hits) != 2 {
		t.Fatalf("source filter: %d hits\n%s", len(hits), d.screen())
	}
	// Applying it again does not repeat it (the focus is still on the
	// facets, now counted for the filtered results).
	if d.m.Focused() != "facets" {
		t.Fatalf("focus %s", d.m.Focused())
	}
	for i := 0; i < 20; i++ {
		if kind, v, _ := d.m.facets.Selected(); kind == "source" && v == "fixture news" {
			break
		}
		d.keys("j")
	}
	if kind, v, _ := d.m.facets.Selected(); kind != "source" || v != "fixture news" {
		t.Fatalf("no fixture news facet after filtering:\n%s", d.screen())
	}
	d.mustSee("✓ fixture news")
	d.keys("enter")
	if q := d.m.search.Value(); q != `` {
		t.Fatalf("query after enter on the applied facet: %q (want it removed)", q)
	}
	d.mustSee("removed filter")
	for _, h := range hits {
		if h.Source != "fixture news" {
			t.Fatalf("hit %s from %q", h.ID, h.Source)
		}
	}
}
