package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/model"
)

// QuoteRequest selects quotes. The query's text searches the quote text;
// @actor keeps quotes mentioning the actor inside the quote; speaker: the
// quotes of that speaker; dates the articles' dates; each with - excludes.
type QuoteRequest struct {
	Query         model.Query
	Limit, Offset int
	// DocFilter, when non-nil, restricts to quotes of these articles;
	// NotDocs excludes articles.
	DocFilter, NotDocs []string
	// QuoteFilter, when non-nil, restricts to these quote ids (#label);
	// NotQuotes excludes quotes (-#label).
	QuoteFilter, NotQuotes []string
	// Exact scans every matching article, for every hit asked for and an
	// exact total (listings). Otherwise (typing) the scan stops once the
	// page is full and the total is estimated.
	Exact bool
}

// Quote listings scan matching articles in pages, newest first; without
// Exact, the total is exact when at most quoteScanLimit articles match,
// else estimated from those scanned (scanning 5,000 articles to count
// exactly took ~250 ms at 100k).
const (
	quotePage      = 64
	quoteScanLimit = 1000
)

// Quotes lists the quotes matching r, newest first (then by article id
// and position), with their number.
func (ix *Index) Quotes(ctx context.Context, r QuoteRequest) (res *model.QuoteResult, err error) {
	defer ix.guard(&err)
	if r.Limit <= 0 {
		r.Limit = defaultLimit
	}
	r.Offset = max(r.Offset, 0)
	res = &model.QuoteResult{Query: r.Query, Hits: []model.QuoteHit{}}
	if (r.DocFilter != nil && len(r.DocFilter) == 0) || (r.QuoteFilter != nil && len(r.QuoteFilter) == 0) {
		return res, nil
	}
	q, match, err := ix.quoteQuery(r)
	if err != nil {
		return nil, err
	}
	var matched uint64
	fields := []string{fTitle, fDate, fAnalysis}
	full := func() bool { return len(res.Hits) >= r.Limit }
	scanned, articles, complete, err := ix.scanNewest(ctx, q, r.Query.Raw, fields, r.Exact, full, func(h *search.DocumentMatch, sa *storedAnalysis) {
		title, date := str(h.Fields[fTitle]), parseDate(h.Fields[fDate])
		for _, sq := range sa.Quotes {
			qt := sq.Quote
			qt.SpeakerActor = sq.SpeakerActor
			if !match(qt, sa.Mentions) {
				continue
			}
			matched++
			if matched > uint64(r.Offset) && len(res.Hits) < r.Limit {
				res.Hits = append(res.Hits, model.QuoteHit{Quote: qt, DocID: h.ID, Title: title, Date: date})
			}
		}
	})
	if err != nil {
		return nil, err
	}
	res.Total, res.Estimated = estimate(matched, scanned, articles, complete)
	return res, nil
}

// scanNewest visits the articles matching q, newest first, with their
// stored analysis, in pages that grow (64, 256, 1024 articles; each page
// re-runs the query). Without exact it stops once full() says the page of
// hits is full or quoteScanLimit articles were scanned; complete tells
// whether every matching article was visited.
func (ix *Index) scanNewest(ctx context.Context, q query.Query, raw string, fields []string, exact bool, full func() bool,
	visit func(h *search.DocumentMatch, sa *storedAnalysis)) (scanned, articles uint64, complete bool, err error) {
	for from, page := 0, quotePage; ; from, page = from+page, min(page*4, 1024) {
		if err := ctx.Err(); err != nil {
			return 0, 0, false, err
		}
		req := bleve.NewSearchRequestOptions(q, page, from, false)
		req.Fields = fields
		req.SortBy([]string{"-" + fDate, "_id"})
		req.Score = "none"
		sr, err := ix.newestFirst(ctx, q, req, nil)
		if err != nil {
			if ctx.Err() != nil {
				return 0, 0, false, ctx.Err()
			}
			return 0, 0, false, queryErr(raw, err)
		}
		articles = sr.Total
		for _, h := range sr.Hits {
			scanned++
			var sa storedAnalysis
			if err := json.Unmarshal([]byte(str(h.Fields[fAnalysis])), &sa); err != nil {
				return 0, 0, false, corrupt(ix.path, fmt.Errorf("document %s: analysis: %v", h.ID, err))
			}
			visit(h, &sa)
		}
		if len(sr.Hits) < page || uint64(from+page) >= sr.Total {
			return scanned, articles, true, nil
		}
		if !exact && (scanned >= quoteScanLimit || full()) {
			return scanned, articles, false, nil
		}
	}
}

