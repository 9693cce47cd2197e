package app_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/pipeline"
)

// TestOrphanedCorrectionAfterReindex: a document changes under a speaker
// correction (same span, other words): re-indexed, the correction is kept,
// listed as orphaned with the text it named, no longer applied to the
// words now there, can still be cleared, and is never deleted. A
// correction whose document did not change stays in force.
func TestOrphanedCorrectionAfterReindex(t *testing.T) {
	env := apptest.New(t)
	ctx := context.Background()
	doc := env.Doc("fx-ushakov-talks")
	q := doc.Analysis.Quotes[0]
	if _, err := env.App.SetSpeaker(ctx, model.SpeakerInput{StatementID: q.ID, Name: "peskov"}); err != nil {
		t.Fatal(err)
	}
	peace := env.Doc("fx-peace").Analysis.Quotes[0]
	if _, err := env.App.SetSpeaker(ctx, model.SpeakerInput{StatementID: peace.ID, Name: "lavrov"}); err != nil {
		t.Fatal(err)
	}
	cs, err := env.App.SpeakerCorrections(ctx)
	if err != nil || len(cs) != 2 || cs[0].Orphaned || cs[0].Kind != model.StatementQuote || cs[0].Text != q.Text {
		t.Fatalf("before the change: %+v %v", cs, err)
	}
	env.App.Close()

	// The document gains a line at its start: every offset moves, the
	// corrected span now holds other words.
	a, err := app.Open(app.Options{Home: env.Dir, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	rec, _ := json.Marshal(map[string]string{"id": doc.ID, "title": doc.Title, "source": doc.Source, "url": doc.URL, "date": "2025-08-21",
		"body": "Updated with a correction from the press service.\n" + doc.Body})
	fsys := fstest.MapFS{"changed.jsonl": {Data: append(rec, '\n')}}
	st, err := a.IndexSource(ctx, pipeline.Source{FS: fsys, Names: []string{"changed.jsonl"}}, false, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Indexed != 1 {
		t.Fatalf("the changed document was not indexed: %+v", st)
	}
	d, err := a.Doc(ctx, doc.ID)
	if err != nil || !strings.HasPrefix(d.Body, "Updated") {
		t.Fatalf("re-indexed document: %v", err)
	}
	if got := string([]rune(d.Body)[q.Start:q.End]); got == q.Text {
		t.Fatalf("the span still holds the corrected words: %q", got)
	}

	cs, err = a.SpeakerCorrections(ctx)
	if err != nil || len(cs) != 2 {
		t.Fatalf("after the change: %+v %v", cs, err)
	}
	if c := cs[0]; !c.Orphaned || c.StatementID != q.ID || c.Name != "Dmitry Peskov" || c.Text != q.Text || c.Kind != "" {
		t.Fatalf("the correction of the changed document: %+v", c)
	}
	if c := cs[1]; c.Orphaned || c.Kind != model.StatementQuote || c.Name != "Sergei Lavrov" {
		t.Fatalf("the correction of the unchanged document: %+v", c)
	}
	// Not applied to the words now at the span, nor anywhere in the document.
	sts, err := a.DocStatements(ctx, doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sts {
		if s.Speaker == "Dmitry Peskov" || s.SpeakerSource == model.SourceAnalyst {
			t.Fatalf("an orphaned correction applied to %+v", s)
		}
	}
	for _, s := range d.Analysis.Statements {
		if s.SpeakerSource == model.SourceAnalyst {
			t.Fatalf("the reader shows an orphaned correction: %+v", s)
		}
	}
	res, err := a.Statements(ctx, model.StatementRequest{Speaker: "peskov", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.DocID == doc.ID {
			t.Fatalf("speaker peskov lists %+v of the changed document", h)
		}
	}
	// The unchanged document's correction is in force.
	res, err = a.Statements(ctx, model.StatementRequest{Speaker: "lavrov", Limit: 100})
	if err != nil || !containsStatement(res.Hits, peace.ID) {
		t.Fatalf("lavrov: %+v %v", res, err)
	}
	// It can be cleared, and stays listed (orphaned, cleared): never dropped.
	if _, err := a.ClearSpeaker(ctx, model.SpeakerInput{StatementID: q.ID}); err != nil {
		t.Fatalf("clearing the orphan: %v", err)
	}
	orphan := func() model.SpeakerCorrection {
		t.Helper()
		cs, err := a.SpeakerCorrections(ctx)
		if err != nil || len(cs) != 2 {
			t.Fatalf("corrections: %+v %v", cs, err)
		}
		for _, c := range cs {
			if c.StatementID == q.ID {
				return c
			}
		}
		t.Fatalf("the orphan is gone: %+v", cs)
		return model.SpeakerCorrection{}
	}
	if c := orphan(); !c.Orphaned || !c.Cleared || c.Text != q.Text {
		t.Fatalf("after clearing the orphan: %+v", c)
	}
	if _, err := a.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if c := orphan(); c.Cleared || c.Name != "Dmitry Peskov" || !c.Orphaned {
		t.Fatalf("after undoing the clear: %+v", c)
	}
}

func containsStatement(hs []model.StatementHit, id string) bool {
	for _, h := range hs {
		if h.ID == id {
			return true
		}
	}
	return false
}
