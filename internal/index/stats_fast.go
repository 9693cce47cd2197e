package index

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/workbench-dev/workbench/internal/model"
)

// counts are counts over a set of articles, each a number of articles (or,
// for statements, a sum over them): counts over disjoint sets add, and
// counts over a subset subtract.
type counts struct {
	docs    int
	actors  map[string]int            // actor -> articles mentioning it
	sources map[string]int            // source -> articles
	mm, sm  map[string]map[string]int // actor -> month ("" undated) -> mentions / statements
	pairs   map[[2]string]int         // {a, b} (a < b) -> articles mentioning both
}

func newCounts() *counts {
	return &counts{actors: map[string]int{}, sources: map[string]int{}, mm: map[string]map[string]int{},
		sm: map[string]map[string]int{}, pairs: map[[2]string]int{}}
}

// sub takes o's counts from c's, dropping what falls to zero.
func (c *counts) sub(o *counts) {
	c.docs -= o.docs
	subMap := func(m, n map[string]int) {
		for k, v := range n {
			if m[k] -= v; m[k] <= 0 {
				delete(m, k)
			}
		}
	}
	subMap(c.actors, o.actors)
	subMap(c.sources, o.sources)
	for a, n := range o.mm {
		if c.mm[a] != nil {
			subMap(c.mm[a], n)
		}
	}
	for a, n := range o.sm {
		if c.sm[a] != nil {
			subMap(c.sm[a], n)
		}
	}
	for k, v := range o.pairs {
		if c.pairs[k] -= v; c.pairs[k] <= 0 {
			delete(c.pairs, k)
		}
	}
}

// ranked lists m most first (then by name), the first k (k <= 0: all).
func ranked(m map[string]int, k int) []model.FacetCount {
	out := make([]model.FacetCount, 0, len(m))
	for v, n := range m {
		if n > 0 {
			out = append(out, model.FacetCount{Value: v, Count: n})
		}
	}
	slices.SortFunc(out, func(x, y model.FacetCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Value, y.Value))
	})
	if k > 0 && len(out) > k {
		out = out[:k]
	}
	return out
}

