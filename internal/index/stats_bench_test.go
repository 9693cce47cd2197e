package index_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/index"
)

// statsIndex is the generated corpus indexed with the insights fields
// (kept in WB_INDEX_BENCH_DIR/stats-N between runs).
func statsIndex(b *testing.B) *index.Index {
	n := benchN(b)
	dir := os.Getenv("WB_INDEX_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	p := filepath.Join(dir, fmt.Sprintf("stats-%d", n))
	if ix, err := index.Open(p, index.OpenOptions{ReadOnly: true}); err == nil {
		return ix
	}
	os.RemoveAll(p)
	ix, err := index.CreateWithStatsFields(p)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	g, an := generator(b)
	docs := make(chan index.Doc, 1000)
	idx := make(chan int, 1000)
	go func() {
		for i := range n {
			idx <- i
		}
		close(idx)
	}()
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range idx {
				a := g.Doc(i)
				docs <- index.Doc{Article: a, Analysis: an.AnalyzeDoc(a.ID, a.Body), Hash: "h"}
			}
		}()
	}
	go func() { wg.Wait(); close(docs) }()
	batch := make([]index.Doc, 0, 1000)
	for d := range docs {
		batch = append(batch, d)
		if len(batch) == cap(batch) {
			if err := ix.PutWithStatsFields(batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := ix.PutWithStatsFields(batch); err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "built %d docs in %v\n", n, time.Since(start))
	ix.Close()
	ix, err = index.Open(p, index.OpenOptions{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	return ix
}

// BenchmarkStats is the index's part of the insights (actor counts, pairs
// among the top ten, per-day mentions and statements of the top five) for
// the empty query and @putin; "stored" counts statements from the stored
// analysis and months from the date field (the index without the
// insights fields); the baseline is one search
// with the actor and source facets on the same query:
//
//	WORKBENCH_BENCH_DOCS=100000 WB_INDEX_BENCH_DIR=/tmp/ixbench \
//	    go test -run '^$' -bench Stats -benchtime 40x -timeout 2h ./internal/index
func BenchmarkStats(b *testing.B) {
	ix := statsIndex(b)
	defer ix.Close()
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
		b.Run(c.name+"/insights-stored", func(b *testing.B) {
			timeQueries(b, []string{c.text}, func(string) error {
				_, err := ix.Stats(ctx, index.StatsRequest{Query: c.q(), ReadStored: true})
				return err
			})
		})
		b.Run(c.name+"/baseline-facets", func(b *testing.B) {
			timeQueries(b, []string{c.text}, func(string) error {
				// A negated nonsense word defeats the cache of the empty list.
				_, err := ix.Search(ctx, index.Request{Query: index.Q(c.text+" -zzzqqq", false), Facets: true, Limit: 20})
				return err
			})
		})
	}
}
