package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

// i opens the insights of the current query, computed off the UI
// goroutine; esc closes them; enter on a pair runs its query.
func TestInsightsView(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.keys("esc", "i")
	if d.m.overlay != overlayInsights {
		t.Fatalf("i did not open the insights (focus %s)", d.m.Focused())
	}
	d.mustSee("Stance")
	d.keys("esc")
	if d.m.overlay != overlayNone {
		t.Fatal("esc did not close the insights")
	}
	d.mustSee("Results")
	// Typing i in the search line types it.
	d.keys("/", "i")
	if d.m.overlay != overlayNone || d.m.search.Value() != "i" {
		t.Fatalf("i in the search line: overlay %v, query %q", d.m.overlay, d.m.search.Value())
	}
}

// D lists where analysts differ; 1-9 records the adjudicated label, which
// the queue then counts as resolved.
func TestAdjudicationView(t *testing.T) {
	d := newDriver(t, 120, 40)
	ctx := context.Background()
	res, err := d.env.App.Quotes(ctx, model.QuoteRequest{Limit: 1})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("no quote: %v", err)
	}
	q := res.Hits[0]
	if _, err := d.env.App.Tag(ctx, model.TagInput{QuoteID: q.ID, Label: "escalatory"}); err != nil {
		t.Fatal(err)
	}
	bob, err := app.Open(app.Options{Home: d.env.Dir, Analyst: "bob", DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		t.Fatal(err)
	}
	defer bob.Close()
	if _, err := bob.Tag(ctx, model.TagInput{QuoteID: q.ID, Label: "neutral"}); err != nil {
		t.Fatal(err)
	}
	d.keys("esc", "D")
	if d.m.overlay != overlayAdjudicate {
		t.Fatal("D did not open the queue")
	}
	d.mustSee("0/1")
	d.keys("1")
	d.mustSee("1/1")
	d.keys("esc")
	if d.m.overlay != overlayNone {
		t.Fatal("esc did not close the queue")
	}
}

// Another analyst's tag shows in an open TUI: a status line naming them,
// and the open document's tags reloaded.
func TestLiveTagsFromOtherAnalysts(t *testing.T) {
	d := newDriver(t, 120, 40)
	ctx := context.Background()
	res, err := d.env.App.Quotes(ctx, model.QuoteRequest{Limit: 1})
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("no quote: %v", err)
	}
	q := res.Hits[0]
	d.send(common.OpenDocMsg{ID: q.DocID, Focus: true})
	// The subscription starts before the other analyst tags. (It is
	// cancelled once the tag is in, so that the command waiting for the
	// next one returns.)
	sctx, cancel := context.WithCancel(ctx)
	ch, err := d.env.App.Subscribe(sctx)
	if err != nil {
		t.Fatal(err)
	}
	olga, err := app.Open(app.Options{Home: d.env.Dir, Analyst: "olga", DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		t.Fatal(err)
	}
	defer olga.Close()
	if _, err := olga.Tag(ctx, model.TagInput{QuoteID: q.ID, Label: "accusatory"}); err != nil {
		t.Fatal(err)
	}
	select {
	case tg := <-ch:
		cancel()
		d.send(liveMsg{ch: ch, tag: tg, ok: true})
	case <-time.After(5 * time.Second):
		t.Fatal("no tag from the subscription within 5 s")
	}
	cancel()
	msg, _ := d.m.status.Message()
	if !strings.Contains(msg, "olga tagged") {
		t.Fatalf("status %q", msg)
	}
	d.mustSee("accusatory")
}

// A write the team store's server did not take says so first: store
// unreachable, nothing saved.
func TestStoreUnreachableShown(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.send(tagsMsg{docID: "x", err: fmt.Errorf("tag not saved: %w", fmt.Errorf("tag store postgres://db: add: %w", model.ErrStoreUnreachable))})
	msg, isErr := d.m.status.Message()
	if !isErr || !strings.HasPrefix(msg, "store unreachable, retrying") {
		t.Fatalf("status %q (error %v)", msg, isErr)
	}
}

// s in the reader corrects the speaker of the current statement: the
// badge shows the analyst's speaker; an empty name goes back to the
// analysis.
func TestSpeakerCorrection(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	d.keys("]", "s")
	if !d.m.reader.Typing() {
		t.Fatal("s did not open the speaker input")
	}
	for d.m.reader.InputValue() != "" {
		d.keys("backspace")
	}
	d.typeText("Sergei Lavrov")
	d.keys("enter")
	msg, isErr := d.m.status.Message()
	if isErr || !strings.Contains(msg, "speaker set to Sergei Lavrov") {
		t.Fatalf("status %q", msg)
	}
	d.mustSee("[Sergei Lavrov*]") // marked: the analyst's
	d.keys("]", "[", "s")
	for d.m.reader.Typing() && d.m.reader.InputValue() != "" {
		d.keys("backspace")
	}
	d.keys("enter")
	if msg, _ := d.m.status.Message(); !strings.Contains(msg, "speaker cleared: nobody said it") {
		t.Fatalf("status %q", msg)
	}
	d.mustSee("[?*]") // nobody, says the analyst
	d.mustNotSee("[Sergei Lavrov")
}
