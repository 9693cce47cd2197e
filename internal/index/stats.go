package index

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/numeric"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/workbench-dev/workbench/internal/model"
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
	// ReadStored ignores the insights fields (AddStatsMappings): statements
	// come from the stored analysis, months from the date field (for checks
	// and benchmarks).
	ReadStored bool
}

// ActorDays are one actor's counts per period of the articles' dates:
// keys are days ("2022-03-04") or, with the insights fields, months
// ("2022-03"); "" is for articles without a date.
type ActorDays struct {
	Actor string
	// Mentions: articles mentioning the actor.
	Mentions map[string]int
	// Statements: statements whose speaker resolved to the actor.
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
	Actors []model.FacetCount
	// Sources are per-source article counts, most first.
	Sources []model.FacetCount
	// Pairs are the co-occurrences among the PairActors most mentioned
	// actors, most first.
	Pairs []Pair
	// Series are the timeline actors' counts, in Actors order.
	Series []ActorDays
}

// noDay is the day key of articles without a date.
const noDay = ""

// Stats computes the index's part of the insights of a query with bleve.
// With the insights fields on every article (see AddStatsMappings and
// fastStats): term dictionaries, and facets over the doc values of the
// matching articles or, when the query matches more than half of them, of
// the articles it does not match. Without them: a terms facet over the
// actors field for the mention counts; a count of (query AND actors:a AND
// actors:b) per pair of the top actors; per timeline actor, a terms facet
// over the date field's full-precision terms for the per-day mentions and
// the stored analysis of the articles with a statement by the actor (query
// AND speaker:actor), and only those.
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
	if !r.ReadStored && ix.fieldsCurrent(ctx) {
		wholeCorpus := r.Query == nil && r.Since.IsZero() && r.Until.IsZero()
		if st, err = ix.fastStats(ctx, r, base, wholeCorpus); err != nil {
			return nil, statsErr(ctx, err)
		}
		return st, nil
	}
	// Without the insights fields: facets, the date field and the stored
	// analyses.
	req := bleve.NewSearchRequestOptions(base, 0, 0, false)
	req.Score = "none"
	req.AddFacet("sources", bleve.NewFacetRequest(fSource, 30))
	req.AddFacet("actors", bleve.NewFacetRequest(fActors, max(r.ActorFacet, r.PairActors, r.Series)))
	sr, err := ix.bi.SearchInContext(ctx, req)
	if err != nil {
		return nil, statsErr(ctx, err)
	}
	st = &Stats{Docs: sr.Total, Sources: facetCounts(sr.Facets["sources"]), Actors: facetCounts(sr.Facets["actors"])}
	actors, pairActors := chosenActors(st, r)
	st.Series = make([]ActorDays, len(actors))
	pairs := make([][]Pair, len(pairActors))
	var pairMu sync.Mutex

	// The searches are independent: run them two at a time.
	var jobs []func() error
	for i, a := range actors {
		jobs = append(jobs, func() error {
			m, err := ix.dayCounts(ctx, bleve.NewConjunctionQuery(base, termQuery(fActors, a)))
			st.Series[i].Actor, st.Series[i].Mentions = a, m
			return err
		}, func() error {
			s, err := ix.statementDays(ctx, base, a)
			st.Series[i].Statements = s
			return err
		})
	}
	// Pairs: one count per pair of top actors, an intersection of two
	// posting lists (and the query): no doc values to read, unlike a
	// facet over each actor's articles.
	for i, a := range pairActors {
		for _, bb := range pairActors[i+1:] {
			jobs = append(jobs, func() error {
				q := bleve.NewConjunctionQuery(base, termQuery(fActors, a), termQuery(fActors, bb))
				req := bleve.NewSearchRequestOptions(q, 0, 0, false)
				req.Score = "none"
				sr, err := ix.bi.SearchInContext(ctx, req)
				if err != nil {
					return err
				}
				if sr.Total > 0 {
					pairMu.Lock()
					pairs[i] = append(pairs[i], Pair{A: min(a, bb), B: max(a, bb), Docs: int(sr.Total)})
					pairMu.Unlock()
				}
				return nil
			})
		}
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
	f := bleve.NewFacetRequest(fDate, statsMaxTerm)
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

// statementDays counts, per day, the statements whose speaker resolved to
// the actor, in the articles matching base (and speaker:actor).
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
			var sa storedAnalysis
			if err := json.Unmarshal([]byte(str(h.Fields[fAnalysis])), &sa); err != nil {
				return nil, corrupt(ix.path, fmt.Errorf("document %s: analysis: %v", h.ID, err))
			}
			n := 0
			for _, s := range sa.statements(h.ID, fromStoredQuotes(sa.Quotes), nil) {
				if s.Kind != model.StatementSpan && s.SpeakerActor == actor {
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

// chosenActors are the timeline's actors (r.Actors, else the top r.Series
// of st) and the actors whose pairs are counted (the top r.PairActors).
func chosenActors(st *Stats, r StatsRequest) (actors, pairActors []string) {
	actors = r.Actors
	if actors == nil {
		for _, a := range st.Actors[:min(r.Series, len(st.Actors))] {
			actors = append(actors, a.Value)
		}
	}
	for _, a := range st.Actors[:min(r.PairActors, len(st.Actors))] {
		pairActors = append(pairActors, a.Value)
	}
	return actors, pairActors
}
