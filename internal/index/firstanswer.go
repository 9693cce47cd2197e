package index

// The first answer to a keystroke (issue 17): a search that visits at most
// a budget of matches in each shard, and ranks what it visited.
//
// bleve's TopN collector scores every match to find the top N: at one
// million documents a word in most of them ("putin": 965,720 matches) cost
// 218 ms of CPU, and two cores cannot bring an exact top 20 by BM25 over a
// million matches under 25 ms. The search line therefore asks twice: first
// a budgeted search (each shard's searcher stops after Budget matches; the
// collector ranks those, and the answer says it is partial, with its total
// a lower bound), then the exact search, which replaces it unless the next
// keystroke cancels it first. A query with fewer matches than the budget in
// every shard is answered exactly by the first search already.

import (
	"bytes"
	"context"
	"sync/atomic"

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
const (
	DefaultFirstAnswerBudget = 20000
	FirstAnswerMinDocs       = 200000
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
	cut    *atomic.Bool
}

func newBudgetQuery(q query.Query, budget int) *budgetQuery {
	return &budgetQuery{Query: q, budget: budget, cut: new(atomic.Bool)}
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
		r = &capReader{fullReader: fr, st: &capState{left: postingsPerMatch * b.budget, cut: b.cut}}
	}
	s, err := b.Query.Searcher(ctx, r, m, o)
	if err != nil {
		return nil, err
	}
	return &budgetSearcher{Searcher: s, left: b.budget, cut: b.cut}, nil
}

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
	left    int
	maxSeen bindex.IndexInternalID // the highest document a term reader returned
	bound   bindex.IndexInternalID // set when left is spent
	cut     *atomic.Bool
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
	return &capTFR{TermFieldReader: tfr, st: r.st}, nil
}

// capTFR is a term reader that stops at its capState's bound.
type capTFR struct {
	bindex.TermFieldReader
	st *capState
}

func (t *capTFR) Next(pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	d, err := t.TermFieldReader.Next(pre)
	return t.pass(d, err)
}

func (t *capTFR) Advance(id bindex.IndexInternalID, pre *bindex.TermFieldDoc) (*bindex.TermFieldDoc, error) {
	d, err := t.TermFieldReader.Advance(id, pre)
	return t.pass(d, err)
}

func (t *capTFR) pass(d *bindex.TermFieldDoc, err error) (*bindex.TermFieldDoc, error) {
	if err != nil || d == nil {
		return d, err
	}
	st := t.st
	if st.bound != nil {
		if bytes.Compare(d.ID, st.bound) > 0 {
			st.cut.Store(true)
			return nil, nil
		}
		return d, nil
	}
	if bytes.Compare(d.ID, st.maxSeen) > 0 {
		st.maxSeen = append(st.maxSeen[:0], d.ID...)
	}
	if st.left--; st.left <= 0 {
		st.bound = st.maxSeen
	}
	return d, nil
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
