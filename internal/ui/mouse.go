package ui

import (
	tea "charm.land/bubbletea/v2"
)

// onMouse hands mouse events over the reader to it (a click also focuses
// it); the rest of the screen ignores the mouse. Nothing happens under an
// overlay or while an input has the keyboard.
func (m *Model) onMouse(msg tea.MouseMsg) tea.Cmd {
	if m.preparing || m.showHelp || m.showTags || m.exporting || m.confirm != nil || m.lay.tooSmall || m.typingAnywhere() {
		return nil
	}
	mo := msg.Mouse()
	r := m.lay.reader
	if mo.X < r.x || mo.X >= r.x+r.w || mo.Y < r.y || mo.Y >= r.y+r.h {
		return nil
	}
	var cmd tea.Cmd
	if _, click := msg.(tea.MouseClickMsg); click {
		cmd = m.setFocus(paneReader)
	}
	return m.apply(cmd, m.reader.Mouse(msg, mo.X-r.x, mo.Y-r.y))
}

// typingAnywhere: a text input other than the search line has the
// keyboard (the mouse must not change what it edits).
func (m *Model) typingAnywhere() bool {
	return m.reader.Typing() || m.showTags && m.tagList.Typing()
}
