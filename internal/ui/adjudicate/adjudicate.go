// Package adjudicate is the disagreement queue of the TUI: the units
// several analysts labelled differently, one at a time, with the unit's
// text, each analyst's labels side by side and how many units are resolved.
// Keys 1-9 ask the root model to record an adjudicated label (an
// AdjudicateMsg); the component does no I/O and knows nothing about the
// index or the store. The root builds the queue with agree.BuildQueue and
// hands it over with SetQueue, again after each write.
package adjudicate

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/workbench-dev/workbench/internal/agree"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

// AdjudicateMsg asks the root model to toggle the adjudicator's tag with
// Label on the unit, as the reader's 1-9 toggle an analyst's tag.
type AdjudicateMsg struct {
	UnitID, DocID string
	Start, End    int // code points, end exclusive
	Label         string
	Adjudicator   string
	// Text is the unit's text, for the tag's quote snapshot.
	Text string
}

// CloseMsg asks the root model to close the queue.
type CloseMsg struct{}

// KeyMap holds the queue's keys.
type KeyMap struct {
	Next, Prev, NextOpen, Label, Close key.Binding
}

// DefaultKeyMap returns the queue's keys.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, k, help string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, help))
	}
	return KeyMap{
		Next:     b([]string{"]"}, "]", "next unit"),
		Prev:     b([]string{"["}, "[", "previous unit"),
		NextOpen: b([]string{"}"}, "}", "next unresolved unit"),
		Label:    b([]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}, "1-9", "record the adjudicated label (again: remove)"),
		Close:    b([]string{"esc"}, "esc", "close the queue"),
	}
}

type styles struct {
	header, dim, bold, text, current lipgloss.Style
	label                            map[string]lipgloss.Style
	labelBase                        lipgloss.Style
}

func newStyles(dark, noColor bool, labels []model.Label) styles {
	ld := lipgloss.LightDark(dark)
	c := func(light, darkc string) lipgloss.Style {
		if noColor {
			return lipgloss.NewStyle()
		}
		return lipgloss.NewStyle().Foreground(ld(lipgloss.Color(light), lipgloss.Color(darkc)))
	}
	s := styles{
		header:    c("#5a3fc0", "#b9a5ff").Bold(true),
		dim:       c("#6b6b6b", "#8a8a8a"),
		bold:      lipgloss.NewStyle().Bold(true),
		text:      lipgloss.NewStyle().Italic(true),
		current:   lipgloss.NewStyle().Bold(true).Reverse(true),
		labelBase: lipgloss.NewStyle().Bold(true),
		label:     map[string]lipgloss.Style{},
	}
	for _, l := range labels {
		if l.Color != "" && !noColor {
			s.label[l.Name] = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color(l.Color))
		}
	}
	return s
}

func (s styles) badge(l string) lipgloss.Style {
	if st, ok := s.label[l]; ok {
		return st
	}
	return s.labelBase
}

// Model is the queue component.
type Model struct {
	keys    KeyMap
	labels  []model.Label // codebook, in key order
	st      styles
	queue   *agree.Queue
	cursor  int
	w, h    int
	focused bool
}

// New returns an empty queue with the codebook (for keys 1-9).
func New(labels []model.Label, dark, noColor bool) *Model {
	ls := slices.Clone(labels)
	sort.SliceStable(ls, func(i, j int) bool { return ls[i].Key < ls[j].Key })
	return &Model{keys: DefaultKeyMap(), labels: ls, st: newStyles(dark, noColor, ls)}
}

// SetTheme rebuilds the styles for a dark or light background.
func (m *Model) SetTheme(dark, noColor bool) { m.st = newStyles(dark, noColor, m.labels) }

