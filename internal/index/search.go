package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/model"
)

// Request is one search.
type Request struct {
	// Query is the user query: bleve query-string syntax plus the shortcuts
	// of ParseQuery. "" lists every article, newest first.
	Query string
	// AsYouType treats the last word (when no space follows it) as a
	// prefix, the way the search line runs a query at each keystroke.
	AsYouType bool
	// Limit is the number of hits (default 20); Offset skips hits.
	Limit, Offset int
	// DocFilter, when non-nil, restricts the hits to these article ids
	// (the caller resolves #label through the tag store).
	DocFilter []string
	// Facets asks for actor and source counts over all matches (costs
	// time proportional to the number of matches: keep it off the
	// keystroke path).
	Facets bool
	// Fragments asks for highlighted body fragments of the returned hits.
	Fragments bool
	// MaxFragments per hit when Fragments is set (default 1).
	MaxFragments int
}

// Span is a range of code points [Start, End) in the string it refers to.
type Span struct{ Start, End int }

// Fragment is an excerpt of a body with the matched terms marked.
type Fragment struct {
	Text  string
	Marks []Span
}

// Hit is one matching article.
type Hit struct {
	ID, Title, Source, URL string
	Date                   time.Time
	Score                  float64
	Fragments              []Fragment
	TitleMarks             []Span
	Actors                 []string
}

// Result of a search.
type Result struct {
	Total  uint64
	Took   time.Duration
	Hits   []Hit
	Facets Facets
	// Terms are the analysed terms the query matches, for highlighting
	// the reader with MarkTerms.
	Terms []string
	// Estimated is set when Total is an estimate: a phrase typed in the
	// search line (AsYouType) is checked on the best candidates only;
	// run the query without AsYouType for the exact set.
	Estimated bool
}

// Facets are counts over all matches.
type Facets struct {
	Actors, Sources []FacetCount
}

// FacetCount is one facet value and its count.
type FacetCount struct {
	Value string
	Count int
}

// QueryError is an invalid query.
type QueryError struct {
	Query string
	Msg   string
}

