// Package searchline is the query input at the top of the workbench. The
// root model runs a search after every edit.
package searchline

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/ui/common"
)

// Model is the search line.
type Model struct {
	c     *common.Common
	input textinput.Model
	err   string
	w     int
}

// New returns a search line.
func New(c *common.Common) *Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "search: words, \"phrases\", @actor, #label, speaker:name"
	in.CharLimit = 500
	in.SetVirtualCursor(false)
	m := &Model{c: c, input: in}
	m.applyStyles()
	return m
}

func (m *Model) applyStyles() {
	s := m.c.InputStyles()
	m.input.SetStyles(s)
}

// SetStyles re-applies the styles after a theme change.
func (m *Model) SetStyles() { m.applyStyles() }

// SetSize sets the width (the search line is one or two rows).
func (m *Model) SetSize(w, _ int) {
	m.w = w
	m.input.SetWidth(max(1, w-4))
}

// Focus focuses the input. The real terminal cursor is used, so the input's
// blink command is not needed.
func (m *Model) Focus() tea.Cmd { m.input.Focus(); return nil }

// Blur blurs the input.
func (m *Model) Blur() { m.input.Blur() }

// Focused reports whether the input has focus (the user is typing).
func (m *Model) Focused() bool { return m.input.Focused() }

// Value is the current query.
func (m *Model) Value() string { return m.input.Value() }

// SetValue replaces the query (facets use it). The caller searches.
func (m *Model) SetValue(s string) {
	m.input.SetValue(s)
	m.input.CursorEnd()
}

// SetError shows a query error inline ("" clears it).
func (m *Model) SetError(e string) { m.err = e }

// Err is the error shown.
func (m *Model) Err() string { return m.err }

// Update handles keys while focused. The root model compares Value before
// and after and searches at once when it changed: a change reported
// through a command could arrive after a later one.
func (m *Model) Update(msg tea.Msg) (tea.Cmd, common.Intent) { return m.update(msg), nil }

func (m *Model) update(msg tea.Msg) tea.Cmd {
	// "/" on an empty line is the focus key pressed again (the line has
	// focus at start), not the opening of a regular expression.
	if k, ok := msg.(tea.KeyPressMsg); ok && m.input.Value() == "" && key.Matches(k, m.c.Keys.Global.Search) {
		return nil
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

// Cursor is the terminal cursor for the input (nil when blurred).
func (m *Model) Cursor() *tea.Cursor {
	if !m.input.Focused() {
		return nil
	}
	return m.input.Cursor()
}

// View renders the line, and the error below it when there is one.
func (m *Model) View() string {
	v := common.Line(m.input.View(), m.w)
	if m.err != "" {
		v += "\n" + common.Line(m.c.Styles.Error.Render("  ✗ "+common.Clean(m.err)+"  (showing the last good results)"), m.w)
	}
	return v
}

// Height is the number of rows View takes.
func (m *Model) Height() int {
	if m.err != "" {
		return 2
	}
	return 1
}

// ShortHelp lists the keys of the search line.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.Search.Submit, k.Search.Leave, k.Global.ForceQuit}
}

// FullHelp groups the keys of the search line.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
