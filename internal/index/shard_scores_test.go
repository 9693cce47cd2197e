package index_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// scoreQueries are compared between one index and its shards: complete
// words and words being typed.
var scoreQueries = []string{
	"putin", "zelensky", "peace talks", "nuclear escalation", "sanctions", "minsk",
	"grain deal", "lavrov said", "ryabkov", "escal", "zelensky tom", "pea", "sanctions against russia",
}

type orderDiff struct {
	query     string
	same      bool
	firstDiff int     // rank of the first difference, -1 when none
	overlap   int     // ids the two top 20s share
	maxRelErr float64 // largest relative score difference on shared ids
}

// compareTop runs each query on one and sharded and compares the top 20.
func compareTop(t *testing.T, ctx context.Context, one, sharded bleve.Index) []orderDiff {
	t.Helper()
	var out []orderDiff
	for _, q := range scoreQueries {
		a, err := one.SearchInContext(ctx, topRequest(typedQuery(q)))
		if err != nil {
			t.Fatal(err)
		}
		b, err := sharded.SearchInContext(ctx, topRequest(typedQuery(q)))
		if err != nil {
			t.Fatal(err)
		}
		if a.Total != b.Total {
			t.Errorf("%q: one index finds %d documents, the shards %d", q, a.Total, b.Total)
		}
		d := orderDiff{query: q, firstDiff: -1}
		score := map[string]float64{}
		for _, h := range a.Hits {
			score[h.ID] = h.Score
		}
		for i := range max(len(a.Hits), len(b.Hits)) {
			if i >= len(a.Hits) || i >= len(b.Hits) || a.Hits[i].ID != b.Hits[i].ID {
				d.firstDiff = i
				break
			}
		}
		for _, h := range b.Hits {
			if s, ok := score[h.ID]; ok {
				d.overlap++
				d.maxRelErr = math.Max(d.maxRelErr, math.Abs(h.Score-s)/s)
			}
		}
		d.same = d.firstDiff < 0
		out = append(out, d)
	}
	return out
}

func summarise(ds []orderDiff) string {
	var b strings.Builder
	same := 0
	for _, d := range ds {
		if d.same {
			same++
		}
	}
	fmt.Fprintf(&b, "%d/%d queries with the same top-20 order;", same, len(ds))
	for _, d := range ds {
		if !d.same {
			fmt.Fprintf(&b, " %q differs at rank %d (overlap %d/20, scores off by up to %.1f%%);", d.query, d.firstDiff+1, d.overlap, 100*d.maxRelErr)
		}
	}
	return b.String()
}

// scoreCorpus is one index and two sets of 4 shards (by hash, by time) of
// the same 3,000 generated documents, with BM25 scoring, built once.
type scoreCorpus struct {
	one        *shardSet
	hash, time *shardSet
}

var (
	scoreOnce sync.Once
	scoreSets *scoreCorpus
	scoreDir  string
)

func scoreShards(t *testing.T) *scoreCorpus {
	if testing.Short() {
		t.Skip("builds three small indexes")
	}
	scoreOnce.Do(func() {
		d, err := os.MkdirTemp("", "wb-shard-scores-")
		if err != nil {
			t.Fatal(err)
		}
		scoreDir = d
		arts := generate(t, 3000)
		scoreSets = &scoreCorpus{
			one:  buildShards(t, filepath.Join(d, "one"), arts, 1, byHash, "bm25"),
			hash: buildShards(t, filepath.Join(d, "hash"), arts, 4, byHash, "bm25"),
			time: buildShards(t, filepath.Join(d, "time"), arts, 4, byTime(dateRange(arts)), "bm25"),
		}
	})
	if scoreSets == nil {
		t.Fatal("the shards could not be built (see the first failure)")
	}
	return scoreSets
}

func TestMain(m *testing.M) {
	code := m.Run()
	if scoreSets != nil {
		scoreSets.one.close()
		scoreSets.hash.close()
		scoreSets.time.close()
	}
	if scoreDir != "" {
		os.RemoveAll(scoreDir)
	}
	os.Exit(code)
}

// Counts sum right across shards whatever the partition (compareTop checks
// Total on every query), and hash partitioning ranks closer to one index
// than time ranges do: each hash shard is a sample of the whole corpus, so
// its term statistics are the corpus's, scaled. This is what chose hash
// partitioning in docs/SCALING.md.
func TestShardRanksHashCloserThanTime(t *testing.T) {
	c := scoreShards(t)
	ctx := globalScoring(context.Background())
	overlap := func(ds []orderDiff) (n int) {
		for _, d := range ds {
			n += d.overlap
		}
		return n
	}
	hash := compareTop(t, ctx, c.one.shards[0], c.hash.alias())
	tr := compareTop(t, ctx, c.one.shards[0], c.time.alias())
	t.Logf("hash %v: %s", c.hash.docs, summarise(hash))
	t.Logf("time %v: %s", c.time.docs, summarise(tr))
	t.Logf("top-20 overlap with one index over %d queries, global scoring: hash %d, time %d (of %d)", len(scoreQueries), overlap(hash), overlap(tr), 20*len(scoreQueries))
	// For the record: each shard with its own statistics (no pre-search).
	bg := context.Background()
	lh, lt := compareTop(t, bg, c.one.shards[0], c.hash.alias()), compareTop(t, bg, c.one.shards[0], c.time.alias())
	t.Logf("the same, each shard scoring alone: hash %d, time %d; same top-20 order: hash %s, time %s", overlap(lh), overlap(lt), strings.SplitN(summarise(lh), " queries", 2)[0], strings.SplitN(summarise(lt), " queries", 2)[0])
	if overlap(hash) < overlap(tr) {
		t.Errorf("hash shards share %d of their top-20 hits with one index, time-range shards %d: hash should be the closer", overlap(hash), overlap(tr))
	}
}

// TestShardTop20MatchesOneIndex: raw bleve's global scoring (the BM25
// pre-search through the alias) does not give one index's top 20 in bleve
// v2.6.3: the pre-search shares the document count and the summed
// dictionary sizes (search.BM25Stats), not the terms' document frequencies
// (searcher.newTermSearcherFromReader: reader.Count()), and a term in k
// shards counts k times in the dictionary size. It fails, and is kept, run
// on request, as the record of that gap; index.Index closes it
// (globaldf.go, shardAlias.fieldTerms) and TestShardedTop20MatchesOneIndex
// checks that it does:
//
//	WB_SHARD_SCORES=1 go test -run TestShardTop20MatchesOneIndex -v ./internal/index
func TestShardTop20MatchesOneIndex(t *testing.T) {
	if os.Getenv("WB_SHARD_SCORES") == "" {
		t.Skip("raw bleve v2.6.3's global scoring shares no term document frequencies (docs/SCALING.md); index.Index's shards do (TestShardedTop20MatchesOneIndex): set WB_SHARD_SCORES=1 to run it")
	}
	c := scoreShards(t)
	ctx := globalScoring(context.Background())
	for name, s := range map[string]*shardSet{"hash": c.hash, "time": c.time} {
		ds := compareTop(t, ctx, c.one.shards[0], s.alias())
		for _, d := range ds {
			if !d.same {
				t.Errorf("%s shards %v: %s", name, s.docs, summarise(ds))
				break
			}
		}
	}
}
