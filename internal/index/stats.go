package index

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// StatsRequest asks for the index's part of the insights of a query.
type StatsRequest struct {
	// Query selects the articles (nil: every article). The caller builds
	// it (the app layer parses and resolves the user's query once).
	Query query.Query
	// Since and Until bound the articles' dates, inclusive, by day (zero:
	// open). With either set, articles without a date are left out.
	Since, Until time.Time
	// Actors are the timeline's actor ids; nil: the Series most mentioned.
	Actors []string
	// Series is how many actors the timeline takes when Actors is nil
	// (default 5).
	Series int
	// PairActors is how many of the most mentioned actors co-occurrence is
	// counted among (default 10).
	PairActors int
	// ActorFacet is how many actors the mention counts list (default 50).
	ActorFacet int
}

// ActorDays are one actor's counts per day of the articles' dates: "" is
// the day of articles without a date.
type ActorDays struct {
	Actor string
	// Mentions: articles mentioning the actor.
	Mentions map[string]int
	// Statements: statements whose speaker is the actor (speaker:actor).
	Statements map[string]int
}

// Pair is two actors (A < B) mentioned in the same Docs articles.
type Pair struct {
	A, B string
	Docs int
}

// Stats is the index's part of the insights of a query.
type Stats struct {
	// Docs is the number of matching articles.
	Docs uint64
	// Actors are per-actor mention counts (articles), most first.
	Actors []FacetCount
	// Sources are per-source article counts, most first.
	Sources []FacetCount
	// Days counts matching articles per day ("" = no date).
	Days map[string]int
	// Pairs are the co-occurrences among the PairActors most mentioned
	// actors, most first.
	Pairs []Pair
	// Series are the timeline actors' counts, in Actors order.
	Series []ActorDays
}

// noDay is the day key of articles without a date.
const noDay = ""

// Stats computes the index's part of the insights of a query with bleve
// facets: a terms facet over the actors field for the mention counts, one
// per top actor (query AND actors:a) for the pairs, and a terms facet over
// the date field's full-precision terms for the per-day counts (no
// per-month ranges: bleve tests every range against every date). The
// statement counts read the stored analysis of the articles with a
// statement by the actor (speaker:actor AND query), and only those.
func (ix *Index) Stats(ctx context.Context, r StatsRequest) (st *Stats, err error) {
	defer ix.guard(&err)
	if r.Series <= 0 {
		r.Series = 5
	}
	if r.PairActors <= 0 {
		r.PairActors = 10
	}
	if r.ActorFacet <= 0 {
		r.ActorFacet = 50
	}
	base := ix.statsBase(r)
	req := bleve.NewSearchRequestOptions(base, 0, 0, false)
	req.Score = "none"
	req.AddFacet("actors", bleve.NewFacetRequest(fActors, max(r.ActorFacet, r.PairActors, r.Series)))
	req.AddFacet("sources", bleve.NewFacetRequest(fSource, 30))
	req.AddFacet("days", dayFacet())
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, statsErr(ctx, err)
	}
	st = &Stats{
		Docs:    sr.Total,
		Actors:  facetCounts(sr.Facets["actors"]),
		Sources: facetCounts(sr.Facets["sources"]),
		Days:    days(sr.Facets["days"]),
	}
	actors := r.Actors
	if actors == nil {
		for _, a := range st.Actors[:min(r.Series, len(st.Actors))] {
			actors = append(actors, a.Value)
		}
	}
	top := map[string]bool{}
	var pairActors []string
	for _, a := range st.Actors[:min(r.PairActors, len(st.Actors))] {
		top[a.Value] = true
		pairActors = append(pairActors, a.Value)
	}
	st.Series = make([]ActorDays, len(actors))
	fast := ix.hasStatementDays()
	pairs := make([][]Pair, len(pairActors))

	// The searches are independent: run them two at a time.
	var jobs []func() error
	for i, a := range actors {
		jobs = append(jobs, func() error {
			m, err := ix.dayCounts(ctx, bleve.NewConjunctionQuery(base, termQuery(fActors, a)))
			st.Series[i].Actor, st.Series[i].Mentions = a, m
			return err
		}, func() error {
			var s map[string]int
			var err error
			if fast {
				s, err = ix.statementDaysFacet(ctx, base, a)
			} else {
				s, err = ix.statementDays(ctx, base, a)
			}
			st.Series[i].Statements = s
			return err
		})
	}
	for i, a := range pairActors {
		jobs = append(jobs, func() error {
			req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(base, termQuery(fActors, a)), 0, 0, false)
			req.Score = "none"
			req.AddFacet("actors", bleve.NewFacetRequest(fActors, max(200, 4*r.PairActors)))
			sr, err := ix.bi.SearchInContext(ctx, req)
			if err != nil {
				return err
			}
			for _, fc := range facetCounts(sr.Facets["actors"]) {
				if fc.Value > a && top[fc.Value] {
					pairs[i] = append(pairs[i], Pair{A: a, B: fc.Value, Docs: fc.Count})
				}
			}
			return nil
		})
	}
	if err := runJobs(2, jobs); err != nil {
		return nil, statsErr(ctx, err)
	}
	for _, ps := range pairs {
		st.Pairs = append(st.Pairs, ps...)
	}
	slices.SortFunc(st.Pairs, func(x, y Pair) int {
		return cmp.Or(cmp.Compare(y.Docs, x.Docs), cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	})
	return st, nil
}

