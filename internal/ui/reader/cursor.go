package reader

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/ui/common"
)

// The reader's cursor stands on a body offset (m.cur). v drops an anchor
// there; every movement then extends the selection from the anchor to the
// cursor, either way. A selection snaps to word edges unless the last
// movement was by character (h/l).

// visibleOff reports whether body offset i has a cell of its own (not a
// newline, not an invisible character).
func (m *Model) visibleOff(i int) bool {
	if i < 0 || i >= len(m.body) || m.body[i] == '\n' {
		return false
	}
	c := int(m.cellOf[i])
	return c < len(m.cells) && int(m.cells[c].off) == i
}

// settle moves off to the nearest shown character in direction dir (then
// the other way), so the cursor never stands on a newline.
func (m *Model) settle(off, dir int) int {
	n := len(m.body)
	if n == 0 {
		return 0
	}
	off = max(0, min(off, n-1))
	for _, d := range []int{dir, -dir} {
		for i := off; i >= 0 && i < n; i += d {
			if m.visibleOff(i) {
				return i
			}
		}
	}
	return off
}

// colOf is the screen column of body offset off within its wrapped line.
func (m *Model) colOf(off int) int {
	l := m.lines[m.lineOf(off)]
	c := int(m.cellOf[max(0, min(off, len(m.body)))])
	w := 0
	for i := l.start; i < c && i < l.end; i++ {
		w += int(m.cells[i].w)
	}
	return w
}

// offAt is the body offset shown at column col of wrapped line li (the
// nearest body character; -1 when the line has none).
func (m *Model) offAt(li, col int) int {
	if li < 0 || li >= len(m.lines) {
		return -1
	}
	l := m.lines[li]
	best, w := -1, 0
	for i := l.start; i < l.end && i < len(m.cells); i++ {
		c := m.cells[i]
		if c.off >= 0 && c.r != '\n' {
			if best < 0 || w <= col {
				best = int(c.off)
			}
		}
		w += int(c.w)
		if w > col && best >= 0 {
			break
		}
	}
	return best
}

func (m *Model) wordNext(off int) int {
	i := off
	for i < len(m.body) && isWord(m.body[i]) {
		i++
	}
	for i < len(m.body) && !isWord(m.body[i]) {
		i++
	}
	if i >= len(m.body) {
		return m.settle(len(m.body)-1, -1)
	}
	return i
}

func (m *Model) wordPrev(off int) int {
	i := off
	for i > 0 && !isWord(m.body[i-1]) {
		i--
	}
	for i > 0 && isWord(m.body[i-1]) {
		i--
	}
	return m.settle(i, 1)
}

// lineEdge is the first (dir < 0) or last (dir > 0) character of the
// cursor's wrapped line.
func (m *Model) lineEdge(dir int) int {
	l := m.lines[m.lineOf(m.cur)]
	if dir < 0 {
		for i := l.start; i < l.end; i++ {
			if c := m.cells[i]; c.off >= 0 && c.r != '\n' {
				return int(c.off)
			}
		}
		return m.cur
	}
	for i := min(l.end, len(m.cells)) - 1; i >= l.start; i-- {
		if c := m.cells[i]; c.off >= 0 && c.r != '\n' {
			return int(c.off)
		}
	}
	return m.cur
}

// moveLine moves the cursor d wrapped lines, keeping its column.
func (m *Model) moveLine(d int) int {
	li := m.lineOf(m.cur)
	col := m.colOf(m.cur)
	if m.wantCol >= 0 {
		col = m.wantCol // the column j/k started from
	}
	m.wantCol = col
	for t := li + d; t >= 0 && t < len(m.lines); t += d {
		if off := m.offAt(t, col); off >= 0 {
			return off
		}
	}
	return m.cur
}

// cursorKey moves the cursor; ok is false for keys that are not cursor
// movements.
func (m *Model) cursorKey(k tea.KeyPressMsg) bool {
	r := m.c.Keys.Reader
	m.ensureCursor()
	char := false
	if !key.Matches(k, r.Down) && !key.Matches(k, r.Up) {
		m.wantCol = -1
	}
	switch {
	case key.Matches(k, r.Left):
		m.cur, char = m.settle(m.cur-1, -1), true
	case key.Matches(k, r.Right):
		m.cur, char = m.settle(m.cur+1, 1), true
	case key.Matches(k, r.WordNext):
		m.cur = m.wordNext(m.cur)
	case key.Matches(k, r.WordPrev):
		m.cur = m.wordPrev(m.cur)
	case key.Matches(k, r.Down):
		m.cur = m.moveLine(1)
	case key.Matches(k, r.Up):
		m.cur = m.moveLine(-1)
	case key.Matches(k, r.LineStart):
		m.cur = m.lineEdge(-1)
	case key.Matches(k, r.LineEnd):
		m.cur = m.lineEdge(1)
	default:
		return false
	}
	m.charMode = char
	m.cursorMoved()
	return true
}

