package bench

// Benchmarks of the parts `workbench bench` measures, with benchstat-ready
// output (one line per benchmark and sub-benchmark, custom metrics in
// docs/s and MB/s). They use WORKBENCH_BENCH_DOCS documents (default 1000);
// the index they search is built once per test binary, before timing.
//
//	go test -run '^$' -bench . -count 6 ./internal/bench | tee new.txt
//	WORKBENCH_BENCH_DOCS=100000 go test -run '^$' -bench 'Search' -count 6 -timeout 2h ./internal/bench
//	benchstat old.txt new.txt
//
// Plain `go test ./...` runs none of them.

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/analyze"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/workspace"
)

// scratch holds what the benchmarks share; TestMain removes it.
var scratch string

func TestMain(m *testing.M) {
	code := m.Run()
	if scratch != "" {
		os.RemoveAll(scratch)
	}
	os.Exit(code)
}

func benchDocs(tb testing.TB) int {
	n := 1000
	if s := os.Getenv("WORKBENCH_BENCH_DOCS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			tb.Fatalf("WORKBENCH_BENCH_DOCS=%q: want a positive number of documents", s)
		}
		n = v
	}
	return n
}

var (
	wsOnce sync.Once
	wsDir  string
	wsErr  error
)

// benchWorkspace is a workspace with the generated corpus, the workbench
// index and the baseline index, built once per test binary.
func benchWorkspace(tb testing.TB) string {
	tb.Helper()
	wsOnce.Do(func() {
		if scratch == "" {
			if scratch, wsErr = os.MkdirTemp("", "workbench-bench-test-"); wsErr != nil {
				return
			}
		}
		wsDir = filepath.Join(scratch, "ws")
		wsErr = buildWorkspace(context.Background(), tb, wsDir, benchDocs(tb))
	})
	if wsErr != nil {
		tb.Fatal(wsErr)
	}
	return wsDir
}

// buildWorkspace writes the corpus of n documents into dir and indexes it
// both ways, in this process.
func buildWorkspace(ctx context.Context, tb testing.TB, dir string, n int) error {
	ws, err := workspace.Open(dir)
	if err != nil {
		return err
	}
	if err := workspace.WriteFileAtomic(ws.ActorsPath(), data.ActorsTOML()); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(corpusPath(dir)), 0o700); err != nil {
		return err
	}
	o := Options{Docs: n, Seed: DefaultSeed, Sample: data.Sample(), SampleFiles: data.SampleFiles(), ActorsTOML: data.ActorsTOML()}
	if _, _, _, err := writeCorpus(ctx, o, corpusPath(dir)); err != nil {
		return err
	}
	if _, err := indexWorkbench(ctx, dir); err != nil {
		return err
	}
	_, err = indexBaseline(ctx, dir)
	return err
}

// prefixGroups are the keystrokes of Queries grouped by the length of the
// word being typed ("1".."5", "6+", "0").
func prefixGroups() map[string][]string {
	g := map[string][]string{}
	for _, k := range AllKeystrokes(Queries) {
		p := PrefixLen(k)
		key := strconv.Itoa(min(p, 6))
		if p >= 6 {
			key = "6+"
		}
		g[key] = append(g[key], k)
	}
	return g
}

