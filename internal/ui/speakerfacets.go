package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
)

// speakerFacetsMsg answers the speaker counts of a search.
type speakerFacetsMsg struct {
	seq    uint64
	counts []model.FacetCount
	err    error
}

// speakerCandidates is how many of the actor facet's actors are counted as
// speakers.
const speakerCandidates = 12

// runSpeakerFacets counts the current search's matches per speaker (the
// actors of the actor facet, and the speakers the analysts named), with the
// analysts' corrections, in the search's context.
func (m *Model) runSpeakerFacets(seq uint64, actors []model.FacetCount) tea.Cmd {
	ctx, s, pq := m.searchReq.ctx, m.opts.Backend, m.parsed
	if ctx == nil || pq == nil {
		return nil
	}
	ids := make([]string, 0, min(len(actors), speakerCandidates))
	for _, a := range actors[:min(len(actors), speakerCandidates)] {
		ids = append(ids, a.Value)
	}
	return func() tea.Msg {
		fc, err := s.SpeakerFacets(ctx, model.SearchRequest{Parsed: pq}, ids)
		return speakerFacetsMsg{seq: seq, counts: fc, err: err}
	}
}

func (m *Model) onSpeakerFacets(msg speakerFacetsMsg) {
	if !m.searchReq.current(msg.seq) || msg.err != nil {
		return // stale, cancelled, or the search already said what is wrong
	}
	m.facets.SetSpeakers(msg.counts)
}

// refreshSpeakerFacets counts the speakers of the current search again (a
// speaker correction, or its undo, moves them).
func (m *Model) refreshSpeakerFacets() tea.Cmd {
	if m.searchReq.ctx == nil {
		return nil
	}
	return m.runSpeakerFacets(m.searchReq.seq, m.facets.Actors())
}