func (e *QueryError) Error() string {
	return fmt.Sprintf("invalid query %q: %s (quote phrases with \"...\", escape special characters such as : ( ) with a backslash)", e.Query, e.Msg)
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
func (ix *Index) Search(ctx context.Context, r Request) (res *Result, err error) {
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
	pq := ParseQuery(r.Query)
	if r.DocFilter != nil && len(r.DocFilter) == 0 {
		return &Result{Took: time.Since(start), Terms: []string{}}, nil
	}
	var terms []string
	var textQ query.Query
	if strings.TrimSpace(pq.Text) != "" {
		textQ, terms, err = ix.textQuery(pq.Text, fBody, r.AsYouType)
		if err != nil {
			return nil, err
		}
	}
	var filters []query.Query
	for _, a := range pq.Actors {
		if r.AsYouType && pq.Partial == "actor" && a == pq.PartialValue {
			filters = append(filters, ix.actorPrefix(a))
			continue
		}
		ix.mu.Lock()
		resolve := ix.resolve
		ix.mu.Unlock()
		if resolve != nil {
			if id, ok := resolve(a); ok {
				a = id
			}
		}
		filters = append(filters, termQuery(fActors, a))
	}
	for _, s := range pq.Speakers {
		filters = append(filters, termQuery(fSpeakers, s))
	}
	if r.DocFilter != nil {
		filters = append(filters, bleve.NewDocIDQuery(r.DocFilter))
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
	if r.AsYouType && textQ != nil && hasPhrase(textQ) {
		looseQ, _, err := ix.textQuery(pq.Text, fBody, true)
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
		creq := bleve.NewSearchRequestOptions(withFilters(looseQ, filters), phraseCandidates, 0, false)
		cr, err := ix.bi.SearchInContext(ctx, creq)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, queryErr(r.Query, err)
		}
		ids := make([]string, len(cr.Hits))
		for i, h := range cr.Hits {
			ids[i] = h.ID
		}
		if len(ids) == 0 {
			return &Result{Took: time.Since(start), Terms: terms, Hits: []Hit{}}, nil
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
			cp.Took = time.Since(start)
			return &cp, nil
		}
	}
	var sr *bleve.SearchResult
	if listAll {
		sr, err = ix.newestFirst(ctx, q, req)
	} else {
		sr, err = ix.bi.SearchInContext(ctx, req)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, queryErr(r.Query, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res = &Result{Total: sr.Total, Terms: terms, Hits: make([]Hit, 0, len(sr.Hits))}
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
		hit := Hit{
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
		res.Facets.Actors = facetCounts(sr.Facets["actors"])
		res.Facets.Sources = facetCounts(sr.Facets["sources"])
	}
	if cacheKey != "" {
		ix.mu.Lock()
		if ix.allCache == nil {
			ix.allCache = map[string]*Result{}
		}
		ix.allCache[cacheKey] = res
		ix.mu.Unlock()
		cp := *res
		res = &cp
	}
	res.Took = time.Since(start)
	return res, nil
}

// newestFirst runs req (sorted by date, newest first) without sorting every
// match: sorting all matches by date cost ~100 ms at 100k documents. It
// counts the matches (cheap: no scores, no sort), then sorts only those of
// the last day, 4, 16, 64, 370 days before the newest date in the index,
// widening until the page is full; only then, all of them. (Each sorted
// match decodes a doc-value chunk: the narrow windows keep that to tens.)
func (ix *Index) newestFirst(ctx context.Context, q query.Query, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	var cr *bleve.SearchResult
	if tq, ok := q.(*query.TermQuery); ok && req.Facets == nil {
		// One term: its count is in the dictionary (counting the
		// matches of @putin at 100k documents cost ~10 ms).
		n, err := ix.termCount(ctx, tq.Field(), tq.Term)
		if err != nil {
			return nil, err
		}
		cr = &bleve.SearchResult{Total: n}
	} else {
		count := bleve.NewSearchRequestOptions(q, 0, 0, false)
		count.Score = "none"
		count.Facets = req.Facets
		var err error
		if cr, err = ix.bi.SearchInContext(ctx, count); err != nil {
			return nil, err
		}
	}
	need := uint64(req.From + req.Size)
	newest, oldest, ok := ix.dateSpan()
	if ok && cr.Total > 0 {
		// First window: where `need` matches are expected, were they
		// spread evenly over the index's dates; then 4x wider each time.
		span := max(newest.Sub(oldest).Hours()/24, 1)
		days := max(1, int(1.5*float64(need)*span/float64(cr.Total)))
		for ; days < int(span)*4; days *= 4 {
			dq := bleve.NewDateRangeQuery(newest.AddDate(0, 0, -days), time.Time{})
			dq.SetField(fDate)
			wreq := *req
			wreq.Facets = nil
			wreq.Query = bleve.NewConjunctionQuery(q, dq)
			sr, err := ix.bi.SearchInContext(ctx, &wreq)
			if err != nil {
				return nil, err
			}
			if sr.Total >= need || sr.Total == cr.Total {
				sr.Total = cr.Total
				sr.Facets = cr.Facets
				return sr, nil
			}
		}
	}
	sreq := *req
	sreq.Facets = nil
	sr, err := ix.bi.SearchInContext(ctx, &sreq)
	if err != nil {
		return nil, err
	}
	sr.Facets = cr.Facets
	return sr, nil
}

// termCount is the number of live documents with term in field.
func (ix *Index) termCount(ctx context.Context, field, term string) (uint64, error) {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return 0, err
	}
	r, err := adv.Reader()
	if err != nil {
		return 0, err
	}
	defer r.Close()
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
	if err != nil {
		return 0, err
	}
	defer tfr.Close()
	return tfr.Count(), nil
}

// actorPrefix is the filter of an actor id being typed (@pu): the ids it
// starts (one term when only one does).
func (ix *Index) actorPrefix(prefix string) query.Query {
	var ids []string
	if adv, err := ix.bi.Advanced(); err == nil {
		if r, err := adv.Reader(); err == nil {
			if fd, err := r.FieldDictPrefix(fActors, []byte(prefix)); err == nil {
				for {
					de, err := fd.Next()
					if err != nil || de == nil {
						break
					}
					ids = append(ids, de.Term)
				}
				fd.Close()
			}
			r.Close()
		}
	}
	switch len(ids) {
	case 0:
		return termQuery(fActors, prefix)
	case 1:
		return termQuery(fActors, ids[0])
	}
	qs := make([]query.Query, len(ids))
	for i, id := range ids {
		qs[i] = termQuery(fActors, id)
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// newestDate is the latest article date.
func (ix *Index) newestDate() (time.Time, bool) {
	n, _, ok := ix.dateSpan()
	return n, ok
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
	adv, err := ix.bi.Advanced()
	if err != nil {
		return time.Time{}, time.Time{}, false
	}
	r, err := adv.Reader()
	if err != nil {
		return time.Time{}, time.Time{}, false
	}
	defer r.Close()
	fd, err := r.FieldDictPrefix(fDate, []byte{numeric.ShiftStartInt64})
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

func facetCounts(fr *search.FacetResult) []FacetCount {
	if fr == nil || fr.Terms == nil {
		return []FacetCount{}
	}
	out := []FacetCount{}
	for _, t := range fr.Terms.Terms() {
		out = append(out, FacetCount{Value: t.Term, Count: t.Count})
	}
	return out
}

// textQuery parses query-string text with defField as the default field;
// with asYouType the last word becomes a prefix. It also returns the
// analysed terms to highlight.
func (ix *Index) textQuery(text, defField string, asYouType bool) (query.Query, []string, error) {
	orig := text
	lastWord := ""
	if asYouType {
		text = dropUnclosedQuote(text)
	}
	if asYouType && !endsWithSpace(text) {
		text, lastWord = splitLastWord(text)
		if lastWord != "" && utf8.RuneCountInString(lastWord) < minPrefix {
			if strings.TrimSpace(trimPrefixPlaceholder(text)) == "" {
				// A short word alone: match it as a whole word.
				text, lastWord = lastWord, ""
			} else {
				text, lastWord = trimPrefixPlaceholder(text), ""
			}
		}
	}
	if strings.TrimSpace(text) == "" {
		return nil, nil, nil
	}
	q, err := query.NewQueryStringQuery(text).Parse()
	if err != nil && asYouType {
		// A query being typed may end in half-written syntax ("title:",
		// "+", date:>"2025-0"): run it without its last token.
		t := strings.TrimRightFunc(text, unicode.IsSpace)
		t = trimPrefixPlaceholder(t)
		if strings.TrimSpace(t) == "" {
			return nil, nil, nil
		}
		text, lastWord = t, ""
		q, err = query.NewQueryStringQuery(t).Parse()
	}
	if err != nil {
		return nil, nil, &QueryError{Query: orig, Msg: cleanParseError(err)}
	}
	var terms []string
	seen := map[string]bool{}
	add := func(ts ...string) {
		for _, t := range ts {
			if !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
	}
	var perr error
	q = ix.rewrite(q, false, func(fq query.FieldableQuery, negated bool) query.Query {
		f := fq.Field()
		if f == prefixField {
			mq, ok := fq.(*query.MatchQuery)
			if !ok {
				return fq
			}
			pq, pterms, err := ix.prefixQuery(mq.Match, defField)
			if err != nil {
				perr = err
			}
			if !negated {
				add(pterms...)
			}
			return pq
		}
		if f == "" {
			fq.SetField(defField)
			f = defField
		}
		if !negated && (f == defField || f == fTitle || f == fBody) {
			switch x := fq.(type) {
			case *query.MatchQuery:
				add(ix.analyze(x.Match)...)
			case *query.MatchPhraseQuery:
				add(ix.analyze(x.MatchPhrase)...)
			case *query.TermQuery:
				add(x.Term)
			}
		}
		return fq
	})
	if perr != nil {
		return nil, nil, perr
	}
	if asYouType && !hasOperatorOR(orig) {
		q = requireAll(q)
	}
	return q, terms, nil
}

// requireAll makes the top-level optional clauses of a query-string query
// required: in the search line every word narrows the hits, as in any
// incremental filter, and a query of common words does not score nearly the
// whole corpus (measured at 100k documents: "trump putin" as OR matches 98%
// of the documents, 23 ms; as AND 47%, ~9 ms). An explicit OR keeps bleve's
// semantics.
func requireAll(q query.Query) query.Query {
	bq, ok := q.(*query.BooleanQuery)
	if !ok || bq.Should == nil {
		return q
	}
	dq, ok := bq.Should.(*query.DisjunctionQuery)
	if !ok || len(dq.Disjuncts) == 0 {
		return q
	}
	var must []query.Query
	if cq, ok := bq.Must.(*query.ConjunctionQuery); ok {
		must = append(must, cq.Conjuncts...)
	} else if bq.Must != nil {
		must = append(must, bq.Must)
	}
	must = append(must, dq.Disjuncts...)
	bq.Must = query.NewConjunctionQuery(must)
	bq.Should = nil
	return bq
}

func hasOperatorOR(s string) bool {
	for _, f := range strings.Fields(s) {
		if f == "OR" || f == "||" {
			return true
		}
	}
	return false
}

// queryErr tells errors bleve finds in a query only when it runs it (a
// date out of range, a bad regular expression) from other failures.
func queryErr(q string, err error) error {
	m := err.Error()
	for _, k := range []string{"date range", "regexp", "regular expression", "fuzziness", "invalid", "unsupported", "parse", "parsing", "not allowed", "too complex", "too many", "automaton"} {
		if strings.Contains(strings.ToLower(m), k) {
			return &QueryError{Query: q, Msg: m}
		}
	}
	return err
}

func cleanParseError(err error) string {
	m := err.Error()
	m = strings.TrimPrefix(m, "parse error: ")
	if strings.Contains(m, "syntax error") {
		return "syntax error"
	}
	return m
}

// rewrite walks a parsed query and lets fn replace its leaf queries.
func (ix *Index) rewrite(q query.Query, negated bool, fn func(query.FieldableQuery, bool) query.Query) query.Query {
	switch x := q.(type) {
	case *query.BooleanQuery:
		if x.Must != nil {
			x.Must = ix.rewrite(x.Must, negated, fn)
		}
		if x.Should != nil {
			x.Should = ix.rewrite(x.Should, negated, fn)
		}
		if x.MustNot != nil {
			x.MustNot = ix.rewrite(x.MustNot, !negated, fn)
		}
		if x.Filter != nil {
			x.Filter = ix.rewrite(x.Filter, negated, fn)
		}
	case *query.ConjunctionQuery:
		for i := range x.Conjuncts {
			x.Conjuncts[i] = ix.rewrite(x.Conjuncts[i], negated, fn)
		}
	case *query.DisjunctionQuery:
		for i := range x.Disjuncts {
			x.Disjuncts[i] = ix.rewrite(x.Disjuncts[i], negated, fn)
		}
	case query.FieldableQuery:
		return fn(x, negated)
	}
	return q
}

// prefixQuery is the query of the word being typed: its most frequent
// completions, the word itself analysed (so typing a whole word never loses
// the hits of its stem: "zelensky" is indexed as "zelenski", which no prefix
// "zelensky" reaches), and the stems the prefix already extends
// ("escalatio" still finds "escal").
func (ix *Index) prefixQuery(word, field string) (query.Query, []string, error) {
	lw := strings.ToLower(word)
	exp, err := ix.expandPrefix(field, lw)
	if err != nil {
		return nil, nil, err
	}
	var terms []string
	add := func(t string) {
		if !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	for _, t := range ix.analyze(word) {
		add(t)
	}
	for _, t := range exp {
		add(t)
	}
	rs := []rune(lw)
	for k := max(4, len(rs)-5); k < len(rs); k++ {
		if t := string(rs[:k]); ix.hasTerm(field, t) {
			add(t)
		}
	}
	if len(terms) == 0 {
		// A stop word being typed: nothing to look for yet.
		return bleve.NewMatchAllQuery(), nil, nil
	}
	if len(terms) == 1 {
		return termQuery(field, terms[0]), terms, nil
	}
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		qs[i] = termQuery(field, t)
	}
	return bleve.NewDisjunctionQuery(qs...), terms, nil
}

// hasTerm reports whether field's dictionary holds term.
func (ix *Index) hasTerm(field, term string) bool {
	adv, err := ix.bi.Advanced()
	if err != nil {
		return false
	}
	r, err := adv.Reader()
	if err != nil {
		return false
	}
	defer r.Close()
	fd, err := r.FieldDictRange(field, []byte(term), []byte(term))
	if err != nil {
		return false
	}
	defer fd.Close()
	de, err := fd.Next()
	return err == nil && de != nil && de.Term == term
}

// expandPrefix returns the maxExpansion most frequent terms of field that
// start with prefix (cached until the next write).
func (ix *Index) expandPrefix(field, prefix string) ([]string, error) {
	key := field + "\x00" + prefix
	ix.mu.Lock()
	if ix.expand != nil {
		if e, ok := ix.expand[key]; ok {
			ix.mu.Unlock()
			return e, nil
		}
	}
	ix.mu.Unlock()
	adv, err := ix.bi.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	fd, err := r.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	type tc struct {
		t string
		c uint64
	}
	var top []tc
	for {
		de, err := fd.Next()
		if err != nil {
			return nil, err
		}
		if de == nil {
			break
		}
		if len(top) < maxExpansion {
			top = append(top, tc{de.Term, de.Count})
			if len(top) == maxExpansion {
				sort.Slice(top, func(i, j int) bool { return top[i].c > top[j].c })
			}
			continue
		}
		if de.Count > top[len(top)-1].c {
			top[len(top)-1] = tc{de.Term, de.Count}
			for i := len(top) - 1; i > 0 && top[i].c > top[i-1].c; i-- {
				top[i], top[i-1] = top[i-1], top[i]
			}
		}
	}
	sort.SliceStable(top, func(i, j int) bool { return top[i].c > top[j].c })
	// Most frequent first, within a budget of postings: a three-letter
	// prefix's top terms otherwise union most of the corpus ("spe" at 100k
	// documents: 65k matches, 20 ms).
	var out []string
	var sum uint64
	for _, e := range top {
		if len(out) > 0 && sum+e.c > expansionBudget {
			break
		}
		sum += e.c
		out = append(out, e.t)
	}
	ix.mu.Lock()
	if ix.expand == nil {
		ix.expand = map[string][]string{}
	}
	if len(ix.expand) > 4096 {
		ix.expand = map[string][]string{}
	}
	ix.expand[key] = out
	ix.mu.Unlock()
	return out, nil
}

// dropUnclosedQuote removes the last double quote when the quotes do not
// pair up (a phrase still being typed becomes plain words).
func dropUnclosedQuote(s string) string {
	n, last := 0, -1
	esc := false
	for i, r := range s {
		switch {
		case esc:
			esc = false
		case r == '\\':
			esc = true
		case r == '"':
			n++
			last = i
		}
	}
	if n%2 == 0 {
		return s
	}
	if last > 0 && strings.ContainsRune(":<>=", rune(s[last-1])) {
		// A field value being typed (title:"alas): close it.
		return s + `"`
	}
	return s[:last] + " " + s[last+1:]
}

// splitLastWord replaces a trailing plain word (letters and digits, with
// at least one letter, optionally after +) by the prefix placeholder.
func splitLastWord(s string) (string, string) {
	i := strings.LastIndexFunc(s, unicode.IsSpace) + 1
	tok := s[i:]
	mod := ""
	if strings.HasPrefix(tok, "+") {
		mod, tok = "+", tok[1:]
	}
	if tok == "" {
		return s, ""
	}
	letter := false
	for _, r := range tok {
		if unicode.IsLetter(r) {
			letter = true
		} else if !unicode.IsDigit(r) {
			return s, ""
		}
	}
	if !letter {
		return s, ""
	}
	return s[:i] + mod + prefixField + ":" + tok, tok
}

func trimPrefixPlaceholder(s string) string {
	i := strings.LastIndexFunc(s, unicode.IsSpace) + 1
	return s[:i]
}

// analyze returns the terms the English analyzer makes of s.
func (ix *Index) analyze(s string) []string {
	var out []string
	for _, t := range ix.analyzer.Analyze([]byte(s)) {
		out = append(out, string(t.Term))
	}
	return out
}

// MarkTerms returns the code-point spans of the words of text whose analysed
// term is one of terms (Result.Terms): what the reader highlights.
func (ix *Index) MarkTerms(text string, terms []string) []Span {
	set := make(map[string]bool, len(terms))
	for _, t := range terms {
		set[t] = true
	}
	return ix.markTerms(text, set)
}

func (ix *Index) markTerms(text string, set map[string]bool) []Span {
	if len(set) == 0 || text == "" {
		return nil
	}
	// Running the analyzer over whole bodies cost ~0.25 ms per 3.5 KB hit
	// (5 ms for 20 hits). Instead, scan words cheaply and analyse only the
	// words whose first letters match a term's: porter stemming only
	// rewrites endings, so a word's term starts like the word.
	keys := make(map[string]bool, len(set))
	for t := range set {
		keys[firstRunes(t, 3)] = true
	}
	var out []Span
	cp := 0
	wordStart, wordCP := -1, 0
	flush := func(end int) {
		w := text[wordStart:end]
		lw := strings.ToLower(firstRunes(w, 3))
		hit := keys[lw]
		for n := 2; !hit && n >= 1; n-- {
			hit = keys[firstRunes(lw, n)]
		}
		if hit {
			for _, t := range ix.analyzer.Analyze([]byte(w)) {
				if set[string(t.Term)] {
					out = append(out, Span{wordCP, wordCP + utf8.RuneCountInString(w)})
					break
				}
			}
		}
		wordStart = -1
	}
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if !inWord && wordStart >= 0 && (r == '\'' || r == '’') {
			// An apostrophe inside a word (Putin's) belongs to it.
			if n, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):]); unicode.IsLetter(n) {
				inWord = true
			}
		}
		switch {
		case inWord && wordStart < 0:
			wordStart, wordCP = i, cp
		case !inWord && wordStart >= 0:
			flush(i)
		}
		cp++
	}
	if wordStart >= 0 {
		flush(len(text))
	}
	return out
}

// firstRunes is the first n runes of s.
func firstRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// fragments cuts up to n excerpts of about fragRunes code points around the
// densest groups of marks; with no marks, the opening of the text.
func (ix *Index) fragments(text string, set map[string]bool, n int) []Fragment {
	if text == "" {
		return []Fragment{}
	}
	// Long bodies (transcripts run to hundreds of kilobytes) are scanned a
	// window at a time, and the fragments are cut from the first window
	// with a match: re-reading every whole body of the 20 hits on each
	// keystroke dominated the search tail on the Kremlin corpus.
	win, marks := "", []Span(nil)
	for rest := text; rest != ""; {
		w := cutWindow(rest, fragScanBytes)
		if m := ix.markTerms(w, set); len(m) > 0 {
			win, marks = w, m
			break
		}
		rest = rest[len(w):]
	}
	if marks == nil {
		win = cutWindow(text, fragScanBytes)
	}
	rs := []rune(win)
	if len(marks) == 0 {
		end := wordEnd(rs, min(len(rs), fragRunes))
		return []Fragment{{Text: string(rs[:end]), Marks: []Span{}}}
	}
	type cand struct{ first, count int }
	var out []Fragment
	used := make([]bool, len(marks))
	var taken []Span
	for len(out) < n {
		best := cand{-1, 0}
		for i := range marks {
			if used[i] {
				continue
			}
			c := 0
			for j := i; j < len(marks) && marks[j].End-marks[i].Start <= fragRunes-40; j++ {
				if !used[j] {
					c++
				}
			}
			if c > best.count {
				best = cand{i, c}
			}
		}
		if best.first < 0 {
			break
		}
		m0 := marks[best.first]
		start := wordStart(rs, max(0, m0.Start-40))
		end := wordEnd(rs, min(len(rs), start+fragRunes))
		overlap := false
		for _, t := range taken {
			if start < t.End && end > t.Start {
				overlap = true
			}
		}
		var fm []Span
		for i, m := range marks {
			if m.Start >= start && m.End <= end {
				used[i] = true
				fm = append(fm, Span{m.Start - start, m.End - start})
			}
		}
		if overlap {
			continue
		}
		taken = append(taken, Span{start, end})
		out = append(out, Fragment{Text: string(rs[start:end]), Marks: fm})
	}
	// In reading order.
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return taken[idx[a]].Start < taken[idx[b]].Start })
	sorted := make([]Fragment, len(out))
	for i, k := range idx {
		sorted[i] = out[k]
	}
	return sorted
}

