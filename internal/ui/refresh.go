package ui

import (
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// New documents another process indexes: about once a second a command
// asks the backend whether a writer committed a new generation of the
// index (a read of one small file); when one did, the backend has already
// switched to it, and the TUI reruns its search, counts again and says how
// many documents are new. The UI goroutine never waits on it.

// refreshEvery is how often the TUI asks.
const refreshEvery = time.Second

type refreshMsg struct {
	change  model.IndexChange
	err     error
	notices []string // the workspace's notices, read with the change
}

// pollIndex asks after refreshEvery.
func (m *Model) pollIndex() tea.Cmd {
	ask := m.refreshIndex()
	return tea.Tick(refreshEvery, func(time.Time) tea.Msg { return ask() })
}

// refreshIndex asks now.
func (m *Model) refreshIndex() tea.Cmd {
	b, ctx := m.opts.Backend, m.ctx
	return func() tea.Msg {
		ch, err := b.RefreshIndex(ctx)
		return refreshMsg{change: ch, err: err, notices: b.Notices()}
	}
}

// onRefresh reruns the search on a new generation and asks again later.
// A failed refresh keeps the index in use, quietly: the next one retries.
func (m *Model) onRefresh(msg refreshMsg) tea.Cmd {
	if m.quitting || m.ctx.Err() != nil {
		return nil
	}
	var cmds []tea.Cmd
	if m.opts.Live {
		cmds = append(cmds, m.pollIndex())
	}
	if msg.err != nil || !msg.change.Changed {
		if note := m.newNotice(msg.notices); note != "" {
			cmds = append(cmds, m.status.Show(note, false))
		}
		return tea.Batch(cmds...)
	}
	var note string
	switch n := msg.change.Added; {
	case n == 1:
		note = "1 new document"
	case n > 0:
		note = fmt.Sprintf("%d new documents", n)
	default:
		note = fmt.Sprintf("index rebuilt: %d documents", msg.change.Count)
	}
	m.status.SetDocs(msg.change.Count)
	cmds = append(cmds, m.status.Show(note, false), m.runSearch(m.search.Value()), m.count())
	return tea.Batch(cmds...)
}

// newNotice is the first workspace notice not shown yet ("" when none
// is new), marked shown; the others follow on the next polls, one a
// second. A notice may name a path: it is cleaned for the terminal.
func (m *Model) newNotice(notices []string) string {
	for _, n := range notices {
		if m.noticed[n] {
			continue
		}
		if m.noticed == nil {
			m.noticed = map[string]bool{}
		}
		m.noticed[n] = true
		return "note: " + textsafe.CleanLine(n)
	}
	return ""
}
