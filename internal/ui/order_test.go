package ui

import (
	"sort"
	"testing"
	"time"
)

// O cycles the result order: relevance -> newest -> oldest -> relevance.
func TestOrderKey(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.search("talks OR peace OR putin")
	relevance := hitIDs(d.m.results.Hits())
	if len(relevance) < 3 {
		t.Fatalf("want 3+ hits, got %d", len(relevance))
	}
	dates := func() []time.Time {
		var out []time.Time
		for _, h := range d.m.results.Hits() {
			out = append(out, h.Date)
		}
		return out
	}
	d.keys("O")
	ds := dates()
	if len(ds) != len(relevance) || !sort.SliceIsSorted(ds, func(i, j int) bool { return ds[i].After(ds[j]) }) {
		t.Fatalf("O: not newest first: %v", ds)
	}
	d.mustSee("newest first ·")
	// Fragments come with the hits by date.
	if h := d.m.results.Hits()[0]; len(h.Fragments) == 0 {
		t.Fatalf("no fragment for %s in date order", h.ID)
	}
	d.keys("O")
	ds = dates()
	if !sort.SliceIsSorted(ds, func(i, j int) bool { return ds[i].Before(ds[j]) }) {
		t.Fatalf("O O: not oldest first: %v", ds)
	}
	d.mustSee("oldest first ·")
	// Loading more keeps the order.
	d.m.opts.Limit = 1
	d.keys("O", "O")
	d.keys("G")
	ds = dates()
	if len(ds) != len(relevance) || !sort.SliceIsSorted(ds, func(i, j int) bool { return ds[i].After(ds[j]) }) {
		t.Fatalf("G in newest order: %v", ds)
	}
	d.keys("O", "O")
	d.mustNotSee("first ·")
	d.m.opts.Limit = 20
	d.search("talks OR peace OR putin")
	if got := hitIDs(d.m.results.Hits()); !equal(got, relevance) {
		t.Fatalf("back to relevance: %v, want %v", got, relevance)
	}
}
