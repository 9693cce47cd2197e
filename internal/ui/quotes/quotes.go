// Package quotes is the quotes panel: the open article's quotes with their
// speakers and labels, or (toggled) all quotes matching the query.
package quotes

import (
	"fmt"
	"sort"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

// Row is one quote of the panel.
type Row struct {
	DocID, QuoteID, Speaker, Text, Title string
	Start, End                           int
	Labels                               []string
}

// Model is the quotes panel.
type Model struct {
	c       *common.Common
	all     bool
	article []Row
	matches []Row
	loading bool
	cursor  int
	offset  int
	w, h    int
	focused bool
	current string         // quote ID selected in the reader
	marked  map[string]Row // marked rows by quote ID (bulk tagging)
	order   []string       // quote IDs in the order they were marked
}

// New returns an empty panel.
func New(c *common.Common) *Model { return &Model{c: c, marked: map[string]Row{}} }

// SetSize sets the pane size.
func (m *Model) SetSize(w, h int) { m.w, m.h = w, h; m.clamp() }

// Focus and Blur set the focus.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }
func (m *Model) Blur()          { m.focused = false }

// All reports whether the panel shows all quotes matching the query.
func (m *Model) All() bool { return m.all }

// SetAll switches the scope.
func (m *Model) SetAll(all bool) { m.all = all; m.cursor, m.offset = 0, 0 }

// SetArticle lists the quotes of the open article with their labels.
func (m *Model) SetArticle(d *model.Doc, tags []model.Tag) {
	m.article = m.article[:0]
	labels := map[string][]string{}
	for _, t := range tags {
		if t.QuoteID != "" {
			labels[t.QuoteID] = append(labels[t.QuoteID], t.Label)
		}
	}
	for _, q := range d.Analysis.Quotes {
		ls := labels[q.ID]
		sort.Strings(ls)
		m.article = append(m.article, Row{DocID: d.ID, QuoteID: q.ID, Speaker: q.Speaker, Text: q.Text, Start: q.Start, End: q.End, Labels: ls})
	}
	if !m.all {
		m.clamp()
	}
}

// SetMatches lists all quotes matching the query; labels come from tags.
func (m *Model) SetMatches(qs []model.QuoteHit, labels map[string][]string) {
	m.matches = m.matches[:0]
	for _, q := range qs {
		m.matches = append(m.matches, Row{DocID: q.DocID, QuoteID: q.ID, Speaker: q.Speaker, Text: q.Text, Title: q.Title, Start: q.Start, End: q.End, Labels: labels[q.ID]})
	}
	m.loading = false
	if m.all {
		m.clamp()
	}
}

// SetLoading marks the matching quotes as being searched.
func (m *Model) SetLoading() { m.loading = true }

// SetCurrent highlights the quote selected in the reader and, unless the
// panel has the focus, brings it into view.
func (m *Model) SetCurrent(id string) {
	m.current = id
	if m.focused || id == "" {
		return
	}
	for i, r := range m.Rows() {
		if r.QuoteID == id {
			m.cursor = i
			m.clamp()
			return
		}
	}
}

// Rows returns the rows shown.
func (m *Model) Rows() []Row {
	if m.all {
		return m.matches
	}
	return m.article
}

// Cursor is the selected row.
func (m *Model) Cursor() int { return m.cursor }

func (m *Model) visible() int { return max(1, m.h-1) }

func (m *Model) clamp() {
	m.cursor, m.offset = common.ClampCursor(m.cursor, m.offset, len(m.Rows()), m.visible())
}

// Update handles the panel's keys.
func (m *Model) Update(msg tea.Msg) (tea.Cmd, common.Intent) { return nil, m.update(msg) }

func (m *Model) update(msg tea.Msg) common.Intent {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	l, qk := m.c.Keys.List, m.c.Keys.Quotes
	rows := m.Rows()
	switch {
	case key.Matches(k, qk.Mark):
		if m.cursor < len(rows) {
			m.toggleMark(rows[m.cursor])
			m.cursor++
			m.clamp()
		}
		return nil
	case key.Matches(k, qk.MarkAll):
		return common.MarkAllMsg{All: m.all}
	case key.Matches(k, qk.Unmark) && len(m.marked) > 0:
		m.ClearMarks()
		return nil
	case key.Matches(k, qk.Label):
		return m.tag(k.String())
	case key.Matches(k, qk.Note), key.Matches(k, qk.Target):
		if m.cursor >= len(rows) {
			return nil
		}
		r, edit := rows[m.cursor], "note"
		if key.Matches(k, qk.Target) {
			edit = "target"
		}
		return common.OpenDocMsg{ID: r.DocID, QuoteID: r.QuoteID, Focus: true, Edit: edit}
	case key.Matches(k, qk.Scope):
		all := !m.all
		m.SetAll(all)
		return common.QuotesScopeMsg{All: all}
	case key.Matches(k, l.Open):
		rows := m.Rows()
		if m.cursor >= len(rows) {
			return nil
		}
		r := rows[m.cursor]
		return common.OpenDocMsg{ID: r.DocID, QuoteID: r.QuoteID, Focus: true}
	}
	cursor, _, moved := common.MoveCursor(k, l, m.cursor, len(m.Rows()), m.visible())
	if !moved {
		return nil
	}
	m.cursor = cursor
	m.clamp()
	return nil
}

// View renders the pane.
func (m *Model) View() string {
	s := m.c.Styles
	title := "Quotes · article"
	if m.all {
		title = "Quotes · all matching"
	}
	rows := m.Rows()
	right := fmt.Sprintf("%d", len(rows))
	if len(m.marked) > 0 {
		right = fmt.Sprintf("%d marked · %s", len(m.marked), right)
	}
	if m.all && m.loading {
		right = "searching…"
	}
	var body []string
	if len(rows) == 0 {
		msg := "  no quotes in the open article (s: all matching quotes)"
		if m.all {
			msg = "  no quotes match the query (s: article quotes)"
		}
		body = append(body, s.Dim.Render(msg))
	}
	for i := m.offset; i < len(rows) && i < m.offset+m.visible(); i++ {
		r := rows[i]
		mark := "  "
		if i == m.cursor && m.focused {
			mark = s.HeaderFocused.UnsetUnderline().Render("▌ ")
		} else if r.QuoteID == m.current && r.QuoteID != "" {
			mark = s.Dim.Render("▸ ")
		}
		sp := r.Speaker
		if sp == "" {
			sp = "?"
		}
		if _, ok := m.marked[r.QuoteID]; ok {
			mark = s.HeaderFocused.UnsetUnderline().Render("■ ")
		}
		line := mark + s.Speaker.Render("["+common.Clean(sp)+"]")
		for _, l := range r.Labels {
			line += " " + s.Label(l).Render("["+common.Clean(l)+"]")
		}
		line += " “" + common.Clean(r.Text) + "”"
		if m.all && r.Title != "" {
			line += s.Dim.Render(" — " + common.Clean(r.Title))
		}
		body = append(body, line)
	}
	return common.Pane(m.c, title, right, m.focused, body, m.w, m.h)
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	q := m.c.Keys.Quotes
	return []key.Binding{m.c.Keys.List.Open, q.Label, q.Mark, q.MarkAll, q.Scope}
}

// FullHelp groups the keys.
func (m *Model) FullHelp() [][]key.Binding {
	l := m.c.Keys.List
	q := m.c.Keys.Quotes
	return [][]key.Binding{{l.Down, l.Up, l.Top, l.Bottom, l.PageUp, l.PageDown, l.Open, q.Scope, q.Label, q.Mark, q.MarkAll, q.Unmark}}
}
