package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/model"
)

// Two TUI exports of one format in the same second get two files: the
// second never replaces the first.
func TestExportsInOneSecondKeepBoth(t *testing.T) {
	env := apptest.New(t)
	ctx := context.Background()
	res, err := env.App.Quotes(ctx, model.QuoteRequest{Limit: 1})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("no quote: %v", err)
	}
	if _, err := env.App.Tag(ctx, model.TagInput{QuoteID: res.Hits[0].ID, Label: "neutral"}); err != nil {
		t.Fatal(err)
	}
	env.App.SetNow(time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))
	p1, _, err := env.App.ExportToWorkspace(ctx, "csv")
	if err != nil {
		t.Fatal(err)
	}
	p2, _, err := env.App.ExportToWorkspace(ctx, "csv")
	if err != nil {
		t.Fatal(err)
	}
	if p1 == p2 {
		t.Fatalf("both exports went to %s", p1)
	}
}