// fragScanBytes is the window of a body scanned at a time for fragments.
const fragScanBytes = 16 << 10

// cutWindow is the start of s up to about n bytes, ending after white space
// (or on a rune boundary when there is none), never empty unless s is.
func cutWindow(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexAny(s[:n], " \n\t"); i > 0 {
		return s[:i+1]
	}
	i := n
	for i > 1 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

// wordStart moves i forward to the start of a word (unless at 0).
func wordStart(rs []rune, i int) int {
	if i == 0 {
		return 0
	}
	for j := i; j < len(rs) && j < i+20; j++ {
		if unicode.IsSpace(rs[j-1]) && !unicode.IsSpace(rs[j]) {
			return j
		}
	}
	return i
}

// wordEnd moves i back to the end of a word (unless at the end).
func wordEnd(rs []rune, i int) int {
	if i >= len(rs) {
		return len(rs)
	}
	for j := i; j > 0 && j > i-20; j-- {
		if unicode.IsSpace(rs[j]) && !unicode.IsSpace(rs[j-1]) {
			return j
		}
	}
	return i
}

// QuoteRequest selects quotes.
type QuoteRequest struct {
	// Query is bleve query-string text over the quote text ("" = all,
	// newest first).
	Query string
	// Actor: only quotes mentioning this actor id inside the quote.
	Actor string
	// Speaker: only quotes by this speaker (actor id or name, any case).
	Speaker string
	Limit   int
	Offset  int
	// DocFilter, when non-nil, restricts to quotes of these articles.
	DocFilter []string
	// QuoteFilter, when non-nil, restricts to these quote ids.
	QuoteFilter []string
	// AsYouType treats the last word as a prefix, and returns as soon as
	// the page is full (the total is then estimated).
	AsYouType bool
}

// QuoteHit is one quote with its article's id, title and date.
type QuoteHit struct {
	model.Quote
	DocID string
	Title string
	Date  time.Time
}

// Quote listings scan matching articles in pages; the total is exact when
// at most quoteScanLimit articles match, else estimated from those scanned
// (scanning 5,000 articles to count exactly took ~250 ms at 100k).
const (
	quotePage      = 64
	quoteScanLimit = 1000
)

// Quotes searches the quotes. It returns the hits (best first with a text
// query, else newest first) and the number of matching quotes: exact when
// at most 1,000 articles match, otherwise estimated from those scanned.
func (ix *Index) Quotes(ctx context.Context, r QuoteRequest) (hits []QuoteHit, total uint64, err error) {
	defer ix.guard(&err)
	if r.Limit <= 0 {
		r.Limit = defaultLimit
	}
	r.Offset = max(r.Offset, 0)
	hits = []QuoteHit{}
	if (r.DocFilter != nil && len(r.DocFilter) == 0) || (r.QuoteFilter != nil && len(r.QuoteFilter) == 0) {
		return hits, 0, nil
	}
	q, match, err := ix.quoteQuery(r)
	if err != nil {
		return nil, 0, err
	}
	scored := strings.TrimSpace(r.Query) != ""
	var matched, scanned uint64
	var articles uint64
	// Pages grow (64, 256, 1024 articles): each page re-runs the query.
	for from, page := 0, quotePage; ; from, page = from+page, min(page*4, 1024) {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		req := bleve.NewSearchRequestOptions(q, page, from, false)
		req.Fields = []string{fTitle, fDate, fAnalysis}
		if !scored {
			req.SortBy([]string{"-" + fDate, "_id"})
			req.Score = "none"
		}
		var sr *bleve.SearchResult
		if scored {
			sr, err = ix.bi.SearchInContext(ctx, req)
		} else {
			sr, err = ix.newestFirst(ctx, q, req)
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, 0, ctx.Err()
			}
			return nil, 0, queryErr(r.Query, err)
		}
		articles = sr.Total
		for _, h := range sr.Hits {
			scanned++
			var sa storedAnalysis
			if err := json.Unmarshal([]byte(str(h.Fields[fAnalysis])), &sa); err != nil {
				return nil, 0, corrupt(ix.path, fmt.Errorf("document %s: analysis: %v", h.ID, err))
			}
			title, date := str(h.Fields[fTitle]), parseDate(h.Fields[fDate])
			for _, sq := range sa.Quotes {
				qt := sq.Quote
				qt.SpeakerActor = sq.SpeakerActor
				if !match(qt, sa.Mentions) {
					continue
				}
				matched++
				if matched > uint64(r.Offset) && len(hits) < r.Limit {
					hits = append(hits, QuoteHit{Quote: qt, DocID: h.ID, Title: title, Date: date})
				}
			}
		}
		done := len(sr.Hits) < page || uint64(from+page) >= sr.Total
		if done {
			return hits, matched, nil
		}
		if scanned >= quoteScanLimit {
			// Estimate the rest from what was scanned.
			return hits, max(matched, uint64(float64(matched)/float64(scanned)*float64(articles))), nil
		}
		if len(hits) >= r.Limit && (r.AsYouType || articles > quoteScanLimit) {
			// The total would need a long scan: estimate it now.
			return hits, max(matched, uint64(float64(matched)/float64(scanned)*float64(articles))), nil
		}
	}
}

