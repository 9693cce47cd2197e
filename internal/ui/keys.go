package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	data "github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

// onKey handles global keys, modal states (help, export chooser, typing)
// and hands everything else to the focused component.
func (m *Model) onKey(k tea.KeyPressMsg) tea.Cmd {
	g := m.c.Keys.Global
	switch {
	case key.Matches(k, g.ForceQuit):
		return m.quit()
	case m.preparing:
		if key.Matches(k, g.Quit) {
			return m.quit()
		}
		return nil
	case m.showHelp:
		return m.helpKey(k)
	case m.overlay != overlayNone:
		return m.overlayKey(k)
	case m.exporting:
		return m.exportKey(k)
	case m.confirm != nil:
		return m.confirmKey(k)
	case m.sv.naming:
		return m.nameKey(k)
	case m.sv.open:
		return m.savedKey(k)
	case m.showTags:
		return m.tagsKey(k)
	case m.focus == paneSearch:
		return m.searchKey(k)
	case m.reader.Typing():
		return m.apply(m.reader.Update(k))
	}
	switch {
	case key.Matches(k, g.Quit):
		return m.quit()
	case key.Matches(k, g.Help):
		m.showHelp = true
		return m.help.Focus()
	case key.Matches(k, g.Search):
		return m.setFocus(paneSearch)
	case key.Matches(k, g.NextPane):
		return m.cycle(1)
	case key.Matches(k, g.PrevPane):
		return m.cycle(-1)
	case key.Matches(k, g.Export):
		m.exporting = true
		return nil
	case key.Matches(k, g.Tags):
		return m.openTags()
	case key.Matches(k, g.Saved):
		return m.openSaved()
	case key.Matches(k, g.Order):
		return m.cycleOrder()
	case key.Matches(k, g.Insights):
		return m.openInsights(data.Options{})
	case key.Matches(k, g.Adjudicate):
		return m.openQueue()
	case key.Matches(k, g.Undo):
		return m.undo(false)
	case key.Matches(k, g.Redo):
		return m.undo(true)
	}
	cmd := m.apply(m.component(m.focus).Update(k))
	if m.focus == paneReader {
		m.quotes.SetCurrent(m.reader.SelectedQuoteID())
	}
	return cmd
}

// apply runs a pane's command and applies its intent (open this article,
// filter by this facet, tag this span, show this status) at once, in the
// same Update, so that it stays in order with the next key.
func (m *Model) apply(cmd tea.Cmd, in common.Intent) tea.Cmd {
	if in == nil {
		return cmd
	}
	_, next := m.Update(in)
	return tea.Batch(cmd, next)
}

func (m *Model) searchKey(k tea.KeyPressMsg) tea.Cmd {
	s := m.c.Keys.Search
	switch {
	case m.search.Value() == "" && key.Matches(k, m.c.Keys.Global.Help):
		// "?" alone is no query: on an empty line it opens the help.
		m.showHelp = true
		return m.help.Focus()
	case key.Matches(k, s.Save):
		return m.startNaming()
	case key.Matches(k, s.Leave), key.Matches(k, s.Submit):
		return m.setFocus(paneResults)
	case key.Matches(k, m.c.Keys.Global.NextPane):
		return m.cycle(1)
	case key.Matches(k, m.c.Keys.Global.PrevPane):
		return m.cycle(-1)
	}
	return m.editQuery(k)
}

// editQuery hands a key or a paste to the search line and, when the query
// changed, starts its search in the same Update, so searches start in the
// order of the edits.
func (m *Model) editQuery(msg tea.Msg) tea.Cmd {
	before := m.search.Value()
	cmd, _ := m.search.Update(msg)
	if after := m.search.Value(); after != before {
		return tea.Batch(cmd, m.runSearch(after))
	}
	return cmd
}

func (m *Model) helpKey(k tea.KeyPressMsg) tea.Cmd {
	g := m.c.Keys.Global
	switch {
	case key.Matches(k, g.Help), key.Matches(k, m.c.Keys.Search.Leave):
		m.showHelp = false
		return nil
	case key.Matches(k, g.Quit):
		return m.quit()
	}
	return m.apply(m.help.Update(k))
}

func (m *Model) exportKey(k tea.KeyPressMsg) tea.Cmd {
	e := m.c.Keys.Export
	format := ""
	switch {
	case key.Matches(k, e.CSV):
		format = "csv"
	case key.Matches(k, e.JSONL):
		format = "jsonl"
	case key.Matches(k, e.MD):
		format = "md"
	case key.Matches(k, e.Cancel):
		m.exporting = false
		return nil
	default:
		return nil
	}
	m.exporting = false
	return m.export(format)
}

func (m *Model) onPaste(p tea.PasteMsg) tea.Cmd {
	switch {
	case m.focus == paneSearch:
		return m.editQuery(p)
	case m.sv.naming:
		return m.nameKey(p)
	case m.showTags && m.tagList.Typing():
		return m.apply(m.tagList.Update(p))
	case m.reader.Typing():
		return m.apply(m.reader.Update(p))
	}
	return nil
}

// ShortHelp is the key hints of the focused pane, for the status bar.
func (m *Model) ShortHelp() []key.Binding {
	g := m.c.Keys.Global
	if m.showHelp {
		return m.help.ShortHelp()
	}
	if m.showTags {
		return m.tagList.ShortHelp()
	}
	if m.sv.naming {
		return []key.Binding{m.c.Keys.Input.Save, m.c.Keys.Input.Cancel}
	}
	if m.sv.open {
		sk := m.c.Keys.Saved
		return []key.Binding{sk.Run, sk.Delete, sk.Close}
	}
	own := m.component(m.focus).ShortHelp()
	if m.typing() {
		return own
	}
	return append(own, g.Help, g.Quit)
}
