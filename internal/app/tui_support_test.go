package app_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/model"
)

func TestTUISupport(t *testing.T) {
	env := apptest.New(t)
	a, ctx := env.App, context.Background()

	// The TUI's state: nothing at first, then what was written, atomically.
	if b, err := a.ReadUIState(ctx); err != nil || b != nil {
		t.Fatalf("state before any write: %q %v", b, err)
	}
	if err := a.WriteUIState(ctx, []byte(`{"query":"talks"}`)); err != nil {
		t.Fatal(err)
	}
	if b, err := a.ReadUIState(ctx); err != nil || string(b) != `{"query":"talks"}` {
		t.Fatalf("state: %q %v", b, err)
	}
	if fi, err := os.Stat(filepath.Join(a.Workspace().Dir, "tui-state.json")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file: %v %v", fi, err)
	}

	// A batch of tags is one undo step; AllTags lists newest first.
	var ins []model.TagInput
	for _, d := range env.Docs {
		for _, q := range d.Analysis.Quotes {
			ins = append(ins, model.TagInput{QuoteID: q.ID, DocID: d.ID, Start: q.Start, End: q.End, Label: "neutral"})
		}
	}
	if len(ins) < 2 {
		t.Fatalf("fixtures have %d quotes", len(ins))
	}
	added, skipped, err := a.TagBatch(ctx, ins)
	if err != nil || added != len(ins) || skipped != 0 {
		t.Fatalf("batch: %d added, %d skipped, %v", added, skipped, err)
	}
	if added, skipped, _ = a.TagBatch(ctx, ins[:1]); added != 0 || skipped != 1 {
		t.Fatalf("batch again: %d added, %d skipped", added, skipped)
	}
	all, err := a.AllTags(ctx)
	if err != nil || len(all) != len(ins) || all[0].ID < all[len(all)-1].ID {
		t.Fatalf("all tags, newest first: %d, %v", len(all), err)
	}
	if _, err := a.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if all, _ = a.AllTags(ctx); len(all) != 0 {
		t.Fatalf("one undo left %d of the batch", len(all))
	}
	if _, err := a.Redo(ctx); err != nil {
		t.Fatal(err)
	}
	// RemoveTag deletes one, undoably.
	all, _ = a.AllTags(ctx)
	if err := a.RemoveTag(ctx, all[0].ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := a.AllTags(ctx); len(n) != len(ins)-1 {
		t.Fatalf("after remove: %d", len(n))
	}
	if _, err := a.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := a.AllTags(ctx); len(n) != len(ins) {
		t.Fatalf("after undoing the remove: %d", len(n))
	}

	// Documents per year, and by date both ways.
	years, err := a.DateCounts(ctx, model.SearchRequest{Query: ""}, 0)
	if err != nil || len(years) == 0 {
		t.Fatalf("years: %+v %v", years, err)
	}
	res, err := a.SearchByDate(ctx, model.SearchRequest{Query: "", Limit: 50}, true)
	if err != nil || len(res.Hits) != len(env.Docs) {
		t.Fatalf("by date: %v", err)
	}
	for i := 1; i < len(res.Hits); i++ {
		if !res.Hits[i].Date.IsZero() && res.Hits[i].Date.After(res.Hits[i-1].Date) {
			t.Fatalf("not newest first at %d", i)
		}
	}
	// #label goes through the store.
	res, err = a.SearchByDate(ctx, model.SearchRequest{Query: "#neutral", Limit: 50}, false)
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("#neutral by date: %v", err)
	}
}
