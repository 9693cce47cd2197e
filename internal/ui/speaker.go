package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

// speakerMsg is the answer to a speaker correction.
type speakerMsg struct {
	docID, statementID string
	name               string
	err                error
}

// setSpeaker records the analyst's speaker for a statement (an empty name
// clears the correction), then opens the document again at the statement.
func (m *Model) setSpeaker(msg common.SetSpeakerMsg) tea.Cmd {
	b, ctx := m.opts.Backend, m.ctx
	in := model.SpeakerInput{StatementID: msg.StatementID, DocID: msg.DocID, Start: msg.Start, End: msg.End, Name: msg.Name}
	if in.StatementID != "" {
		in.DocID, in.Start, in.End = "", 0, 0
	}
	return func() tea.Msg {
		var c model.SpeakerCorrection
		var err error
		if msg.Name == "" {
			c, err = b.ClearSpeaker(ctx, in)
		} else {
			c, err = b.SetSpeaker(ctx, in)
		}
		return speakerMsg{docID: msg.DocID, statementID: msg.StatementID, name: c.Name, err: err}
	}
}

func (m *Model) onSpeaker(msg speakerMsg) tea.Cmd {
	if msg.err != nil {
		return m.status.Show("speaker not saved: "+msg.err.Error(), true)
	}
	note := "speaker cleared: nobody said it, says the analyst (u undoes)"
	if msg.name != "" {
		note = fmt.Sprintf("speaker set to %s (u undoes)", common.Clean(msg.name))
	}
	cmds := []tea.Cmd{m.openDoc(common.OpenDocMsg{ID: msg.docID, QuoteID: msg.statementID}), m.status.Show(note, false), m.refreshSpeakerFacets()}
	if m.quotes.All() {
		cmds = append(cmds, m.runQuotes(m.query))
	}
	return tea.Batch(cmds...)
}
