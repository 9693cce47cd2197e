package index

import (
	"context"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

// CreateWithStatsFields is Create: indexes are made with the insights
// fields.
func CreateWithStatsFields(path string) (*Index, error) { return Create(path) }

// PutWithStatsFields is Put.
func (ix *Index) PutWithStatsFields(docs []Doc) error { return ix.Put(context.Background(), docs) }

// createWithoutStatsFields makes an index as workbench did before the
// insights fields (an old workspace's): Stats must still count right.
func createWithoutStatsFields(path string) (*Index, error) {
	im := buildMapping().(*mapping.IndexMappingImpl)
	for _, f := range []string{fMentionMonths, fStmtMonths, fActorPairs, fStatsVersion} {
		delete(im.TypeMapping[typeArticle].Properties, f)
	}
	bi, err := bleve.New(path, im)
	if err != nil {
		return nil, err
	}
	return newIndex(path, []bleve.Index{bi}, false), nil
}

// putWithoutStatsFields writes documents without the insights fields.
func (ix *Index) putWithoutStatsFields(docs []Doc) error {
	b := ix.bi.NewBatch()
	for i := range docs {
		m := articleDoc(&docs[i])
		for _, f := range []string{fMentionMonths, fStmtMonths, fActorPairs, fStatsVersion} {
			delete(m, f)
		}
		if err := b.Index(docs[i].ID, m); err != nil {
			return err
		}
	}
	return ix.parts[0].commit(ix, b, 0)
}