// fastStats is Stats over the insights fields: counts over a set of
// articles are additive, so they come from wherever they are cheapest.
//
//   - The whole corpus: from the term dictionaries (no document visited).
//   - A query matching at most half the articles: one search over its
//     articles, with a facet over the doc values of each field (actors,
//     sources, months, pairs; one visit of each field per article, where a
//     facet per actor would visit a field once per facet).
//   - A query matching more (say @putin, in most news about Russia): the
//     dictionaries' counts minus the same search over the articles it does
//     not match, the smaller set.
func (ix *Index) fastStats(ctx context.Context, r StatsRequest, base query.Query, whole bool) (*Stats, error) {
	dict, done, err := ix.openDict(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	var sel query.Query // the articles searched: counted (direct) or subtracted (complement)
	complement := false
	if !whole {
		all, err := dict.term(fKind, kindArticle)
		if err != nil {
			return nil, err
		}
		n, err := ix.countHits(ctx, base)
		if err != nil {
			return nil, err
		}
		sel = base
		if n > uint64(all)/2 {
			complement = true
			bq := bleve.NewBooleanQuery()
			bq.AddMust(kindQuery(kindArticle))
			bq.AddMustNot(base)
			sel = bq
		}
	}
	var c *counts
	if whole || complement {
		if c, err = dict.top(); err != nil {
			return nil, err
		}
	}
	var rest *counts   // complement: the months and pairs to subtract
	pre := newCounts() // complement: dictionary months read beside the search
	switch {
	case complement:
		// One search over the articles left out, with every term of
		// every field: they are at most half, and the facets' terms are
		// only known after subtracting. Beside it, the dictionaries'
		// months of the corpus's top actors, most likely the timeline's
		// (any other is read after).
		guess := r.Actors
		if guess == nil {
			for _, a := range ranked(c.actors, r.Series) {
				guess = append(guess, a.Value)
			}
		}
		var top *counts
		err := runJobs(2, []func() error{
			func() (err error) { top, err = ix.facetAll(ctx, sel); return err },
			func() error { return dict.months(pre, guess) },
		})
		if err != nil {
			return nil, err
		}
		rest = &counts{mm: top.mm, sm: top.sm, pairs: top.pairs}
		top.mm, top.sm, top.pairs = nil, nil, nil
		c.sub(top)
	case !whole:
		if c, err = ix.facetAll(ctx, sel); err != nil {
			return nil, err
		}
	}
	st := &Stats{Docs: uint64(max(0, c.docs)), Actors: ranked(c.actors, max(r.ActorFacet, r.PairActors, r.Series)), Sources: ranked(c.sources, 30)}
	actors, pairActors := chosenActors(st, r)
	if whole || complement {
		var missing []string
		for _, a := range actors {
			if _, ok := pre.mm[a]; ok {
				c.mm[a], c.sm[a] = pre.mm[a], pre.sm[a]
			} else {
				missing = append(missing, a)
			}
		}
		// Two at a time: the months of each actor are a walk of their own.
		parts := []*counts{newCounts(), newCounts()}
		err := runJobs(2, []func() error{
			func() error { return dict.months(parts[0], missing[:len(missing)/2]) },
			func() error { return dict.months(parts[1], missing[len(missing)/2:]) },
		})
		if err != nil {
			return nil, err
		}
		for _, p := range parts {
			maps.Copy(c.mm, p.mm)
			maps.Copy(c.sm, p.sm)
		}
		if err := dict.pairCounts(c, pairActors); err != nil {
			return nil, err
		}
	}
	switch {
	case complement:
		c.sub(rest)
	case !whole:
		// The pairs among the top actors only.
		top := map[string]bool{}
		for _, a := range pairActors {
			top[a] = true
		}
		for k := range c.pairs {
			if !top[k[0]] || !top[k[1]] {
				delete(c.pairs, k)
			}
		}
	}
	st.Series = make([]ActorDays, len(actors))
	for i, a := range actors {
		st.Series[i] = ActorDays{Actor: a, Mentions: nonNil(c.mm[a]), Statements: nonNil(c.sm[a])}
	}
	for k, n := range c.pairs {
		if n > 0 {
			st.Pairs = append(st.Pairs, Pair{A: k[0], B: k[1], Docs: n})
		}
	}
	slices.SortFunc(st.Pairs, func(x, y Pair) int {
		return cmp.Or(cmp.Compare(y.Docs, x.Docs), cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	})
	return st, nil
}

func (ix *Index) countHits(ctx context.Context, q query.Query) (uint64, error) {
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.Score = "none"
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return 0, err
	}
	return sr.Total, nil
}

// facetAll counts the articles matching q and every term of their actors,
// sources, months and pairs.
func (ix *Index) facetAll(ctx context.Context, q query.Query) (*counts, error) {
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.Score = "none"
	for _, f := range []string{fActors, fSource, fMentionMonths, fStmtMonths, fActorPairs} {
		req.AddFacet(f, bleve.NewFacetRequest(f, statsMaxTerm))
	}
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	c := newCounts()
	c.docs = int(sr.Total)
	for _, fc := range facetCounts(sr.Facets[fActors]) {
		c.actors[fc.Value] = fc.Count
	}
	for _, fc := range facetCounts(sr.Facets[fSource]) {
		c.sources[fc.Value] = fc.Count
	}
	c.mm = monthTerms(sr.Facets[fMentionMonths], false)
	c.sm = monthTerms(sr.Facets[fStmtMonths], true)
	for _, fc := range facetCounts(sr.Facets[fActorPairs]) {
		if a, b, ok := strings.Cut(fc.Value, "|"); ok {
			c.pairs[[2]string{a, b}] += fc.Count
		}
	}
	return c, nil
}

// dictCounts reads live-article counts of terms from one snapshot of the
// index, from its term dictionaries.
type dictCounts struct {
	// each calls f with every term of field starting with prefix that
	// some live article has, and its live articles.
	each func(field, prefix string, f func(term string, n int)) error
	// term counts the live articles of one term.
	term func(field, term string) (int, error)
}

func (ix *Index) openDict(ctx context.Context) (*dictCounts, func(), error) {
	// One snapshot per bleve index (the shards of a sharded index): the
	// counts are summed over them.
	rds, closeAll, err := openReaders(ix.parts)
	if err != nil {
		return nil, nil, err
	}
	d := &dictCounts{}
	d.term = func(field, term string) (int, error) {
		n := 0
		for _, rd := range rds {
			k, err := readerTermCount(ctx, rd, field, term)
			if err != nil {
				return 0, err
			}
			n += k
		}
		return n, nil
	}
	d.each = func(field, prefix string, f func(string, int)) error {
		sum := map[string]int{}
		for _, rd := range rds {
			if err := readerCounts(ctx, rd, field, prefix, sum); err != nil {
				return err
			}
		}
		for t, n := range sum {
			f(t, n)
		}
		return nil
	}
	return d, closeAll, nil
}

// readerTermCount counts the live articles of one term in one snapshot.
func readerTermCount(ctx context.Context, rd bindex.IndexReader, field, term string) (int, error) {
	tfr, err := rd.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, err
	}
	defer tfr.Close()
	return int(tfr.Count()), nil
}

