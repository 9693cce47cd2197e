package index_test

// Benchmarks of the index on a generated news corpus (internal/bench's
// generator: bigram model of the embedded sample, actors, quotes, dates over
// years, ~3.5 KB per document).
//
//	go test -run '^$' -bench . ./internal/index
//	WORKBENCH_BENCH_DOCS=100000 WB_INDEX_BENCH_DIR=/tmp/ixbench \
//	    go test -run '^$' -bench SearchAsYouType -timeout 2h ./internal/index
//
// WB_INDEX_BENCH_DIR keeps the built index between runs (it is rebuilt only
// when missing). Besides ns/op, the search benchmarks report the p50 and
// p99 latency of single keystrokes in ms.

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/bench"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/ingest"
	"github.com/workbench-dev/workbench/internal/model"
)

func benchN(tb testing.TB) int {
	n := 2000
	if s := os.Getenv("WORKBENCH_BENCH_DOCS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			tb.Fatalf("WORKBENCH_BENCH_DOCS=%q", s)
		}
		n = v
	}
	return n
}

func generator(tb testing.TB) (*bench.Generator, *analyze.Analyzer) {
	sb := bench.NewStatsBuilder()
	err := ingest.ReadFS(context.Background(), data.Sample(), data.SampleFiles(), ingest.Options{}, func(a model.Article) error {
		sb.Add(a)
		return nil
	}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	st, err := sb.Build()
	if err != nil {
		tb.Fatal(err)
	}
	reg, err := analyze.LoadRegistry(data.ActorsTOML())
	if err != nil {
		tb.Fatal(err)
	}
	return bench.NewGenerator(st, reg.Actors(), bench.DefaultSeed), analyze.New(reg)
}

// build indexes n generated documents into path, analysing them on all
// cores, in batches of 1000 (what the pipeline does).
func build(tb testing.TB, ix *index.Index, n int) {
	g, an := generator(tb)
	ctx := context.Background()
	arts := make(chan model.Article, 1000)
	docs := make(chan index.Doc, 1000)
	go func() {
		g.Generate(ctx, n, func(a model.Article) error { arts <- a; return nil })
		close(arts)
	}()
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range arts {
				docs <- index.Doc{Article: a, Analysis: an.AnalyzeDoc(a.ID, a.Body), Hash: "h"}
			}
		}()
	}
	go func() { wg.Wait(); close(docs) }()
	batch := make([]index.Doc, 0, 1000)
	for d := range docs {
		batch = append(batch, d)
		if len(batch) == 1000 {
			if err := ix.Put(ctx, batch); err != nil {
				tb.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if err := ix.Put(ctx, batch); err != nil {
		tb.Fatal(err)
	}
}

var (
	benchOnce sync.Once
	benchIx   *index.Index
)

func benchIndex(tb testing.TB) *index.Index {
	benchOnce.Do(func() {
		n := benchN(tb)
		dir := os.Getenv("WB_INDEX_BENCH_DIR")
		if dir == "" {
			d, err := os.MkdirTemp("", "wb-index-bench-")
			if err != nil {
				tb.Fatal(err)
			}
			dir = d
		}
		p := filepath.Join(dir, fmt.Sprintf("index-%d", n))
		if ix, err := index.Open(p, index.OpenOptions{ReadOnly: true}); err == nil {
			benchIx = ix
			return
		}
		os.RemoveAll(p)
		ix, err := index.Create(p)
		if err != nil {
			tb.Fatal(err)
		}
		start := time.Now()
		build(tb, ix, n)
		fmt.Fprintf(os.Stderr, "built %d docs in %v\n", n, time.Since(start))
		ix.Close()
		benchIx, err = index.Open(p, index.OpenOptions{ReadOnly: true})
		if err != nil {
			tb.Fatal(err)
		}
	})
	return benchIx
}

// typing is the search line after each keystroke of realistic queries.
var typing = func() []string {
	var out []string
	for _, q := range []string{"zelensky tomahawk", "@putin escalation", `"peace talks"`, "ryabkov momentum",
		"lavrov sanctions", "speaker:ryabkov momentum", "trump putin anchorage", `"prisoner exchange"`} {
		out = append(out, bench.Keystrokes(q)...)
	}
	return out
}()

func timeQueries(b *testing.B, qs []string, f func(q string) error) {
	for _, q := range qs { // warm-up
		if err := f(q); err != nil {
			b.Fatalf("%q: %v", q, err)
		}
	}
	var ds []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		q := qs[i%len(qs)]
		t := time.Now()
		if err := f(q); err != nil {
			b.Fatalf("%q: %v", q, err)
		}
		ds = append(ds, time.Since(t))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	pct := func(p float64) float64 {
		return float64(ds[min(len(ds)-1, int(p*float64(len(ds))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50_ms")
	b.ReportMetric(pct(0.99), "p99_ms")
	b.ReportMetric(float64(ds[len(ds)-1].Microseconds())/1000, "max_ms")
}

// BenchmarkSearchAsYouType is one keystroke of the search line: the query as
// typed so far, last word as prefix, top 20 with stored fields and
// highlighted fragments, no facets.
func BenchmarkSearchAsYouType(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	timeQueries(b, typing, func(q string) error {
		_, err := ix.Search(ctx, index.Request{Query: index.Q(q, true), Limit: 20, Fragments: true})
		return err
	})
}

// BenchmarkSearchAsYouTypeTuning compares the designs for short prefixes:
// minimum prefix length 1 (every letter expands) vs 3, and the number of
// expansion terms kept.
func BenchmarkSearchAsYouTypeTuning(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	for _, c := range []struct{ minP, maxE int }{{1, 24}, {2, 24}, {3, 24}, {3, 8}, {3, 64}, {3, 1 << 20}} {
		b.Run(fmt.Sprintf("minprefix=%d/expand=%d", c.minP, c.maxE), func(b *testing.B) {
			restore := index.SetTuning(c.minP, c.maxE)
			defer restore()
			timeQueries(b, typing, func(q string) error {
				_, err := ix.Search(ctx, index.Request{Query: index.Q(q, true), Limit: 20, Fragments: true})
				return err
			})
		})
	}
}

// BenchmarkSearchParts isolates the cost of fragments and facets.
func BenchmarkSearchParts(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	for _, c := range []struct {
		name              string
		fragments, facets bool
	}{{"bare", false, false}, {"fragments", true, false}, {"facets", false, true}, {"both", true, true}} {
		b.Run(c.name, func(b *testing.B) {
			timeQueries(b, typing, func(q string) error {
				_, err := ix.Search(ctx, index.Request{Query: index.Q(q, true), Fragments: c.fragments, Facets: c.facets})
				return err
			})
		})
	}
}

// BenchmarkSearchFull is a finished query (no prefix), as `workbench
// search` runs it.
func BenchmarkSearchFull(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	qs := []string{"zelensky tomahawk", "@putin escalation", `"peace talks"`, "ryabkov momentum", "", "@putin"}
	timeQueries(b, qs, func(q string) error {
		_, err := ix.Search(ctx, index.Request{Query: index.Q(q, false), Fragments: true, MaxFragments: 3})
		return err
	})
}

// BenchmarkQuotes lists quotes by speaker, by text, by actor and all.
func BenchmarkQuotes(b *testing.B) {
	ix := benchIndex(b)
	ctx := context.Background()
	for _, c := range []struct {
		name string
		r    index.QuoteRequest
	}{{"speaker", index.QuoteRequest{Query: index.WithQ(index.Q("", false), func(q *model.Query) { q.Speakers = []string{"putin"} }), Exact: true}}, {"text", index.QuoteRequest{Query: index.Q("escalation", false), Exact: true}},
		{"actor", index.QuoteRequest{Query: index.WithQ(index.Q("", false), func(q *model.Query) { q.Actors = []string{"zelensky"} }), Exact: true}}, {"all", index.QuoteRequest{Exact: true}},
		{"doc", index.QuoteRequest{DocFilter: []string{"doc-0000042"}}},
		{"text-typing", index.QuoteRequest{Query: index.Q("escalation", true)}},
		{"actor-typing", index.QuoteRequest{Query: index.WithQ(index.Q("", false), func(q *model.Query) { q.Actors = []string{"zelensky"} })}}} {
		b.Run(c.name, func(b *testing.B) {
			timeQueries(b, []string{""}, func(string) error {
				_, _, err := index.QuotesOf(ctx, ix, c.r)
				return err
			})
		})
	}
}

// BenchmarkPut indexes generated documents with their analysis, in batches
// of 1000 (the analysis runs outside the timer).
func BenchmarkPut(b *testing.B) {
	g, an := generator(b)
	const n = 2000
	docs := make([]index.Doc, n)
	bytes := 0
	for i := range docs {
		a := g.Doc(i)
		docs[i] = index.Doc{Article: a, Analysis: an.AnalyzeDoc(a.ID, a.Body), Hash: "h"}
		bytes += len(a.Body) + len(a.Title)
	}
	b.SetBytes(int64(bytes))
	for b.Loop() {
		b.StopTimer()
		ix, err := index.Create(filepath.Join(b.TempDir(), "ix"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for i := 0; i < n; i += 1000 {
			if err := ix.Put(context.Background(), docs[i:i+1000]); err != nil {
				b.Fatal(err)
			}
		}
		ix.Close()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

var _ fs.FS = data.Sample()

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPutCPU compares the CPU time per document (robust to a loaded
// machine) of raw bleve with the text mapping, the workbench index without
// quote documents, and the full workbench index. The analysis runs outside
// the measurement.
func BenchmarkPutCPU(b *testing.B) {
	g, an := generator(b)
	const n = 3000
	docs := make([]index.Doc, n)
	for i := range docs {
		a := g.Doc(i)
		docs[i] = index.Doc{Article: a, Analysis: an.AnalyzeDoc(a.ID, a.Body), Hash: "h"}
	}
	noQuotes := make([]index.Doc, n)
	for i, d := range docs {
		d.Analysis.Quotes = nil
		noQuotes[i] = d
	}
	run := func(b *testing.B, put func(dir string) error) {
		var cpu time.Duration
		for b.Loop() {
			dir := b.TempDir()
			c := cpuTime()
			if err := put(dir); err != nil {
				b.Fatal(err)
			}
			cpu += cpuTime() - c
		}
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(n*b.N), "cpu_ms/doc")
	}
	b.Run("raw", func(b *testing.B) {
		run(b, func(dir string) error {
			bi, err := bleve.New(filepath.Join(dir, "raw"), index.TextMapping())
			if err != nil {
				return err
			}
			defer bi.Close()
			for i := 0; i < n; i += 1000 {
				bt := bi.NewBatch()
				for _, d := range docs[i : i+1000] {
					bt.Index(d.ID, index.TextDocument(d.Article))
				}
				if err := bi.Batch(bt); err != nil {
					return err
				}
			}
			return nil
		})
	})
	for _, c := range []struct {
		name string
		docs []index.Doc
	}{{"workbench-noquotes", noQuotes}, {"workbench", docs}} {
		b.Run(c.name, func(b *testing.B) {
			run(b, func(dir string) error {
				ix, err := index.Create(filepath.Join(dir, "ix"))
				if err != nil {
					return err
				}
				defer ix.Close()
				for i := 0; i < n; i += 1000 {
					if err := ix.Put(context.Background(), c.docs[i:i+1000]); err != nil {
						return err
					}
				}
				return nil
			})
		})
	}
}
