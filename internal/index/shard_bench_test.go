package index_test

// Measurements for a sharded index (issue 17, docs/SCALING.md): the same
// generated corpus in N local bleve shards (N = 1, 2, 4, 8), partitioned by
// a hash of the id or by time range, searched through bleve's own
// IndexAlias (which fans a search out to its indexes in parallel and merges
// the top hits). The text mapping is the baseline's (index.TextMapping:
// title and body with the English analyzer), with BM25 scoring, which is
// what bleve's global scoring needs.
//
//	go test -run '^$' -bench Shards -benchtime 400x -timeout 30m ./internal/index
//	WB_SHARD_DOCS=5000 go test -run '^$' -bench Shards -benchtime 400x ./internal/index
//
// Besides ns/op, each sub-benchmark reports the p50 and p99 of single
// keystrokes (every prefix of a few as-you-type queries, top 20 with the
// stored title), the largest shard's size and documents, the bytes a shard
// answer would carry over a network (the JSON of each shard's top 20 with
// titles, summed over the shards, per keystroke) and the build rate with one
// writer per shard.

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
)

// shardQueries are typed as an analyst types them; every prefix is timed.
var shardQueries = []string{
	"zelensky tomahawk", "peace talks", "ryabkov momentum", "nuclear escalation",
	"sanctions against russia", "minsk agreements", "grain deal", "lavrov said",
}

// scoringModel is a mapping's scoring: "" (bleve's default, tf-idf) or
// "bm25", the one bleve's global scoring works with.
func shardMapping(scoring string) mapping.IndexMapping {
	m := index.TextMapping()
	m.(*mapping.IndexMappingImpl).ScoringModel = scoring
	return m
}

// partition says which of n shards a document goes to.
type partition func(a model.Article, n int) int

func byHash(a model.Article, n int) int {
	h := fnv.New32a()
	h.Write([]byte(a.ID))
	return int(h.Sum32() % uint32(n))
}

// byTime cuts [from, to] into n equal spans of time (a shard per span, as
// one per year or quarter would be).
func byTime(from, to time.Time) partition {
	span := to.Sub(from) + 1
	return func(a model.Article, n int) int {
		return min(int(int64(a.Date.Sub(from))*int64(n)/int64(span)), n-1)
	}
}

func dateRange(arts []model.Article) (from, to time.Time) {
	from, to = arts[0].Date, arts[0].Date
	for _, a := range arts {
		if a.Date.Before(from) {
			from = a.Date
		}
		if a.Date.After(to) {
			to = a.Date
		}
	}
	return from, to
}

