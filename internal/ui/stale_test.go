package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

// A slow answer to an old query must never replace the answer to a newer
// one, whether it comes back cancelled or complete.
func TestStaleSearchResultsDropped(t *testing.T) {
	d := newDriver(t, 120, 40)
	_, old := d.m.Update(common.QueryChangedMsg{Query: "ushakov"})
	_, cur := d.m.Update(common.QueryChangedMsg{Query: "peace"})
	d.run(cur)
	want := hitIDs(d.m.results.Hits())
	if len(want) == 0 {
		t.Fatal("no hits for peace")
	}
	// The old search runs late: its context was cancelled by the new one.
	d.run(old)
	if got := hitIDs(d.m.results.Hits()); !equal(got, want) {
		t.Fatalf("a cancelled old search replaced the results: %v, want %v", got, want)
	}
	// An old answer that completed anyway is dropped by its sequence number.
	d.send(searchMsg{seq: d.m.searchReq.seq - 1, query: "ushakov", res: &model.SearchResult{Hits: []model.Hit{{ID: "stale"}}, Total: 1}})
	if got := hitIDs(d.m.results.Hits()); !equal(got, want) {
		t.Fatalf("a stale answer replaced the results: %v", got)
	}
	// Its rich follow-up (fragments, facets) is dropped too.
	d.send(richMsg{seq: d.m.searchReq.seq - 1, res: &model.SearchResult{Actors: []model.FacetCount{{Value: "stale", Count: 9}}}})
	if _, v, _ := d.m.facets.Selected(); v == "stale" {
		t.Fatal("stale facets shown")
	}
	// The current answer is applied (until its exact follow-up, not run
	// here, replaces it).
	d.m.Update(searchMsg{seq: d.m.searchReq.seq, query: "peace", res: &model.SearchResult{Hits: []model.Hit{{ID: "fresh"}}, Total: 1}})
	if got := hitIDs(d.m.results.Hits()); !equal(got, []string{"fresh"}) {
		t.Fatalf("the current answer was not applied: %v", got)
	}
}

func TestStaleDocDropped(t *testing.T) {
	d := newDriver(t, 120, 40)
	_, old := d.m.Update(common.OpenDocMsg{ID: "fx-peace"})
	_, cur := d.m.Update(common.OpenDocMsg{ID: "fx-unicode"})
	d.run(cur)
	d.run(old)
	if doc := d.m.reader.Doc(); doc == nil || doc.ID != "fx-unicode" {
		t.Fatalf("reader shows %v, want the last opened fx-unicode", doc)
	}
}

func TestLoadMoreOnScroll(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.m.opts.Limit = 2
	d.keys("esc")
	d.send(common.QueryChangedMsg{Query: ""})
	if n := len(d.m.results.Hits()); n != 2 {
		t.Fatalf("first page: %d hits", n)
	}
	for i := 0; i < 6; i++ {
		d.keys("j")
	}
	if n := len(d.m.results.Hits()); n != 5 {
		t.Fatalf("after scrolling: %d hits loaded, want all 5", n)
	}
	if got := d.m.results.Cursor(); got != 4 {
		t.Fatalf("cursor %d", got)
	}
}

func hitIDs(hs []model.Hit) []string {
	var out []string
	for _, h := range hs {
		out = append(out, h.ID)
	}
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// While a newer search runs, the list says so; its answer clears it.
func TestSearchingIndicator(t *testing.T) {
	d := newDriver(t, 120, 40)
	_, cmd := d.m.Update(common.QueryChangedMsg{Query: "peace"})
	d.mustSee("searching…")
	d.run(cmd)
	d.mustNotSee("searching…")
}

// Searches start in the order of the edits, in the same Update as the key:
// commands run concurrently, so a change reported through a command could
// arrive after a later one (a real race this test pins down).
func TestSearchStartsWithTheEdit(t *testing.T) {
	d := newDriver(t, 120, 40)
	var cmds []tea.Cmd
	for i, r := range "ushakov" {
		_, cmd := d.m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		cmds = append(cmds, cmd)
		if want := "ushakov"[:i+1]; d.m.query != want {
			t.Fatalf("after %q the search runs for %q", want, d.m.query)
		}
	}
	for i := len(cmds) - 1; i >= 0; i-- { // answers in the worst order
		d.run(cmds[i])
	}
	if got := hitIDs(d.m.results.Hits()); !equal(got, []string{"fx-ushakov-talks"}) {
		t.Fatalf("results %v, want those of ushakov", got)
	}
}

// "enter" then "]" without waiting: the article opens (and takes the focus)
// before the "]" is read.
func TestOpenThenKeysInOrder(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.search("ushakov")
	_, open := d.m.Update(keyMsg("enter"))
	if d.m.Focused() != "reader" {
		t.Fatalf("focus after enter: %s", d.m.Focused())
	}
	_, _ = d.m.Update(keyMsg("]")) // before the article has loaded
	d.run(open)
	d.keys("]")
	if d.m.reader.SelectedQuoteID() == "" {
		t.Fatal("no quote selected")
	}
}
