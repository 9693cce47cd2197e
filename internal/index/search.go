package index

import (
	"context"
	"errors"
	"fmt"
	"regexp/syntax"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/vellum/levenshtein"
	vregexp "github.com/blevesearch/vellum/regexp"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/model"
)

// Request is one search.
type Request struct {
	// Query is the parsed user query (the application layer parses and
	// resolves it). An empty query lists every article, newest first.
	Query model.Query
	// Limit is the number of hits (default 20); Offset skips hits.
	Limit, Offset int
	// DocFilter, when non-nil, restricts the hits to these article ids
	// (the caller resolves #label through the tag store); NotDocs
	// excludes articles (-#label).
	DocFilter, NotDocs []string
	// Facets asks for actor and source counts over all matches (costs
	// time proportional to the number of matches: keep it off the
	// keystroke path).
	Facets bool
	// Fragments asks for highlighted body fragments of the returned hits.
	Fragments bool
	// MaxFragments per hit when Fragments is set (default 1).
	MaxFragments int
	// SpeakerDocs: per speaker key, articles where an analyst made it
	// the speaker of a statement; speaker: finds them too.
	SpeakerDocs map[string][]string
	// Budget, when positive, makes this a first answer (firstanswer.go):
	// each shard visits at most Budget matches and the top hits are the
	// best of those; the result is Partial when matches were left
	// unvisited, its Total then a lower bound. Lists in date order (an
	// empty query) are never budgeted. BudgetTime, with Budget, also
	// bounds the time each shard's searcher reads postings (0: no bound;
	// the search line's first answer gets DefaultFirstAnswerTime).
	Budget     int
	BudgetTime time.Duration
}

// Search tuning. Chosen by measurement (BenchmarkSearchAsYouType and
// docs/readme/search.md):
//   - minPrefix: a last word shorter than this is not expanded as a prefix
//     (one or two letters expand to ~10,000 terms at 100k documents and
//     made the p99 ~1.5 s); alone, it matches as a whole word; after other
//     words it is ignored until it grows.
//   - maxExpansion: a prefix expands to its most frequent terms only.
var (
	minPrefix       = 3
	maxExpansion    = 24
	expansionBudget = uint64(30000)
)

const (
	defaultLimit = 20
	fragRunes    = 200
	prefixField  = "__p"
)

