package reader

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

// SelectQuote selects the quote with this ID and scrolls to it.
func (m *Model) SelectQuote(id string) {
	for i, it := range m.items {
		if it.quoteID == id {
			m.itemIdx = i
			m.scrollTo(it.start)
			return
		}
	}
}

// SelectSpan selects the quote or tagged span [start, end) and scrolls to
// it.
func (m *Model) SelectSpan(start, end int) {
	for i, it := range m.items {
		if it.start == start && it.end == end {
			m.itemIdx = i
			m.scrollTo(it.start)
			return
		}
	}
}

// Selected returns the selected quote or tagged span.
func (m *Model) Selected() (item, bool) {
	if m.itemIdx < 0 || m.itemIdx >= len(m.items) {
		return item{}, false
	}
	return m.items[m.itemIdx], true
}

// SelectedQuoteID is the ID of the selected quote ("" if none).
func (m *Model) SelectedQuoteID() string {
	it, _ := m.Selected()
	return it.quoteID
}

// Selection returns the free selection, if one is active.
func (m *Model) Selection() (start, end int, ok bool) {
	if m.sel == nil {
		return 0, 0, false
	}
	return m.sel[0], m.sel[1], true
}

// toggleLabel tags the free selection, or toggles the label on the
// selected quote or span.
func (m *Model) toggleLabel(k string) common.Intent {
	l, ok := m.c.LabelByKey(k)
	if !ok {
		return common.StatusMsg{Text: fmt.Sprintf("no codebook label on key %s", k), Err: true}
	}
	in := model.TagInput{DocID: m.doc.ID, Label: l.Name}
	switch {
	case m.sel != nil:
		in.Start, in.End = m.sel[0], m.sel[1]
		m.pending = &[2]int{in.Start, in.End}
		m.sel = nil
	case m.itemIdx >= 0:
		it := m.items[m.itemIdx]
		in.QuoteID, in.Start, in.End = it.quoteID, it.start, it.end
	default:
		return common.StatusMsg{Text: "select a quote with ] or a span with v first", Err: false}
	}
	return common.ToggleTagMsg{Input: in}
}

// wordEnd returns the end of the word at or after off.
func (m *Model) wordEnd(off int) int {
	i := off
	for i < len(m.body) && !isWord(m.body[i]) {
		i++
	}
	for i < len(m.body) && isWord(m.body[i]) {
		i++
	}
	return i
}

// wordStartBefore returns the start of the last word ending before off.
func (m *Model) wordStartBefore(off int) int {
	i := off
	for i > 0 && !isWord(m.body[i-1]) {
		i--
	}
	for i > 0 && isWord(m.body[i-1]) {
		i--
	}
	return i
}

func (m *Model) startSelection() {
	start := 0
	if it, ok := m.Selected(); ok {
		start = it.start
	} else if len(m.lines) > 0 {
		c := m.lines[min(m.offset, len(m.lines)-1)].start
		for c < len(m.cells) && m.cells[c].off < 0 {
			c++
		}
		if c < len(m.cells) {
			start = int(m.cells[c].off)
		}
	}
	for start < len(m.body) && !isWord(m.body[start]) {
		start++
	}
	m.sel = &[2]int{start, max(start+1, m.wordEnd(start))}
	m.sel[1] = min(m.sel[1], len(m.body))
	if m.sel[0] >= m.sel[1] {
		m.sel = nil
	}
}

// updateSelection extends or shrinks the free selection.
func (m *Model) updateSelection(k tea.KeyPressMsg) (common.Intent, bool) {
	r := m.c.Keys.Reader
	s := k.String()
	switch {
	case key.Matches(k, r.Cancel):
		m.sel = nil
	case s == "j" || s == "down":
		m.sel[1] = m.lineDown(m.sel[1])
	case s == "k" || s == "up":
		m.sel[1] = max(m.sel[0]+1, m.lineUp(m.sel[1]))
	case key.Matches(k, r.SelectMore):
		m.sel[1] = m.wordEnd(m.sel[1])
	case key.Matches(k, r.SelectLess):
		i := m.wordStartBefore(m.sel[1])
		for i > m.sel[0] && !isWord(m.body[i-1]) {
			i--
		}
		m.sel[1] = max(i, min(m.wordEnd(m.sel[0]), len(m.body)), m.sel[0]+1)
	default:
		return nil, false
	}
	if m.sel != nil {
		m.scrollTo(m.sel[1])
	}
	return nil, true
}

// selectedTag is the most recent tag on the selected item.
func (m *Model) selectedTag() (model.Tag, bool) {
	it, ok := m.Selected()
	if !ok {
		return model.Tag{}, false
	}
	var best model.Tag
	found := false
	for _, t := range m.tags {
		if t.Start == it.start && t.End == it.end && (it.quoteID == "" || t.QuoteID == it.quoteID) {
			if !found || t.ID > best.ID {
				best, found = t, true
			}
		}
	}
	return best, found
}

// SelectedSpan is the span of the current quote or tagged span.
func (m *Model) SelectedSpan() (start, end int, ok bool) {
	it, ok := m.Selected()
	return it.start, it.end, ok
}