// SpeakerFacets counts, per speaker, the articles with quotes matching r
// (most first).
func (ix *Index) SpeakerFacets(ctx context.Context, r QuoteRequest, n int) (fc []FacetCount, err error) {
	defer ix.guard(&err)
	q, _, err := ix.quoteQuery(r)
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.AddFacet("speakers", bleve.NewFacetRequest(fQSpk, max(n, 1)))
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, queryErr(r.Query, err)
	}
	return facetCounts(sr.Facets["speakers"]), nil
}

// quoteQuery is the article query for r, and the test each quote of a
// matching article must pass.
func (ix *Index) quoteQuery(r QuoteRequest) (query.Query, func(model.Quote, []model.Mention) bool, error) {
	conj := []query.Query{kindQuery(kindQuotes)}
	var textQ query.Query
	var termSet map[string]bool
	if strings.TrimSpace(r.Query) != "" {
		// The body holds every quote's text: bleve finds candidate
		// articles, evalQuote the quotes.
		tq, terms, err := ix.textQuery(r.Query, fBody, r.AsYouType)
		if err != nil {
			return nil, nil, err
		}
		textQ = tq
		// (Not with field:value clauses: their terms need not be in
		// the quote.)
		if len(terms) > 0 && !strings.Contains(r.Query, ":") {
			termSet = make(map[string]bool, len(terms))
			for _, t := range terms {
				termSet[t] = true
			}
		}
	}
	actor := strings.ToLower(strings.TrimSpace(r.Actor))
	if actor != "" {
		conj = append(conj, termQuery(fQActors, actor))
	}
	speaker := strings.ToLower(strings.TrimSpace(r.Speaker))
	if speaker != "" {
		conj = append(conj, termQuery(fSpeakers, speaker))
	}
	docs := r.DocFilter
	var quoteSet map[string]bool
	if r.QuoteFilter != nil {
		quoteSet = map[string]bool{}
		seen := map[string]bool{}
		var ids []string
		for _, id := range r.QuoteFilter {
			quoteSet[id] = true
			if d, _, _, err := model.ParseQuoteID(id); err == nil && !seen[d] {
				seen[d] = true
				ids = append(ids, d)
			}
		}
		if docs == nil {
			docs = ids
		}
		if len(ids) == 0 {
			docs = []string{}
		}
	}
	if docs != nil {
		conj = append(conj, bleve.NewDocIDQuery(docs))
	}
	if len(conj) > 1 {
		// A speaker or actor of a quote implies the article has quotes.
		conj = conj[1:]
	}
	var q query.Query
	switch {
	case textQ != nil:
		bq := bleve.NewBooleanQuery()
		bq.AddMust(textQ)
		bq.AddFilter(bleve.NewConjunctionQuery(conj...))
		q = bq
	case len(conj) == 1:
		q = conj[0]
	default:
		q = bleve.NewConjunctionQuery(conj...)
	}
	match := func(qt model.Quote, ms []model.Mention) bool {
		if quoteSet != nil && !quoteSet[qt.ID] {
			return false
		}
		if speaker != "" && !slices.Contains(speakerKeys(qt), speaker) {
			return false
		}
		if actor != "" && !slices.Contains(quoteActors(ms, qt), actor) {
			return false
		}
		if textQ != nil {
			// A quote without any of the query's words cannot match:
			// the cheap scan of markTerms skips most of them.
			if termSet != nil && len(ix.markTerms(qt.Text, termSet)) == 0 {
				return false
			}
			return ix.evalQuote(textQ, ix.analyze(qt.Text))
		}
		return true
	}
	return q, match, nil
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
func (ix *Index) Quote(ctx context.Context, quoteID string) (*QuoteHit, error) {
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
			return &QuoteHit{Quote: q, DocID: d.ID, Title: d.Title, Date: d.Date}, nil
		}
	}
	return nil, fmt.Errorf("quote %q: %w", quoteID, ErrNotFound)
}

// IsQueryError reports whether err is an invalid query.
func IsQueryError(err error) bool {
	var qe *QueryError
	return errors.As(err, &qe)
}
