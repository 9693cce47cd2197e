package app

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
)

// MaxSpeakerFacets is the most speakers SpeakerFacets lists.
const MaxSpeakerFacets = 10

// SpeakerFacets counts, per speaker, the documents matching the query in
// which that speaker says something as the analysts see it: what
// `speaker:NAME` added to the query finds, so a document where an analyst
// made the speaker say a statement counts as speaker: finds it. The
// speakers counted are the actors given (by id: the actor facet's, say) and
// every speaker an analyst named in a correction. The values are the
// speakers' names (the registry's when resolved, else as the analyst wrote
// them); most documents first, then by name; none with no document; at most
// MaxSpeakerFacets.
func (a *App) SpeakerFacets(ctx context.Context, r model.SearchRequest, actorIDs []string) ([]model.FacetCount, error) {
	pq, err := a.parsed(ctx, r.Query, r.Parsed, ParseOptions{AsYouType: r.AsYouType, Any: r.Any})
	if err != nil {
		return nil, err
	}
	type speaker struct{ key, name string }
	var cands []speaker
	seen := map[string]bool{}
	add := func(key, name string) {
		if key != "" && name != "" && !seen[key] {
			seen[key] = true
			cands = append(cands, speaker{key, name})
		}
	}
	for _, id := range actorIDs {
		if act, ok := a.reg.Lookup(id); ok {
			add(act.ID, act.Name)
		}
	}
	v, err := a.analystView(ctx, "")
	if err != nil {
		return nil, err
	}
	var named []speaker
	for _, o := range v.overrides {
		if o.Speaker == "" {
			continue // cleared
		}
		key := o.SpeakerActor
		if key == "" {
			key = strings.ToLower(strings.TrimSpace(o.Speaker))
		}
		named = append(named, speaker{key, o.Speaker})
	}
	sort.Slice(named, func(i, j int) bool { return named[i].key < named[j].key })
	for _, s := range named {
		add(s.key, s.name)
	}
	ix, err := a.Index()
	if err != nil {
		return nil, err
	}
	docs, notDocs, err := a.labelDocs(ctx, pq)
	if err != nil {
		return nil, err
	}
	out := []model.FacetCount{}
	for _, c := range cands {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		q := pq
		q.Speakers = append(slices.Clone(pq.Speakers), c.key)
		res, err := ix.Search(ctx, index.Request{Query: q, Limit: 1, DocFilter: docs, NotDocs: notDocs, SpeakerDocs: v.speakerDocs(q)})
		if err != nil {
			return nil, err
		}
		if res.Total > 0 {
			out = append(out, model.FacetCount{Value: c.name, Count: int(res.Total)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Value < out[j].Value
	})
	if len(out) > MaxSpeakerFacets {
		out = out[:MaxSpeakerFacets]
	}
	return out, nil
}