// readerCounts adds the live articles of every term of field starting
// with prefix in one snapshot to sum.
func readerCounts(ctx context.Context, rd bindex.IndexReader, field, prefix string, sum map[string]int) error {
	if snap, ok := rd.(*scorch.IndexSnapshot); ok {
		m, err := segmentCounts(snap, field, prefix)
		for t, n := range m {
			sum[t] += n
		}
		return err
	}
	// Not a scorch snapshot: a term reader per term.
	fd, err := rd.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return err
	}
	defer fd.Close()
	for {
		e, err := fd.Next()
		if err != nil || e == nil {
			return err
		}
		n, err := readerTermCount(ctx, rd, field, e.Term)
		if err != nil {
			return err
		}
		if n > 0 {
			sum[e.Term] += n
		}
	}
}

// segmentCounts counts the live articles of every term of field starting
// with prefix, segment by segment: one walk of each segment's dictionary,
// instead of a lookup of each term in every segment.
//
// A dictionary entry's count is its postings' in the segment, deleted
// articles included. And zapx's dictionary iterator keeps the state of a
// term with a single posting: every later entry of the walk then reports
// 1. So only a count above 1 in a segment without deleted articles is
// taken as read; the others are counted from the term's postings, less
// the deleted (a new walk after each such term costs more: tried).
func segmentCounts(snap *scorch.IndexSnapshot, field, prefix string) (map[string]int, error) {
	out := map[string]int{}
	var end []byte
	if prefix != "" {
		end = []byte(prefix)
		for i := len(end) - 1; i >= 0; i-- {
			if end[i]++; end[i] != 0 {
				break
			}
			if i == 0 {
				end = nil
			}
		}
	}
	for _, s := range snap.Segments() {
		dict, err := s.Segment().Dictionary(field)
		if err != nil {
			return nil, err
		}
		del := s.Deleted()
		deleted := del != nil && !del.IsEmpty()
		it := dict.AutomatonIterator(nil, []byte(prefix), end)
		for {
			e, err := it.Next()
			if err != nil {
				return nil, err
			}
			if e == nil {
				break
			}
			n := int(e.Count)
			if n <= 1 || deleted {
				pl, err := dict.PostingsList([]byte(e.Term), del, nil)
				if err != nil {
					return nil, err
				}
				n = int(pl.Count())
			}
			if n > 0 {
				out[e.Term] += n
			}
		}
	}
	return out, nil
}

// top counts the articles, and every actor's and source's articles.
func (d *dictCounts) top() (*counts, error) {
	c := newCounts()
	n, err := d.term(fKind, kindArticle)
	if err != nil {
		return nil, err
	}
	c.docs = n
	if err := d.each(fActors, "", func(t string, n int) { c.actors[t] = n }); err != nil {
		return nil, err
	}
	if err := d.each(fSource, "", func(t string, n int) { c.sources[t] = n }); err != nil {
		return nil, err
	}
	return c, nil
}

// months adds the actors' mentions and statements per month to c.
func (d *dictCounts) months(c *counts, actors []string) error {
	for _, a := range actors {
		mm, sm := map[string]int{}, map[string]int{}
		if err := d.each(fMentionMonths, a+"|", func(t string, n int) { mm[t[len(a)+1:]] += n }); err != nil {
			return err
		}
		err := d.each(fStmtMonths, a+"|", func(t string, n int) {
			rest := t[len(a)+1:]
			i := strings.LastIndexByte(rest, '|')
			if i < 0 {
				return
			}
			if k, err := strconv.Atoi(rest[i+1:]); err == nil {
				sm[rest[:i]] += k * n
			}
		})
		if err != nil {
			return err
		}
		c.mm[a], c.sm[a] = mm, sm
	}
	return nil
}

// pairCounts adds the articles of each pair of actors to c.
func (d *dictCounts) pairCounts(c *counts, actors []string) error {
	for i, a := range actors {
		for _, b := range actors[i+1:] {
			x, y := min(a, b), max(a, b)
			n, err := d.term(fActorPairs, x+"|"+y)
			if err != nil {
				return err
			}
			if n > 0 {
				c.pairs[[2]string{x, y}] = n
			}
		}
	}
	return nil
}