func generate(tb testing.TB, n int) []model.Article {
	g, _ := generator(tb)
	arts := make([]model.Article, 0, n)
	if err := g.Generate(context.Background(), n, func(a model.Article) error {
		arts = append(arts, a)
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	return arts
}

// shardSet is n bleve indexes holding a corpus between them.
type shardSet struct {
	dir    string
	shards []bleve.Index
	docs   []int
	build  time.Duration
}

// buildShards indexes arts into n new shards under dir, one writer per
// shard, in batches of 1000, all shards at once.
func buildShards(tb testing.TB, dir string, arts []model.Article, n int, part partition, scoring string) *shardSet {
	parts := make([][]model.Article, n)
	for _, a := range arts {
		i := part(a, n)
		parts[i] = append(parts[i], a)
	}
	s := &shardSet{dir: dir, shards: make([]bleve.Index, n), docs: make([]int, n)}
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		s.docs[i] = len(parts[i])
		ix, err := bleve.New(filepath.Join(dir, fmt.Sprintf("shard-%d", i)), shardMapping(scoring))
		if err != nil {
			tb.Fatal(err)
		}
		s.shards[i] = ix
		wg.Add(1)
		go func() {
			defer wg.Done()
			for from := 0; from < len(parts[i]); from += 1000 {
				b := ix.NewBatch()
				for _, a := range parts[i][from:min(from+1000, len(parts[i]))] {
					if err := b.Index(a.ID, index.TextDocument(a)); err != nil {
						errs[i] = err
						return
					}
				}
				if err := ix.Batch(b); err != nil {
					errs[i] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	s.build = time.Since(start)
	for _, err := range errs {
		if err != nil {
			tb.Fatal(err)
		}
	}
	return s
}

// alias is bleve's IndexAlias over the shards. Global scoring needs the
// alias to know the (shared) mapping: without SetIndexMapping it never
// runs its pre-search and every shard scores with its own statistics.
func (s *shardSet) alias() bleve.IndexAlias {
	a := bleve.NewIndexAlias(s.shards...)
	if err := a.SetIndexMapping(s.shards[0].Mapping()); err != nil {
		panic(err) // only on a closed alias
	}
	return a
}

func (s *shardSet) close() {
	for _, ix := range s.shards {
		ix.Close()
	}
}

// typedQuery is the baseline's as-you-type reading of typed text: every
// complete word must match, the last one as a prefix or the word itself.
func typedQuery(typed string) query.Query {
	words := strings.Fields(typed)
	if len(words) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	var qs []query.Query
	for i, w := range words {
		if i == len(words)-1 && !strings.HasSuffix(typed, " ") {
			// The word as typed is a prefix of the indexed terms, or the
			// whole word, stemmed ("sanctions" is indexed as "sanction").
			p := bleve.NewPrefixQuery(strings.ToLower(w))
			p.SetField("body")
			m := bleve.NewMatchQuery(w)
			m.SetField("body")
			qs = append(qs, bleve.NewDisjunctionQuery(p, m))
			continue
		}
		m := bleve.NewMatchQuery(w)
		m.SetField("body")
		qs = append(qs, m)
	}
	return bleve.NewConjunctionQuery(qs...)
}

// topRequest asks for the top 20 with their titles, ties broken by id so
// that an order can be compared across index layouts.
func topRequest(q query.Query) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(q, 20, 0, false)
	req.Fields = []string{"title"}
	req.SortBy([]string{"-_score", "_id"})
	return req
}

func globalScoring(ctx context.Context) context.Context {
	return context.WithValue(ctx, search.SearchTypeKey, search.GlobalScoring)
}

func keystrokes() []string {
	var out []string
	for _, q := range shardQueries {
		for i := 1; i <= len(q); i++ {
			if q[i-1] != ' ' {
				out = append(out, q[:i])
			}
		}
	}
	return out
}

func shardDocs(tb testing.TB) int {
	n := 20000
	if s := os.Getenv("WB_SHARD_DOCS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v <= 0 {
			tb.Fatalf("WB_SHARD_DOCS=%q: want a positive number of documents", s)
		}
		n = v
	}
	return n
}

var (
	shardMu    sync.Mutex
	shardArts  []model.Article
	shardSets  = map[string]*shardSet{}
	shardScrap string
)

// cachedShards builds each layout once per test binary.
func cachedShards(b *testing.B, name string, n int, part func([]model.Article) partition) *shardSet {
	shardMu.Lock()
	defer shardMu.Unlock()
	if shardArts == nil {
		shardArts = generate(b, shardDocs(b))
		d, err := os.MkdirTemp("", "wb-shard-bench-")
		if err != nil {
			b.Fatal(err)
		}
		shardScrap = d
	}
	key := fmt.Sprintf("%s-%d", name, n)
	if s := shardSets[key]; s != nil {
		return s
	}
	dir := filepath.Join(shardScrap, key)
	s := buildShards(b, dir, shardArts, n, part(shardArts), "bm25")
	shardSets[key] = s
	fmt.Fprintf(os.Stderr, "shards %s: %d docs in %d shards (%v) built in %v, %.0f docs/s\n",
		key, len(shardArts), n, s.docs, s.build.Round(time.Millisecond), float64(len(shardArts))/s.build.Seconds())
	return s
}

func BenchmarkShards(b *testing.B) {
	b.Cleanup(func() {
		shardMu.Lock()
		defer shardMu.Unlock()
		for _, s := range shardSets {
			s.close()
		}
		shardSets = map[string]*shardSet{}
		if shardScrap != "" {
			os.RemoveAll(shardScrap)
		}
	})
	keys := keystrokes()
	layouts := []struct {
		name string
		part func([]model.Article) partition
	}{
		{"hash", func([]model.Article) partition { return byHash }},
		{"time", func(arts []model.Article) partition { return byTime(dateRange(arts)) }},
	}
	for _, lay := range layouts {
		for _, n := range []int{1, 2, 4, 8} {
			if n == 1 && lay.name == "time" {
				continue // one shard is one shard
			}
			for _, mode := range []string{"direct", "alias", "global"} {
				if mode == "direct" && n > 1 {
					continue
				}
				b.Run(fmt.Sprintf("part=%s/n=%d/%s", lay.name, n, mode), func(b *testing.B) {
					s := cachedShards(b, lay.name, n, lay.part)
					var ix bleve.Index = s.alias()
					if mode == "direct" {
						ix = s.shards[0]
					}
					ctx := context.Background()
					if mode == "global" {
						ctx = globalScoring(ctx)
					}
					for _, k := range keys { // warm-up
						if _, err := ix.SearchInContext(ctx, topRequest(typedQuery(k))); err != nil {
							b.Fatal(err)
						}
					}
					lat := make([]float64, 0, b.N)
					var long []float64 // the last word 3 letters or more
					b.ResetTimer()
					for i := range b.N {
						k := keys[i%len(keys)]
						t0 := time.Now()
						if _, err := ix.SearchInContext(ctx, topRequest(typedQuery(k))); err != nil {
							b.Fatal(err)
						}
						ms := float64(time.Since(t0).Microseconds()) / 1000
						lat = append(lat, ms)
						if ws := strings.Fields(k); len(ws[len(ws)-1]) >= 3 {
							long = append(long, ms)
						}
					}
					b.StopTimer()
					pct := func(xs []float64, p int) float64 {
						slices.Sort(xs)
						return xs[min(len(xs)-1, len(xs)*p/100)]
					}
					b.ReportMetric(pct(lat, 50), "p50-ms")
					b.ReportMetric(pct(lat, 99), "p99-ms")
					// Raw bleve expands a one- or two-letter prefix to
					// thousands of terms (workbench's typing.go avoids it):
					// the keystrokes from the third letter on.
					if len(long) > 0 {
						b.ReportMetric(pct(long, 50), "p50-3+-ms")
						b.ReportMetric(pct(long, 99), "p99-3+-ms")
					}
					var maxMB float64
					for i := range s.shards {
						maxMB = max(maxMB, float64(dirBytes(filepath.Join(s.dir, fmt.Sprintf("shard-%d", i))))/(1<<20))
					}
					b.ReportMetric(maxMB, "shard-MB")
					b.ReportMetric(float64(slices.Max(s.docs)), "shard-docs")
					b.ReportMetric(float64(shardDocs(b))/s.build.Seconds(), "build-docs/s")
					// What remote shards would send back per keystroke: each
					// shard's top 20 with titles, as JSON.
					var bytes int
					for _, k := range keys {
						for _, sh := range s.shards {
							res, err := sh.SearchInContext(ctx, topRequest(typedQuery(k)))
							if err != nil {
								b.Fatal(err)
							}
							js, _ := json.Marshal(res)
							bytes += len(js)
						}
					}
					b.ReportMetric(float64(bytes)/float64(len(keys))/1024, "reply-KB")
				})
			}
		}
	}
}

func dirBytes(path string) int64 {
	var n int64
	filepath.WalkDir(path, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
