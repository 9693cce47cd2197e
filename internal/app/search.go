package app

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
)

// Search runs a query. A query that cannot run is a *model.QueryError.
func (a *App) Search(ctx context.Context, r model.SearchRequest) (*model.SearchResult, error) {
	pq, err := a.parsed(ctx, r.Query, r.Parsed, ParseOptions{AsYouType: r.AsYouType, Any: r.Any})
	if err != nil {
		return nil, err
	}
	ix, release, err := a.acquireIndex()
	defer release()
	if err != nil {
		return nil, err
	}
	docs, notDocs, err := a.labelDocs(ctx, pq)
	if err != nil {
		return nil, err
	}
	spkDocs, err := a.speakerDocs(ctx, pq)
	if err != nil {
		return nil, err
	}
	budget, limit := r.Budget, time.Duration(0)
	if budget <= 0 && r.FirstAnswer {
		if budget = ix.FirstAnswerBudget(); budget > 0 {
			limit = index.DefaultFirstAnswerTime
		}
	}
	return ix.Search(ctx, index.Request{Query: pq, Limit: r.Limit, Offset: r.Offset, DocFilter: docs, NotDocs: notDocs,
		Facets: r.Facets, Fragments: r.Fragments, MaxFragments: r.MaxFragments, SpeakerDocs: spkDocs, Budget: budget, BudgetTime: limit})
}

func (a *App) parsed(ctx context.Context, raw string, p *model.Query, o ParseOptions) (model.Query, error) {
	if p != nil {
		return *p, nil
	}
	return a.Parse(ctx, raw, o)
}

// labelDocs resolves #label to the documents holding statements tagged
// with every label (nil when the query has none), and -#label to the
// documents to leave out.
func (a *App) labelDocs(ctx context.Context, pq model.Query) (docs, notDocs []string, err error) {
	if len(pq.Labels)+len(pq.NotLabels)+len(pq.Targets)+len(pq.NotTargets) == 0 {
		return nil, nil, nil
	}
	byLabel := func(string) ([]string, error) { return []string{}, nil }
	byTarget := byLabel
	if a.hasStore() {
		st, err := a.Store()
		if err != nil {
			return nil, nil, err
		}
		byLabel = func(l string) ([]string, error) { return st.DocsWithLabel(ctx, l) }
		byTarget = func(t string) ([]string, error) { return a.docsWithTarget(ctx, t) }
	}
	var must, not [][]string
	for _, c := range []struct {
		values []string
		get    func(string) ([]string, error)
		into   *[][]string
	}{{pq.Labels, byLabel, &must}, {pq.Targets, byTarget, &must}, {pq.NotLabels, byLabel, &not}, {pq.NotTargets, byTarget, &not}} {
		for _, v := range c.values {
			ids, err := c.get(v)
			if err != nil {
				return nil, nil, err
			}
			*c.into = append(*c.into, ids)
		}
	}
	if len(must) > 0 {
		docs = intersect(must)
	}
	return docs, union(not), nil
}

// docsWithTarget lists the documents holding statements tagged with this
// target (any case).
func (a *App) docsWithTarget(ctx context.Context, target string) ([]string, error) {
	tags, err := a.Tags(ctx, TagFilter{})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	out := []string{}
	for _, t := range tags {
		if strings.EqualFold(t.Target, target) && !seen[t.DocID] {
			seen[t.DocID] = true
			out = append(out, t.DocID)
		}
	}
	return out, nil
}

