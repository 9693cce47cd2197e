package index

import (
	"context"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// newestFirst runs req (sorted by date, newest first) without sorting every
// match: sorting all matches by date cost ~100 ms at 100k documents. It
// counts the matches (cheap: no scores, no sort), then sorts only those of
// the last day, 4, 16, 64, 370 days before the newest date in the index,
// widening until the page is full; only then, all of them. (Each sorted
// match decodes a doc-value chunk: the narrow windows keep that to tens.)
//
// With b (a first answer, firstanswer.go) the count is budgeted unless q
// is a single term, and each window's search sorts only the first
// sortedPerPage*(Limit+Offset) matches it visits: at 1M documents the
// newest day alone holds ~900 matches of @putin, and sorting them cost
// ~170 ms. The page then holds matches of the newest window, in an order
// the exact answer may change within it; the budgets that cut are
// recorded in b.cuts.
func (ix *Index) newestFirst(ctx context.Context, q query.Query, req *bleve.SearchRequest, b *listBudget) (*bleve.SearchResult, error) {
	var total uint64
	var facets search.FacetResults
	exactCount := true
	if tq, ok := q.(*query.TermQuery); ok && req.Facets == nil {
		// One term: its count is in the dictionary (counting the
		// matches of @putin at 100k documents cost ~10 ms).
		n, err := ix.termCount(ctx, tq.Field(), tq.Term)
		if err != nil {
			return nil, err
		}
		total = n
	} else {
		cq := b.wrap(q, b.matches())
		count := bleve.NewSearchRequestOptions(cq, 0, 0, false)
		count.Score = "none"
		count.Facets = req.Facets
		cr, err := ix.bi.SearchInContext(ctx, count)
		if err != nil {
			return nil, err
		}
		total, facets = cr.Total, cr.Facets
		exactCount = !b.keep(cq)
	}
	need := uint64(req.From + req.Size)
	page := sortedPerPage * int(need)
	newest, oldest, ok := ix.dateSpan()
	if ok && total > 0 {
		// First window: where `need` matches are expected, were they
		// spread evenly over the index's dates; then 4x wider each time.
		span := max(newest.Sub(oldest).Hours()/24, 1)
		days := max(1, int(1.5*float64(need)*span/float64(total)))
		for ; days < int(span)*4; days *= 4 {
			dq := bleve.NewDateRangeQuery(newest.AddDate(0, 0, -days), time.Time{})
			dq.SetField(fDate)
			wreq := *req
			wreq.Facets = nil
			wreq.Query = b.wrap(bleve.NewConjunctionQuery(q, dq), page)
			sr, err := ix.bi.SearchInContext(ctx, &wreq)
			if err != nil {
				return nil, err
			}
			if b.keep(wreq.Query) || sr.Total >= need || exactCount && sr.Total == total {
				sr.Total = max(sr.Total, total)
				sr.Facets = facets
				return sr, nil
			}
		}
	}
	sreq := *req
	sreq.Facets = nil
	sreq.Query = b.wrap(q, page)
	sr, err := ix.bi.SearchInContext(ctx, &sreq)
	if err != nil {
		return nil, err
	}
	b.keep(sreq.Query)
	sr.Total = max(sr.Total, total)
	sr.Facets = facets
	return sr, nil
}

// listBudget is the budget of a first answer in date order (newestFirst);
// a nil *listBudget is the exact list.
type listBudget struct {
	budget int           // matches the count visits per shard
	limit  time.Duration // DefaultFirstAnswerTime or 0
	cuts   *[]*budgetQuery
}

func (b *listBudget) matches() int {
	if b == nil {
		return 0
	}
	return b.budget
}

// wrap is q with a budget of n matches per shard (q itself when exact).
func (b *listBudget) wrap(q query.Query, n int) query.Query {
	if b == nil {
		return q
	}
	return newBudgetQuery(q, n, b.limit)
}

// keep records q's budget among the cuts when it cut the search short,
// and tells whether it did.
func (b *listBudget) keep(q query.Query) bool {
	w, ok := q.(*budgetQuery)
	if b == nil || !ok || !w.cut.Load() {
		return false
	}
	*b.cuts = append(*b.cuts, w)
	return true
}

// dateSpan is the latest and earliest article dates, read from the ends of
// the date field's term dictionary (cached until the next write).
func (ix *Index) dateSpan() (newest, oldest time.Time, ok bool) {
	ix.mu.Lock()
	if ix.newestGen == ix.gen+1 {
		n, o := ix.newest, ix.oldest
		ix.mu.Unlock()
		return n, o, !n.IsZero()
	}
	ix.mu.Unlock()
	fd, err := ix.dictPrefix(fDate, string([]byte{numeric.ShiftStartInt64}))
	if err != nil {
		return time.Time{}, time.Time{}, false
	}
	defer fd.Close()
	var first, last string
	for {
		de, err := fd.Next()
		if err != nil || de == nil {
			break
		}
		if first == "" {
			first = de.Term
		}
		last = de.Term
	}
	decode := func(t string) time.Time {
		if t == "" {
			return time.Time{}
		}
		v, err := numeric.PrefixCoded(t).Int64()
		if err != nil {
			return time.Time{}
		}
		return time.Unix(0, v).UTC()
	}
	newest, oldest = decode(last), decode(first)
	ix.mu.Lock()
	ix.newest, ix.oldest, ix.newestGen = newest, oldest, ix.gen+1
	ix.mu.Unlock()
	return newest, oldest, !newest.IsZero()
}
