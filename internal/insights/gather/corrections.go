package gather

import (
	"context"
	"errors"
	"strings"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
)

// correct moves the timeline's statement counts to the speakers the
// analysts gave (the newest correction of a statement wins, as in
// `workbench statements`): a corrected quote or turn leaves the actor the
// analysis gave it and joins the actor its new speaker resolves to (none
// when cleared or not an actor). Only the corrected documents that match
// the query and the date bounds are read, one by one: corrections are few.
// Corrections at spans no quote or turn has add nothing (spans are not
// counted as statements); those whose statement left the index are kept in
// the store and counted nowhere.
func correct(ctx context.Context, ix *index.Index, st *store.Store, q query.Query, opt insights.Options, counts []insights.Counts) error {
	if len(counts) == 0 {
		return nil
	}
	cs, err := st.Speakers(ctx) // oldest first: the newest wins
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		return nil
	}
	newest := map[string]store.SpeakerCorrection{}
	byDoc := map[string][]string{}
	for _, c := range cs {
		id := model.StatementID(c.DocID, c.Start, c.End)
		if _, ok := newest[id]; !ok {
			byDoc[c.DocID] = append(byDoc[c.DocID], id)
		}
		newest[id] = c
	}
	docs := make([]string, 0, len(byDoc))
	for d := range byDoc {
		docs = append(docs, d)
	}
	if q != nil || !opt.Since.IsZero() || !opt.Until.IsZero() {
		if docs, err = ix.Matching(ctx, q, opt.Since, opt.Until, docs); err != nil {
			return err
		}
	}
	series := map[string]*insights.Counts{}
	for i := range counts {
		series[counts[i].Name] = &counts[i]
	}
	resolve := opt.SpeakerActor
	if resolve == nil {
		resolve = namesResolver(opt.ActorNames)
	}
	for _, id := range docs {
		d, err := ix.Get(ctx, id)
		if errors.Is(err, index.ErrNotFound) {
			continue // the document left the index: its corrections are orphans
		}
		if err != nil {
			return err
		}
		p := insights.Period(d.Date, opt.Interval)
		for _, s := range d.Analysis.Statements {
			if s.Kind == model.StatementSpan {
				continue
			}
			c, ok := newest[model.StatementID(id, s.Start, s.End)]
			if !ok {
				continue
			}
			to := ""
			if !c.Cleared && strings.TrimSpace(c.Name) != "" {
				to = resolve(c.Name)
			}
			if to == s.SpeakerActor {
				continue
			}
			if c := series[s.SpeakerActor]; c != nil && s.SpeakerActor != "" {
				c.Statements[p]--
			}
			if c := series[to]; c != nil && to != "" {
				c.Statements[p]++
			}
		}
	}
	return nil
}

// namesResolver resolves a speaker's name to the actor whose id, name or
// alias it is, ignoring case ("" when none).
func namesResolver(names map[string][]string) func(string) string {
	m := map[string]string{}
	for id, ns := range names {
		m[strings.ToLower(id)] = id
		for _, n := range ns {
			if _, ok := m[strings.ToLower(n)]; !ok {
				m[strings.ToLower(n)] = id
			}
		}
	}
	return func(name string) string { return m[strings.ToLower(strings.TrimSpace(name))] }
}
