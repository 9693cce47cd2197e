package index

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

// TestTFIDFIndexKeepsWorking: an index built before BM25 (tf-idf in its
// stored mapping) opens, searches and takes new documents, and its Notice
// asks for a rebuild; a new index ranks with BM25 and has nothing to say.
func TestTFIDFIndexKeepsWorking(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old")
	im := buildMapping().(*mapping.IndexMappingImpl)
	im.ScoringModel = ""
	bi, err := bleve.New(path, im)
	if err != nil {
		t.Fatal(err)
	}
	bi.Close()
	ix, err := Open(path, OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Put(context.Background(), fixtureDocs()); err != nil {
		t.Fatal(err)
	}
	res, err := ix.Search(context.Background(), Request{Query: Q("peace", false)})
	if err != nil || res.Total != 2 {
		t.Fatalf("search on a tf-idf index: %+v, %v", res, err)
	}
	if ix.Scoring() != "tf-idf" || !strings.Contains(ix.Notice(), "--rebuild") {
		t.Errorf("Scoring %q, Notice %q", ix.Scoring(), ix.Notice())
	}
	nix := newFixtureIndex(t)
	if nix.Scoring() != "bm25" || nix.Notice() != "" {
		t.Errorf("new index: Scoring %q, Notice %q", nix.Scoring(), nix.Notice())
	}
}
