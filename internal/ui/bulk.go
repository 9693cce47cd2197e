package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
	"github.com/workbench-dev/workbench/internal/ui/quotes"
)

// markAsk is the count above which ctrl+a asks before marking.
const markAsk = 50

// confirmation is a yes/no question in the status line.
type confirmation struct {
	text string
	rows []quotes.Row
}

// markAllMsg answers the read of every quote matching the query.
type markAllMsg struct {
	seq    uint64
	quotes []model.QuoteHit
	err    error
}

// markAll marks every quote of the panel: the article's, or every quote
// matching the query (read off the UI goroutine).
func (m *Model) markAll(msg common.MarkAllMsg) tea.Cmd {
	if !msg.All {
		return m.askMark(m.quotes.Rows(), "of the article")
	}
	ctx, seq := m.quoteReq.next(m.ctx)
	b, q := m.opts.Backend, m.query
	return tea.Batch(m.status.Show("reading every quote matching the query…", false), func() tea.Msg {
		res, err := b.Quotes(ctx, model.QuoteRequest{Query: q, Limit: maxLoad})
		if err != nil {
			return markAllMsg{seq: seq, err: err}
		}
		return markAllMsg{seq: seq, quotes: res.Hits}
	})
}

func (m *Model) onMarkAll(msg markAllMsg) tea.Cmd {
	if !m.quoteReq.current(msg.seq) || canceled(msg.err) {
		return nil
	}
	if msg.err != nil {
		return m.status.Show("cannot read the quotes: "+msg.err.Error(), true)
	}
	return m.askMark(quotes.RowsOf(msg.quotes), "matching the query")
}

// askMark marks rows at once, or asks first when there are many.
func (m *Model) askMark(rows []quotes.Row, which string) tea.Cmd {
	if len(rows) == 0 {
		return m.status.Show("no quotes to mark", false)
	}
	if len(rows) > m.markAsk {
		m.confirm = &confirmation{text: fmt.Sprintf("mark all %d quotes %s?", len(rows), which), rows: rows}
		return nil
	}
	m.quotes.Mark(rows)
	return m.status.Show(fmt.Sprintf("marked %d quotes: 1-9 tags them all", len(rows)), false)
}

// confirmKey answers the question in the status line; other keys wait.
func (m *Model) confirmKey(k tea.KeyPressMsg) tea.Cmd {
	c := m.c.Keys.Confirm
	switch {
	case key.Matches(k, c.Yes):
		rows := m.confirm.rows
		m.confirm = nil
		m.quotes.Mark(rows)
		return m.status.Show(fmt.Sprintf("marked %d quotes: 1-9 tags them all", len(rows)), false)
	case key.Matches(k, c.No):
		m.confirm = nil
		return m.status.Show("nothing marked", false)
	}
	return nil
}

// bulkTag adds a label to every marked quote in one transaction, one undo
// step.
func (m *Model) bulkTag(msg common.BulkTagMsg) tea.Cmd {
	b, ctx, docID := m.opts.Backend, m.ctx, m.openID()
	ins := msg.Inputs
	m.quotes.ClearMarks()
	return func() tea.Msg {
		added, skipped, err := b.TagBatch(ctx, ins)
		if err != nil {
			return tagsMsg{docID: docID, err: fmt.Errorf("tags not saved: %w", err)}
		}
		note := fmt.Sprintf("tagged %d quotes %q in one step (u undoes)", added, msg.Label)
		if skipped > 0 {
			note += fmt.Sprintf("; %d already had it", skipped)
		}
		if docID == "" {
			return tagsMsg{note: note}
		}
		return reload(ctx, b, docID, note)
	}
}

// confirmLine is the question in the status line.
func (m *Model) confirmLine() string {
	s, c := m.c.Styles, m.c.Keys.Confirm
	return common.Line(s.Bold.Render(" "+m.confirm.text)+"  "+s.HelpKey.Render(c.Yes.Help().Key)+" "+s.HelpDesc.Render("yes")+"  "+s.HelpKey.Render(c.No.Help().Key)+" "+s.HelpDesc.Render("no"), m.w)
}
