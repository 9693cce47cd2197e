// Package gather computes insights.Data from the index and the tag store:
// the app layer's half of `workbench stats`, `workbench report` and the
// TUI's insights view. Everything is counted by bleve facets, term
// dictionaries and SQL aggregates (see index.Stats: without the index's
// insights fields, the statement counts read the stored analysis of the
// articles holding a timeline actor's statements). The timeline's
// statements are quotes and transcript turns, with the analysts' speaker
// corrections applied (see correct).
package gather

import (
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
)

// Extra is what a report's methods block needs beside Data.
type Extra struct {
	// Docs is the number of articles matching the query.
	Docs int
	// Sources are the sources of the matching articles, most first.
	Sources []string
	// Tags is the number of tags counted (the matrix total for
	// speaker/target; under ByActor a tag may count twice).
	Tags int
	// DocIDs are the tagged documents matching the query; nil when the
	// query is empty (every tag counts).
	DocIDs []string
}

// Compute builds the insights of q (nil: every article; the caller parses
// and resolves the user's query, opt.Query is only echoed). Tags count when
// their document matches q and the date bounds; with an empty query and no
// bounds every tag counts, also of documents no longer indexed.
func Compute(ctx context.Context, ix *index.Index, st *store.Store, q query.Query, opt insights.Options) (insights.Data, Extra, error) {
	var ex Extra
	if err := opt.Validate(); err != nil {
		return insights.Data{}, ex, err
	}
	// The tags, beside the index's counts: one query, grouped by document,
	// speaker, target, label and period; the documents the query matches
	// are kept below.
	type tagGroups struct {
		gs  []store.TagGroup
		err error
	}
	tagged := make(chan tagGroups, 1)
	go func() {
		f := store.TagStatsFilter{Label: opt.Label, Since: model.FormatDate(opt.Since), Until: model.FormatDate(opt.Until)}
		gs, err := st.TagGroups(ctx, opt.Interval, f)
		tagged <- tagGroups{gs, err}
	}()
	ist, err := ix.Stats(ctx, index.StatsRequest{Query: q, Since: opt.Since, Until: opt.Until, Actors: opt.Actors})
	tg := <-tagged
	if err != nil {
		return insights.Data{}, ex, err
	}
	if tg.err != nil {
		return insights.Data{}, ex, tg.err
	}
	groups := tg.gs
	ex.Docs = int(ist.Docs)
	for _, s := range ist.Sources {
		ex.Sources = append(ex.Sources, s.Value)
	}
	if q != nil {
		docs := make([]string, 0, len(groups))
		for _, g := range groups {
			docs = append(docs, g.DocID)
		}
		slices.Sort(docs)
		ex.DocIDs, err = ix.Matching(ctx, q, opt.Since, opt.Until, slices.Compact(docs))
		if err != nil {
			return insights.Data{}, ex, err
		}
		groups = store.KeepDocs(groups, ex.DocIDs)
	}
	d := insights.Data{Query: opt.Query}

	tc, err := store.CountGroups(groups, opt.By)
	if err != nil {
		return insights.Data{}, ex, err
	}
	cells := make([]insights.Cell, len(tc))
	for i, c := range tc {
		cells[i] = insights.Cell{Key: c.Key, Label: c.Label, N: c.N}
	}
	d.Matrix = insights.BuildMatrix(opt.By, opt.Codebook, cells)
	ex.Tags = d.Matrix.Total()

	var series []insights.Counts
	for _, s := range ist.Series {
		names := append([]string{s.Actor}, opt.ActorNames[s.Actor]...)
		tags := map[string]int{}
		for _, c := range store.PeriodGroups(groups, names) {
			tags[insights.PeriodOfDay(c.Key, opt.Interval)] += c.N
		}
		series = append(series, insights.Counts{
			Name:       s.Actor,
			Statements: insights.Buckets(s.Statements, opt.Interval),
			Mentions:   insights.Buckets(s.Mentions, opt.Interval),
			Tags:       tags,
		})
	}
	if err := correct(ctx, ix, st, q, opt, series); err != nil {
		return insights.Data{}, ex, err
	}
	d.Timeline = insights.BuildTimeline(opt.Interval, series)

	pairs := make([]insights.Pair, len(ist.Pairs))
	for i, p := range ist.Pairs {
		pairs[i] = insights.Pair{A: p.A, B: p.B, Docs: p.Docs}
	}
	d.Cooccurrence = insights.TopPairs(pairs, opt.Pairs)
	acts := map[string]int{}
	for _, a := range ist.Actors {
		acts[a.Value] = a.Count
	}
	d.Actors = insights.SortActors(acts)
	return d, ex, nil
}
