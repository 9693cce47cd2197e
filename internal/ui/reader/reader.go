// Package reader shows one article wrapped to the pane width: every actor
// mention in its actor's colour, search terms highlighted, quotations marked
// with speaker and label badges. It selects quotes and free spans and asks
// the root model (through messages) to tag them.
package reader

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

// item is a selectable span: a quote, or a tagged free span.
type item struct {
	start, end int
	quoteID    string // "" for a free span; a turn's statement id for a turn
	speaker    string
	source     string // where the speaker comes from (model.SourceAnalyst...)
	turn       bool   // a speaker's turn in a transcript (not a quote)
}

// input modes
const (
	inputNone = iota
	inputNote
	inputTarget
	inputChoose // which label's tag: choosing, for note or target
	inputSpeaker
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

	inputMode   int
	inputTag    model.Tag
	input       textinput.Model
	chooseFor   int                  // inputNote or inputTarget, while choosing
	speakerSpan [2]int               // the span whose speaker is being typed
	speakerID   string               // its statement id ("" for a free selection)
	choices     map[string]model.Tag // key -> tag, while choosing
	pending     *[2]int              // a free span just tagged: select it once its tag is back

	cur      int  // the cursor: a body offset (-1 none)
	anchor   int  // the selection's anchor (-1 none)
	charMode bool // the last move was by character: no snapping to words
	dragging bool // the left mouse button is down
	wantCol  int  // the column j/k keep (-1: the cursor's)
}

// New returns an empty reader.
func New(c *common.Common) *Model {
	in := textinput.New()
	in.CharLimit = 2000
	in.SetVirtualCursor(false)
	return &Model{c: c, itemIdx: -1, hitIdx: -1, input: in, cur: -1, anchor: -1, wantCol: -1}
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
	m.cur, m.anchor, m.dragging = -1, -1, false
	m.closeInput()
	m.rebuild()
	if len(m.body) > 0 {
		m.cur = m.settle(0, 1)
	}
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
	if m.pending != nil {
		// The free span just tagged becomes the current item, so that a
		// and t work on it at once.
		keep, m.pending = &item{start: m.pending[0], end: m.pending[1]}, nil
	}
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
		// Spans come from outside: keep them inside the body.
		if st, en := max(0, s.Start), min(len(m.body), s.End); st < en {
			m.hits = append(m.hits, [2]int{st, en})
		}
	}
	for _, h := range m.hits {
		for i := max(0, h[0]); i < min(len(m.flags), h[1]); i++ {
			m.flags[i] |= fHit
		}
	}
}

// Offset is the first visible line; Lines the number of wrapped lines.
func (m *Model) Offset() int { return m.offset }

func (m *Model) Lines() int { return len(m.lines) }

// HitIndex is the current search hit (-1 none) and Hits their count.
func (m *Model) HitIndex() int { return m.hitIdx }

func (m *Model) Hits() int { return len(m.hits) }

// rebuild recomputes items, per-offset attributes and the layout.
func (m *Model) rebuild() {
	if m.doc == nil {
		return
	}
	n := len(m.body)
	m.items = m.items[:0]
	// Spans come from outside: keep only those inside the body.
	valid := func(s, e int) bool { return s >= 0 && s < e && e <= n }
	source := map[string]string{} // statement id -> where its speaker comes from
	for _, st := range m.doc.Analysis.Statements {
		source[st.ID] = st.SpeakerSource
	}
	for _, q := range m.doc.Analysis.Quotes {
		if valid(q.Start, q.End) {
			m.items = append(m.items, item{start: q.Start, end: q.End, quoteID: q.ID, speaker: q.Speaker, source: source[q.ID]})
		}
	}
	// Transcript turns are statements too: ] and [ move through them, 1-9
	// tags them, and each opens with its speaker's badge.
	for _, st := range m.doc.Analysis.Statements {
		if st.Kind == model.StatementTurn && valid(st.Start, st.End) {
			m.items = append(m.items, item{start: st.Start, end: st.End, quoteID: st.ID, speaker: st.Speaker, source: st.SpeakerSource, turn: true})
		}
	}
	seen := map[[2]int]bool{}
	for _, it := range m.items { // a tagged quote or turn is one item
		seen[[2]int{it.start, it.end}] = true
	}
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
	marker := map[[3]string]string{} // span and label -> note and target markers
	for _, t := range m.tags {
		k := [2]int{t.Start, t.End}
		if !contains(labels[k], t.Label) {
			labels[k] = append(labels[k], t.Label)
		}
		mk := [3]string{fmt.Sprint(t.Start), fmt.Sprint(t.End), t.Label}
		if t.Target != "" {
			marker[mk] = " →" + common.Clean(t.Target)
		}
		if t.Note != "" {
			marker[mk] += " ✎"
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
			out = append(out, badge{at: at, text: "[" + common.Clean(sp) + common.SpeakerMark(it.source) + "] ", kind: badgeSpeaker})
		}
		for _, l := range labels[[2]int{it.start, it.end}] {
			mk := marker[[3]string{fmt.Sprint(it.start), fmt.Sprint(it.end), l}]
			out = append(out, badge{at: at, text: "[" + common.Clean(l) + mk + "] ", kind: badgeLabel, name: l})
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
	h := m.h - 1 - m.headLines() - m.footLines() // pane title, article title and meta, input or note
	return max(1, h)
}

// headLines is the article title and meta line, left out in a pane too
// short to show text under them (50x12).
func (m *Model) headLines() int {
	if m.h < 7 {
		return 0
	}
	return 2
}

// footLines is the input line, when one is open, or the note line of the
// current item when it has a note or target.
func (m *Model) footLines() int {
	if m.inputMode != inputNone || m.noteLine() != "" {
		return 1
	}
	return 0
}

// BodyHeight is the number of article lines shown.
func (m *Model) BodyHeight() int { return m.bodyHeight() }

func (m *Model) textWidth() int { return max(1, m.w-2) }

func (m *Model) relayout() {
	if m.doc == nil {
		return
	}
	if m.wrapW != m.textWidth() {
		// Re-wrapping moves every line: keep the current quote (or
		// selection, or the top line) in view.
		top := -1
		if len(m.lines) > 0 && m.wrapW > 0 {
			top = m.topOffset()
		}
		m.wrapW = m.textWidth()
		m.lines = wrap(m.cells, m.wrapW)
		if top >= 0 {
			m.offset = m.lineOf(top)
		}
		m.keepInView()
	}
	m.clampOffset()
}

// topOffset is the body offset of the first visible line.
func (m *Model) topOffset() int {
	l := m.lines[max(0, min(m.offset, len(m.lines)-1))]
	for c := l.start; c < len(m.cells) && c < l.end; c++ {
		if m.cells[c].off >= 0 {
			return int(m.cells[c].off)
		}
	}
	return 0
}

// keepInView scrolls to the free selection's end or the current quote when
// it is out of view (after a resize).
func (m *Model) keepInView() {
	switch {
	case m.sel != nil:
		m.scrollTo(m.sel[1])
	case m.itemIdx >= 0 && m.itemIdx < len(m.items):
		it := m.items[m.itemIdx]
		m.scrollTo(it.start)
	}
}
