package ui

import (
	"context"
	"encoding/json"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/ui/common"
)

// uiState is what the TUI keeps between runs (in the workspace, written
// atomically by the application layer): the session and saved searches.
type uiState struct {
	Query  string        `json:"query"`
	Doc    string        `json:"doc,omitempty"`
	Cursor int           `json:"cursor,omitempty"` // the reader's cursor (code points)
	Saved  []savedSearch `json:"saved,omitempty"`
}

// savedSearch is a query saved under a name, with the number of matches
// when it was last run (what is new since is counted against it).
type savedSearch struct {
	Name      string    `json:"name"`
	Query     string    `json:"query"`
	LastRun   time.Time `json:"last_run"`
	LastTotal uint64    `json:"last_total"`
}

type stateMsg struct {
	state uiState
	err   error
}

// loadState reads the saved state off the UI goroutine.
func (m *Model) loadState() tea.Cmd {
	b, ctx := m.opts.Backend, m.ctx
	return func() tea.Msg {
		data, err := b.ReadUIState(ctx)
		if err != nil || len(data) == 0 {
			return stateMsg{err: err}
		}
		var st uiState
		if err := json.Unmarshal(data, &st); err != nil {
			return stateMsg{err: err}
		}
		return stateMsg{state: st}
	}
}

// onState restores the last session, unless the analyst has already
// started something (typed a query, opened an article).
func (m *Model) onState(msg stateMsg) tea.Cmd {
	if msg.err != nil {
		return m.status.Show("cannot read the saved session: "+msg.err.Error(), true)
	}
	st := msg.state
	m.saved = st.Saved
	if m.search.Value() != "" || m.reader.Doc() != nil || m.focus != paneSearch {
		return nil
	}
	var cmds []tea.Cmd
	if st.Query != "" {
		m.search.SetValue(st.Query)
		cmds = append(cmds, m.runSearch(st.Query))
	}
	if st.Doc != "" {
		cmds = append(cmds, m.openDoc(common.OpenDocMsg{ID: st.Doc, Cursor: st.Cursor, Focus: true}))
	}
	if len(cmds) > 0 {
		cmds = append(cmds, m.status.Show("restored the last session", false))
	}
	return tea.Batch(cmds...)
}

// state is the session now.
func (m *Model) state() uiState {
	st := uiState{Query: m.search.Value(), Saved: m.saved}
	if d := m.reader.Doc(); d != nil {
		st.Doc, st.Cursor = d.ID, max(0, m.reader.CursorOffset())
	}
	return st
}

// saveState writes the state (a command: the write is off the UI
// goroutine). Failures are shown, except when quitting.
func (m *Model) saveState(quiet bool) tea.Cmd {
	// Not cancelled by quitting: the state is written on the way out.
	b, ctx, st := m.opts.Backend, context.WithoutCancel(m.ctx), m.state()
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return m.status.Show("cannot save the session: "+err.Error(), true)
	}
	return func() tea.Msg {
		if err := b.WriteUIState(ctx, data); err != nil && !quiet {
			return common.StatusMsg{Text: "cannot save the session: " + err.Error(), Err: true}
		}
		return nil
	}
}
