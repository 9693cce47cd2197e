// Package help is the full help overlay, generated from the key map: every
// binding of every group, so the help never drifts from the keys.
package help

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/workbench-dev/workbench/internal/ui/common"
)

// Model is the help overlay.
type Model struct {
	c      *common.Common
	offset int
	w, h   int
	about  bool
}

// New returns the overlay.
func New(c *common.Common) *Model { return &Model{c: c} }

// SetSize sets the overlay size.
func (m *Model) SetSize(w, h int) { m.w, m.h = w, h; m.clamp() }

// Focus resets the scroll position; Blur does nothing.
func (m *Model) Focus() tea.Cmd { m.offset, m.about = 0, false; return nil }

// About reports whether the about screen is shown.
func (m *Model) About() bool { return m.about }
func (m *Model) Blur()       {}

// Update scrolls a help longer than the screen.
func (m *Model) Update(msg tea.Msg) (tea.Cmd, common.Intent) { return m.update(msg), nil }

func (m *Model) update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	l := m.c.Keys.List
	switch {
	case key.Matches(k, m.c.Keys.Help.About):
		m.about = !m.about
		m.offset = 0
	case key.Matches(k, l.Down):
		m.offset++
	case key.Matches(k, l.Up):
		m.offset--
	case key.Matches(k, l.PageDown):
		m.offset += m.h - 2
	case key.Matches(k, l.PageUp):
		m.offset -= m.h - 2
	}
	m.clamp()
	return nil
}

func (m *Model) clamp() {
	m.offset = max(0, min(m.offset, len(m.lines())-(m.h-1)))
}

// ShortHelp lists the overlay's keys.
func (m *Model) ShortHelp() []key.Binding {
	l := m.c.Keys.List
	return []key.Binding{m.c.Keys.Help.About, l.Down, l.Up, l.PageDown, m.c.Keys.Global.Help}
}

// FullHelp groups the overlay's keys.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// Row is one line of the key table.
type Row struct{ Group, Keys, Help string }

// Table returns every binding as rows (the README key table uses it).
func Table(c *common.Common) []Row {
	var rows []Row
	for _, g := range c.Keys.Groups() {
		for _, b := range g.Bindings {
			h := b.Help()
			rows = append(rows, Row{g.Title, h.Key, h.Desc})
		}
	}
	return rows
}

// Markdown renders the key table as Markdown.
func Markdown(c *common.Common) string {
	var b strings.Builder
	b.WriteString("| Where | Keys | What |\n|---|---|---|\n")
	for _, r := range Table(c) {
		fmt.Fprintf(&b, "| %s | `%s` | %s |\n", r.Group, strings.ReplaceAll(r.Keys, "|", "\\|"), r.Help)
	}
	return b.String()
}

func (m *Model) lines() []string {
	if m.about {
		return m.aboutLines()
	}
	s := m.c.Styles
	var out []string
	colW := 0
	for _, g := range m.c.Keys.Groups() {
		for _, b := range g.Bindings {
			colW = max(colW, ansi.StringWidth(b.Help().Key))
		}
	}
	groups := m.c.Keys.Groups()
	// Two columns of groups when the screen is wide enough.
	cols := 1
	if m.w >= 110 {
		cols = 2
	}
	block := func(i int) []string {
		g := groups[i]
		ls := []string{s.Bold.Render(g.Title)}
		for _, b := range g.Bindings {
			h := b.Help()
			ls = append(ls, "  "+s.HelpKey.Render(h.Key+strings.Repeat(" ", colW-ansi.StringWidth(h.Key)))+"  "+s.HelpDesc.Render(h.Desc))
		}
		// Label keys: list the codebook.
		if g.Title == "Tagging" {
			for _, l := range m.c.Labels {
				ls = append(ls, "    "+s.HelpKey.Render(l.Key)+"  "+s.Label(l.Name).Render(common.Clean(l.Name))+"  "+s.HelpDesc.Render(common.Clean(l.Description)))
			}
		}
		return append(ls, "")
	}
	if cols == 1 {
		for i := range groups {
			out = append(out, block(i)...)
		}
		return out
	}
	half := (len(groups) + 1) / 2
	var left, right []string
	for i := range groups {
		if i < half {
			left = append(left, block(i)...)
		} else {
			right = append(right, block(i)...)
		}
	}
	cw := (m.w - 4) / 2
	for i := 0; i < max(len(left), len(right)); i++ {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out = append(out, common.Line(l, cw)+"  "+r)
	}
	return out
}

// View renders the overlay filling w x h.
func (m *Model) View() string {
	ls := m.lines()
	body := ls[min(m.offset, len(ls)):]
	if m.about {
		return common.Pane(m.c, "About — i: keys, ? or esc closes", "sources and attribution", true, indent(body), m.w, m.h)
	}
	return common.Pane(m.c, "Help — ? or esc closes", "i: about and attribution", true, indent(body), m.w, m.h)
}

func indent(ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = "  " + l
	}
	return out
}
