package reader

import (
	"fmt"

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
		m.cancelSel()
	case m.itemIdx >= 0:
		it := m.items[m.itemIdx]
		in.QuoteID, in.Start, in.End = it.quoteID, it.start, it.end
	default:
		return common.StatusMsg{Text: "select a quote with ] or a span with v first", Err: false}
	}
	return common.ToggleTagMsg{Input: in}
}

// SelectedSpan is the span of the current quote or tagged span.
func (m *Model) SelectedSpan() (start, end int, ok bool) {
	it, ok := m.Selected()
	return it.start, it.end, ok
}

// copyIntent copies the selection, or the current quote, with its
// citation (speaker, title, date, URL).
func (m *Model) copyIntent() common.Intent {
	var s, e int
	speaker := ""
	switch it, ok := m.Selected(); {
	case m.sel != nil:
		s, e = m.sel[0], m.sel[1]
		for _, it := range m.items {
			if it.quoteID != "" && it.start <= s && e <= it.end {
				speaker = it.speaker
			}
		}
	case ok:
		s, e, speaker = it.start, it.end, it.speaker
	default:
		return common.StatusMsg{Text: "select a quote with ] or a span with v first, then y copies it", Err: false}
	}
	text := common.Citation(string(m.body[s:e]), speaker, m.doc.Title, m.doc.DateString(), m.doc.URL)
	return common.CopyMsg{Text: text, What: "the quote with its citation"}
}
