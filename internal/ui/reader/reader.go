// Package reader shows one article wrapped to the pane width: every actor
// mention in its actor's colour, search terms highlighted, quotations marked
// with speaker and label badges. It selects quotes and free spans and asks
// the root model (through messages) to tag them.
package reader

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

// item is a selectable span: a quote, or a tagged free span.
type item struct {
	start, end int
	quoteID    string // "" for a free span
	speaker    string
}

// input modes
const (
	inputNone = iota
	inputNote
	inputTarget
)

// flags per body offset
const (
	fQuote uint8 = 1 << iota
	fTagged
	fHit
)

// Model is the reader pane.
type Model struct {
	c       *common.Common
	doc     *model.Doc
	body    []rune
	tags    []model.Tag
	marks   []model.Span // what the query's terms match
	items   []item
	hits    [][2]int
	badges  []badge
	cells   []cell
	cellOf  []int32
	lines   []line
	actor   []int16 // per body offset: index into actorIDs, -1 none
	actorID []string
	flags   []uint8
	wrapW   int

	offset  int // first visible line
	itemIdx int // selected item, -1 none
	hitIdx  int // current hit, -1 none
	sel     *[2]int
	w, h    int
	focused bool

	inputMode int
	inputTag  model.Tag
	input     textinput.Model
}

// New returns an empty reader.
func New(c *common.Common) *Model {
	in := textinput.New()
	in.CharLimit = 2000
	in.SetVirtualCursor(false)
	return &Model{c: c, itemIdx: -1, hitIdx: -1, input: in}
}

// SetSize sets the pane size and re-wraps.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.input.SetWidth(max(1, w-14))
	m.relayout()
}

// Focus and Blur set the focus.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }
func (m *Model) Blur() {
	m.focused = false
	m.closeInput()
}

// Typing reports whether an inline input has the keyboard.
func (m *Model) Typing() bool { return m.inputMode != inputNone }

// Doc is the open document (nil when none).
func (m *Model) Doc() *model.Doc { return m.doc }

// SetDoc opens a document with its tags; the view starts at the top with
// nothing selected.
func (m *Model) SetDoc(d *model.Doc, tags []model.Tag) {
	m.doc = d
	m.body = []rune(d.Body)
	m.marks = nil
	m.tags = tags
	m.offset, m.itemIdx, m.hitIdx, m.sel = 0, -1, -1, nil
	m.closeInput()
	m.rebuild()
}

// SetTags replaces the tags of the open document (after a store write),
// keeping the selection.
func (m *Model) SetTags(docID string, tags []model.Tag) {
	if m.doc == nil || m.doc.ID != docID {
		return
	}
	var keep *item
	if it, ok := m.Selected(); ok {
		keep = &it
	}
	m.tags = tags
	m.rebuild()
	if keep != nil {
		for i, it := range m.items {
			if it.start == keep.start && it.end == keep.end {
				m.itemIdx = i
			}
		}
	}
}

// Tags returns the tags of the open document.
func (m *Model) Tags() []model.Tag { return m.tags }

// SetMarks sets the spans of the open document that the query's terms
// match (the application layer's highlighter). Only the hit highlights
// change: the layout stays.
func (m *Model) SetMarks(marks []model.Span) {
	m.marks = marks
	m.hitIdx = -1
	if m.doc != nil {
		m.markHits()
	}
}

// markHits flags the marked spans of the body.
func (m *Model) markHits() {
	for i := range m.flags {
		m.flags[i] &^= fHit
	}
	m.hits = m.hits[:0]
	for _, s := range m.marks {
		m.hits = append(m.hits, [2]int{s.Start, s.End})
	}
	for _, h := range m.hits {
		for i := max(0, h[0]); i < min(len(m.flags), h[1]); i++ {
			m.flags[i] |= fHit
		}
	}
}

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

// Offset is the first visible line; Lines the number of wrapped lines.
func (m *Model) Offset() int { return m.offset }
func (m *Model) Lines() int  { return len(m.lines) }

// HitIndex is the current search hit (-1 none) and Hits their count.
func (m *Model) HitIndex() int { return m.hitIdx }
func (m *Model) Hits() int     { return len(m.hits) }

