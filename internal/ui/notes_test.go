package ui

import (
	"testing"
)

// a on a quote with two labels asks which; the note goes to that tag only;
// the reader shows a marker on the badge and the note in full under it.
func TestNoteAsksWhichLabel(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("]", "1", "4", "a")
	if !d.m.reader.Typing() {
		t.Fatal("a on two labels did not ask which")
	}
	d.mustSee("note for which label?")
	d.keys("q", "e", "/", "2", "tab")
	if d.quit || d.m.exporting || d.m.Focused() != "reader" || !d.m.reader.Typing() {
		t.Fatalf("a key leaked from the chooser: quit %v export %v focus %s", d.quit, d.m.exporting, d.m.Focused())
	}
	d.keys("4")
	d.mustSee("note: ")
	d.typeText("blames Kyiv")
	d.keys("enter")
	for _, tg := range d.tags("fx-ushakov-talks") {
		want := ""
		if tg.Label == "accusatory" {
			want = "blames Kyiv"
		}
		if tg.Note != want {
			t.Fatalf("tag %s has note %q, want %q", tg.Label, tg.Note, want)
		}
	}
	d.mustSee("[accusatory ✎]")
	d.mustSee("accusatory: ✎ blames Kyiv")
	// The target: t asks too; esc in the chooser cancels.
	d.keys("t", "esc")
	if d.m.reader.Typing() {
		t.Fatal("esc did not cancel the chooser")
	}
	d.keys("t", "1")
	d.typeText("Donald Trump")
	d.keys("enter")
	d.mustSee("→Donald Trump]")
	d.mustSee("escalatory: → Donald Trump")
	// Another quote without tags: no note line.
	d.keys("]")
	d.mustNotSee("blames Kyiv")
}

// Tagging a free span and then a: the note goes to the span's tag (it was
// "tag the selected quote first" and the note ran as commands).
func TestFreeSpanTagThenNote(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("v", "l", "1", "a")
	if !d.m.reader.Typing() {
		t.Fatalf("a after tagging a free span did not open the note input:\n%s", d.screen())
	}
	d.typeText("qe? said twice")
	if d.quit || d.m.exporting {
		t.Fatal("the note ran as commands")
	}
	d.keys("enter")
	tags := d.tags("fx-ushakov-talks")
	if len(tags) != 1 || tags[0].QuoteID != "" || tags[0].Note != "qe? said twice" {
		t.Fatalf("span tag: %+v", tags)
	}
}

// a and t in the quotes panel open the quote in the reader with the note
// or target input (notes work from every pane).
func TestNoteFromQuotesPanel(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("]", "1", "tab")
	if d.m.Focused() != "statements" {
		t.Fatalf("focus %s", d.m.Focused())
	}
	d.keys("a")
	if d.m.Focused() != "reader" || !d.m.reader.Typing() {
		t.Fatalf("a in the quotes panel: focus %s, typing %v", d.m.Focused(), d.m.reader.Typing())
	}
	d.typeText("from the panel")
	d.keys("enter")
	if tags := d.tags("fx-ushakov-talks"); len(tags) != 1 || tags[0].Note != "from the panel" {
		t.Fatalf("note from the quotes panel: %+v", tags)
	}
	// An untagged quote: t says to tag it first.
	d.keys("tab", "j", "t")
	if d.m.reader.Typing() {
		t.Fatal("t on an untagged quote opened the input")
	}
	d.mustSee("tag it first")
}
