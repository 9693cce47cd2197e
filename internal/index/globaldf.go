package index

// Scores over shards equal to one index's (issue 17).
//
// bleve v2.6.3's global scoring (the alias's BM25 pre-search) gives every
// shard the document count and the field lengths of all shards, but each
// shard still takes a term's document frequency from its own dictionary
// (searcher.newTermSearcherFromReader: reader.Count()), so the idf, and the
// order of the merged hits, differ from one index's. bleve has no hook for
// the document frequency but the index reader itself: the shards are
// bleve's scorch, registered under their own index type (shardIndexType,
// written in each shard's index_meta.json) whose reader, during a scored
// search of the alias, reports a term's document frequency summed over every
// shard. Postings, norms and everything else are scorch's own.

import (
	"context"
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/registry"
	bindex "github.com/blevesearch/bleve_index_api"
)

// shardIndexType is the bleve index type of a shard: scorch, whose term
// readers take their document frequency from globalDF when a search asks.
const shardIndexType = "workbench-shard"

var registerOnce sync.Once

// registerShardType registers shardIndexType with bleve (once, before the
// first shard is created or opened; not in init: a process that never
// opens shards never registers it).
func registerShardType() {
	registerOnce.Do(func() {
		registry.RegisterIndexType(shardIndexType, newShardIndex)
	})
}

func newShardIndex(storeName string, config map[string]interface{}, q *bindex.AnalysisQueue) (bindex.Index, error) {
	s, err := scorch.NewScorch(storeName, config, q)
	if err != nil {
		return nil, err
	}
	return &shardIndex{s.(*scorch.Scorch)}, nil
}

// shardIndex is scorch with shardReader readers.
type shardIndex struct{ *scorch.Scorch }

func (s *shardIndex) Reader() (bindex.IndexReader, error) {
	r, err := s.Scorch.Reader()
	if err != nil {
		return nil, err
	}
	is, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return r, nil
	}
	return shardReader{is}, nil
}

// shardReader is a scorch snapshot whose term readers, in a search that
// carries a *globalDF, count the term's documents over every shard.
type shardReader struct{ *scorch.IndexSnapshot }

func (r shardReader) TermFieldReader(ctx context.Context, term []byte, field string, freq, norm, vectors bool) (bindex.TermFieldReader, error) {
	tfr, err := r.IndexSnapshot.TermFieldReader(ctx, term, field, freq, norm, vectors)
	if err != nil || ctx == nil || !freq {
		return tfr, err // not scored: the count is not used for a score
	}
	g, ok := ctx.Value(globalDFKey{}).(*globalDF)
	if !ok {
		return tfr, nil
	}
	in, ok := tfr.(*scorch.IndexSnapshotTermFieldReader)
	if !ok {
		return tfr, nil
	}
	n, err := g.count(field, term)
	if err != nil {
		tfr.Close()
		return nil, err
	}
	return &dfReader{IndexSnapshotTermFieldReader: in, df: n}, nil
}

// dfReader is a scorch term reader reporting the document frequency over
// every shard.
type dfReader struct {
	*scorch.IndexSnapshotTermFieldReader
	df uint64
}

func (d *dfReader) Count() uint64 { return d.df }

type globalDFKey struct{}

// globalDF counts terms' documents over every shard, for one search: a
// reader per shard, opened on first use, and each count once.
type globalDF struct {
	parts   []*part
	mu      sync.Mutex
	readers []bindex.IndexReader
	counts  map[string]uint64
}

func (g *globalDF) count(field string, term []byte) (uint64, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	key := field + "\x00" + string(term)
	if n, ok := g.counts[key]; ok {
		return n, nil
	}
	if g.readers == nil {
		rds, _, err := openReaders(g.parts)
		if err != nil {
			return 0, err
		}
		g.readers = rds
		g.counts = map[string]uint64{}
	}
	var n uint64
	for _, r := range g.readers {
		// No globalDF in this context: the shard's own count.
		tfr, err := r.TermFieldReader(context.Background(), term, field, false, false, false)
		if err != nil {
			return 0, err
		}
		n += tfr.Count()
		tfr.Close()
	}
	g.counts[key] = n
	return n, nil
}

func (g *globalDF) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	for _, r := range g.readers {
		r.Close()
	}
	g.readers = nil
}