// rebuild recomputes items, per-offset attributes and the layout.
func (m *Model) rebuild() {
	if m.doc == nil {
		return
	}
	n := len(m.body)
	m.items = m.items[:0]
	// Spans come from outside: keep only those inside the body.
	valid := func(s, e int) bool { return s >= 0 && s < e && e <= n }
	for _, q := range m.doc.Analysis.Quotes {
		if valid(q.Start, q.End) {
			m.items = append(m.items, item{start: q.Start, end: q.End, quoteID: q.ID, speaker: q.Speaker})
		}
	}
	seen := map[[2]int]bool{}
	for _, t := range m.tags {
		if t.QuoteID == "" && valid(t.Start, t.End) && !seen[[2]int{t.Start, t.End}] {
			seen[[2]int{t.Start, t.End}] = true
			m.items = append(m.items, item{start: t.Start, end: t.End})
		}
	}
	sort.SliceStable(m.items, func(i, j int) bool { return m.items[i].start < m.items[j].start })

	m.actor = make([]int16, n)
	m.flags = make([]uint8, n)
	for i := range m.actor {
		m.actor[i] = -1
	}
	m.actorID = m.actorID[:0]
	idx := map[string]int16{}
	for _, mn := range m.doc.Analysis.Mentions {
		a, ok := idx[mn.Actor]
		if !ok {
			a = int16(len(m.actorID))
			idx[mn.Actor] = a
			m.actorID = append(m.actorID, mn.Actor)
		}
		for i := max(0, mn.Start); i < min(n, mn.End); i++ {
			m.actor[i] = a
		}
	}
	setFlag := func(s, e int, f uint8) {
		for i := max(0, s); i < min(n, e); i++ {
			m.flags[i] |= f
		}
	}
	for _, q := range m.doc.Analysis.Quotes {
		setFlag(q.Start, q.End, fQuote)
	}
	for _, t := range m.tags {
		setFlag(t.Start, t.End, fTagged)
	}
	m.markHits()
	m.badges = m.makeBadges()
	m.cells, m.cellOf = buildCells(m.body, m.badges)
	m.wrapW = -1
	m.relayout()
}