// Matching returns those of ids whose articles match q (nil: every
// article) and the date bounds, for restricting the tag counts to a query:
// the caller passes the tagged documents, usually far fewer than the hits.
func (ix *Index) Matching(ctx context.Context, q query.Query, since, until time.Time, ids []string) (out []string, err error) {
	defer ix.guard(&err)
	out = []string{}
	if len(ids) == 0 {
		return out, nil
	}
	base := ix.statsBase(StatsRequest{Query: q, Since: since, Until: until})
	const page = 5000
	for i := 0; i < len(ids); i += page {
		part := ids[i:min(i+page, len(ids))]
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(part), base), len(part), 0, false)
		req.Score = "none"
		sr, err := ix.bi.SearchInContext(ctx, req)
		if err != nil {
			return nil, statsErr(ctx, err)
		}
		for _, h := range sr.Hits {
			out = append(out, h.ID)
		}
	}
	slices.Sort(out)
	return out, nil
}

func (ix *Index) statsBase(r StatsRequest) query.Query {
	q := r.Query
	if q == nil {
		q = kindQuery(kindArticle)
	}
	if r.Since.IsZero() && r.Until.IsZero() {
		return q
	}
	var start, end time.Time
	if !r.Since.IsZero() {
		start = r.Since.UTC().Truncate(24 * time.Hour)
	}
	if !r.Until.IsZero() {
		end = r.Until.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
	}
	incl, excl := true, false
	dq := bleve.NewDateRangeInclusiveQuery(start, end, &incl, &excl)
	dq.SetField(fDate)
	return bleve.NewConjunctionQuery(q, dq)
}

// dayFacet counts the full-precision terms of the date field: one per
// article (the shifted terms bleve adds for range queries start with a
// higher byte and are skipped without allocating).
func dayFacet() *bleve.FacetRequest {
	f := bleve.NewFacetRequest(fDate, 1<<22)
	f.SetPrefixFilter(string([]byte{numeric.ShiftStartInt64}))
	return f
}

// days turns a dayFacet result into day -> articles, "" for no date.
func days(fr *search.FacetResult) map[string]int {
	out := map[string]int{}
	if fr == nil {
		return out
	}
	if fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			v, err := numeric.PrefixCoded(t.Term).Int64()
			if err != nil {
				continue
			}
			out[time.Unix(0, v).UTC().Format("2006-01-02")] += t.Count
		}
	}
	if fr.Missing > 0 {
		out[noDay] += fr.Missing
	}
	return out
}

func (ix *Index) dayCounts(ctx context.Context, q query.Query) (map[string]int, error) {
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	req.Score = "none"
	req.AddFacet("days", dayFacet())
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	return days(sr.Facets["days"]), nil
}

// fStmtDays is the field the statement counts come from when the index has
// it: one keyword term (doc values, not stored) per speaker key of the
// article's statements, "<key>|<YYYY-MM-DD or empty>|<count>" (see
// StatementDayTerms). A terms facet over it counts statements per speaker
// and day without reading any stored field.
const fStmtDays = "sdays"