func benchSearch(b *testing.B, search Searcher) {
	ctx := context.Background()
	groups := prefixGroups()
	for _, k := range []string{"1", "2", "3", "4", "5", "6+", "0"} {
		keys := groups[k]
		b.Run("prefix="+k, func(b *testing.B) {
			for _, q := range keys { // warm-up
				if _, err := search(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := search(ctx, keys[i%len(keys)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSearchAsYouType is one keystroke of the search line: index.Search
// as you type, top 20, stored fields and fragments; by prefix length.
func BenchmarkSearchAsYouType(b *testing.B) {
	dir := benchWorkspace(b)
	ix, err := index.Open(filepath.Join(dir, "index.bleve"), index.OpenOptions{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	benchSearch(b, WorkbenchSearcher(ix))
}

// BenchmarkSearchBaseline is the same keystrokes against raw bleve.
func BenchmarkSearchBaseline(b *testing.B) {
	dir := benchWorkspace(b)
	bl, err := OpenBaseline(baselinePath(dir))
	if err != nil {
		b.Fatal(err)
	}
	defer bl.Close()
	benchSearch(b, BaselineSearcher(bl))
}

var (
	corpusOnce sync.Once
	corpusFile string
	corpusErr  error
)

// benchCorpus is a workspace folder holding only the generated corpus.
func benchCorpus(b *testing.B) (string, int) {
	n := benchDocs(b)
	corpusOnce.Do(func() {
		if scratch == "" {
			if scratch, corpusErr = os.MkdirTemp("", "workbench-bench-test-"); corpusErr != nil {
				return
			}
		}
		corpusFile = filepath.Join(scratch, "corpus-only")
		ws, err := workspace.Open(corpusFile)
		if err != nil {
			corpusErr = err
			return
		}
		if corpusErr = workspace.WriteFileAtomic(ws.ActorsPath(), data.ActorsTOML()); corpusErr != nil {
			return
		}
		if corpusErr = os.MkdirAll(filepath.Dir(corpusPath(corpusFile)), 0o700); corpusErr != nil {
			return
		}
		o := Options{Docs: n, Seed: DefaultSeed, Sample: data.Sample(), SampleFiles: data.SampleFiles(), ActorsTOML: data.ActorsTOML()}
		_, _, _, corpusErr = writeCorpus(context.Background(), o, corpusPath(corpusFile))
	})
	if corpusErr != nil {
		b.Fatal(corpusErr)
	}
	return corpusFile, n
}

// BenchmarkIndex indexes the whole corpus per iteration: the pipeline (with
// analysis, both cores) and raw bleve with the same text mapping and batch
// size. Compare the docs/s metrics.
func BenchmarkIndex(b *testing.B) {
	dir, n := benchCorpus(b)
	ctx := context.Background()
	b.Run("workbench", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			res, err := indexWorkbench(ctx, dir)
			if err != nil {
				b.Fatal(err)
			}
			if res.Docs != n {
				b.Fatalf("indexed %d documents, want %d", res.Docs, n)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
	})
	b.Run("baseline", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			res, err := indexBaseline(ctx, dir)
			if err != nil {
				b.Fatal(err)
			}
			if res.Docs != n {
				b.Fatalf("indexed %d documents, want %d", res.Docs, n)
			}
		}
		b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "docs/s")
	})
}

// BenchmarkAnalyze is actor and quote analysis of generated 3-4 KB news
// documents on one core (MB/s from SetBytes).
func BenchmarkAnalyze(b *testing.B) {
	st := testStats(b)
	reg := testRegistry(b)
	g := NewGenerator(st, reg.Actors(), DefaultSeed)
	docs := make([]model.Article, 500)
	for i := range docs {
		docs[i] = g.Doc(i)
	}
	an := analyze.New(reg)
	b.ResetTimer()
	var bytes int64
	for i := 0; i < b.N; i++ {
		d := docs[i%len(docs)]
		an.AnalyzeDoc(d.ID, d.Body)
		bytes += int64(len(d.Body))
	}
	b.SetBytes(bytes / int64(b.N))
}

// BenchmarkGenerate is the corpus generator (documents per second).
func BenchmarkGenerate(b *testing.B) {
	g := NewGenerator(testStats(b), testRegistry(b).Actors(), DefaultSeed)
	var bytes int64
	for i := 0; i < b.N; i++ {
		bytes += int64(len(g.Doc(i).Body))
	}
	b.SetBytes(bytes / int64(b.N))
}

// BenchmarkSearchOneKeystroke is the classic hard case on its own: the first
// letter of a query (prefix "z").
func BenchmarkSearchOneKeystroke(b *testing.B) {
	dir := benchWorkspace(b)
	ix, err := index.Open(filepath.Join(dir, "index.bleve"), index.OpenOptions{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	bl, err := OpenBaseline(baselinePath(dir))
	if err != nil {
		b.Fatal(err)
	}
	defer bl.Close()
	ctx := context.Background()
	for _, c := range []struct {
		name string
		s    Searcher
	}{{"workbench", WorkbenchSearcher(ix)}, {"baseline", BaselineSearcher(bl)}} {
		s := c.s
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := s(ctx, "z"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