// makeBadges puts a speaker badge and the label badges before each quote,
// and label badges before each tagged free span.
func (m *Model) makeBadges() []badge {
	labels := map[[2]int][]string{}
	for _, t := range m.tags {
		k := [2]int{t.Start, t.End}
		if !contains(labels[k], t.Label) {
			labels[k] = append(labels[k], t.Label)
		}
	}
	var out []badge
	for _, it := range m.items {
		at := it.start
		if at > 0 && at <= len(m.body) && strings.ContainsRune("\"“«„'‘‹", m.body[at-1]) {
			at--
		}
		if it.quoteID != "" {
			sp := it.speaker
			if sp == "" {
				sp = "?"
			}
			out = append(out, badge{at: at, text: "[" + common.Clean(sp) + "] ", kind: badgeSpeaker})
		}
		for _, l := range labels[[2]int{it.start, it.end}] {
			out = append(out, badge{at: at, text: "[" + common.Clean(l) + "] ", kind: badgeLabel, name: l})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at < out[j].at })
	return out
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func (m *Model) bodyHeight() int {
	h := m.h - 3 // pane title, article title, meta line
	if m.inputMode != inputNone {
		h--
	}
	return max(1, h)
}

// BodyHeight is the number of article lines shown.
func (m *Model) BodyHeight() int { return m.bodyHeight() }

func (m *Model) textWidth() int { return max(1, m.w-2) }

func (m *Model) relayout() {
	if m.doc == nil {
		return
	}
	if m.wrapW != m.textWidth() {
		m.wrapW = m.textWidth()
		m.lines = wrap(m.cells, m.wrapW)
	}
	m.clampOffset()
}

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
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if m.inputMode != inputNone {
		return m.updateInput(msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || m.doc == nil {
		return nil
	}
	if m.sel != nil {
		if cmd, handled := m.updateSelection(k); handled {
			return cmd
		}
	}
	r := m.c.Keys.Reader
	switch {
	case key.Matches(k, r.Down):
		m.offset++
	case key.Matches(k, r.Up):
		m.offset--
	case key.Matches(k, r.Top):
		m.offset = 0
	case key.Matches(k, r.Bottom):
		m.offset = len(m.lines)
	case key.Matches(k, r.PageDown):
		m.offset += m.bodyHeight() - 1
	case key.Matches(k, r.PageUp):
		m.offset -= m.bodyHeight() - 1
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
		m.startSelection()
	case key.Matches(k, r.Note):
		return m.openInput(inputNote)
	case key.Matches(k, r.Target):
		return m.openInput(inputTarget)
	default:
		return nil
	}
	m.clampOffset()
	return nil
}

func (m *Model) nextHit(dir int) tea.Cmd {
	if len(m.hits) == 0 {
		return common.Status("no search hits in this article", false)
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
	return nil
}

func (m *Model) nextItem(dir int) tea.Cmd {
	if len(m.items) == 0 {
		return common.Status("no quotes in this article", false)
	}
	m.sel = nil
	m.itemIdx = max(0, min(m.itemIdx+dir, len(m.items)-1))
	m.scrollTo(m.items[m.itemIdx].start)
	return nil
}

// toggleLabel tags the free selection, or toggles the label on the
// selected quote or span.
func (m *Model) toggleLabel(k string) tea.Cmd {
	l, ok := m.c.LabelByKey(k)
	if !ok {
		return common.Status(fmt.Sprintf("no codebook label on key %s", k), true)
	}
	in := model.TagInput{DocID: m.doc.ID, Label: l.Name}
	switch {
	case m.sel != nil:
		in.Start, in.End = m.sel[0], m.sel[1]
		m.sel = nil
	case m.itemIdx >= 0:
		it := m.items[m.itemIdx]
		in.QuoteID, in.Start, in.End = it.quoteID, it.start, it.end
	default:
		return common.Status("select a quote with ] or a span with v first", false)
	}
	return func() tea.Msg { return common.ToggleTagMsg{Input: in} }
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
func (m *Model) updateSelection(k tea.KeyPressMsg) (tea.Cmd, bool) {
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

// lineDown moves a body offset to the same column one wrapped line down,
// then to the end of that word.
func (m *Model) lineDown(off int) int {
	l := m.lineOf(off)
	if l+1 >= len(m.lines) {
		return len(m.body)
	}
	col := int(m.cellOf[min(off, len(m.body))]) - m.lines[l].start
	next := m.lines[l+1]
	c := min(next.start+col, next.end-1)
	for c >= next.start && (c >= len(m.cells) || m.cells[c].off < 0) {
		c--
	}
	if c < next.start {
		return m.wordEnd(off)
	}
	return m.wordEnd(int(m.cells[c].off))
}

func (m *Model) lineUp(off int) int {
	l := m.lineOf(off)
	if l == 0 {
		return off
	}
	col := int(m.cellOf[min(off, len(m.body))]) - m.lines[l].start
	prev := m.lines[l-1]
	c := min(prev.start+col, prev.end-1)
	for c >= prev.start && m.cells[c].off < 0 {
		c--
	}
	if c < prev.start {
		return off
	}
	return m.wordEnd(int(m.cells[c].off))
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

func (m *Model) openInput(mode int) tea.Cmd {
	t, ok := m.selectedTag()
	if !ok {
		return common.Status("tag the selected quote first (1-9), then add a note or target", false)
	}
	m.inputMode, m.inputTag = mode, t
	m.input.SetStyles(m.c.InputStyles())
	m.input.Reset()
	m.input.ShowSuggestions = false
	if mode == inputNote {
		m.input.Prompt = "note: "
		m.input.SetValue(t.Note)
	} else {
		m.input.Prompt = "target: "
		m.input.SetValue(t.Target)
		m.input.SetSuggestions(m.c.ActorNames())
		m.input.ShowSuggestions = true
	}
	m.input.CursorEnd()
	m.clampOffset()
	m.input.Focus() // real cursor: no blink command
	return nil
}

func (m *Model) closeInput() {
	m.inputMode = inputNone
	m.input.Blur()
}

func (m *Model) updateInput(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, m.c.Keys.Input.Cancel):
			m.closeInput()
			return nil
		case key.Matches(k, m.c.Keys.Input.Save):
			mode, id, v := m.inputMode, m.inputTag.ID, strings.TrimSpace(m.input.Value())
			m.closeInput()
			if mode == inputNote {
				return func() tea.Msg { return common.SetNoteMsg{TagID: id, Note: v} }
			}
			return func() tea.Msg { return common.SetTargetMsg{TagID: id, Target: v} }
		}
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Cursor is the terminal cursor of the inline input, relative to the pane
// (nil when no input is open).
func (m *Model) Cursor() *tea.Cursor {
	if m.inputMode == inputNone {
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
		return common.Pane(m.c, "Reader", "", m.focused, []string{"", s.Dim.Render("  Open an article: select a result and press enter.")}, m.w, m.h)
	}
	right := ""
	if len(m.items) > 0 {
		if m.itemIdx >= 0 {
			right = fmt.Sprintf("quote %d/%d", m.itemIdx+1, len(m.items))
		} else {
			right = plural(len(m.items), "quote", "quotes")
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
	body := []string{" " + s.Title.Render(common.Clean(m.doc.Title)), " " + s.Dim.Render(strings.Join(meta, " · "))}
	bh := m.bodyHeight()
	for i := m.offset; i < len(m.lines) && i < m.offset+bh; i++ {
		body = append(body, " "+m.renderLine(m.lines[i]))
	}
	if m.inputMode != inputNone {
		for len(body) < bh+2 {
			body = append(body, "")
		}
		body = append(body, " "+m.input.View())
	}
	return common.Pane(m.c, "Reader", right, m.focused, body, m.w, m.h)
}

type attrKey struct {
	badge int32
	actor int16
	flags uint8
	dyn   uint8 // 1 selected item, 2 current hit, 4 free selection
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
	if k.dyn&4 != 0 {
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
		return []key.Binding{r.SelectMore, r.SelectLess, r.Label, r.Cancel}
	}
	return []key.Binding{r.NextQuote, r.Label, r.Select, r.NextHit, r.Note}
}

// FullHelp groups the reader keys.
func (m *Model) FullHelp() [][]key.Binding {
	r := m.c.Keys.Reader
	return [][]key.Binding{
		{r.Down, r.Up, r.Top, r.Bottom, r.PageUp, r.PageDown},
		{r.NextHit, r.PrevHit, r.NextQuote, r.PrevQuote},
		{r.Label, r.Select, r.SelectMore, r.SelectLess, r.Cancel, r.Note, r.Target},
	}
}
