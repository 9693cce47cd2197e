package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/ingest"
	"github.com/workbench-dev/workbench/internal/model"
)

// sharedDir finds ../shared (or $WORKBENCH_SHARED); "" when absent.
func sharedDir() string {
	if d := os.Getenv("WORKBENCH_SHARED"); d != "" {
		return d
	}
	for _, d := range []string{"../../../shared", "../../shared"} {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			return d
		}
	}
	return ""
}

// BenchmarkIndexKremlin indexes the 7,077 real kremlin.ru documents with
// analysis into a fresh index (the figure of docs/readme/search.md).
func BenchmarkIndexKremlin(b *testing.B) {
	sh := sharedDir()
	corpus := filepath.Join(sh, "corpus", "kremlin-en", "kremlin-en.jsonl.gz")
	if _, err := os.Stat(corpus); sh == "" || err != nil {
		b.Skip("needs ../shared/corpus/kremlin-en")
	}
	an := analyzer(b, data.ActorsTOML())
	for b.Loop() {
		b.StopTimer()
		p := filepath.Join(b.TempDir(), "ix")
		ix, err := OpenOrCreate(p, false)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		st, err := Run(context.Background(), ix, an, Source{Paths: []string{corpus}}, Options{Registry: data.ActorsTOML()})
		if err != nil {
			b.Fatal(err)
		}
		ix.Close()
		b.ReportMetric(st.DocsPerSecond(), "docs/s")
		b.ReportMetric(float64(dirSize(p))/(1<<20), "index_MB")
	}
}

func dirSize(p string) int64 {
	var n int64
	filepath.Walk(p, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return n
}

// BenchmarkIndexKremlinBaseline indexes the same documents with raw bleve
// and the same text mapping (index.TextMapping), batches of 1000, two
// concurrent writers, no analysis: the baseline of issue 6.
func BenchmarkIndexKremlinBaseline(b *testing.B) {
	sh := sharedDir()
	corpus := filepath.Join(sh, "corpus", "kremlin-en", "kremlin-en.jsonl.gz")
	if _, err := os.Stat(corpus); sh == "" || err != nil {
		b.Skip("needs ../shared/corpus/kremlin-en")
	}
	for b.Loop() {
		p := filepath.Join(b.TempDir(), "raw")
		bi, err := bleve.New(p, index.TextMapping())
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		batches := make(chan *bleve.Batch)
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for bt := range batches {
					if err := bi.Batch(bt); err != nil {
						b.Error(err)
					}
				}
			}()
		}
		n := 0
		cur := bi.NewBatch()
		err = ingest.Walk(context.Background(), []string{corpus}, ingest.Options{}, func(a model.Article) error {
			n++
			if err := cur.Index(a.ID, index.TextDocument(a)); err != nil {
				return err
			}
			if cur.Size() >= DefaultBatchSize {
				batches <- cur
				cur = bi.NewBatch()
			}
			return nil
		}, nil)
		if err != nil {
			b.Fatal(err)
		}
		batches <- cur
		close(batches)
		wg.Wait()
		took := time.Since(start)
		bi.Close()
		b.ReportMetric(float64(n)/took.Seconds(), "docs/s")
		b.ReportMetric(float64(dirSize(p))/(1<<20), "index_MB")
	}
}
