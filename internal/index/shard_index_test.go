package index_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
)

// shardPair is the same corpus in one index and in a sharded one.
type shardPair struct {
	one, sharded *index.Index
	docs         []index.Doc
	dir          string
}

// newShardPair indexes n generated, analysed articles into one index and
// into `shards` shards, with two concurrent writers (the pipeline's).
func newShardPair(t *testing.T, n, shards int) *shardPair {
	t.Helper()
	g, an := generator(t)
	var docs []index.Doc
	if err := g.Generate(context.Background(), n, func(a model.Article) error {
		docs = append(docs, index.Doc{Article: a, Analysis: an.AnalyzeArticle(a), Hash: "h-" + a.ID})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	one, err := index.Create(filepath.Join(dir, "one"))
	if err != nil {
		t.Fatal(err)
	}
	sh, err := index.CreateWith(filepath.Join(dir, "sharded"), index.CreateOptions{Shards: shards})
	if err != nil {
		t.Fatal(err)
	}
	for _, ix := range []*index.Index{one, sh} {
		putConcurrently(t, ix, docs, 100)
	}
	p := &shardPair{one: one, sharded: sh, docs: docs, dir: dir}
	t.Cleanup(func() { p.one.Close(); p.sharded.Close() })
	return p
}

// putConcurrently writes docs in batches from two writers.
func putConcurrently(t *testing.T, ix *index.Index, docs []index.Doc, batch int) {
	t.Helper()
	errs := make(chan error, 2)
	for w := range 2 {
		go func() {
			var err error
			for i := w * batch; i < len(docs) && err == nil; i += 2 * batch {
				err = ix.Put(context.Background(), docs[i:min(i+batch, len(docs))])
			}
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

func hitIDs(hs []model.Hit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.ID
	}
	return out
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}

// TestShardedIndexVerbs: every verb of internal/index gives on 3 shards
// what it gives on one index holding the same documents.
func TestShardedIndexVerbs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two indexes")
	}
	p := newShardPair(t, 600, 3)
	ctx := context.Background()
	one, sh := p.one, p.sharded
	if sh.Shards() != 3 || one.Shards() != 1 {
		t.Fatalf("shards: %d and %d", one.Shards(), sh.Shards())
	}

	t.Run("layout", func(t *testing.T) {
		for i := range 3 {
			d := filepath.Join(sh.Path(), "shard-00"+string(rune('0'+i)))
			if _, err := os.Stat(filepath.Join(d, "index_meta.json")); err != nil {
				t.Errorf("shard %d: %v", i, err)
			}
		}
		if _, err := os.Stat(filepath.Join(sh.Path(), "shards.json")); err != nil {
			t.Error(err)
		}
		if n, err := index.ShardsOf(sh.Path()); err != nil || n != 3 {
			t.Errorf("ShardsOf = %d, %v", n, err)
		}
		if n, err := index.ShardsOf(one.Path()); err != nil || n != 1 {
			t.Errorf("ShardsOf(one) = %d, %v", n, err)
		}
		a, _ := one.Count()
		b, _ := sh.Count()
		if a != 600 || b != 600 {
			t.Errorf("Count = %d and %d, want 600", a, b)
		}
	})

	t.Run("show", func(t *testing.T) {
		for _, d := range p.docs[:60] {
			a, err := one.Get(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			b, err := sh.Get(ctx, d.ID)
			if err != nil {
				t.Fatalf("Get(%s) on shards: %v", d.ID, err)
			}
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("Get(%s) differs:\none    %+v\nshards %+v", d.ID, a, b)
			}
		}
		if _, err := sh.Get(ctx, "no-such-doc"); !errors.Is(err, index.ErrNotFound) {
			t.Errorf("missing doc: %v", err)
		}
		ha, _ := one.Hashes(ctx)
		hb, err := sh.Hashes(ctx)
		if err != nil || !reflect.DeepEqual(ha, hb) || len(hb) != 600 {
			t.Errorf("Hashes: %d vs %d entries, %v", len(ha), len(hb), err)
		}
	})

	t.Run("search", func(t *testing.T) {
		for _, q := range []string{"putin", "peace talks", `"peace talks"`, "@putin sanctions", "zelensky -@putin", "date:2022 nuclear", "escal", "zelensky tom"} {
			for _, typing := range []bool{false, true} {
				r := index.Request{Query: index.Q(q, typing), Limit: 1000}
				a, err := one.Search(ctx, r)
				if err != nil {
					t.Fatal(err)
				}
				b, err := sh.Search(ctx, r)
				if err != nil {
					t.Fatal(err)
				}
				if a.Total != b.Total || !slices.Equal(sorted(hitIDs(a.Hits)), sorted(hitIDs(b.Hits))) {
					t.Errorf("%q (typing %v): one index %d hits, shards %d, or other documents", q, typing, a.Total, b.Total)
				}
			}
		}
	})

	t.Run("newest-first", func(t *testing.T) {
		for _, q := range []string{"", "@putin"} {
			for _, off := range []int{0, 20, 580} {
				if q != "" && off > 20 {
					continue
				}
				r := index.Request{Query: index.Q(q, false), Limit: 20, Offset: off}
				a, _ := one.Search(ctx, r)
				b, err := sh.Search(ctx, r)
				if err != nil || a.Total != b.Total || !slices.Equal(hitIDs(a.Hits), hitIDs(b.Hits)) || len(b.Hits) == 0 {
					t.Errorf("%q offset %d: %v vs %v (%v)", q, off, hitIDs(a.Hits), hitIDs(b.Hits), err)
				}
			}
		}
		r := index.Request{Query: index.Q("sanctions", false), Limit: 50}
		a, _ := one.SearchByDate(ctx, r, true)
		b, err := sh.SearchByDate(ctx, r, true)
		if err != nil || !slices.Equal(hitIDs(a.Hits), hitIDs(b.Hits)) {
			t.Errorf("SearchByDate: %v vs %v (%v)", hitIDs(a.Hits), hitIDs(b.Hits), err)
		}
		ya, _ := one.DateCounts(ctx, index.Request{Query: index.Q("putin", false)}, 0)
		yb, err := sh.DateCounts(ctx, index.Request{Query: index.Q("putin", false)}, 0)
		if err != nil || !reflect.DeepEqual(ya, yb) || len(yb) == 0 {
			t.Errorf("DateCounts: %v vs %v (%v)", ya, yb, err)
		}
	})

	t.Run("facets", func(t *testing.T) {
		// Counts from the documents themselves: every actor of every
		// article mentioning putin.
		want := map[string]int{}
		for _, q := range []string{"", "putin"} {
			r := index.Request{Query: index.Q(q, false), Limit: 1, Facets: true}
			a, _ := one.Search(ctx, r)
			b, err := sh.Search(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a.Actors, b.Actors) || !reflect.DeepEqual(a.Sources, b.Sources) || len(b.Actors) == 0 {
				t.Errorf("%q facets differ:\none    %v %v\nshards %v %v", q, a.Actors, a.Sources, b.Actors, b.Sources)
			}
			if q == "" {
				for _, d := range p.docs {
					seen := map[string]bool{}
					for _, m := range d.Analysis.Mentions {
						if m.Actor != "" && !seen[m.Actor] {
							seen[m.Actor] = true
							want[m.Actor]++
						}
					}
				}
				for _, fc := range b.Actors {
					if want[fc.Value] != fc.Count {
						t.Errorf("actor %s: %d articles on the shards, %d in the corpus", fc.Value, fc.Count, want[fc.Value])
					}
				}
			}
		}
		qr := index.QuoteRequest{Query: index.Q("", false)}
		fa, _ := one.SpeakerFacets(ctx, qr, 10)
		fb, err := sh.SpeakerFacets(ctx, qr, 10)
		if err != nil || !reflect.DeepEqual(fa, fb) || len(fb) == 0 {
			t.Errorf("SpeakerFacets: %v vs %v (%v)", fa, fb, err)
		}
	})

	t.Run("quotes", func(t *testing.T) {
		for _, q := range []string{"", "sanctions", "speaker:putin"} {
			for _, exact := range []bool{true, false} {
				r := index.QuoteRequest{Query: index.Q(q, !exact), Limit: 30, Exact: exact}
				a, err := one.Quotes(ctx, r)
				if err != nil {
					t.Fatal(err)
				}
				b, err := sh.Quotes(ctx, r)
				if err != nil {
					t.Fatal(err)
				}
				var ia, ib []string
				for _, h := range a.Hits {
					ia = append(ia, h.ID)
				}
				for _, h := range b.Hits {
					ib = append(ib, h.ID)
				}
				if a.Total != b.Total || !slices.Equal(ia, ib) || len(ib) == 0 {
					t.Errorf("quotes %q exact %v: %d %v vs %d %v", q, exact, a.Total, ia, b.Total, ib)
				}
				if exact && len(ib) > 0 {
					h, err := sh.Quote(ctx, ib[0])
					if err != nil || h.ID != ib[0] {
						t.Errorf("Quote(%s) = %+v, %v", ib[0], h, err)
					}
				}
			}
		}
	})

	t.Run("statements", func(t *testing.T) {
		for _, q := range []string{"", "peace", "speaker:lavrov"} {
			r := index.StatementRequest{Query: index.Q(q, false), Limit: 40, Exact: true}
			a, err := one.Statements(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			b, err := sh.Statements(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			var ia, ib []string
			for _, h := range a.Hits {
				ia = append(ia, h.ID)
			}
			for _, h := range b.Hits {
				ib = append(ib, h.ID)
			}
			if a.Total != b.Total || !slices.Equal(ia, ib) || (q == "" && len(ib) == 0) {
				t.Errorf("statements %q: %d %v vs %d %v", q, a.Total, ia, b.Total, ib)
			}
		}
		ka, _ := one.SpeakerKeys("", 40)
		kb, err := sh.SpeakerKeys("", 40)
		if err != nil || !slices.Equal(ka, kb) || len(kb) == 0 {
			t.Errorf("SpeakerKeys: %v vs %v (%v)", ka, kb, err)
		}
		for _, k := range kb[:min(5, len(kb))] {
			if !sh.HasSpeaker(k) {
				t.Errorf("HasSpeaker(%q) is false on the shards", k)
			}
		}
		if sh.HasSpeaker("no such speaker") {
			t.Error("HasSpeaker(no such speaker)")
		}
	})

	t.Run("stats", func(t *testing.T) {
		for _, r := range []index.StatsRequest{{}, {ReadStored: true}} {
			a, err := one.Stats(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			b, err := sh.Stats(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a, b) || b.Docs != 600 {
				t.Errorf("Stats (stored %v) differ:\none    %+v\nshards %+v", r.ReadStored, a, b)
			}
		}
		q, err := sh.Compile(index.Q("putin", false), nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		a, _ := one.Stats(ctx, index.StatsRequest{Query: q})
		b, err := sh.Stats(ctx, index.StatsRequest{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("Stats(putin) differ:\none    %+v\nshards %+v", a, b)
		}
	})

	t.Run("replace-delete", func(t *testing.T) {
		d := p.docs[7]
		d.Title = "Quetzalcoatl summit"
		d.Body = "Quetzalcoatl was discussed at length. " + d.Body
		d.Analysis = model.Analysis{Mentions: []model.Mention{}, Quotes: []model.Quote{}}
		for _, ix := range []*index.Index{one, sh} {
			if err := ix.Put(ctx, []index.Doc{d}); err != nil {
				t.Fatal(err)
			}
			if n, _ := ix.Count(); n != 600 {
				t.Errorf("%d shards: count after replacing = %d", ix.Shards(), n)
			}
			res, err := ix.Search(ctx, index.Request{Query: index.Q("quetzalcoatl", false)})
			if err != nil || res.Total != 1 || res.Hits[0].ID != d.ID || res.Hits[0].Title != d.Title {
				t.Errorf("%d shards: the replaced document: %+v, %v", ix.Shards(), res, err)
			}
			if err := ix.Delete(ctx, []string{d.ID, p.docs[8].ID}); err != nil {
				t.Fatal(err)
			}
			if n, _ := ix.Count(); n != 598 {
				t.Errorf("%d shards: count after deleting 2 = %d", ix.Shards(), n)
			}
			if _, err := ix.Get(ctx, d.ID); !errors.Is(err, index.ErrNotFound) {
				t.Errorf("%d shards: deleted document: %v", ix.Shards(), err)
			}
			res, _ = ix.Search(ctx, index.Request{Query: index.Q("quetzalcoatl", false)})
			if res.Total != 0 {
				t.Errorf("%d shards: deleted document still found", ix.Shards())
			}
		}
		// Stats and facets still agree after deletions (dictionaries keep
		// the deleted documents' terms; counts must not).
		a, _ := one.Stats(ctx, index.StatsRequest{})
		b, err := sh.Stats(ctx, index.StatsRequest{})
		if err != nil || !reflect.DeepEqual(a, b) || b.Docs != 598 {
			t.Errorf("Stats after deleting differ:\none    %+v\nshards %+v", a, b)
		}
	})

	t.Run("reopen", func(t *testing.T) {
		path := sh.Path()
		if err := sh.Close(); err != nil {
			t.Fatal(err)
		}
		ro, err := index.Open(path, index.OpenOptions{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := ro.Count(); n != 598 || ro.Shards() != 3 {
			t.Errorf("reopened: %d docs, %d shards", n, ro.Shards())
		}
		// A second writer is refused while a reader holds the shards?
		// No: bolt's shared lock lets readers share; a writer waits for
		// readers (ErrLocked), as with one index.
		if _, err := index.Open(path, index.OpenOptions{}); !errors.Is(err, index.ErrLocked) {
			t.Errorf("a writer while a reader has the shards open: %v", err)
		}
		p.sharded = ro
	})
}

// TestShardedIndexDamage: a missing shard or a bad manifest is a damaged
// index naming --rebuild; Remove removes a sharded index whole.
func TestShardedIndexDamage(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ix")
	ix, err := index.CreateWith(path, index.CreateOptions{Shards: 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := index.CreateWith(path, index.CreateOptions{Shards: 2}); err == nil {
		t.Error("CreateWith over an existing index")
	}
	ix.Close()
	if err := os.RemoveAll(filepath.Join(path, "shard-001")); err != nil {
		t.Fatal(err)
	}
	if _, err := index.Open(path, index.OpenOptions{}); !errors.Is(err, index.ErrCorrupt) || !strings.Contains(err.Error(), "--rebuild") {
		t.Errorf("missing shard: %v", err)
	}
	os.WriteFile(filepath.Join(path, "shards.json"), []byte(`{"version":9,"shards":2,"partition":"fnv1a32-id"}`), 0o600)
	if _, err := index.Open(path, index.OpenOptions{}); !errors.Is(err, index.ErrCorrupt) || !strings.Contains(err.Error(), "shards.json") {
		t.Errorf("bad manifest: %v", err)
	}
	if err := index.Remove(path); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Remove left %s: %v", path, err)
	}
	one, err := index.CreateWith(path, index.CreateOptions{Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	one.Close()
	if _, err := os.Stat(filepath.Join(path, "index_meta.json")); err != nil {
		t.Errorf("one shard is today's layout: %v", err)
	}
	var me *index.ShardsMismatchError
	err = &index.ShardsMismatchError{Path: path, Have: 1, Want: 4}
	if !errors.As(err, &me) || !strings.Contains(err.Error(), "--rebuild --shards 4") {
		t.Errorf("mismatch message: %v", err)
	}
}

// TestShardedTop20MatchesOneIndex is issue 17's requirement: on a fixed
// corpus, the top 20 of a sharded index are one index's, in the same order
// and with the same scores (bleve's global scoring plus the terms' document
// frequencies summed over the shards: globaldf.go), for complete words,
// words being typed, phrases and filters.
func TestShardedTop20MatchesOneIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two indexes")
	}
	p := newShardPair(t, 1500, 4)
	if err := index.MergeSegments(p.one); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	full := 0
	qs := append(slices.Clone(scoreQueries), `"peace talks"`, "@putin sanctions", "date:2022 nuclear", "speaker:lavrov said", "putin -@zelensky")
	for _, q := range qs {
		for _, typing := range []bool{false, true} {
			r := index.Request{Query: index.Q(q, typing), Limit: 20}
			a, err := p.one.Search(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			b, err := p.sharded.Search(ctx, r)
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Hits) == 20 {
				full++
			}
			if a.Total != b.Total || len(a.Hits) != len(b.Hits) {
				t.Errorf("%q (typing %v): %d hits (%d shown) vs %d (%d)", q, typing, a.Total, len(a.Hits), b.Total, len(b.Hits))
				continue
			}
			if msg := sameRanking(a.Hits, b.Hits); msg != "" {
				t.Errorf("%q (typing %v): %s", q, typing, msg)
			}
		}
	}
	if full < 2*len(qs)*2/3 {
		t.Errorf("only %d of %d queries fill a page of 20: the test says little", full, 2*len(qs))
	}
}

// sameRanking compares two top-N lists: the same scores rank by rank, and
// the same documents in the same order but for documents of equal score
// (bleve orders ties by internal document number, which differs between
// one index and its shards), whose sets must be equal, except the last
// group's, which the page may cut at different documents.
func sameRanking(a, b []model.Hit) string {
	for i := range a {
		if math.Abs(a[i].Score-b[i].Score) > 1e-9*a[i].Score {
			return fmt.Sprintf("rank %d: one index %s %.9f, shards %s %.9f", i+1, a[i].ID, a[i].Score, b[i].ID, b[i].Score)
		}
	}
	for i := 0; i < len(a); {
		j := i
		for j < len(a) && math.Abs(a[j].Score-a[i].Score) <= 1e-9*a[i].Score {
			j++
		}
		if j < len(a) && !slices.Equal(sorted(hitIDs(a[i:j])), sorted(hitIDs(b[i:j]))) {
			return fmt.Sprintf("ranks %d-%d (score %.9f): one index %v, shards %v", i+1, j, a[i].Score, hitIDs(a[i:j]), hitIDs(b[i:j]))
		}
		i = j
	}
	return ""
}

// TestShardedIndexConcurrent: searches (scored, faceted, newest first) and
// lookups while two writers fill 3 shards; run with -race.
func TestShardedIndexConcurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an index")
	}
	docs := analysedDocs(t, 300)
	ix, err := index.CreateWith(filepath.Join(t.TempDir(), "ix"), index.CreateOptions{Shards: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	done := make(chan struct{})
	errs := make(chan error, 2)
	for _, q := range []string{"putin peace", "escal"} {
		go func() {
			for {
				select {
				case <-done:
					errs <- nil
					return
				default:
				}
				if _, err := ix.Search(ctx, index.Request{Query: index.Q(q, true), Limit: 20, Facets: true, Fragments: true}); err != nil {
					errs <- err
					return
				}
				if _, err := ix.Search(ctx, index.Request{Query: index.Q("", false), Limit: 5}); err != nil {
					errs <- err
					return
				}
				if _, err := ix.Get(ctx, docs[0].ID); err != nil && !errors.Is(err, index.ErrNotFound) {
					errs <- err
					return
				}
			}
		}()
	}
	writeTwo(t, ix, docs, 25)
	close(done)
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := ix.Count(); n != 300 {
		t.Errorf("count %d, want 300", n)
	}
}