// cursorMoved extends the selection (when anchored) and keeps the cursor
// in view.
func (m *Model) cursorMoved() {
	if m.anchor >= 0 {
		m.updateSel()
	}
	m.showLine(m.lineOf(m.cur))
}

// showLine scrolls as little as needed to show wrapped line li.
func (m *Model) showLine(li int) {
	if li < m.offset {
		m.offset = li
	}
	if bh := m.bodyHeight(); li >= m.offset+bh {
		m.offset = li - bh + 1
	}
	m.clampOffset()
}

// ensureCursor puts the cursor on the first character of the top visible
// line when it has none or it is out of view.
func (m *Model) ensureCursor() {
	if len(m.lines) == 0 || len(m.body) == 0 {
		return
	}
	if m.cur >= 0 {
		if li := m.lineOf(m.cur); li >= m.offset && li < m.offset+m.bodyHeight() {
			return
		}
	}
	for li := m.offset; li < len(m.lines); li++ {
		if off := m.offAt(li, 0); off >= 0 {
			m.cur = off
			return
		}
	}
	m.cur = m.settle(0, 1)
}

// anchorHere drops the selection's anchor at the cursor.
func (m *Model) anchorHere() {
	m.ensureCursor()
	if m.cur < 0 {
		return
	}
	m.anchor, m.charMode = m.cur, false
	m.updateSel()
}

// cancelSel drops the anchor and the selection.
func (m *Model) cancelSel() { m.anchor, m.sel = -1, nil }

// updateSel is the selection from the anchor to the cursor (both
// included), snapped to word edges unless the last move was by character.
func (m *Model) updateSel() {
	a, b := min(m.anchor, m.cur), max(m.anchor, m.cur)
	s, e := a, b+1
	if !m.charMode {
		for s > 0 && isWord(m.body[s]) && isWord(m.body[s-1]) {
			s--
		}
		for e < len(m.body) && e > 0 && isWord(m.body[e-1]) && isWord(m.body[e]) {
			e++
		}
	}
	e = min(e, len(m.body))
	if s >= e {
		m.sel = nil
		return
	}
	m.sel = &[2]int{s, e}
}

// CursorOffset is the body offset of the cursor (-1 none).
func (m *Model) CursorOffset() int { return m.cur }

// TextCursor is the terminal cursor on the reader's cursor, relative to
// the pane (nil when it is not on screen).
func (m *Model) TextCursor() *tea.Cursor {
	if m.doc == nil || m.cur < 0 || !m.focused || m.inputMode != inputNone {
		return nil
	}
	li := m.lineOf(m.cur)
	if li < m.offset || li >= m.offset+m.bodyHeight() {
		return nil
	}
	c := tea.NewCursor(1+m.colOf(m.cur), 1+m.headLines()+li-m.offset)
	return c
}

// Mouse handles a mouse event at (x, y) relative to the pane: a click
// places the cursor, a drag selects, the wheel scrolls.
func (m *Model) Mouse(msg tea.MouseMsg, x, y int) common.Intent {
	if m.doc == nil {
		return nil
	}
	at := func() int {
		li := m.offset + y - 1 - m.headLines()
		if y < 1+m.headLines() || li >= m.offset+m.bodyHeight() {
			return -1
		}
		return m.offAt(li, x-1)
	}
	switch msg := msg.(type) {
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelDown:
			m.offset += 3
		case tea.MouseWheelUp:
			m.offset -= 3
		}
		m.clampOffset()
	case tea.MouseClickMsg:
		if msg.Button != tea.MouseLeft {
			return nil
		}
		if off := at(); off >= 0 {
			m.cancelSel()
			m.cur, m.dragging = off, true
		}
	case tea.MouseMotionMsg:
		if !m.dragging {
			return nil
		}
		if off := at(); off >= 0 && off != m.cur {
			if m.anchor < 0 {
				m.anchor = m.cur
			}
			m.cur, m.charMode = off, false
			m.updateSel()
		}
	case tea.MouseReleaseMsg:
		m.dragging = false
	}
	return nil
}

// SetCursor puts the cursor on body offset off and scrolls to it (a
// restored session).
func (m *Model) SetCursor(off int) {
	if m.doc == nil || len(m.body) == 0 {
		return
	}
	m.cur = m.settle(off, 1)
	m.scrollTo(m.cur)
}
