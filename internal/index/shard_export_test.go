package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

// MergeSegments merges each bleve index of ix into one segment, for tests
// that compare scores: bleve's BM25 takes the average field length from the
// term dictionaries of the segments (see shardAlias.fieldTerms).
func MergeSegments(ix *Index) error {
	for _, p := range ix.parts {
		adv, err := p.bi.Advanced()
		if err != nil {
			return err
		}
		var s *scorch.Scorch
		switch x := adv.(type) {
		case *scorch.Scorch:
			s = x
		case *shardIndex:
			s = x.Scorch
		}
		opts := mergeplan.SingleSegmentMergePlanOptions
		if err := s.ForceMerge(context.Background(), &opts); err != nil {
			return err
		}
	}
	ix.bump()
	return nil
}