// SetQueue shows q, staying on the unit shown before if it is still there.
func (m *Model) SetQueue(q *agree.Queue) {
	var cur string
	if it, ok := m.Current(); ok {
		cur = it.DocID + "\x00" + it.UnitID
	}
	if q == nil {
		m.queue, m.cursor = nil, 0
		return
	}
	cp := *q // the component toggles labels on its own copy
	cp.Items = slices.Clone(q.Items)
	m.queue = &cp
	for i, it := range q.Items {
		if it.DocID+"\x00"+it.UnitID == cur {
			m.cursor = i
			return
		}
	}
	m.cursor = max(0, min(m.cursor, len(q.Items)-1))
}

// Current is the unit shown.
func (m *Model) Current() (agree.QueueItem, bool) {
	if m.queue == nil || m.cursor >= len(m.queue.Items) {
		return agree.QueueItem{}, false
	}
	return m.queue.Items[m.cursor], true
}

// Cursor is the index of the unit shown.
func (m *Model) Cursor() int { return m.cursor }

// SetSize sets the pane size.
func (m *Model) SetSize(w, h int) { m.w, m.h = w, h }

// Focus and Blur set the focus.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }
func (m *Model) Blur()          { m.focused = false }

func (m *Model) items() []agree.QueueItem {
	if m.queue == nil {
		return nil
	}
	return m.queue.Items
}

// Update handles the queue's keys.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	items := m.items()
	switch {
	case key.Matches(k, m.keys.Close):
		return func() tea.Msg { return CloseMsg{} }
	case key.Matches(k, m.keys.Next):
		m.cursor = min(m.cursor+1, max(0, len(items)-1))
	case key.Matches(k, m.keys.Prev):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(k, m.keys.NextOpen):
		for i := 1; i <= len(items); i++ {
			j := (m.cursor + i) % len(items)
			if !items[j].Resolved() {
				m.cursor = j
				break
			}
		}
	case key.Matches(k, m.keys.Label):
		return m.adjudicate(k.String())
	}
	return nil
}

// adjudicate records the label bound to digit on the current unit: it
// shows the toggle at once and asks the root to store it.
func (m *Model) adjudicate(digit string) tea.Cmd {
	it, ok := m.Current()
	if !ok {
		return nil
	}
	var label string
	for _, l := range m.labels {
		if l.Key == digit {
			label = l.Name
		}
	}
	if label == "" {
		return nil
	}
	q := m.queue
	cur := &q.Items[m.cursor]
	was := cur.Resolved()
	if i := slices.Index(cur.Adjudicated, label); i >= 0 {
		cur.Adjudicated = slices.Delete(slices.Clone(cur.Adjudicated), i, i+1)
	} else {
		cur.Adjudicated = append(slices.Clone(cur.Adjudicated), label)
		sort.Strings(cur.Adjudicated)
	}
	switch {
	case was && !cur.Resolved():
		q.Resolved--
	case !was && cur.Resolved():
		q.Resolved++
	}
	msg := AdjudicateMsg{UnitID: it.UnitID, DocID: it.DocID, Start: it.Start, End: it.End,
		Label: label, Adjudicator: q.Adjudicator, Text: it.Text}
	return func() tea.Msg { return msg }
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Next, m.keys.Prev, m.keys.Label, m.keys.Close}
}

// FullHelp groups the keys.
func (m *Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Next, m.keys.Prev, m.keys.NextOpen, m.keys.Label, m.keys.Close}}
}

// clean puts corpus text on one line, safe for a terminal, without
// invisible format characters that upset widths.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xad && unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, textsafe.CleanLine(s))
}

// line makes s exactly w cells wide.
func line(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s)))
}

// header is the title line: the resolved count left, the position right.
func (m *Model) header() string {
	resolved, total := 0, 0
	if m.queue != nil {
		resolved, total = m.queue.Resolved, len(m.queue.Items)
	}
	left := m.st.header.Render(fmt.Sprintf("Adjudication · %d/%d resolved", resolved, total))
	right := ""
	if total > 0 {
		right = m.st.dim.Render(fmt.Sprintf("unit %d of %d", m.cursor+1, total))
	}
	gap := m.w - ansi.StringWidth(left) - ansi.StringWidth(right)
	if right == "" || gap < 1 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}

