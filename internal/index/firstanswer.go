package index

// The first answer to a keystroke (issue 17): a search that visits at most
// a budget of matches in each shard, and ranks what it visited.
//
// bleve's TopN collector scores every match to find the top N: at one
// million documents a word in most of them ("putin": 965,720 matches) cost
// 218 ms of CPU, and two cores cannot bring an exact top 20 by BM25 over a
// million matches under 25 ms. The search line therefore asks twice: first
// a budgeted search (each shard's searcher stops after Budget matches, or
// once its terms have read postingsPerMatch times as many postings; the
// collector ranks what was visited, and the answer says it is partial, with
// its total a lower bound), then the exact search, which replaces it unless
// the next keystroke cancels it first. A query that fits in the budget in
// every shard is answered exactly by the first search already.

import (
	"bytes"
	"context"
	"encoding/binary"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// DefaultFirstAnswerBudget is the matches a first answer visits per shard,
// and FirstAnswerMinDocs the documents per shard below which a first answer
// is exact (no budget): there every keystroke is already fast, and a
// partial list replaced a moment later by the exact one would only flicker.
// Chosen by measurement at 100k and 1M documents (BENCHMARKS.md, "Issue 17:
// keystroke at 1M, first and exact answer").
//
// DefaultFirstAnswerTime bounds, besides, the time a first answer's
// searcher spends reading postings in each shard: a budget of postings
// counts those returned and estimates those skipped, but some cost it does
// not see (at 1M, "putin trump alaska " read 7,000 postings in 29 ms of
// CPU, scorch stepping over postings it does not return).
const (
	DefaultFirstAnswerBudget = 3000
	FirstAnswerMinDocs       = 200000
	DefaultFirstAnswerTime   = 8 * time.Millisecond
)

// FirstAnswerBudget is the budget a first answer gets on this index:
// DefaultFirstAnswerBudget when its shards hold FirstAnswerMinDocs
// documents or more on average, else 0 (exact).
func (ix *Index) FirstAnswerBudget() int {
	n, err := ix.bi.DocCount()
	if err != nil || n/uint64(len(ix.parts)) < FirstAnswerMinDocs {
		return 0
	}
	return DefaultFirstAnswerBudget
}

// budgetQuery is a query whose searcher stops after visiting budget
// matches; cut is set when a searcher stopped with matches left unvisited.
// Every shard builds its own searcher from it, so the budget is per shard.
type budgetQuery struct {
	query.Query
	budget int
	limit  time.Duration // with budget: the time its term readers may take (0: any)
	cut    *atomic.Bool
}

func newBudgetQuery(q query.Query, budget int, limit time.Duration) *budgetQuery {
	return &budgetQuery{Query: q, budget: budget, limit: limit, cut: new(atomic.Bool)}
}

// unbudgeted is the query a budgetQuery wraps (q itself otherwise): what
// bleve's pre-search must look at to find the fields to count.
func unbudgeted(q query.Query) query.Query {
	if b, ok := q.(*budgetQuery); ok {
		return b.Query
	}
	return q
}

func (b *budgetQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, o search.SearcherOptions) (search.Searcher, error) {
	if fr, ok := r.(fullReader); ok {
		st := &capState{cut: b.cut}
		if b.budget > 0 {
			n, err := fr.DocCount()
			if err != nil {
				return nil, err
			}
			st.capped, st.left, st.docs = true, postingsPerMatch*b.budget, max(n, 1)
			if b.limit > 0 {
				st.deadline = time.Now().Add(b.limit)
			}
		}
		r = &capReader{fullReader: fr, st: st}
	}
	s, err := b.Query.Searcher(ctx, r, m, o)
	if err != nil || b.budget <= 0 {
		return s, err
	}
	return &budgetSearcher{Searcher: s, left: b.budget, cut: b.cut}, nil
}

// ended wraps q (not budgeted) so that its term readers, once at their
// end, stay there (see capTFR): an exact search, with no budget.
func ended(q query.Query) query.Query { return newBudgetQuery(q, 0, 0) }

// postingsPerMatch: a budgeted search reads at most postingsPerMatch times
// its budget of postings (over all its terms) per shard.
const postingsPerMatch = 4

// The searcher's budget bounds the matches it scores, not the postings it
// reads to find them: all the words of "sanctions oil export" are in
// hundreds of thousands of documents at 1M, but all three in 9,698 only,
// and finding those took 100 ms. So a budgeted search also reads its terms'
// postings through capReader: once they have read their budget of postings
// between them, the highest document any of them reached becomes a bound
// that none passes. Every document up to the bound is seen by every term
// reader (an excluded word's too), none after it: the answer is the exact
// answer over the documents up to the bound.

// fullReader is the index reader interfaces bleve's searchers use (scorch's
// snapshot, and a shard's reader, have them all); a reader without them is
// not capped.
type fullReader interface {
	bindex.IndexReader
	bindex.BM25Reader
	bindex.IndexReaderRegexp
	bindex.IndexReaderFuzzy
	bindex.IndexReaderContains
}

// capState is the postings budget of one shard's budgeted searcher.
type capState struct {
	capped   bool // a budget (else the readers only keep to their end)
	left     int
	deadline time.Time // when left is spent anyway (zero: never)
	calls    int
	docs     uint64                 // the documents of the shard
	maxSeen  bindex.IndexInternalID // the highest document a term reader returned
	bound    bindex.IndexInternalID // set when left is spent
	cut      *atomic.Bool
}

// capReader is an index reader whose term readers share a capState.
type capReader struct {
	fullReader
	st *capState
}

func (r *capReader) TermFieldReader(ctx context.Context, term []byte, field string, freq, norm, vectors bool) (bindex.TermFieldReader, error) {
	tfr, err := r.fullReader.TermFieldReader(ctx, term, field, freq, norm, vectors)
	if err != nil {
		return nil, err
	}
	t := &capTFR{TermFieldReader: tfr, st: r.st}
	if r.st.capped {
		t.density = min(1, float64(tfr.Count())/float64(r.st.docs))
	}
	return t, nil
}

// capTFR is a term reader that stops at its capState's bound. It charges
// the budget a posting for each document it returns and, when it advances,
// the postings it skipped (its term's share of the documents it skipped:
// skipping reads them, and a common word advanced through a rare one's
// documents was most of the cost).
type capTFR struct {
	bindex.TermFieldReader
	st      *capState
	density float64
	last    uint64 // the document number it returned last
	ended   bool
}

func (t *capTFR) Next(pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	if t.ended {
		return nil, nil
	}
	d, err := t.TermFieldReader.Next(pre)
	return t.pass(d, err, false)
}

// Advance keeps a reader at its end: bleve's disjunction advances its
// ended term searchers again at every step, and scorch's term reader,
// asked for a document before its position, starts over from its
// dictionary ("FIXME do something better"): a prefix's 24 terms inside a
// conjunction (@zelensky security guarante) cost ~60 ms at 1M that way.
func (t *capTFR) Advance(id bindex.IndexInternalID, pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	if t.ended {
		return nil, nil
	}
	d, err := t.TermFieldReader.Advance(id, pre)
	return t.pass(d, err, true)
}

// Optimize lets bleve merge the readers of unscored filters as scorch's
// own (the merged reader is not capped: it never makes a false match).
func (t *capTFR) Optimize(kind string, octx bindex.OptimizableContext) (bindex.OptimizableContext, error) {
	if o, ok := t.TermFieldReader.(bindex.Optimizable); ok {
		return o.Optimize(kind, octx)
	}
	return nil, nil
}

func (t *capTFR) pass(d *bindex.TermFieldDoc, err error, advanced bool) (*bindex.TermFieldDoc, error) {
	st := t.st
	if err != nil {
		return nil, err
	}
	if d == nil {
		if advanced && st.capped && st.bound == nil {
			// It skipped to its end.
			t.charge(float64(st.docs - min(t.last, st.docs)))
		}
		t.ended = true
		return nil, nil
	}
	if !st.capped {
		return d, nil
	}
	if st.bound != nil {
		if bytes.Compare(d.ID, st.bound) > 0 {
			st.cut.Store(true)
			t.ended = true
			return nil, nil
		}
		return d, nil
	}
	skipped := 0.0
	if len(d.ID) == 8 {
		n := binary.BigEndian.Uint64(d.ID)
		if advanced && n > t.last+1 {
			skipped = float64(n - t.last - 1)
		}
		t.last = n
	}
	if bytes.Compare(d.ID, st.maxSeen) > 0 {
		st.maxSeen = append(st.maxSeen[:0], d.ID...)
	}
	t.charge(skipped)
	if st.left <= 0 {
		// Every reader has seen every document up to the highest one
		// returned: that is the bound.
		st.bound = append(bindex.IndexInternalID{}, st.maxSeen...)
	}
	return d, nil
}

// charge takes from the budget the posting returned and the postings
// skipped over the documents skipped.
func (t *capTFR) charge(skippedDocs float64) {
	st := t.st
	st.left -= 1 + int(skippedDocs*t.density)
	if st.calls++; st.calls%64 == 0 && !st.deadline.IsZero() && time.Now().After(st.deadline) {
		st.left = 0
	}
}

// budgetSearcher passes on its searcher's matches until left is spent,
// then ends; it looks one match further to tell whether any was left.
type budgetSearcher struct {
	search.Searcher
	left   int
	peeked bool
	cut    *atomic.Bool
}

func (s *budgetSearcher) Next(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if s.left <= 0 {
		return s.end(ctx)
	}
	dm, err := s.Searcher.Next(ctx)
	if dm != nil {
		s.left--
	}
	return dm, err
}

func (s *budgetSearcher) Advance(ctx *search.SearchContext, id bindex.IndexInternalID) (*search.DocumentMatch, error) {
	if s.left <= 0 {
		return s.end(ctx)
	}
	dm, err := s.Searcher.Advance(ctx, id)
	if dm != nil {
		s.left--
	}
	return dm, err
}

// end is the searcher's end once the budget is spent.
func (s *budgetSearcher) end(ctx *search.SearchContext) (*search.DocumentMatch, error) {
	if s.peeked {
		return nil, nil
	}
	s.peeked = true
	dm, err := s.Searcher.Next(ctx)
	if err != nil {
		return nil, err
	}
	if dm != nil {
		s.cut.Store(true)
		if ctx != nil && ctx.DocumentMatchPool != nil {
			ctx.DocumentMatchPool.Put(dm)
		}
	}
	return nil, nil
}

// sortedPerPage: a budgeted list in date order sorts at most sortedPerPage
// times its page of matches per window (see newestFirst).
const sortedPerPage = 1
