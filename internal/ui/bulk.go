package ui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
	"github.com/workbench-dev/workbench/internal/ui/statements"
)

// markAsk is the count above which ctrl+a asks before marking.
const markAsk = 50

// confirmation is a yes/no question in the status line.
type confirmation struct {
	text string
	rows []statements.Row
}

// markAllMsg answers the read of every statement matching the query.
type markAllMsg struct {
	seq  uint64
	hits []model.StatementHit
	err  error
}

// markAll marks every statement of the panel: the article's shown, or
// every statement of the kind matching the query (read off the UI
// goroutine).
func (m *Model) markAll(msg common.MarkAllMsg) tea.Cmd {
	if !msg.All {
		return m.askMark(m.quotes.Taggable(), "of the article")
	}
	ctx, seq := m.quoteReq.next(m.ctx)
	b, q := m.opts.Backend, m.query
	return tea.Batch(m.status.Show("reading every statement matching the query…", false), func() tea.Msg {
		res, err := b.Statements(ctx, model.StatementRequest{Query: q, Kind: msg.Kind, Limit: maxLoad})
		if err != nil {
			return markAllMsg{seq: seq, err: err}
		}
		return markAllMsg{seq: seq, hits: res.Hits}
	})
}

func (m *Model) onMarkAll(msg markAllMsg) tea.Cmd {
	if !m.quoteReq.current(msg.seq) || canceled(msg.err) {
		return nil
	}
	if msg.err != nil {
		return m.status.Show("cannot read the statements: "+msg.err.Error(), true)
	}
	return m.askMark(statements.RowsOf(msg.hits), "matching the query")
}

// askMark marks rows at once, or asks first when there are many.
func (m *Model) askMark(rows []statements.Row, which string) tea.Cmd {
	if len(rows) == 0 {
		return m.status.Show("no statements to mark", false)
	}
	if len(rows) > m.markAsk {
		m.confirm = &confirmation{text: fmt.Sprintf("mark all %d statements %s?", len(rows), which), rows: rows}
		return nil
	}
	m.quotes.Mark(rows)
	return m.status.Show(fmt.Sprintf("marked %d statements: 1-9 tags them all", len(rows)), false)
}

// confirmKey answers the question in the status line; other keys wait.
func (m *Model) confirmKey(k tea.KeyPressMsg) tea.Cmd {
	c := m.c.Keys.Confirm
	switch {
	case key.Matches(k, c.Yes):
		rows := m.confirm.rows
		m.confirm = nil
		m.quotes.Mark(rows)
		return m.status.Show(fmt.Sprintf("marked %d statements: 1-9 tags them all", len(rows)), false)
	case key.Matches(k, c.No):
		m.confirm = nil
		return m.status.Show("nothing marked", false)
	}
	return nil
}

// bulkTag adds a label to every marked statement in one transaction, one undo
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
		note := fmt.Sprintf("tagged %d statements %q in one step (u undoes)", added, msg.Label)
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
