package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A click places the reader's cursor, a drag selects (snapped to words),
// the wheel scrolls; the terminal cursor stands on the reader's cursor.
func TestReaderMouse(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	doc := d.env.Doc("fx-ushakov-talks")
	body := []rune(doc.Body)
	r := d.m.lay.reader
	y := r.y + 3 // pane title, article title, meta: the first line of text
	// "Presidential aide Yury Ushakov ...": click on "aide" (column 13).
	d.send(tea.MouseClickMsg{X: r.x + 1 + 14, Y: y, Button: tea.MouseLeft})
	if got := d.m.reader.CursorOffset(); got != 14 {
		t.Fatalf("click: cursor %d (%q)", got, string(body[got:got+4]))
	}
	if c := d.m.View().Cursor; c == nil || c.Position.X != r.x+1+14 || c.Position.Y != y {
		t.Fatalf("terminal cursor %+v, want at %d,%d", c, r.x+1+14, y)
	}
	// Drag to "Ushakov" and release.
	d.send(tea.MouseMotionMsg{X: r.x + 1 + 25, Y: y, Button: tea.MouseLeft})
	d.send(tea.MouseReleaseMsg{X: r.x + 1 + 25, Y: y, Button: tea.MouseLeft})
	s, e, ok := d.m.reader.Selection()
	if !ok || string(body[s:e]) != "aide Yury Ushakov" {
		t.Fatalf("drag selected %q", string(body[s:e]))
	}
	d.keys("3")
	tags := d.tags(doc.ID)
	if len(tags) != 1 || tags[0].Quote != "aide Yury Ushakov" {
		t.Fatalf("tag of the dragged span: %+v", tags)
	}
	// A click elsewhere (results) does not move the reader's cursor.
	before := d.m.reader.CursorOffset()
	d.send(tea.MouseClickMsg{X: 2, Y: 3, Button: tea.MouseLeft})
	if d.m.reader.CursorOffset() != before {
		t.Fatal("a click outside the reader moved its cursor")
	}
	if !strings.Contains(d.screen(), "[conciliatory]") {
		t.Fatalf("no badge:\n%s", d.screen())
	}

	small := newDriver(t, 60, 14)
	small.open("ushakov")
	r = small.m.lay.reader
	small.send(tea.MouseWheelMsg{X: r.x + 5, Y: r.y + 3, Button: tea.MouseWheelDown})
	if small.m.reader.Offset() == 0 {
		t.Fatal("wheel down did not scroll")
	}
	small.send(tea.MouseWheelMsg{X: r.x + 5, Y: r.y + 3, Button: tea.MouseWheelUp})
	if small.m.reader.Offset() != 0 {
		t.Fatalf("wheel up: offset %d", small.m.reader.Offset())
	}

	// The wheel over the results moves their cursor.
	lists := newDriver(t, 120, 40) // the 5 fixtures listed
	l := lists.m.lay.results
	lists.send(tea.MouseWheelMsg{X: l.x + 2, Y: l.y + 2, Button: tea.MouseWheelDown})
	if lists.m.results.Cursor() != 3 {
		t.Fatalf("wheel over the results: cursor %d", lists.m.results.Cursor())
	}
	lists.send(tea.MouseWheelMsg{X: l.x + 2, Y: l.y + 2, Button: tea.MouseWheelUp})
	if lists.m.results.Cursor() != 0 {
		t.Fatalf("wheel up over the results: cursor %d", lists.m.results.Cursor())
	}
}
