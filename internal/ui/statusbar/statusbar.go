// Package statusbar is the bottom line: workspace, document count, a
// transient message or the last error, and the focused pane's key hints.
package statusbar

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/workbench-dev/workbench/internal/ui/common"
)

// DefaultTTL is how long transient messages stay; errors stay until the
// next message.
const DefaultTTL = 5 * time.Second

type clearMsg struct{ id int }

// Model is the status bar.
type Model struct {
	c         *common.Common
	workspace string
	docs      int64 // -1 unknown
	msg       string
	isErr     bool
	msgID     int
	w         int
	help      help.Model
	ttl       time.Duration
}

// New returns a status bar for the workspace folder. Messages stay for ttl
// (0: DefaultTTL; negative: until the next message).
func New(c *common.Common, workspace string, ttl time.Duration) *Model {
	if ttl == 0 {
		ttl = DefaultTTL
	}
	h := help.New()
	m := &Model{c: c, workspace: workspace, docs: -1, help: h, ttl: ttl}
	m.SetStyles()
	return m
}

// SetStyles re-applies the styles after a theme change.
func (m *Model) SetStyles() {
	st := m.c.Styles
	m.help.Styles = help.Styles{
		ShortKey: st.HelpKey, ShortDesc: st.HelpDesc, ShortSeparator: st.Dim, Ellipsis: st.Dim,
		FullKey: st.HelpKey, FullDesc: st.HelpDesc, FullSeparator: st.Dim,
	}
}

// SetSize sets the width.
func (m *Model) SetSize(w, _ int) { m.w = w; m.help.SetWidth(w) }

// SetDocs sets the document count.
func (m *Model) SetDocs(n int64) { m.docs = n }

// Message is the text shown and whether it is an error.
func (m *Model) Message() (string, bool) { return m.msg, m.isErr }

// Show shows a message; it returns the command that clears it later.
func (m *Model) Show(text string, isErr bool) tea.Cmd {
	m.msgID++
	m.msg, m.isErr = text, isErr
	if isErr || m.ttl < 0 {
		return nil
	}
	id := m.msgID
	return tea.Tick(m.ttl, func(time.Time) tea.Msg { return clearMsg{id} })
}

// Update clears expired messages.
func (m *Model) Update(msg tea.Msg) (tea.Cmd, common.Intent) { return m.update(msg), nil }

func (m *Model) update(msg tea.Msg) tea.Cmd {
	if c, ok := msg.(clearMsg); ok && c.id == m.msgID {
		m.msg = ""
	}
	return nil
}

// View renders the bar with the given key hints.
func (m *Model) View(hints []key.Binding) string {
	s := m.c.Styles
	ws := m.workspace
	if home := homeDir(); home != "" && strings.HasPrefix(ws, home) {
		ws = "~" + ws[len(home):]
	}
	left := s.StatusBar.Render(" " + common.Clean(ws))
	if m.docs >= 0 {
		left += s.StatusBar.Render(fmt.Sprintf(" · %d docs", m.docs))
	}
	mid := ""
	if m.msg != "" {
		st := s.Info
		if m.isErr {
			st = s.Error
		}
		mid = "  " + st.Render(common.Clean(m.msg))
	}
	line := left + mid
	room := m.w - ansi.StringWidth(line) - 2
	if room > 10 {
		m.help.SetWidth(room)
		hv := m.help.ShortHelpView(hints)
		if hw := ansi.StringWidth(hv); hw > 0 && hw <= room {
			line += strings.Repeat(" ", m.w-ansi.StringWidth(line)-hw-1) + hv
		}
	}
	return common.Line(line, m.w)
}
