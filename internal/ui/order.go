package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
)

// The orders O cycles through.
const (
	orderRelevance = iota
	orderNewest
	orderOldest
	orderCount
)

func orderName(o int) string {
	return [orderCount]string{"relevance", "newest first", "oldest first"}[o]
}

// finder is the search for the current order (called off the UI
// goroutine).
func (m *Model) finder() func(context.Context, model.SearchRequest) (*model.SearchResult, error) {
	b, order := m.opts.Backend, m.order
	return func(ctx context.Context, r model.SearchRequest) (*model.SearchResult, error) {
		if order == orderRelevance {
			return b.Search(ctx, r)
		}
		r.Fragments = true
		return b.SearchByDate(ctx, r, order == orderNewest)
	}
}

// cycleOrder switches relevance -> newest -> oldest and searches again.
func (m *Model) cycleOrder() tea.Cmd {
	m.order = (m.order + 1) % orderCount
	label := ""
	if m.order != orderRelevance {
		label = orderName(m.order)
	}
	m.results.SetOrder(label)
	return tea.Batch(m.runSearch(m.search.Value()), m.status.Show("order: "+orderName(m.order), false))
}
