package index

import (
	"context"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/workbench-dev/workbench/internal/model"
)

// SearchByDate runs r with its hits ordered by date, newest or oldest
// first, instead of by relevance (the TUI's O). No facets: ask Search.
func (ix *Index) SearchByDate(ctx context.Context, r Request, newestFirst bool) (res *model.SearchResult, err error) {
	defer ix.guard(&err)
	start := time.Now()
	if r.Limit <= 0 {
		r.Limit = defaultLimit
	}
	r.Offset = max(0, r.Offset)
	pq := r.Query
	res = &model.SearchResult{Query: pq, Terms: []string{}, Hits: []model.Hit{}}
	q, err := ix.matchQuery(r)
	if err != nil || q == nil {
		res.Took = time.Since(start)
		return res, err
	}
	var terms []string
	if strings.TrimSpace(pq.Text) != "" {
		if _, terms, err = ix.textQuery(pq, fBody); err != nil {
			return nil, err
		}
	}
	order := []string{fDate, "_id"}
	if newestFirst {
		order = []string{"-" + fDate, "-_id"}
	}
	fields := []string{fTitle, fDate, fSource, fURL, fActors}
	if r.Fragments {
		fields = append(fields, fContent)
	}
	req := bleve.NewSearchRequestOptions(q, r.Limit, r.Offset, false)
	req.Fields = fields
	req.Score = "none"
	req.SortBy(order)
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, queryErr(pq.Raw, err)
	}
	termSet := make(map[string]bool, len(terms))
	for _, t := range terms {
		termSet[t] = true
	}
	if terms != nil {
		res.Terms = terms
	}
	res.Total = sr.Total
	for _, h := range sr.Hits {
		hit := model.Hit{
			ID: h.ID, Title: str(h.Fields[fTitle]), Source: str(h.Fields[fSource]), URL: str(h.Fields[fURL]),
			Date: parseDate(h.Fields[fDate]), Actors: strs(h.Fields[fActors]),
		}
		if len(termSet) > 0 {
			hit.TitleMarks = ix.markTerms(hit.Title, termSet)
		}
		if r.Fragments {
			hit.Fragments = ix.fragments(str(h.Fields[fContent]), termSet, 1)
		}
		res.Hits = append(res.Hits, hit)
	}
	res.Took = time.Since(start)
	return res, nil
}
