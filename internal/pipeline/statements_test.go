package pipeline

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
)

// TestOldIndexReanalysed: documents indexed before statements (the previous
// hash version, no stored statements) are re-analysed by the next run, which
// stores their turns; the run after that changes nothing. The analysis uses
// the article's date and source.
func TestOldIndexReanalysed(t *testing.T) {
	ctx := context.Background()
	ix, err := OpenOrCreate(filepath.Join(t.TempDir(), "index.bleve"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	reg := data.ActorsTOML()
	an := analyzer(t, reg)
	src := Source{FS: data.Sample(), Names: data.SampleFiles()}
	if _, err := Run(ctx, ix, an, src, Options{Registry: reg}); err != nil {
		t.Fatal(err)
	}
	// Make every document look as an older workbench stored it.
	hashes, err := ix.Hashes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var old []index.Doc
	turns := 0
	for id := range hashes {
		d, err := ix.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range d.Analysis.Statements {
			if s.Kind == model.StatementTurn {
				turns++
			}
		}
		want := an.AnalyzeArticle(d.Article)
		if len(want.Statements) != len(d.Analysis.Statements) {
			t.Fatalf("%s: %d statements stored, AnalyzeArticle finds %d", id, len(d.Analysis.Statements), len(want.Statements))
		}
		d.Hash = oldHash(d.Article, reg)
		d.Analysis.Statements = nil
		old = append(old, *d)
	}
	if turns == 0 {
		t.Fatal("no turns stored for the sample")
	}
	if err := ix.Put(ctx, old); err != nil {
		t.Fatal(err)
	}
	st, err := Run(ctx, ix, an, src, Options{Registry: reg})
	if err != nil {
		t.Fatal(err)
	}
	if st.Indexed != len(old) || st.Unchanged != 0 {
		t.Fatalf("re-run over an old index: %+v, want all %d re-analysed", st, len(old))
	}
	res, err := ix.Statements(ctx, index.StatementRequest{Kinds: []string{model.StatementTurn}, Exact: true, Limit: 1})
	if err != nil || res.Total != uint64(turns) {
		t.Fatalf("turns after re-analysis: %+v, %v; want %d", res, err, turns)
	}
	if st, err = Run(ctx, ix, an, src, Options{Registry: reg}); err != nil || st.Indexed != 0 {
		t.Fatalf("third run: %+v, %v", st, err)
	}
}

// oldHash is Hash as hash version wb1 computed it.
func oldHash(a model.Article, registry []byte) string {
	return hashWith("wb1", a, registry)
}
