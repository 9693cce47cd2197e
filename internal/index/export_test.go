package index

import (
	"context"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/qlang"
)

// SetTuning changes the as-you-type tuning for benchmarks that compare
// designs; it returns a function restoring the previous values.
func SetTuning(minPrefixLen, maxExpansionTerms int) (restore func()) {
	p, e := minPrefix, maxExpansion
	minPrefix, maxExpansion = minPrefixLen, maxExpansionTerms
	return func() { minPrefix, maxExpansion = p, e }
}

// Q parses a query for a test, with names taken as written: typed as you
// type (every word required), or as a listing with bleve's either-word
// default (what these tests were written against).
func Q(s string, typing bool) model.Query {
	q, err := qlang.Parse(s, qlang.Options{AsYouType: typing, Any: !typing}, qlang.Resolver{})
	if err != nil {
		panic(err)
	}
	return q
}

// QuotesOf runs Quotes for a test that wants the hits and the total.
func QuotesOf(ctx context.Context, ix *Index, r QuoteRequest) ([]model.QuoteHit, uint64, error) {
	res, err := ix.Quotes(ctx, r)
	if err != nil {
		return nil, 0, err
	}
	return res.Hits, res.Total, nil
}

// WithQ changes a parsed query for a test.
func WithQ(q model.Query, f func(*model.Query)) model.Query {
	f(&q)
	return q
}
