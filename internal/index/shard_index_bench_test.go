package index_test

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
)

// BenchmarkShardedIndex is workbench's own index (index.Index: its mapping,
// prefix design, global scoring and fragments) over 1, 2 and 4 hash shards
// of the same generated corpus (WORKBENCH_BENCH_DOCS, default 2000). Each
// sub-benchmark builds its index with the pipeline's two writers (batches
// of 1000, each split by shard and the shards written in parallel) from
// documents analysed beforehand, and reports the build rate (write_docs/s,
// the index's part of `workbench index`), the size, and the p50/p99 of a
// keystroke (BenchmarkSearchAsYouType's: top 20 with titles and fragments).
//
//	WORKBENCH_BENCH_DOCS=20000 go test -run '^$' -bench ShardedIndex -benchtime 400x -timeout 30m ./internal/index
func BenchmarkShardedIndex(b *testing.B) {
	docs := analysedDocs(b, benchN(b))
	for _, n := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("shards=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			path := filepath.Join(dir, "ix")
			ix, err := index.CreateWith(path, index.CreateOptions{Shards: n})
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			writeTwo(b, ix, docs, 1000)
			took := time.Since(start)
			if err := ix.Close(); err != nil {
				b.Fatal(err)
			}
			size := dirSize(path)
			if ix, err = index.Open(path, index.OpenOptions{ReadOnly: true}); err != nil {
				b.Fatal(err)
			}
			defer ix.Close()
			ctx := context.Background()
			timeQueries(b, typing, func(q string) error {
				_, err := ix.Search(ctx, index.Request{Query: index.Q(q, true), Limit: 20, Fragments: true})
				return err
			})
			b.ReportMetric(float64(len(docs))/took.Seconds(), "write_docs/s")
			b.ReportMetric(float64(size)/(1<<20), "MB")
		})
	}
}

var (
	analysedOnce sync.Once
	analysed     []index.Doc
)

// analysedDocs are n generated articles with their analysis, made once.
func analysedDocs(tb testing.TB, n int) []index.Doc {
	analysedOnce.Do(func() {
		g, an := generator(tb)
		var arts []model.Article
		g.Generate(context.Background(), n, func(a model.Article) error { arts = append(arts, a); return nil })
		analysed = make([]index.Doc, len(arts))
		var wg sync.WaitGroup
		w := runtime.GOMAXPROCS(0)
		for k := range w {
			wg.Go(func() {
				for i := k; i < len(arts); i += w {
					analysed[i] = index.Doc{Article: arts[i], Analysis: an.AnalyzeArticle(arts[i]), Hash: "h"}
				}
			})
		}
		wg.Wait()
	})
	return analysed
}

// writeTwo writes docs in batches from two concurrent writers, as the
// pipeline does.
func writeTwo(tb testing.TB, ix *index.Index, docs []index.Doc, batch int) {
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for w := range 2 {
		wg.Go(func() {
			for i := w * batch; i < len(docs) && errs[w] == nil; i += 2 * batch {
				errs[w] = ix.Put(context.Background(), docs[i:min(i+batch, len(docs))])
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			tb.Fatal(err)
		}
	}
}

func dirSize(path string) int64 {
	var n int64
	filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
