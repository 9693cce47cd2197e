package app_test

import (
	"context"
	"testing"

	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/model"
)

func facetCount(fc []model.FacetCount, name string) int {
	for _, f := range fc {
		if f.Value == name {
			return f.Count
		}
	}
	return 0
}

// TestSpeakerFacetsUseCorrections: the speaker facet counts move with the
// analysts' corrections, as speaker: search does, and agree with it.
func TestSpeakerFacetsUseCorrections(t *testing.T) {
	env := apptest.New(t)
	a, ctx := env.App, context.Background()
	actors := []string{"putin", "peskov", "ushakov", "ryabkov", "zelensky", "lavrov"}
	facets := func(q string) []model.FacetCount {
		t.Helper()
		fc, err := a.SpeakerFacets(ctx, model.SearchRequest{Query: q}, actors)
		if err != nil {
			t.Fatal(err)
		}
		// Each count is what speaker: added to the query finds.
		for _, f := range fc {
			res, err := a.Search(ctx, model.SearchRequest{Query: q + ` speaker:"` + f.Value + `"`, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			if int(res.Total) != f.Count {
				t.Fatalf("%q: facet %s counts %d, speaker: finds %d", q, f.Value, f.Count, res.Total)
			}
		}
		return fc
	}
	before := facets("")
	if facetCount(before, "Vladimir Putin") != 2 || facetCount(before, "Dmitry Peskov") != 1 || facetCount(before, "Yury Ushakov") != 1 {
		t.Fatalf("before any correction: %v", before)
	}
	// Ushakov's first quote is Peskov's, says the analyst.
	q := env.Doc("fx-ushakov-talks").Analysis.Quotes[0]
	if _, err := a.SetSpeaker(ctx, model.SpeakerInput{StatementID: q.ID, Name: "peskov"}); err != nil {
		t.Fatal(err)
	}
	after := facets("")
	if facetCount(after, "Dmitry Peskov") != 2 {
		t.Fatalf("after correcting a quote to Peskov: %v", after)
	}
	if got := facetCount(facets("talks"), "Dmitry Peskov"); got != 1 {
		t.Fatalf("talks: Peskov %d, want 1 (the corrected document)", got)
	}
	// A name no registry has, given to a span, is a speaker too.
	if _, err := a.SetSpeaker(ctx, model.SpeakerInput{DocID: "fx-peace", Start: 0, End: 5, Name: "Anna Example"}); err != nil {
		t.Fatal(err)
	}
	if got := facetCount(facets(""), "Anna Example"); got != 1 {
		t.Fatalf("a free-text speaker: %d, want 1", got)
	}
	// Undone, the counts are as before.
	for range 2 {
		if _, err := a.Undo(ctx); err != nil {
			t.Fatal(err)
		}
	}
	again := facets("")
	if facetCount(again, "Dmitry Peskov") != 1 || facetCount(again, "Anna Example") != 0 {
		t.Fatalf("after undo: %v", again)
	}
}
