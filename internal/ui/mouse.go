package ui

import (
	tea "charm.land/bubbletea/v2"
)

// onMouse hands mouse events over the reader to it (a click also focuses
// it); the rest of the screen ignores the mouse. Nothing happens under an
// overlay or while an input has the keyboard.
func (m *Model) onMouse(msg tea.MouseMsg) tea.Cmd {
	if m.preparing || m.showHelp || m.overlay != overlayNone || m.showTags || m.exporting || m.confirm != nil || m.lay.tooSmall || m.typingAnywhere() {
		return nil
	}
	mo := msg.Mouse()
	in := func(r rect) bool { return mo.X >= r.x && mo.X < r.x+r.w && mo.Y >= r.y && mo.Y < r.y+r.h }
	if w, ok := msg.(tea.MouseWheelMsg); ok && !in(m.lay.reader) {
		// The wheel over a list moves its cursor.
		k := tea.KeyPressMsg{Code: tea.KeyDown}
		if w.Button == tea.MouseWheelUp {
			k.Code = tea.KeyUp
		}
		for _, p := range []struct {
			r    rect
			pane pane
		}{{m.lay.results, paneResults}, {m.lay.quotes, paneQuotes}, {m.lay.facets, paneFacets}} {
			if in(p.r) && (p.pane != paneResults || !m.lay.facetsInResults) {
				var cmd tea.Cmd
				for range 3 {
					cmd = tea.Batch(cmd, m.apply(m.component(p.pane).Update(k)))
				}
				return cmd
			}
		}
		return nil
	}
	r := m.lay.reader
	if !in(r) {
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
