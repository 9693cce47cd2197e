package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

// datesMsg answers a count of matches per year (year 0) or per month.
type datesMsg struct {
	seq    uint64
	year   int
	counts []model.FacetCount
	err    error
}

// runDates counts the current query's matches over time, after the hits
// (like the facets, it costs time in proportion to the matches).
func (m *Model) runDates(seq uint64, year int) tea.Cmd {
	ctx, b, pq := m.searchReq.ctx, m.opts.Backend, m.parsed
	if ctx == nil || pq == nil {
		return nil
	}
	req := model.SearchRequest{Parsed: pq}
	return func() tea.Msg {
		counts, err := b.DateCounts(ctx, req, year)
		return datesMsg{seq: seq, year: year, counts: counts, err: err}
	}
}

func (m *Model) onDates(msg datesMsg) {
	if !m.searchReq.current(msg.seq) || msg.err != nil {
		return
	}
	if msg.year > 0 {
		m.facets.SetMonths(msg.year, msg.counts)
		return
	}
	m.facets.SetYears(msg.counts)
	m.results.SetHistogram(msg.counts)
	m.relayout()
}

// drill shows the months of a year in the facets pane (or the years
// again).
func (m *Model) drill(d common.DrillMsg) tea.Cmd {
	if d.Year == 0 {
		m.facets.SetMonths(0, nil)
		return nil
	}
	return m.runDates(m.searchReq.seq, d.Year)
}