// estimate is a listing's total: exact when every article was scanned,
// else scaled up from those scanned.
func estimate(matched, scanned, articles uint64, complete bool) (total uint64, estimated bool) {
	if complete || scanned == 0 {
		return matched, false
	}
	return max(matched, uint64(float64(matched)/float64(scanned)*float64(articles))), true
}

// SpeakerFacets counts, per speaker, the articles with quotes matching r
// (most first).
func (ix *Index) SpeakerFacets(ctx context.Context, r QuoteRequest, n int) (fc []model.FacetCount, err error) {
	defer ix.guard(&err)
	q, _, err := ix.quoteQuery(r)
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.AddFacet("speakers", bleve.NewFacetRequest(fQSpk, max(n, 1)))
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, queryErr(r.Query.Raw, err)
	}
	return facetCounts(sr.Facets["speakers"]), nil
}

// quoteQuery is the article query for r, and the test each quote of a
// matching article must pass.
func (ix *Index) quoteQuery(r QuoteRequest) (query.Query, func(model.Quote, []model.Mention) bool, error) {
	pq := r.Query
	textQ, termSet, err := ix.spanText(pq)
	if err != nil {
		return nil, nil, err
	}
	docs := r.DocFilter
	quoteSet := idSet(r.QuoteFilter)
	if r.QuoteFilter != nil && docs == nil {
		docs = docsOfSpans(r.QuoteFilter)
	}
	// Article-level filters: what a quote implies of its article. The
	// exclusions of actors and speakers are quote-level only (an article
	// may hold other quotes).
	artQ := pq
	artQ.NotActors, artQ.NotSpeakers = nil, nil
	must, not := ix.filters(artQ, fQActors, docs, r.NotDocs)
	// Always: speaker: also finds articles whose only statements by the
	// speaker are transcript turns.
	must = append(must, kindQuery(kindQuotes))
	if len(not) > 0 {
		must = append(must, exclude(not))
	}
	var q query.Query
	switch {
	case textQ != nil:
		q = withFilters(textQ, must)
	case len(must) == 1:
		q = must[0]
	default:
		q = bleve.NewConjunctionQuery(must...)
	}
	notQuotes := idSet(r.NotQuotes)
	match := func(qt model.Quote, ms []model.Mention) bool {
		if quoteSet != nil && !quoteSet[qt.ID] || notQuotes[qt.ID] {
			return false
		}
		if len(pq.Speakers)+len(pq.NotSpeakers) > 0 {
			keys := speakerKeys(qt)
			for _, s := range pq.Speakers {
				if !slices.Contains(keys, strings.ToLower(s)) {
					return false
				}
			}
			for _, s := range pq.NotSpeakers {
				if slices.Contains(keys, strings.ToLower(s)) {
					return false
				}
			}
		}
		return ix.spanMatches(pq, textQ, termSet, ms, qt.Start, qt.End, qt.Text)
	}
	return q, match, nil
}

// spanMatches is the test of a quote's or statement's own actors and text
// (the parts of a query an article cannot decide): every @actor mentioned
// inside the span, no -@actor, one of the actors a name being typed may
// mean, and the query's text in the span's text.
func (ix *Index) spanMatches(pq model.Query, textQ query.Query, termSet map[string]bool, ms []model.Mention, start, end int, text string) bool {
	if len(pq.Actors)+len(pq.NotActors)+len(pq.ActorPrefixes) > 0 {
		acts := quoteActors(ms, model.Quote{Start: start, End: end})
		for _, a := range pq.Actors {
			if !slices.Contains(acts, a) {
				return false
			}
		}
		for _, a := range pq.NotActors {
			if slices.Contains(acts, a) {
				return false
			}
		}
		if len(pq.ActorPrefixes) > 0 && !slices.ContainsFunc(pq.ActorPrefixes, func(a string) bool { return slices.Contains(acts, a) }) {
			return false
		}
	}
	if textQ != nil {
		// A span without any of the query's words cannot match: the
		// cheap scan of markTerms skips most of them.
		if termSet != nil && len(ix.markTerms(text, termSet)) == 0 {
			return false
		}
		return ix.evalQuote(textQ, ix.analyze(text))
	}
	return true
}

