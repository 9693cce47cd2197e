package ui

import (
	"strings"
	"testing"
)

// T lists every tag, newest first, with its note; / filters; enter opens
// the document at the tag; a, t edit; d deletes and u undoes; y copies.
func TestTagsPaneKeys(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("]", "1", "a")
	d.typeText("said twice")
	d.keys("enter", "]", "4")
	d.open("peace")
	d.keys("]", "2")
	d.keys("T")
	if !d.m.showTags {
		t.Fatal("T did not open the tags pane")
	}
	d.mustSee("Tags · newest first")
	d.mustSee("said twice")
	tags := d.m.tagList.Tags()
	if len(tags) != 3 || tags[0].Label != "de-escalatory" || tags[2].Label != "escalatory" {
		t.Fatalf("tags pane, newest first: %+v", tags)
	}
	// Filter: / then text; enter keeps it.
	d.keys("/")
	d.typeText("escal")
	if n := len(d.m.tagList.Tags()); n != 2 {
		t.Fatalf("filter escal: %d tags", n)
	}
	d.typeText("atory twice")
	if n := len(d.m.tagList.Tags()); n != 1 {
		t.Fatalf("filter 'escalatory twice': %d tags", n)
	}
	d.keys("enter")
	if d.m.tagList.Typing() {
		t.Fatal("enter did not leave the filter")
	}
	// y copies the tag with its citation.
	d.keys("y")
	if !strings.Contains(d.m.copied, "Yury Ushakov") || !strings.Contains(d.m.copied, "http://en.kremlin.ru/events/fx/1") || !strings.HasPrefix(d.m.copied, "“") {
		t.Fatalf("y copied %q", d.m.copied)
	}
	d.mustSee("copied")
	// a and t edit the tag under the cursor.
	d.keys("a")
	d.typeText(" again")
	d.keys("enter", "t")
	d.typeText("Trump")
	d.keys("enter")
	var esc tagView
	for _, tg := range d.tags("fx-ushakov-talks") {
		if tg.Label == "escalatory" {
			esc = tg
		}
	}
	if esc.Note != "said twice again" || esc.Target != "Donald Trump" {
		t.Fatalf("a/t in the tags pane: %+v", esc)
	}
	d.mustSee("→ Donald Trump")
	// enter opens the document at the tag.
	d.keys("enter")
	if d.m.showTags || d.m.reader.Doc() == nil || d.m.reader.Doc().ID != "fx-ushakov-talks" {
		t.Fatalf("enter did not open the tagged document")
	}
	if d.m.reader.SelectedQuoteID() != d.env.Doc("fx-ushakov-talks").Analysis.Quotes[0].ID {
		t.Fatalf("enter did not select the tagged quote: %q", d.m.reader.SelectedQuoteID())
	}
	// d deletes (the filter is still there), u undoes.
	d.keys("T")
	d.keys("/", "esc") // esc in the filter clears it
	if n := len(d.m.tagList.Tags()); n != 3 {
		t.Fatalf("cleared filter: %d tags", n)
	}
	d.keys("d")
	if n := len(d.m.tagList.Tags()); n != 2 {
		t.Fatalf("d: %d tags left", n)
	}
	d.mustSee("deleted")
	d.keys("u")
	if n := len(d.m.tagList.Tags()); n != 3 {
		t.Fatalf("u after d: %d tags", n)
	}
	d.keys("esc")
	if d.m.showTags {
		t.Fatal("esc did not close the tags pane")
	}
	d.keys("T", "T")
	if d.m.showTags {
		t.Fatal("T did not close the tags pane")
	}
}

// A free-span tag opens at its span.
func TestTagsPaneOpensSpan(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("v", "l", "3")
	d.keys("esc")
	d.search("peace")
	d.keys("enter", "T", "enter")
	if d.m.reader.Doc().ID != "fx-ushakov-talks" {
		t.Fatal("not opened")
	}
	tg := d.tags("fx-ushakov-talks")[0]
	if s, e, ok := d.m.reader.SelectedSpan(); !ok || s != tg.Start || e != tg.End || d.m.reader.SelectedQuoteID() != "" {
		t.Fatalf("the span %d-%d is not selected: %d-%d %v", tg.Start, tg.End, s, e, ok)
	}
}
