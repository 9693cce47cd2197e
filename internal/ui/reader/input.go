package reader

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/ui/common"
)

func (m *Model) openInput(mode int) common.Intent {
	t, ok := m.selectedTag()
	if !ok {
		return common.StatusMsg{Text: "tag the selected quote first (1-9), then add a note or target", Err: false}
	}
	m.inputMode, m.inputTag = mode, t
	m.input.SetStyles(m.c.InputStyles())
	m.input.Reset()
	m.input.ShowSuggestions = false
	if mode == inputNote {
		m.input.Prompt = "note: "
		m.input.SetValue(t.Note)
	} else {
		m.input.Prompt = "target: "
		m.input.SetValue(t.Target)
		m.input.SetSuggestions(m.c.ActorNames())
		m.input.ShowSuggestions = true
	}
	m.input.CursorEnd()
	m.clampOffset()
	m.input.Focus() // real cursor: no blink command
	return nil
}

func (m *Model) closeInput() {
	m.inputMode = inputNone
	m.input.Blur()
}

func (m *Model) updateInput(msg tea.Msg) (tea.Cmd, common.Intent) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, m.c.Keys.Input.Cancel):
			m.closeInput()
			return nil, nil
		case key.Matches(k, m.c.Keys.Input.Save):
			mode, id, v := m.inputMode, m.inputTag.ID, strings.TrimSpace(m.input.Value())
			m.closeInput()
			if mode == inputNote {
				return nil, common.SetNoteMsg{TagID: id, Note: v}
			}
			return nil, common.SetTargetMsg{TagID: id, Target: v}
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd, nil
}