// intersect is the ids in every list, sorted; never nil.
func intersect(lists [][]string) []string {
	out := []string{}
	if len(lists) == 0 {
		return out
	}
	count := map[string]int{}
	for _, l := range lists {
		seen := map[string]bool{}
		for _, id := range l {
			if !seen[id] {
				seen[id] = true
				count[id]++
			}
		}
	}
	for id, n := range count {
		if n == len(lists) {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// union is the ids in any list, sorted.
func union(lists [][]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, l := range lists {
		for _, id := range l {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Doc loads one article with its analysis.
func (a *App) Doc(ctx context.Context, id string) (*model.Doc, error) {
	ix, release, err := a.acquireIndex()
	defer release()
	if err != nil {
		return nil, err
	}
	d, err := ix.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	doc := &model.Doc{Article: d.Article, Analysis: d.Analysis}
	// The speakers as the analysts see them: their corrections win.
	if v, err := a.analystView(ctx, id); err == nil && (len(v.overrides) > 0 || len(v.extra[id]) > 0) {
		sts := index.MergeStatements(d.Analysis.Statements, v.extra[id], []rune(d.Body), v.overrides)
		byID := map[string]string{}
		for _, st := range sts {
			byID[st.ID] = st.Speaker
		}
		qs := make([]model.Quote, len(doc.Analysis.Quotes))
		for i, q := range doc.Analysis.Quotes {
			if sp, ok := byID[q.ID]; ok {
				q.Speaker = sp
			}
			qs[i] = q
		}
		doc.Analysis.Quotes, doc.Analysis.Statements = qs, sts
	}
	return doc, nil
}

// MarkTerms returns the code-point spans of the words of text that a
// result's terms match: the one highlighter of the reader, the hits and the
// fragments.
func (a *App) MarkTerms(text string, terms []string) ([]model.Span, error) {
	if len(terms) == 0 {
		return nil, nil
	}
	ix, release, err := a.acquireIndex()
	defer release()
	if err != nil {
		return nil, err
	}
	return ix.MarkTerms(text, terms), nil
}

// Quotes lists the quotes matching a query, newest first. The query's text
// searches the quote text; @actor keeps quotes mentioning the actor;
// speaker: a speaker's quotes; #label the quotes tagged with it. Typed as
// you type, the listing stops when the page is full (the total is then an
// estimate); otherwise it is complete and the total exact.
func (a *App) Quotes(ctx context.Context, r model.QuoteRequest) (*model.QuoteResult, error) {
	pq, err := a.parsed(ctx, r.Query, r.Parsed, ParseOptions{AsYouType: r.AsYouType})
	if err != nil {
		return nil, err
	}
	if err := a.addFlagFilters(&pq, r.Actor, r.Speaker); err != nil {
		return nil, err
	}
	ix, release, err := a.acquireIndex()
	defer release()
	if err != nil {
		return nil, err
	}
	req := index.QuoteRequest{Query: pq, Limit: r.Limit, Offset: r.Offset, Exact: !pq.AsYouType}
	if len(pq.Labels)+len(pq.NotLabels) > 0 {
		if req.QuoteFilter, req.NotQuotes, err = a.labelQuotes(ctx, pq); err != nil {
			return nil, err
		}
	}
	return ix.Quotes(ctx, req)
}

// labelQuotes resolves #label to the quotes tagged with every label, and
// -#label to the quotes to leave out.
func (a *App) labelQuotes(ctx context.Context, pq model.Query) (ids, notIDs []string, err error) {
	get := func(string) ([]string, error) { return []string{}, nil }
	if a.hasStore() {
		st, err := a.Store()
		if err != nil {
			return nil, nil, err
		}
		get = func(l string) ([]string, error) { return st.QuotesWithLabel(ctx, l) }
	}
	return splitByLabels(pq, get)
}

// splitByLabels resolves #label and -#label with get: the ids holding
// every label of the query (nil when it has none), and the ids holding any
// excluded one.
func splitByLabels(pq model.Query, get func(label string) ([]string, error)) (ids, notIDs []string, err error) {
	var must, not [][]string
	for _, c := range []struct {
		labels []string
		into   *[][]string
	}{{pq.Labels, &must}, {pq.NotLabels, &not}} {
		for _, l := range c.labels {
			x, err := get(l)
			if err != nil {
				return nil, nil, err
			}
			*c.into = append(*c.into, x)
		}
	}
	if len(pq.Labels) > 0 {
		ids = intersect(must)
	}
	return ids, union(not), nil
}

// addFlagFilters adds the CLI's --actor and --speaker to a parsed query, as
// @actor and speaker: ("" adds nothing).
func (a *App) addFlagFilters(pq *model.Query, actor, speaker string) error {
	if actor != "" {
		ids, err := a.resolveActor(actor, false)
		if err != nil {
			return err
		}
		pq.Actors = append(pq.Actors, ids[0])
	}
	if speaker != "" {
		key, err := a.resolveSpeaker(speaker, false)
		if err != nil {
			return err
		}
		pq.Speakers = append(pq.Speakers, key)
	}
	return nil
}
