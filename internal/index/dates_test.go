package index

import (
	"context"
	"testing"
)

// DateCounts: every year from the oldest to the newest document (empty
// years too), or the months of one year, for the query's matches.
func TestDateCounts(t *testing.T) {
	ix := newFixtureIndex(t)
	ctx := context.Background()
	years, err := ix.DateCounts(ctx, Request{Query: Q("", false)}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(years) != 2 || years[0].Value != "2024" || years[0].Count != 1 || years[1].Value != "2025" || years[1].Count != 2 {
		t.Fatalf("years = %+v", years)
	}
	months, err := ix.DateCounts(ctx, Request{Query: Q("tomahawk", false)}, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(months) != 12 || months[9].Value != "2025-10" || months[9].Count != 1 || months[7].Count != 0 {
		t.Fatalf("months = %+v", months)
	}
	none, err := ix.DateCounts(ctx, Request{Query: Q("", false), DocFilter: []string{}}, 0)
	if err != nil || len(none) != 0 {
		t.Fatalf("empty doc filter: %+v %v", none, err)
	}
}

// SearchByDate orders hits by date, both ways, pages and keeps fragments.
func TestSearchByDate(t *testing.T) {
	ix := newFixtureIndex(t)
	ctx := context.Background()
	res, err := ix.SearchByDate(ctx, Request{Query: Q("", false)}, true)
	if err != nil {
		t.Fatal(err)
	}
	got := ids(res.Hits)
	if res.Total != 4 || len(got) != 4 || got[0] != "d2" || got[1] != "d1" || got[2] != "d3" {
		t.Fatalf("newest first: %v (total %d)", got, res.Total)
	}
	res, err = ix.SearchByDate(ctx, Request{Query: Q("", false), Limit: 2, Offset: 1}, false)
	if err != nil {
		t.Fatal(err)
	}
	// Oldest first: d3, d1, d2 (the undated d4 last, both ways).
	if got := ids(res.Hits); len(got) != 2 || got[0] != "d1" || got[1] != "d2" {
		t.Fatalf("oldest first, page 2: %v", got)
	}
	res, err = ix.SearchByDate(ctx, Request{Query: Q("tomahawk", false), Fragments: true}, true)
	if err != nil || len(res.Hits) != 1 || len(res.Hits[0].Fragments) != 1 || len(res.Hits[0].Fragments[0].Marks) == 0 {
		t.Fatalf("tomahawk by date: %+v %v", res, err)
	}
}
