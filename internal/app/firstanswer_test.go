package app_test

import (
	"context"
	"slices"
	"testing"

	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/model"
)

// Issue 17: the search line's first answer. On a small index it is exact
// (no budget); with a budget it is partial, its total a lower bound and
// its hits among the exact answer's; the CLI's search (no FirstAnswer) is
// always exact.
func TestSearchFirstAnswer(t *testing.T) {
	env := apptest.New(t)
	ctx := context.Background()
	search := func(r model.SearchRequest) *model.SearchResult {
		t.Helper()
		r.Query, r.Limit = "peace", 20
		res, err := env.App.Search(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	exact := search(model.SearchRequest{AsYouType: true, Fragments: true})
	if exact.Partial || exact.Total < 2 {
		t.Fatalf("exact answer: partial=%v, %d matches; the test needs at least 2", exact.Partial, exact.Total)
	}
	ids := func(hs []model.Hit) []string {
		var out []string
		for _, h := range hs {
			out = append(out, h.ID)
		}
		return out
	}
	// A small index: the first answer is the exact one.
	small := search(model.SearchRequest{AsYouType: true, FirstAnswer: true, Fragments: true})
	if small.Partial || small.Total != exact.Total || !slices.Equal(ids(small.Hits), ids(exact.Hits)) {
		t.Errorf("first answer on a small index: partial=%v %d %v; want exact %d %v", small.Partial, small.Total, ids(small.Hits), exact.Total, ids(exact.Hits))
	}
	// A budget of one match.
	first := search(model.SearchRequest{AsYouType: true, FirstAnswer: true, Fragments: true, Budget: 1})
	if !first.Partial || first.Total != 1 || len(first.Hits) != 1 || !slices.Contains(ids(exact.Hits), first.Hits[0].ID) {
		t.Fatalf("budget 1: partial=%v total %d hits %v; want partial, 1, one of %v", first.Partial, first.Total, ids(first.Hits), ids(exact.Hits))
	}
	if first.Hits[0].Title == "" || len(first.Hits[0].Fragments) == 0 {
		t.Errorf("the first answer's hit has no title or fragment: %+v", first.Hits[0])
	}
	// Without FirstAnswer or Budget (the CLI's search and the search
	// line's second request): exact.
	if again := search(model.SearchRequest{AsYouType: true, Fragments: true, Facets: true}); again.Partial || again.Total != exact.Total {
		t.Errorf("exact search: partial=%v total %d, want %d", again.Partial, again.Total, exact.Total)
	}
	if cli := search(model.SearchRequest{}); cli.Partial || cli.Total == 0 {
		t.Errorf("CLI search: partial=%v total %d", cli.Partial, cli.Total)
	}
}
