package ui

import (
	"testing"
)

func countLabel(ts []tagView, label string) int {
	n := 0
	for _, t := range ts {
		if t.Label == label {
			n++
		}
	}
	return n
}

// The quotes panel tags: 1-9 on the current row; space marks; 1-9 with
// marks tags every marked row in one undo step; ctrl+a marks all.
func TestQuotesPanelBulkTag(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("tab")
	if d.m.Focused() != "statements" {
		t.Fatalf("focus %s", d.m.Focused())
	}
	doc := d.env.Doc("fx-ushakov-talks")
	d.keys("1")
	if ts := d.tags(doc.ID); !hasTag(ts, doc.Analysis.Quotes[0].ID, "escalatory") {
		t.Fatalf("1 on the first row: %+v", ts)
	}
	d.keys("1")
	if ts := d.tags(doc.ID); len(ts) != 0 {
		t.Fatalf("1 again did not remove the tag: %+v", ts)
	}
	// space marks and moves down; the header counts the marks.
	d.keys("space", "space")
	if n := len(d.m.quotes.Marked()); n != 2 {
		t.Fatalf("two spaces: %d marked", n)
	}
	d.mustSee("2 marked")
	d.mustSee("■ ")
	d.keys("4")
	ts := d.tags(doc.ID)
	if countLabel(ts, "accusatory") != 2 || !hasTag(ts, doc.Analysis.Quotes[0].ID, "accusatory") || !hasTag(ts, doc.Analysis.Quotes[1].ID, "accusatory") {
		t.Fatalf("4 with two marks: %+v", ts)
	}
	if len(d.m.quotes.Marked()) != 0 {
		t.Fatal("marks stay after tagging")
	}
	d.mustSee("tagged 2 statements")
	// One undo step removes both.
	d.keys("u")
	if ts := d.tags(doc.ID); len(ts) != 0 {
		t.Fatalf("u after a bulk tag: %+v", ts)
	}
	d.keys("ctrl+r")
	if ts := d.tags(doc.ID); len(ts) != 2 {
		t.Fatalf("redo of a bulk tag: %+v", ts)
	}
	// esc clears the marks.
	d.keys("space", "esc")
	if len(d.m.quotes.Marked()) != 0 {
		t.Fatal("esc did not clear the marks")
	}
	// ctrl+a marks every row of the article (3: no question).
	d.keys("ctrl+a")
	if n := len(d.m.quotes.Marked()); n != 3 {
		t.Fatalf("ctrl+a: %d marked", n)
	}
	d.keys("2")
	if n := countLabel(d.tags(doc.ID), "de-escalatory"); n != 3 {
		t.Fatalf("2 after ctrl+a: %d tagged", n)
	}
}

// ctrl+a on all matching quotes reads every one and asks above the limit.
func TestMarkAllMatchingAsks(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.m.markAsk = 2
	d.search("")
	d.keys("tab", "tab", "s") // results -> reader -> quotes; all matching
	n := len(d.m.quotes.Rows())
	if n <= 2 {
		t.Fatalf("want 3+ quotes in the fixtures, got %d", n)
	}
	d.keys("ctrl+a")
	if d.m.confirm == nil {
		t.Fatalf("ctrl+a with %d quotes did not ask", n)
	}
	d.mustSee("mark all")
	d.keys("q", "j", "1") // wait for the answer: nothing else happens
	if d.quit || d.m.confirm == nil || len(d.m.quotes.Marked()) != 0 {
		t.Fatal("a key leaked past the question")
	}
	d.keys("n")
	if d.m.confirm != nil || len(d.m.quotes.Marked()) != 0 {
		t.Fatal("n did not cancel")
	}
	d.keys("ctrl+a", "y")
	if got := len(d.m.quotes.Marked()); got != n {
		t.Fatalf("y marked %d, want %d", got, n)
	}
	d.keys("6")
	tagged := 0
	for _, doc := range d.m.results.Hits() {
		tagged += countLabel(d.tags(doc.ID), "neutral")
	}
	if tagged != n {
		t.Fatalf("6 tagged %d of %d marked quotes", tagged, n)
	}
	d.keys("u")
	for _, doc := range d.m.results.Hits() {
		if c := countLabel(d.tags(doc.ID), "neutral"); c != 0 {
			t.Fatalf("one u did not undo the whole bulk tag: %s still has %d", doc.ID, c)
		}
	}
}
