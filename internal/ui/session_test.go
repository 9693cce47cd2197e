package ui

import (
	"os"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
)

// restart runs a new Model on the same workspace.
func (d *driver) restart(w, h int) *driver {
	d.t.Helper()
	m := New(Options{
		Backend: d.env.App,
		Labels:  d.env.Labels, Actors: d.env.Actors,
		Workspace: "/ws", NoColor: true, MessageTTL: -1,
	})
	nd := &driver{t: d.t, env: d.env, m: m}
	nd.send(tea.WindowSizeMsg{Width: w, Height: h})
	nd.run(m.Init())
	return nd
}

// On restart the last query, the open document and the cursor come back.
func TestSessionRestored(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("w", "w", "w", "j")
	cur := d.m.reader.CursorOffset()
	d.keys("q")
	if !d.quit {
		t.Fatal("q did not quit")
	}
	if _, err := os.Stat(filepath.Join(d.env.App.Workspace().Dir, "tui-state.json")); err != nil {
		t.Fatalf("no state file: %v", err)
	}
	d2 := d.restart(120, 40)
	if q := d2.m.search.Value(); q != "ushakov" {
		t.Fatalf("restored query %q", q)
	}
	if doc := d2.m.reader.Doc(); doc == nil || doc.ID != "fx-ushakov-talks" {
		t.Fatalf("restored document %v", doc)
	}
	if got := d2.m.reader.CursorOffset(); got != cur {
		t.Fatalf("restored cursor %d, want %d", got, cur)
	}
	d2.mustSee("restored the last session")
	if d2.m.Focused() != "reader" {
		t.Fatalf("restored focus %s, want the reader", d2.m.Focused())
	}
}

// ctrl+s in the search line saves the query under a name; S lists saved
// searches with the documents new since each ran; enter runs one; d
// deletes; every printable character is text in the name.
func TestSavedSearches(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.typeText("talks")
	d.keys("ctrl+s")
	if !d.m.sv.naming {
		t.Fatal("ctrl+s did not ask for a name")
	}
	d.mustSee("save the search as:")
	text := printable()
	d.typeText(text)
	if d.quit || d.m.showHelp || d.m.exporting || d.m.sv.open || d.m.sv.name.Value() != text || d.m.search.Value() != "talks" {
		t.Fatalf("a key leaked from the name input: %q", d.m.sv.name.Value())
	}
	d.keys("esc")
	if d.m.sv.naming || len(d.m.saved) != 0 {
		t.Fatal("esc did not cancel")
	}
	d.keys("ctrl+s")
	d.typeText("Talks")
	d.keys("enter")
	if len(d.m.saved) != 1 || d.m.saved[0].Name != "Talks" || d.m.saved[0].Query != "talks" || d.m.saved[0].LastTotal != 3 {
		t.Fatalf("saved: %+v", d.m.saved)
	}
	// Saved while a partial first answer (a lower bound) is on screen:
	// the exact count is recorded, not the bound.
	d.m.results.SetResults("talks", &model.SearchResult{Hits: d.m.results.Hits()[:1], Total: 1, Partial: true})
	d.keys("ctrl+s")
	d.typeText("Talks")
	d.keys("enter")
	if len(d.m.saved) != 1 || d.m.saved[0].LastTotal != 3 {
		t.Fatalf("saved during a partial answer: %+v", d.m.saved)
	}
	// Pretend it last ran when it matched one document: two are new.
	d.m.saved[0].LastTotal = 1
	d.keys("esc", "S")
	if !d.m.sv.open {
		t.Fatal("S did not open the saved searches")
	}
	d.mustSee("Saved searches")
	d.mustSee("2 new")
	d.keys("esc")
	d.search("zzz")
	d.keys("S", "enter")
	if d.m.sv.open || d.m.search.Value() != "talks" || len(d.m.results.Hits()) != 3 || d.m.saved[0].LastTotal != 3 {
		t.Fatalf("enter did not run the saved search: %q, %d hits, %+v", d.m.search.Value(), len(d.m.results.Hits()), d.m.saved)
	}
	// It is kept in the workspace.
	d2 := d.restart(120, 40)
	if len(d2.m.saved) != 1 || d2.m.saved[0].Name != "Talks" {
		t.Fatalf("after restart: %+v", d2.m.saved)
	}
	d2.keys("esc", "S", "d")
	if len(d2.m.saved) != 0 {
		t.Fatal("d did not delete")
	}
	d2.keys("esc")
	if d2.m.sv.open {
		t.Fatal("esc did not close")
	}
}
