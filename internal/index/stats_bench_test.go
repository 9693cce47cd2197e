package index_test

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/index"
)

// BenchmarkStats is the index's part of the insights (actor counts, pairs
// among the top ten, per-day mentions and statements of the top five) for
// the empty query and @putin, beside the baseline of one search with the
// actor and source facets on the same query:
//
//	WORKBENCH_BENCH_DOCS=100000 WB_INDEX_BENCH_DIR=/tmp/ixbench \
//	    go test -run '^$' -bench Stats -benchtime 40x -timeout 2h ./internal/index
func BenchmarkStats(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	putin := func() query.Query { q := bleve.NewTermQuery("putin"); q.SetField("actors"); return q }
	for _, c := range []struct {
		name string
		q    func() query.Query
		text string
	}{{"empty", func() query.Query { return nil }, ""}, {"putin", putin, "@putin"}} {
		b.Run(c.name+"/insights", func(b *testing.B) {
			timeQueries(b, []string{c.text}, func(string) error {
				_, err := ix.Stats(ctx, index.StatsRequest{Query: c.q()})
				return err
			})
		})
		b.Run(c.name+"/baseline-facets", func(b *testing.B) {
			timeQueries(b, []string{c.text + " x"}, func(string) error {
				// A text term defeats the cache of the empty list.
				_, err := ix.Search(ctx, index.Request{Query: c.text + " -zzzqqq", Facets: true, Limit: 20})
				return err
			})
		})
	}
}