// Search runs a query. An invalid query gives a *QueryError.
func (ix *Index) Search(ctx context.Context, r Request) (res *model.SearchResult, err error) {
	defer ix.guard(&err)
	start := time.Now()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if r.Limit <= 0 {
		r.Limit = defaultLimit
	}
	if r.Offset < 0 {
		r.Offset = 0
	}
	pq := r.Query
	if r.DocFilter != nil && len(r.DocFilter) == 0 {
		return &model.SearchResult{Query: pq, Took: time.Since(start), Terms: []string{}, Hits: []model.Hit{}}, nil
	}
	var terms []string
	var textQ query.Query
	if strings.TrimSpace(pq.Text) != "" {
		textQ, terms, err = ix.textQuery(pq, fBody)
		if err != nil {
			return nil, err
		}
	}
	filters, notFilters := ix.filters(pq, fActors, r.DocFilter, r.NotDocs)
	filters = withSpeakerDocs(filters, r.SpeakerDocs)
	if len(notFilters) > 0 {
		// Exclusions are a filter too: articles that match none of them.
		filters = append(filters, exclude(notFilters))
	}
	listAll := textQ == nil
	var q query.Query
	switch {
	case textQ == nil && len(filters) == 0:
		q = kindQuery(kindArticle)
	case textQ == nil && len(filters) == 1:
		// Every document is an article: one filter needs no kind clause
		// (and newestFirst counts a single term from its dictionary).
		q = filters[0]
	case textQ == nil:
		q = bleve.NewConjunctionQuery(filters...)
	default:
		q = withFilters(textQ, filters)
	}
	// A phrase in the search line: find the best candidates with the
	// phrase's words (cheap), and check the phrase on those only. bleve's
	// phrase search decodes positions for every document holding all the
	// words: "peace talks" took ~50-80 ms at 100k documents.
	var phraseCands uint64
	var cuts []*budgetQuery // the budgeted searches, to tell a partial answer
	if pq.AsYouType && textQ != nil && hasPhrase(textQ) {
		looseQ, _, err := ix.textQuery(pq, fBody)
		if err != nil {
			return nil, err
		}
		looseQ = ix.rewrite(looseQ, false, func(fq query.FieldableQuery, _ bool) query.Query {
			if mp, ok := fq.(*query.MatchPhraseQuery); ok {
				m := bleve.NewMatchQuery(mp.MatchPhrase)
				m.SetField(mp.Field())
				m.SetOperator(query.MatchQueryOperatorAnd)
				return m
			}
			return fq
		})
		creq := bleve.NewSearchRequestOptions(budgeted(withFilters(looseQ, filters), r.Budget, r.BudgetTime, &cuts), phraseCandidates, 0, false)
		cr, err := ix.bi.SearchInContext(ctx, creq)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, queryErr(pq.Raw, err)
		}
		ids := make([]string, len(cr.Hits))
		for i, h := range cr.Hits {
			ids[i] = h.ID
		}
		if len(ids) == 0 {
			return &model.SearchResult{Query: pq, Took: time.Since(start), Terms: terms, Hits: []model.Hit{}}, nil
		}
		phraseCands = cr.Total
		// A conjunction (not a filter) so that the 200 ids drive the
		// phrase search instead of filtering its every match.
		q = bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), q)
	}

	fields := []string{fTitle, fDate, fSource, fURL, fActors}
	if r.Fragments {
		fields = append(fields, fContent)
	}
	req := bleve.NewSearchRequestOptions(q, r.Limit, r.Offset, false)
	if !listAll {
		req.Query = budgeted(q, r.Budget, r.BudgetTime, &cuts)
	}
	req.Fields = fields
	if listAll {
		// No text to rank by: newest first. Sorting costs time in
		// proportion to the matches; the bare "" list is cached.
		req.SortBy([]string{"-" + fDate, "_id"})
		req.Score = "none"
	}
	if r.Facets {
		req.AddFacet("actors", bleve.NewFacetRequest(fActors, 30))
		req.AddFacet("sources", bleve.NewFacetRequest(fSource, 30))
	}
	cacheKey := ""
	if q == nil || (textQ == nil && len(filters) == 0) {
		cacheKey = fmt.Sprintf("%d/%d/%v/%v", r.Limit, r.Offset, r.Facets, r.Fragments)
		ix.mu.Lock()
		c := ix.allCache[cacheKey]
		ix.mu.Unlock()
		if c != nil {
			cp := *c
			cp.Query = pq
			cp.Took = time.Since(start)
			return &cp, nil
		}
	}
	var sr *bleve.SearchResult
	if listAll && r.Budget > 0 && cacheKey == "" {
		sr, err = ix.newestFirst(ctx, q, req, &listBudget{budget: r.Budget, limit: r.BudgetTime, cuts: &cuts})
	} else if listAll {
		sr, err = ix.newestFirst(ctx, q, req, nil)
	} else {
		sr, err = ix.bi.SearchInContext(ctx, req)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, queryErr(pq.Raw, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res = &model.SearchResult{Query: pq, Total: sr.Total, Terms: terms, Hits: make([]model.Hit, 0, len(sr.Hits))}
	for _, b := range cuts {
		res.Partial = res.Partial || b.cut.Load()
	}
	if phraseCands > phraseCandidates {
		// Only the best candidates were checked: scale up.
		res.Total = sr.Total * phraseCands / phraseCandidates
		res.Estimated = true
	}
	if terms == nil {
		res.Terms = []string{}
	}
	termSet := make(map[string]bool, len(terms))
	for _, t := range terms {
		termSet[t] = true
	}
	nfrag := r.MaxFragments
	if nfrag <= 0 {
		nfrag = 1
	}
	for _, h := range sr.Hits {
		hit := model.Hit{
			ID:     h.ID,
			Title:  str(h.Fields[fTitle]),
			Source: str(h.Fields[fSource]),
			URL:    str(h.Fields[fURL]),
			Date:   parseDate(h.Fields[fDate]),
			Score:  h.Score,
			Actors: strs(h.Fields[fActors]),
		}
		if len(termSet) > 0 {
			hit.TitleMarks = ix.markTerms(hit.Title, termSet)
		}
		if r.Fragments {
			hit.Fragments = ix.fragments(str(h.Fields[fContent]), termSet, nfrag)
		}
		res.Hits = append(res.Hits, hit)
	}
	if r.Facets {
		res.Actors = facetCounts(sr.Facets["actors"])
		res.Sources = facetCounts(sr.Facets["sources"])
	}
	if cacheKey != "" {
		ix.mu.Lock()
		if ix.allCache == nil {
			ix.allCache = map[string]*model.SearchResult{}
		}
		ix.allCache[cacheKey] = res
		ix.mu.Unlock()
		cp := *res
		res = &cp
	}
	res.Took = time.Since(start)
	return res, nil
}

// budgeted is q with a budget of matches per shard, recorded in cuts;
// without a budget, q with its term readers kept at their ends (ended).
func budgeted(q query.Query, budget int, limit time.Duration, cuts *[]*budgetQuery) query.Query {
	if budget <= 0 {
		return ended(q)
	}
	b := newBudgetQuery(q, budget, limit)
	*cuts = append(*cuts, b)
	return b
}

// phraseCandidates is how many documents holding a phrase's words are
// checked for the phrase when typing.
const phraseCandidates = 200

func withFilters(q query.Query, filters []query.Query) query.Query {
	if len(filters) == 0 {
		return q
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(q)
	bq.AddFilter(bleve.NewConjunctionQuery(filters...))
	return bq
}

// hasPhrase reports a phrase anywhere in q.
func hasPhrase(q query.Query) bool {
	switch x := q.(type) {
	case *query.MatchPhraseQuery, *query.PhraseQuery:
		return true
	case *query.BooleanQuery:
		for _, c := range []query.Query{x.Must, x.Should, x.MustNot} {
			if c != nil && hasPhrase(c) {
				return true
			}
		}
	case *query.ConjunctionQuery:
		return slices.ContainsFunc(x.Conjuncts, hasPhrase)
	case *query.DisjunctionQuery:
		return slices.ContainsFunc(x.Disjuncts, hasPhrase)
	}
	return false
}

func facetCounts(fr *search.FacetResult) []model.FacetCount {
	if fr == nil || fr.Terms == nil {
		return []model.FacetCount{}
	}
	out := []model.FacetCount{}
	for _, t := range fr.Terms.Terms() {
		out = append(out, model.FacetCount{Value: t.Term, Count: t.Count})
	}
	return out
}

// queryErr tells the errors bleve finds in a query only when it runs it (a
// regular expression or fuzzy term whose automaton grows too large) from
// other failures.
func queryErr(q string, err error) error {
	var se *syntax.Error
	switch {
	case errors.As(err, &se),
		errors.Is(err, vregexp.ErrTooManyStates), errors.Is(err, vregexp.ErrCompiledTooBig),
		errors.Is(err, levenshtein.ErrTooManyStates):
		return &model.QueryError{Query: q, Msg: err.Error()}
	}
	return err
}

// filters turns the query's shortcuts into bleve filters: those every match
// must pass, and those no match may pass. actorField is the field holding
// the actors (articles: all mentions).
func (ix *Index) filters(pq model.Query, actorField string, docs, notDocs []string) (must, not []query.Query) {
	for _, a := range pq.Actors {
		must = append(must, termQuery(actorField, a))
	}
	if len(pq.ActorPrefixes) > 0 {
		qs := make([]query.Query, len(pq.ActorPrefixes))
		for i, id := range pq.ActorPrefixes {
			qs[i] = termQuery(actorField, id)
		}
		if len(qs) == 1 {
			must = append(must, qs[0])
		} else {
			must = append(must, bleve.NewDisjunctionQuery(qs...))
		}
	}
	for _, s := range pq.Speakers {
		must = append(must, termQuery(fSpeakers, strings.ToLower(s)))
	}
	for _, d := range pq.Dates {
		must = append(must, dateQuery(d))
	}
	if docs != nil {
		must = append(must, bleve.NewDocIDQuery(docs))
	}
	for _, a := range pq.NotActors {
		not = append(not, termQuery(actorField, a))
	}
	for _, s := range pq.NotSpeakers {
		not = append(not, termQuery(fSpeakers, strings.ToLower(s)))
	}
	for _, d := range pq.NotDates {
		not = append(not, dateQuery(d))
	}
	if len(notDocs) > 0 {
		not = append(not, bleve.NewDocIDQuery(notDocs))
	}
	return must, not
}

// exclude is the filter that passes documents matching none of qs.
func exclude(qs []query.Query) query.Query {
	bq := bleve.NewBooleanQuery()
	bq.AddMust(kindQuery(kindArticle))
	bq.AddMustNot(qs...)
	return bq
}

// dateQuery is a range of article dates.
func dateQuery(d model.DateRange) query.Query {
	from, to := d.FromInclusive, d.ToInclusive
	q := bleve.NewDateRangeInclusiveQuery(d.From, d.To, &from, &to)
	q.SetField(fDate)
	return q
}

// Compile is the bleve query a parsed query runs as (its text, shortcuts,
// dates and document filters), for aggregates over the same documents as
// Search finds (the insights). An empty query is every article.
func (ix *Index) Compile(pq model.Query, docs, notDocs []string) (query.Query, error) {
	var textQ query.Query
	if strings.TrimSpace(pq.Text) != "" {
		var err error
		if textQ, _, err = ix.textQuery(pq, fBody); err != nil {
			return nil, err
		}
	}
	must, not := ix.filters(pq, fActors, docs, notDocs)
	if len(not) > 0 {
		must = append(must, exclude(not))
	}
	switch {
	case textQ != nil:
		return withFilters(textQ, must), nil
	case len(must) == 0:
		return kindQuery(kindArticle), nil
	case len(must) == 1:
		return must[0], nil
	}
	return bleve.NewConjunctionQuery(must...), nil
}
