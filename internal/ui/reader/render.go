package reader

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/workbench-dev/workbench/internal/ui/common"
)

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Cursor is the terminal cursor of the inline input, relative to the pane
// (nil when no input is open).
func (m *Model) Cursor() *tea.Cursor {
	if m.inputMode == inputNone || m.inputMode == inputChoose {
		return nil
	}
	c := m.input.Cursor()
	if c != nil {
		c.Position.X++
		c.Position.Y = m.h - 1
	}
	return c
}

// View renders the pane.
func (m *Model) View() string {
	s := m.c.Styles
	if m.doc == nil {
		return common.Pane(m.c, "Reader", "", m.focused, m.hint(), m.w, m.h)
	}
	right := ""
	if len(m.items) > 0 {
		noun, nouns := "quote", "quotes"
		if m.hasTurns() {
			noun, nouns = "statement", "statements"
		}
		if m.itemIdx >= 0 {
			right = fmt.Sprintf("%s %d/%d", noun, m.itemIdx+1, len(m.items))
		} else {
			right = plural(len(m.items), noun, nouns)
		}
		if sp := m.turnOnScreen(); sp != "" {
			right += " · turn: " + common.Clean(sp)
		}
	}
	if len(m.hits) > 0 {
		if right != "" {
			right += " · "
		}
		if m.hitIdx >= 0 {
			right += fmt.Sprintf("hit %d/%d", m.hitIdx+1, len(m.hits))
		} else {
			right += plural(len(m.hits), "hit", "hits")
		}
	}
	if m.sel != nil {
		right = "selecting: 1-9 tags, esc cancels"
	}
	meta := []string{}
	if d := m.doc.DateString(); d != "" {
		meta = append(meta, d)
	}
	if m.doc.Source != "" {
		meta = append(meta, common.Clean(m.doc.Source))
	}
	if m.doc.URL != "" {
		meta = append(meta, common.Clean(m.doc.URL))
	}
	var body []string
	if m.headLines() > 0 {
		body = append(body, " "+s.Title.Render(common.Clean(m.doc.Title)), " "+s.Dim.Render(strings.Join(meta, " · ")))
	}
	bh := m.bodyHeight()
	for i := m.offset; i < len(m.lines) && i < m.offset+bh; i++ {
		body = append(body, " "+m.renderLine(m.lines[i]))
	}
	if m.footLines() > 0 {
		for len(body) < bh+m.headLines() {
			body = append(body, "")
		}
		switch m.inputMode {
		case inputNone:
			body = append(body, " "+s.Note.Render(m.noteLine()))
		case inputChoose:
			body = append(body, " "+m.chooseLine())
		default:
			body = append(body, " "+m.input.View())
		}
	}
	return common.Pane(m.c, "Reader", right, m.focused, body, m.w, m.h)
}

type attrKey struct {
	badge int32
	actor int16
	flags uint8
	dyn   uint8 // 1 selected item, 2 current hit, 4 free selection, 8 cursor
}

func (m *Model) attrOf(c cell) attrKey {
	if c.off < 0 {
		return attrKey{badge: c.badge, actor: -1}
	}
	o := int(c.off)
	k := attrKey{badge: -1, actor: m.actor[o], flags: m.flags[o]}
	if it, ok := m.Selected(); ok && o >= it.start && o < it.end {
		k.dyn |= 1
	}
	if m.hitIdx >= 0 && m.hitIdx < len(m.hits) && o >= m.hits[m.hitIdx][0] && o < m.hits[m.hitIdx][1] {
		k.dyn |= 2
	}
	if m.sel != nil && o >= m.sel[0] && o < m.sel[1] {
		k.dyn |= 4
	}
	if o == m.cur && m.focused {
		k.dyn |= 8
	}
	return k
}

func (m *Model) styleOf(k attrKey) lipgloss.Style {
	s := m.c.Styles
	if k.badge >= 0 {
		b := m.badges[k.badge]
		if b.kind == badgeLabel {
			return s.Label(b.name)
		}
		return s.Speaker
	}
	st := lipgloss.NewStyle()
	if k.dyn&8 != 0 {
		// The cursor: underlined, and reversed against the selection.
		st = st.Underline(true).Bold(true).Reverse(k.dyn&4 == 0)
	} else if k.dyn&4 != 0 {
		st = st.Inherit(s.FreeSelection)
	}
	if k.dyn&2 != 0 {
		st = st.Inherit(s.CurrentHit)
	} else if k.flags&fHit != 0 {
		st = st.Inherit(s.Hit)
	}
	if k.dyn&1 != 0 {
		st = st.Inherit(s.QuoteSelected)
	}
	if k.flags&fQuote != 0 {
		st = st.Inherit(s.Quote)
	}
	if k.flags&fTagged != 0 {
		st = st.Inherit(s.Tagged)
	}
	if k.actor >= 0 {
		st = st.Inherit(s.Actor(m.actorID[k.actor]))
	}
	return st
}

