package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/agree"
	data "github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/adjudicate"
	uiinsights "github.com/workbench-dev/workbench/internal/ui/insights"
)

// The full-screen views over the panes: the insights (i) and the
// adjudication queue (D). Each computes off the UI goroutine, with a
// request record so that a late answer is dropped.

type overlay int

const (
	overlayNone overlay = iota
	overlayInsights
	overlayAdjudicate
)

// Messages of the views' requests.
type (
	insightsMsg struct {
		seq  uint64
		data data.Data
		err  error
	}
	queueMsg struct {
		seq   uint64
		queue *agree.Queue
		err   error
	}
	adjudicatedMsg struct {
		label string
		on    bool
		err   error
	}
)

// openInsights shows the insights of the current query and computes them.
func (m *Model) openInsights(o data.Options) tea.Cmd {
	if m.insights == nil {
		m.insights = uiinsights.New(m.c.Styles)
	}
	m.overlay = overlayInsights
	m.insightOpts = o
	m.insights.SetStyles(m.c.Styles)
	m.insights.SetSize(m.lay.main.w, m.lay.main.h)
	m.insights.SetLoading()
	ctx, seq := m.insightReq.next(m.ctx)
	b, q := m.opts.Backend, strings.TrimSpace(m.query)
	return func() tea.Msg {
		d, err := b.InsightsData(ctx, q, o)
		return insightsMsg{seq: seq, data: d, err: err}
	}
}

func (m *Model) onInsights(msg insightsMsg) tea.Cmd {
	if !m.insightReq.current(msg.seq) || canceled(msg.err) || m.insights == nil {
		return nil
	}
	return m.insights.Update(uiinsights.DataMsg{Data: msg.data, Err: msg.err})
}

// openQueue shows the disagreements and loads them.
func (m *Model) openQueue() tea.Cmd {
	if m.adjud == nil {
		m.adjud = adjudicate.New(m.c.Labels, m.dark, m.opts.NoColor)
	}
	m.overlay = overlayAdjudicate
	m.adjud.SetSize(m.lay.main.w, m.lay.main.h)
	return m.loadQueue()
}

func (m *Model) loadQueue() tea.Cmd {
	ctx, seq := m.queueReq.next(m.ctx)
	b := m.opts.Backend
	return func() tea.Msg {
		q, err := b.AdjudicationQueue(ctx)
		return queueMsg{seq: seq, queue: q, err: err}
	}
}

func (m *Model) onQueue(msg queueMsg) tea.Cmd {
	if !m.queueReq.current(msg.seq) || canceled(msg.err) || m.adjud == nil {
		return nil
	}
	if msg.err != nil {
		return m.status.Show("disagreements: "+msg.err.Error(), true)
	}
	m.adjud.SetQueue(msg.queue)
	return nil
}

func (m *Model) adjudicate(msg adjudicate.AdjudicateMsg) tea.Cmd {
	b, ctx := m.opts.Backend, m.ctx
	in := model.TagInput{QuoteID: msg.UnitID, DocID: msg.DocID, Start: msg.Start, End: msg.End, Label: msg.Label}
	return func() tea.Msg {
		on, err := b.Adjudicate(ctx, in, msg.Adjudicator)
		return adjudicatedMsg{label: msg.Label, on: on, err: err}
	}
}

func (m *Model) onAdjudicated(msg adjudicatedMsg) tea.Cmd {
	if msg.err != nil {
		return tea.Batch(m.status.Show("not saved: "+msg.err.Error(), true), m.loadQueue())
	}
	note := "adjudicated: " + msg.label
	if !msg.on {
		note = "adjudication of " + msg.label + " taken back"
	}
	return tea.Batch(m.status.Show(note, false), m.loadQueue())
}

// overlayKey routes a key to the open view.
func (m *Model) overlayKey(k tea.KeyPressMsg) tea.Cmd {
	switch m.overlay {
	case overlayInsights:
		return m.insights.Update(k)
	case overlayAdjudicate:
		return m.adjud.Update(k)
	}
	return nil
}

// onViewIntent applies what a view asks for.
func (m *Model) onViewIntent(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case uiinsights.RunQueryMsg:
		m.overlay = overlayNone
		m.search.SetValue(msg.Query + " ")
		return tea.Batch(m.runSearch(m.search.Value()), m.setFocus(paneResults), m.status.Show("query: "+msg.Query, false))
	case uiinsights.RecomputeMsg:
		o := m.insightOpts
		o.By, o.Interval, o.Actors = msg.By, msg.Interval, msg.Actors
		return m.openInsights(o)
	case uiinsights.CloseMsg, adjudicate.CloseMsg:
		m.overlay = overlayNone
		m.relayout()
		return nil
	case adjudicate.AdjudicateMsg:
		return m.adjudicate(msg)
	}
	return nil
}

// overlayView draws the open view in the main area ("" when none).
func (m *Model) overlayView() string {
	switch m.overlay {
	case overlayInsights:
		m.insights.SetSize(m.lay.main.w, m.lay.main.h)
		return m.insights.View()
	case overlayAdjudicate:
		m.adjud.SetSize(m.lay.main.w, m.lay.main.h)
		return m.adjud.View()
	}
	return ""
}
