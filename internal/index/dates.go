package index

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/model"
)

// DateCounts counts the documents matching r per year, from the index's
// oldest to its newest year (years without a match included, with 0), or,
// when year is set, per month of that year. Values are "2019" or
// "2019-03". Like the facets, it costs time in proportion to the matches.
func (ix *Index) DateCounts(ctx context.Context, r Request, year int) (out []model.FacetCount, err error) {
	defer ix.guard(&err)
	newest, oldest, ok := ix.dateSpan()
	if !ok {
		return []model.FacetCount{}, nil
	}
	q, err := ix.matchQuery(r)
	if err != nil || q == nil {
		return []model.FacetCount{}, err
	}
	fr := bleve.NewFacetRequest(fDate, 400)
	var names []string
	add := func(name string, from, to time.Time) {
		fr.AddDateTimeRange(name, from, to)
		names = append(names, name)
	}
	if year > 0 {
		for m := 1; m <= 12; m++ {
			from := time.Date(year, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
			add(fmt.Sprintf("%04d-%02d", year, m), from, from.AddDate(0, 1, 0))
		}
	} else {
		for y := oldest.UTC().Year(); y <= newest.UTC().Year(); y++ {
			add(fmt.Sprintf("%04d", y), time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC))
		}
	}
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.Score = "none"
	req.AddFacet("dates", fr)
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, queryErr(r.Query.Raw, err)
	}
	counts := map[string]int{}
	if f := sr.Facets["dates"]; f != nil {
		for _, d := range f.DateRanges {
			counts[d.Name] = d.Count
		}
	}
	out = make([]model.FacetCount, len(names))
	for i, n := range names {
		out[i] = model.FacetCount{Value: n, Count: counts[n]}
	}
	return out, nil
}

// matchQuery is the query Search runs for r, without its paging and
// phrase shortcut (nil: nothing can match).
func (ix *Index) matchQuery(r Request) (query.Query, error) {
	pq := r.Query
	if r.DocFilter != nil && len(r.DocFilter) == 0 {
		return nil, nil
	}
	var textQ query.Query
	if strings.TrimSpace(pq.Text) != "" {
		var err error
		if textQ, _, err = ix.textQuery(pq, fBody); err != nil {
			return nil, err
		}
	}
	filters, notFilters := ix.filters(pq, fActors, r.DocFilter, r.NotDocs)
	if len(notFilters) > 0 {
		filters = append(filters, exclude(notFilters))
	}
	switch {
	case textQ == nil && len(filters) == 0:
		return kindQuery(kindArticle), nil
	case textQ == nil:
		return bleve.NewConjunctionQuery(append(filters, kindQuery(kindArticle))...), nil
	}
	return withFilters(textQ, filters), nil
}
