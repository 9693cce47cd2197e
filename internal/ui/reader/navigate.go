package reader

import (
	"sort"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/ui/common"
)

func (m *Model) clampOffset() {
	m.offset = max(0, min(m.offset, len(m.lines)-m.bodyHeight()))
}

// lineOf returns the wrapped line holding body offset off.
func (m *Model) lineOf(off int) int {
	if len(m.lines) == 0 {
		return 0
	}
	off = max(0, min(off, len(m.body)))
	c := int(m.cellOf[off])
	i := sort.Search(len(m.lines), func(i int) bool { return m.lines[i].start > c }) - 1
	return max(0, i)
}

// scrollTo makes the line of body offset off visible, a third from the top
// when it was out of view.
func (m *Model) scrollTo(off int) {
	l := m.lineOf(off)
	if l < m.offset || l >= m.offset+m.bodyHeight() {
		m.offset = l - m.bodyHeight()/3
	}
	m.clampOffset()
}

// Update handles the reader's keys.
func (m *Model) Update(msg tea.Msg) (tea.Cmd, common.Intent) {
	if m.inputMode != inputNone {
		return m.updateInput(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || m.doc == nil {
		return nil, nil
	}
	return nil, m.key(k)
}

// key handles a key outside inputs: cursor moves (which extend an anchored
// selection), scrolling, hits, quotes and tagging.
func (m *Model) key(k tea.KeyPressMsg) common.Intent {
	r := m.c.Keys.Reader
	if m.cursorKey(k) {
		return nil
	}
	m.wantCol = -1
	switch {
	case key.Matches(k, r.Cancel):
		m.cancelSel()
		return nil
	case key.Matches(k, r.Top):
		m.offset = 0
		m.cur = m.settle(0, 1)
	case key.Matches(k, r.Bottom):
		m.offset = len(m.lines)
		m.cur = m.settle(len(m.body)-1, -1)
	case key.Matches(k, r.PageDown):
		m.offset += m.bodyHeight() - 1
		m.clampOffset()
		m.ensureCursor()
	case key.Matches(k, r.PageUp):
		m.offset -= m.bodyHeight() - 1
		m.clampOffset()
		m.ensureCursor()
	case key.Matches(k, r.NextHit):
		return m.nextHit(1)
	case key.Matches(k, r.PrevHit):
		return m.nextHit(-1)
	case key.Matches(k, r.NextQuote):
		return m.nextItem(1)
	case key.Matches(k, r.PrevQuote):
		return m.nextItem(-1)
	case key.Matches(k, r.Label):
		return m.toggleLabel(k.String())
	case key.Matches(k, r.Select):
		if m.anchor >= 0 {
			m.cancelSel()
		} else {
			m.anchorHere()
		}
		return nil
	case key.Matches(k, r.Copy):
		return m.copyIntent()
	case key.Matches(k, r.OpenURL):
		return common.OpenURLMsg{URL: m.doc.URL}
	case key.Matches(k, r.Note):
		return m.openInput(inputNote)
	case key.Matches(k, r.Speaker):
		return m.openSpeaker()
	case key.Matches(k, r.Target):
		return m.openInput(inputTarget)
	default:
		return nil
	}
	m.clampOffset()
	if m.anchor >= 0 {
		m.updateSel()
	}
	return nil
}

func (m *Model) nextHit(dir int) common.Intent {
	if len(m.hits) == 0 {
		return common.StatusMsg{Text: "no search hits in this article", Err: false}
	}
	if m.hitIdx < 0 {
		// Start from the first hit at or after the top of the view.
		top := m.lines[min(m.offset, len(m.lines)-1)].start
		m.hitIdx = len(m.hits) - 1
		if dir < 0 {
			m.hitIdx = 0
		}
		for i, h := range m.hits {
			if int(m.cellOf[h[0]]) >= top {
				m.hitIdx = i
				if dir < 0 {
					m.hitIdx = i - 1
				}
				break
			}
		}
		if dir > 0 {
			m.hitIdx--
		}
	}
	m.hitIdx = ((m.hitIdx+dir)%len(m.hits) + len(m.hits)) % len(m.hits)
	m.scrollTo(m.hits[m.hitIdx][0])
	m.cur = m.settle(m.hits[m.hitIdx][0], 1)
	if m.anchor >= 0 {
		m.updateSel()
	}
	return nil
}

func (m *Model) nextItem(dir int) common.Intent {
	if len(m.items) == 0 {
		return common.StatusMsg{Text: "no quotes in this article", Err: false}
	}
	m.cancelSel()
	m.itemIdx = max(0, min(m.itemIdx+dir, len(m.items)-1))
	m.scrollTo(m.items[m.itemIdx].start)
	m.cur = m.settle(m.items[m.itemIdx].start, 1)
	return nil
}

// CurrentInView reports whether the current quote (or the free selection's
// end) is on a visible line; true when nothing is current.
func (m *Model) CurrentInView() bool {
	off := -1
	switch {
	case m.sel != nil:
		off = m.sel[1]
	case m.itemIdx >= 0 && m.itemIdx < len(m.items):
		off = m.items[m.itemIdx].start
	}
	if off < 0 || m.doc == nil {
		return true
	}
	l := m.lineOf(off)
	return l >= m.offset && l < m.offset+m.bodyHeight()
}
