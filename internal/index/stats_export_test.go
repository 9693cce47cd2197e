package index

import (
	"maps"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

// CreateWithStatsFields creates an index whose mapping has the
// insights fields (what buildMapping is to get), for BenchmarkStats.
func CreateWithStatsFields(path string) (*Index, error) {
	im := buildMapping().(*mapping.IndexMappingImpl)
	AddStatsMappings(im.TypeMapping[typeArticle])
	bi, err := bleve.New(path, im)
	if err != nil {
		return nil, err
	}
	return newIndex(path, bi, false), nil
}

// PutWithStatsFields is Put that also writes the insights fields.
func (ix *Index) PutWithStatsFields(docs []Doc) error {
	b := ix.bi.NewBatch()
	for i := range docs {
		m := articleDoc(&docs[i])
		maps.Copy(m, StatsFields(&docs[i]))
		if err := b.Index(docs[i].ID, m); err != nil {
			return err
		}
	}
	return ix.commit(b, 0)
}