// idSet is a set of ids; nil for a nil list.
func idSet(ids []string) map[string]bool {
	if ids == nil {
		return nil
	}
	m := make(map[string]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// evalQuote tells whether a quote's analysed terms satisfy the text query
// (the part of it on the quote text: conditions on other fields were
// checked by bleve on the article).
func (ix *Index) evalQuote(q query.Query, toks []string) bool {
	has := func(t string) bool { return slices.Contains(toks, t) }
	switch x := q.(type) {
	case *query.BooleanQuery:
		if x.MustNot != nil && ix.evalQuote(x.MustNot, toks) {
			if d, ok := x.MustNot.(*query.DisjunctionQuery); !ok || len(d.Disjuncts) > 0 {
				return false
			}
		}
		if x.Must != nil && !ix.evalQuote(x.Must, toks) {
			return false
		}
		if x.Should != nil && x.Must == nil {
			return ix.evalQuote(x.Should, toks)
		}
		return true
	case *query.ConjunctionQuery:
		for _, c := range x.Conjuncts {
			if !ix.evalQuote(c, toks) {
				return false
			}
		}
		return true
	case *query.DisjunctionQuery:
		if len(x.Disjuncts) == 0 {
			return true
		}
		n := 0
		for _, c := range x.Disjuncts {
			if ix.evalQuote(c, toks) {
				n++
			}
		}
		return n >= max(1, int(x.Min))
	case *query.MatchQuery:
		if x.Field() != fBody {
			return true
		}
		ts := ix.analyze(x.Match)
		if len(ts) == 0 {
			return true
		}
		all := x.Operator == query.MatchQueryOperatorAnd
		for _, t := range ts {
			if has(t) && !all {
				return true
			}
			if !has(t) && all {
				return false
			}
		}
		return all
	case *query.MatchPhraseQuery:
		if x.Field() != fBody {
			return true
		}
		ts := ix.analyze(x.MatchPhrase)
		if len(ts) == 0 {
			return true
		}
		for i := 0; i+len(ts) <= len(toks); i++ {
			if slices.Equal(toks[i:i+len(ts)], ts) {
				return true
			}
		}
		return false
	case *query.TermQuery:
		return x.Field() != fBody || has(x.Term)
	case *query.PrefixQuery:
		if x.Field() != fBody {
			return true
		}
		return slices.ContainsFunc(toks, func(t string) bool { return strings.HasPrefix(t, x.Prefix) })
	case *query.WildcardQuery:
		if x.Field() != fBody {
			return true
		}
		w := strings.ToLower(x.Wildcard)
		if p, ok := strings.CutSuffix(w, "*"); ok && !strings.ContainsAny(p, "*?") {
			return slices.ContainsFunc(toks, func(t string) bool { return strings.HasPrefix(t, p) })
		}
		return true
	}
	return true
}

// Quote returns one quote by its id.
func (ix *Index) Quote(ctx context.Context, quoteID string) (*model.QuoteHit, error) {
	docID, _, _, err := model.ParseQuoteID(quoteID)
	if err != nil {
		return nil, fmt.Errorf("quote %q: %w", quoteID, ErrNotFound)
	}
	d, err := ix.Get(ctx, docID)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, fmt.Errorf("quote %q: %w", quoteID, ErrNotFound)
		}
		return nil, err
	}
	for _, q := range d.Analysis.Quotes {
		if q.ID == quoteID {
			return &model.QuoteHit{Quote: q, DocID: d.ID, Title: d.Title, Date: d.Date}, nil
		}
	}
	return nil, fmt.Errorf("quote %q: %w", quoteID, ErrNotFound)
}

// spanText is the query of a listing's text: bleve finds candidate
// articles (the body holds every quote's and turn's text), evalQuote the
// quotes or statements; termSet, the terms a span must hold to match (nil
// with field:value clauses, whose terms need not be in the span).
func (ix *Index) spanText(pq model.Query) (textQ query.Query, termSet map[string]bool, err error) {
	if strings.TrimSpace(pq.Text) == "" {
		return nil, nil, nil
	}
	textQ, terms, err := ix.textQuery(pq, fBody)
	if err != nil {
		return nil, nil, err
	}
	if len(terms) > 0 && !strings.Contains(pq.Text, ":") {
		termSet = make(map[string]bool, len(terms))
		for _, t := range terms {
			termSet[t] = true
		}
	}
	return textQ, termSet, nil
}

// docsOfSpans is the documents of span ids (DOC:START-END), each once.
func docsOfSpans(spanIDs []string) []string {
	seen := map[string]bool{}
	ids := []string{}
	for _, id := range spanIDs {
		if d, _, _, err := model.ParseQuoteID(id); err == nil && !seen[d] {
			seen[d] = true
			ids = append(ids, d)
		}
	}
	return ids
}
