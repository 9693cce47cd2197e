package ui

import (
	"strings"
	"testing"
)

// The facets list documents per year (every year of the corpus, empty ones
// too); enter on a year shows its months; enter on a month filters by it.
// A line of hits per year sits above the results.
func TestDateFacetAndHistogram(t *testing.T) {
	d := newDriver(t, 120, 40)
	h := d.m.results.Histogram()
	if h == "" || !strings.HasPrefix(h, "2023 ") || !strings.HasSuffix(h, " 2025") {
		t.Fatalf("histogram %q", h)
	}
	d.mustSee("per year 2023 ")
	d.keys("shift+tab") // facets
	find := func(kind, value string) {
		t.Helper()
		d.keys("g")
		for i := 0; i < 60; i++ {
			if k, v, _ := d.m.facets.Selected(); k == kind && (value == "" || v == value) {
				return
			}
			d.keys("j")
		}
		t.Fatalf("no %s %s facet:\n%s", kind, value, d.screen())
	}
	find("year", "2025")
	d.mustSee("Years (enter: months)")
	d.keys("enter")
	d.mustSee("2025 by month")
	if k, _, _ := d.m.facets.Selected(); k != "back" {
		t.Fatalf("after drilling the cursor is on %q", k)
	}
	find("date", "2025-08")
	d.keys("enter")
	if q := d.m.search.Value(); q != "date:2025-08 " {
		t.Fatalf("month facet: query %q", q)
	}
	hits := d.m.results.Hits()
	if len(hits) != 1 || hits[0].Date.Format("2006-01") != "2025-08" {
		t.Fatalf("date:2025-08: %d hits", len(hits))
	}
	find("back", "")
	d.keys("enter")
	d.mustNotSee("by month")
	d.mustSee("Years (enter: months)")
}
