package backend_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/ui/backend"
	"github.com/workbench-dev/workbench/internal/ui/common"
	"github.com/workbench-dev/workbench/internal/ui/uitest"
)

// An index that is missing (or held by another process) when the TUI
// starts is tried again later: the TUI recovers without a restart.
func TestIndexOpenIsRetried(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "index.bleve")
	be := backend.New(backend.Options{IndexPath: path, TagsPath: filepath.Join(dir, "tags.db"), RetryAfter: 50 * time.Millisecond})
	defer be.Close()
	_, err := be.Search(context.Background(), common.SearchRequest{Query: "peace"})
	if !errors.Is(err, index.ErrNoIndex) {
		t.Fatalf("missing index: %v", err)
	}
	ix, err := index.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	env := uitest.New(t)
	if err := ix.Put(context.Background(), env.Docs); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	time.Sleep(60 * time.Millisecond)
	res, err := be.Search(context.Background(), common.SearchRequest{Query: "peace"})
	if err != nil || res.Total == 0 {
		t.Fatalf("after the index appeared: %v, %+v", err, res)
	}
}

// #label is resolved through the tag store; quotes of the label's
// documents only.
func TestLabelShortcut(t *testing.T) {
	env := uitest.New(t)
	ctx := context.Background()
	d := env.Doc("fx-peace")
	q := d.Analysis.Quotes[0]
	if _, _, err := env.Backend.Toggle(ctx, common.TagInput{QuoteID: q.ID, DocID: d.ID, Start: q.Start, End: q.End, Label: "neutral", Quote: q.Text}); err != nil {
		t.Fatal(err)
	}
	res, err := env.Backend.Search(ctx, common.SearchRequest{Query: "#neutral talks"})
	if err != nil || len(res.Hits) != 1 || res.Hits[0].ID != d.ID {
		t.Fatalf("#neutral talks: %v %+v", err, res)
	}
	for _, partial := range []string{"#neu", "#neutral"} { // as typed: #neu is a prefix
		res, err := env.Backend.Search(ctx, common.SearchRequest{Query: partial, AsYouType: true})
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("%s: %v %+v", partial, err, res)
		}
	}
	if res, err := env.Backend.Search(ctx, common.SearchRequest{Query: "#neu ", AsYouType: true}); err != nil || len(res.Hits) != 0 {
		t.Fatalf("#neu followed by a space is a whole label: %v %+v", err, res)
	}
	qs, err := env.Backend.Quotes(ctx, "#neutral", 10)
	if err != nil || len(qs) != 2 {
		t.Fatalf("quotes of #neutral documents: %v %d", err, len(qs))
	}
	labels, err := env.Backend.Labels(ctx, []string{q.ID, "other"})
	if err != nil || len(labels[q.ID]) != 1 || labels[q.ID][0] != "neutral" || len(labels["other"]) != 0 {
		t.Fatalf("labels: %v %v", labels, err)
	}
}

// @name in the search line accepts the registry's names and aliases, not
// only actor ids, as `workbench search` does.
func TestActorAliasesResolve(t *testing.T) {
	env := uitest.New(t)
	ctx := context.Background()
	byID, err := env.Backend.Search(ctx, common.SearchRequest{Query: "@zelensky"})
	if err != nil || byID.Total == 0 {
		t.Fatalf("@zelensky: %v %+v", err, byID)
	}
	for _, q := range []string{"@zelenskyy", "@Zelenskiy"} {
		res, err := env.Backend.Search(ctx, common.SearchRequest{Query: q})
		if err != nil || res.Total != byID.Total {
			t.Fatalf("%s: %v, %d hits, want %d", q, err, res.Total, byID.Total)
		}
	}
}