var plain = attrKey{badge: -1, actor: -1}

// renderLine styles runs of cells with equal attributes.
func (m *Model) renderLine(l line) string {
	var b strings.Builder
	var run []rune
	cur := plain
	flush := func() {
		if len(run) == 0 {
			return
		}
		if cur == plain {
			b.WriteString(string(run))
		} else {
			b.WriteString(m.styleOf(cur).Render(string(run)))
		}
		run = run[:0]
	}
	for i := l.start; i < l.end && i < len(m.cells); i++ {
		c := m.cells[i]
		if c.r == '\n' {
			continue
		}
		k := m.attrOf(c)
		if k != cur {
			flush()
			cur = k
		}
		run = append(run, c.r)
	}
	flush()
	return b.String()
}

// ShortHelp lists the main reader keys.
func (m *Model) ShortHelp() []key.Binding {
	r := m.c.Keys.Reader
	if m.inputMode != inputNone {
		return []key.Binding{m.c.Keys.Input.Save, m.c.Keys.Input.Cancel}
	}
	if m.sel != nil {
		return []key.Binding{r.WordNext, r.Right, r.Down, r.Label, r.Cancel}
	}
	return []key.Binding{r.NextQuote, r.Label, r.WordNext, r.Select, r.Note}
}

// FullHelp groups the reader keys.
func (m *Model) FullHelp() [][]key.Binding {
	r := m.c.Keys.Reader
	return [][]key.Binding{
		{r.Down, r.Up, r.Top, r.Bottom, r.PageUp, r.PageDown},
		{r.NextHit, r.PrevHit, r.NextQuote, r.PrevQuote},
		{r.Down, r.Up, r.Left, r.Right, r.WordNext, r.WordPrev, r.LineStart, r.LineEnd},
		{r.Label, r.Select, r.Cancel, r.Note, r.Target},
	}
}

// hint is the empty reader: how to open an article, move between quotes
// and tag, from the key map (the first screen shows it).
func (m *Model) hint() []string {
	s, k := m.c.Styles, m.c.Keys
	kb := func(b key.Binding) string { return s.HelpKey.Render(b.Help().Key) }
	lines := []string{
		" " + kb(k.List.Down) + " " + kb(k.List.Up) + s.Dim.Render(" move · ") + kb(k.List.Open) + s.Dim.Render(" opens an article"),
		" " + kb(k.Reader.NextQuote) + "/" + kb(k.Reader.PrevQuote) + s.Dim.Render(" next/previous statement · ") + kb(k.Reader.Label) + s.Dim.Render(" tags it"),
		" " + kb(k.Global.Help) + s.Dim.Render(" all keys · ") + kb(k.Global.Search) + s.Dim.Render(" search"),
	}
	if m.h >= 6 {
		lines = append([]string{""}, lines...)
	}
	return lines
}

// hasTurns tells whether the open document is a transcript with turns.
func (m *Model) hasTurns() bool {
	for _, it := range m.items {
		if it.turn {
			return true
		}
	}
	return false
}

// turnOnScreen is the speaker of the turn the top line of the view lies in
// (else of the first turn that starts on screen), so that a long
// transcript always says whose words are on screen ("" when none).
func (m *Model) turnOnScreen() string {
	if len(m.lines) == 0 || len(m.cellOf) == 0 {
		return ""
	}
	top := m.lines[max(0, min(m.offset, len(m.lines)-1))]
	bottom := m.lines[max(0, min(m.offset+m.bodyHeight()-1, len(m.lines)-1))]
	first := ""
	for _, it := range m.items {
		if !it.turn || it.end > len(m.cellOf) {
			continue
		}
		s, e := int(m.cellOf[it.start]), int(m.cellOf[it.end-1])
		sp := it.speaker
		if sp == "" {
			sp = "?"
		}
		if s < top.end && e >= top.start {
			return sp
		}
		if first == "" && s >= top.start && s < bottom.end {
			first = sp
		}
	}
	return first
}