// StatementDayTerms are the fStmtDays terms of an article. To enable the
// fast statement counts, the mapping adds
//
//	art.AddFieldMappingsAt(fStmtDays, keywordField(false, true))
//
// in buildMapping, and articleDoc sets
//
//	if t := StatementDayTerms(d); len(t) > 0 { m[fStmtDays] = t }
//
// (existing indexes then need `workbench index --rebuild`: until every
// article has the field, Stats must not use it).
func StatementDayTerms(d *Doc) []string {
	n := map[string]int{}
	var keys []string
	for _, q := range d.Analysis.Quotes {
		qk := speakerKeys(q)
		for i, k := range qk {
			if slices.Contains(qk[:i], k) {
				continue // "putin" is the id and the last word: one statement
			}
			if n[k] == 0 {
				keys = append(keys, k)
			}
			n[k]++
		}
	}
	day := model2day(d.Date)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, fmt.Sprintf("%s|%s|%d", k, day, n[k]))
	}
	return out
}

// hasStatementDays reports whether the index has the fStmtDays field.
func (ix *Index) hasStatementDays() bool {
	fd, err := ix.bi.FieldDict(fStmtDays)
	if err != nil {
		return false
	}
	defer fd.Close()
	e, err := fd.Next()
	return err == nil && e != nil
}

// statementDaysFacet is statementDays from the fStmtDays facet.
func (ix *Index) statementDaysFacet(ctx context.Context, base query.Query, actor string) (map[string]int, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(base, termQuery(fSpeakers, actor)), 0, 0, false)
	req.Score = "none"
	f := bleve.NewFacetRequest(fStmtDays, 1<<22)
	f.SetPrefixFilter(actor + "|")
	req.AddFacet("s", f)
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	fr := sr.Facets["s"]
	if fr == nil || fr.Terms == nil {
		return out, nil
	}
	for _, t := range fr.Terms.Terms() {
		rest := strings.TrimPrefix(t.Term, actor+"|")
		i := strings.LastIndexByte(rest, '|')
		if i < 0 {
			continue
		}
		n, err := strconv.Atoi(rest[i+1:])
		if err != nil {
			continue
		}
		out[rest[:i]] += n * t.Count
	}
	return out, nil
}

// statementDays counts, per day, the statements whose speaker is the actor
// (the quotes speaker:actor finds), in the articles matching base.
func (ix *Index) statementDays(ctx context.Context, base query.Query, actor string) (map[string]int, error) {
	out := map[string]int{}
	q := bleve.NewConjunctionQuery(base, termQuery(fSpeakers, actor))
	const page = 2000
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(q, page, 0, false)
		req.Score = "none"
		req.Fields = []string{fAnalysis, fDate}
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SearchAfter = after
		}
		sr, err := ix.bi.SearchInContext(ctx, req)
		if err != nil {
			return nil, err
		}
		for _, h := range sr.Hits {
			var sa struct {
				Quotes []storedQuote `json:"quotes"`
			}
			if err := json.Unmarshal([]byte(str(h.Fields[fAnalysis])), &sa); err != nil {
				return nil, corrupt(ix.path, fmt.Errorf("document %s: analysis: %v", h.ID, err))
			}
			n := 0
			for _, sq := range sa.Quotes {
				qt := sq.Quote
				qt.SpeakerActor = sq.SpeakerActor
				if slices.Contains(speakerKeys(qt), actor) {
					n++
				}
			}
			if n > 0 {
				out[model2day(parseDate(h.Fields[fDate]))] += n
			}
		}
		if len(sr.Hits) < page {
			return out, nil
		}
		after = []string{sr.Hits[len(sr.Hits)-1].ID}
	}
}

func model2day(t time.Time) string {
	if t.IsZero() {
		return noDay
	}
	return t.UTC().Format("2006-01-02")
}

// runJobs runs jobs with at most n at a time and returns the first error.
func runJobs(n int, jobs []func() error) error {
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	sem := make(chan struct{}, n)
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			err := func() (err error) {
				defer func() {
					if r := recover(); r != nil {
						err = fmt.Errorf("index damaged: %v", r)
					}
				}()
				return j()
			}()
			if err != nil {
				mu.Lock()
				if first == nil {
					first = err
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return first
}

func statsErr(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return fmt.Errorf("insights: %w", err)
}