// legend shows which digit records which label.
func (m *Model) legend() string {
	var parts []string
	for _, l := range m.labels {
		parts = append(parts, m.st.bold.Render(l.Key)+" "+clean(l.Name))
	}
	parts = append(parts, m.st.bold.Render("]")+"/"+m.st.bold.Render("[")+" next/prev", m.st.bold.Render("}")+" unresolved", m.st.bold.Render("esc")+" close")
	return strings.Join(parts, m.st.dim.Render(" · "))
}

// View renders the queue in exactly the pane's size.
func (m *Model) View() string {
	if m.w <= 0 || m.h <= 0 {
		return ""
	}
	body := []string{m.header()}
	it, ok := m.Current()
	if !ok {
		msg := "  No disagreements: the analysts gave every unit the same labels."
		if m.queue == nil {
			msg = "  No queue loaded."
		}
		body = append(body, "", m.st.dim.Render(msg))
	} else {
		body = append(body, m.st.dim.Render(fmt.Sprintf("%s · %d–%d", clean(it.DocID), it.Start, it.End)))
		cols := m.columns(it)
		room := m.h - len(body) - len(cols) - 1 // the legend
		if room >= 3 {                          // blank lines around the text
			body = append(body, "")
			body = append(body, m.text(it, room-2)...)
			body = append(body, "")
		} else {
			body = append(body, m.text(it, max(1, room))...)
		}
		body = append(body, cols...)
	}
	out := make([]string, m.h)
	for i := range out {
		switch {
		case i == m.h-1 && m.h > 1:
			out[i] = line(m.legend(), m.w)
		case i < len(body):
			out[i] = line(body[i], m.w)
		default:
			out[i] = strings.Repeat(" ", m.w)
		}
	}
	return strings.Join(out, "\n")
}

// text is the unit's text wrapped to the width, at most n lines.
func (m *Model) text(it agree.QueueItem, n int) []string {
	t := clean(it.Text)
	if t == "" {
		t = "(no text)"
	}
	width := max(10, m.w-4)
	lines := strings.Split(lipgloss.Wrap("“"+t+"”", width, ""), "\n")
	if n < 1 {
		return nil
	}
	if len(lines) > n {
		lines = lines[:n]
		lines[n-1] = ansi.Truncate(lines[n-1], width-1, "") + "…"
	}
	for i, l := range lines {
		lines[i] = "  " + m.st.text.Render(l)
	}
	return lines
}

// columns lays the analysts' labels side by side, the adjudicated set
// last; when the pane is too narrow, one analyst per line.
func (m *Model) columns(it agree.QueueItem) []string {
	names := append(slices.Clone(m.queue.Analysts), m.queue.Adjudicator)
	sets := append(slices.Clone(it.Labels), it.Adjudicated)
	badges := func(ls []string) []string {
		var out []string
		for _, l := range ls {
			out = append(out, m.st.badge(l).Render("["+clean(l)+"]"))
		}
		if len(out) == 0 {
			out = append(out, m.st.dim.Render("(none)"))
		}
		return out
	}
	colW := min(24, (m.w-2)/len(names))
	if colW < 14 {
		var rows []string
		for i, n := range names {
			rows = append(rows, "  "+m.nameStyle(i, len(names)).Render(clean(n)+":")+" "+strings.Join(badges(sets[i]), " "))
		}
		return rows
	}
	var cols [][]string
	height := 0
	for i, n := range names {
		c := append([]string{m.nameStyle(i, len(names)).Render(clean(n))}, badges(sets[i])...)
		cols = append(cols, c)
		height = max(height, len(c))
	}
	rows := make([]string, height)
	for r := range rows {
		row := "  "
		for _, c := range cols {
			cell := ""
			if r < len(c) {
				cell = c[r]
			}
			row += line(cell, colW-1) + " "
		}
		rows[r] = row
	}
	return rows
}

func (m *Model) nameStyle(i, n int) lipgloss.Style {
	if i == n-1 {
		return m.st.header // the adjudicator
	}
	return m.st.bold
}
