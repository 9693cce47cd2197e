// Package insights is the TUI's insights view (key i): the stance matrix,
// the timeline and actor co-occurrence of the current query. It is
// standalone: it gets its data as a DataMsg (computed off the UI goroutine
// by the app layer) and answers keys with intents as values (RunQueryMsg,
// RecomputeMsg, CloseMsg); it never blocks and imports neither the index
// nor the tag store.
package insights

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	data "github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/textsafe"
	"github.com/workbench-dev/workbench/internal/ui/styles"
)

// DataMsg delivers computed insights (or the error computing them).
type DataMsg struct {
	Data data.Data
	Err  error
}

// RunQueryMsg is the intent of enter: run Query in the search line and list
// its statements. The structured fields say the same for a caller that
// filters directly; Period is "2022-03", "2022", data.NoDate or "".
type RunQueryMsg struct {
	Query                  string
	Speaker, Target, Label string
	Actors                 []string
	Period                 string
}

// RecomputeMsg is the intent of a change that needs new data: rows by
// speaker or target, timeline per month or year, the timeline's actors
// (nil: the five most mentioned).
type RecomputeMsg struct {
	By, Interval string
	Actors       []string
}

// CloseMsg is the intent of esc: leave the insights view.
type CloseMsg struct{}

// Tab is one of the three views.
type Tab int

// The tabs.
const (
	TabMatrix Tab = iota
	TabTimeline
	TabPairs
)

var (
	tabNames      = []string{"Stance matrix", "Timeline", "Co-occurrence"}
	shortTabNames = []string{"Matrix", "Timeline", "Pairs"}
)

// Keys are the insights view's bindings.
type Keys struct {
	NextTab, PrevTab, Matrix, Timeline, Pairs key.Binding
	Up, Down, Left, Right                     key.Binding
	Open, Rows, Interval, Metric, Close       key.Binding
	Pick                                      key.Binding
}

func b(keys []string, k, help string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, help))
}

// DefaultKeys are the pinned keys of the view.
func DefaultKeys() Keys {
	return Keys{
		NextTab:  b([]string{"tab"}, "tab", "next view"),
		PrevTab:  b([]string{"shift+tab"}, "shift+tab", "previous view"),
		Matrix:   b([]string{"1"}, "1", "stance matrix"),
		Timeline: b([]string{"2"}, "2", "timeline"),
		Pairs:    b([]string{"3"}, "3", "co-occurrence"),
		Up:       b([]string{"k", "up"}, "k/↑", "up"),
		Down:     b([]string{"j", "down"}, "j/↓", "down"),
		Left:     b([]string{"h", "left"}, "h/←", "left"),
		Right:    b([]string{"l", "right"}, "l/→", "right"),
		Open:     b([]string{"enter"}, "enter", "list these statements"),
		Rows:     b([]string{"b"}, "b", "rows: speakers/targets"),
		Interval: b([]string{"y"}, "y", "month/year"),
		Metric:   b([]string{"v"}, "v", "statements/mentions/tags"),
		Close:    b([]string{"esc"}, "esc", "close insights"),
		Pick:     b([]string{"space"}, "space", "actor on/off the timeline (up to 5)"),
	}
}

// Metrics of the timeline, in toggle order.
var metrics = []string{"statements", "mentions", "tags"}

// Model is the insights view.
type Model struct {
	st       *styles.Styles
	keys     Keys
	d        data.Data
	have     bool
	loading  bool
	err      error
	tab      Tab
	w, h     int
	by       string
	interval string
	metric   int
	// Cursors: matrix row/column, timeline series/point, pair.
	mr, mc, mro, mco int
	ts, tp, tpo      int
	pc, po           int
	// Co-occurrence: focus on the actor list, its cursor, and the actors
	// picked for the timeline (nil: the default five).
	onActors bool
	ac, ao   int
	picked   []string
}

// New returns a view waiting for its data ("computing…").
func New(st *styles.Styles) *Model {
	return &Model{st: st, keys: DefaultKeys(), loading: true, by: data.BySpeaker, interval: data.Month}
}

// Keys returns the view's bindings (for the help overlay).
func (m *Model) Keys() Keys { return m.keys }

// SetStyles replaces the styles (after the terminal reported its colours).
func (m *Model) SetStyles(st *styles.Styles) { m.st = st }

// SetSize sets the view's size.
func (m *Model) SetSize(w, h int) { m.w, m.h = w, h }

// SetLoading shows "computing…" until the next DataMsg; the old data stays
// for the keys meanwhile.
func (m *Model) SetLoading() { m.loading = true; m.err = nil }

// Tab is the current view.
func (m *Model) Tab() Tab { return m.tab }

// Data is the data shown.
func (m *Model) Data() data.Data { return m.d }

// Update handles DataMsg and keys; it returns intents as commands.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case DataMsg:
		m.loading = false
		m.err = msg.Err
		if msg.Err == nil {
			m.d, m.have = msg.Data, true
			if msg.Data.Matrix.By != "" {
				m.by = msg.Data.Matrix.By
			}
			if msg.Data.Timeline.Interval != "" {
				m.interval = msg.Data.Timeline.Interval
			}
			m.tp = m.lastDated()
			m.clamp()
		}
		return nil
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return nil
}

func (m *Model) key(k tea.KeyPressMsg) tea.Cmd {
	ks := m.keys
	switch {
	case key.Matches(k, ks.Close):
		return emit(CloseMsg{})
	case key.Matches(k, ks.NextTab):
		m.tab = (m.tab + 1) % 3
	case key.Matches(k, ks.PrevTab):
		m.tab = (m.tab + 2) % 3
	case key.Matches(k, ks.Matrix):
		m.tab = TabMatrix
	case key.Matches(k, ks.Timeline):
		m.tab = TabTimeline
	case key.Matches(k, ks.Pairs):
		m.tab = TabPairs
	case key.Matches(k, ks.Rows) && m.tab == TabMatrix:
		if m.by == data.BySpeaker {
			m.by = data.ByTarget
		} else {
			m.by = data.BySpeaker
		}
		m.mr, m.mro = 0, 0
		m.SetLoading()
		return emit(RecomputeMsg{By: m.by, Interval: m.interval, Actors: m.picked})
	case key.Matches(k, ks.Interval) && m.tab == TabTimeline:
		if m.interval == data.Month {
			m.interval = data.Year
		} else {
			m.interval = data.Month
		}
		m.SetLoading()
		return emit(RecomputeMsg{By: m.by, Interval: m.interval, Actors: m.picked})
	case key.Matches(k, ks.Metric) && m.tab == TabTimeline:
		m.metric = (m.metric + 1) % len(metrics)
	case key.Matches(k, ks.Pick) && m.tab == TabPairs && m.onActors:
		return m.pick()
	case key.Matches(k, ks.Open):
		if q, ok := m.drill(); ok {
			return emit(q)
		}
	case key.Matches(k, ks.Up):
		m.move(0, -1)
	case key.Matches(k, ks.Down):
		m.move(0, 1)
	case key.Matches(k, ks.Left):
		m.move(-1, 0)
	case key.Matches(k, ks.Right):
		m.move(1, 0)
	}
	return nil
}

func emit(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

func (m *Model) move(dx, dy int) {
	switch m.tab {
	case TabMatrix:
		m.mr += dy
		m.mc += dx
	case TabTimeline:
		m.ts += dy
		m.tp += dx
	case TabPairs:
		switch {
		case dx > 0 && len(m.d.Actors) > 0:
			m.onActors = true
		case dx < 0:
			m.onActors = false
		case m.onActors:
			m.ac += dy
		default:
			m.pc += dy
		}
	}
	m.clamp()
}

func (m *Model) clamp() {
	mx := m.d.Matrix
	m.mr = clampInt(m.mr, len(mx.Rows))
	m.mc = clampInt(m.mc, len(mx.Labels))
	m.ts = clampInt(m.ts, len(m.d.Timeline.Series))
	m.tp = clampInt(m.tp, len(m.points()))
	m.pc = clampInt(m.pc, len(m.d.Cooccurrence))
	m.ac = clampInt(m.ac, len(m.d.Actors))
}

// timelineActors are the actors the timeline shows now.
func (m *Model) timelineActors() []string {
	var out []string
	for _, s := range m.d.Timeline.Series {
		out = append(out, s.Name)
	}
	return out
}

// pick puts the actor under the cursor on or off the timeline (at most
// data.MaxSeries) and asks for the timeline again.
func (m *Model) pick() tea.Cmd {
	if m.ac >= len(m.d.Actors) {
		return nil
	}
	a := m.d.Actors[m.ac].Actor
	cur := m.picked
	if cur == nil {
		cur = m.timelineActors()
	}
	var next []string
	if i := slices.Index(cur, a); i >= 0 {
		next = slices.Delete(slices.Clone(cur), i, i+1)
	} else {
		if len(cur) >= data.MaxSeries {
			return nil
		}
		next = append(slices.Clone(cur), a)
	}
	if next == nil {
		next = []string{}
	}
	m.picked = next
	m.SetLoading()
	return emit(RecomputeMsg{By: m.by, Interval: m.interval, Actors: next})
}

func clampInt(v, n int) int { return max(0, min(v, n-1)) }

func (m *Model) points() []data.Point {
	if len(m.d.Timeline.Series) == 0 {
		return nil
	}
	return m.d.Timeline.Series[0].Points
}

// lastDated is the newest dated point (where the timeline cursor starts).
func (m *Model) lastDated() int {
	ps := m.points()
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].T != data.NoDate {
			return i
		}
	}
	return max(0, len(ps)-1)
}

// value quotes a shortcut's value when it holds spaces.
func value(s string) string {
	if strings.ContainsAny(s, " \t\"") {
		return `"` + strings.ReplaceAll(s, `"`, "") + `"`
	}
	return s
}

// withQuery puts the current query before the drill-down's filters.
func (m *Model) withQuery(parts ...string) string {
	if q := strings.TrimSpace(m.d.Query); q != "" {
		parts = append([]string{q}, parts...)
	}
	return strings.Join(parts, " ")
}

// drill is the intent of enter on the current cell, point or pair:
//
//	matrix cell    speaker:"Vladimir Putin" #escalatory   (target:NATO #escalatory, @name #label by actor)
//	timeline point speaker:putin date:2022-03             (statements; @putin date:2022-03 for mentions and tags)
//	pair           @nato @putin
//
// each after the current query. A "(none)" row or the "no date" point
// gives the query without that filter and says so in the structured fields.
func (m *Model) drill() (RunQueryMsg, bool) {
	if !m.have {
		return RunQueryMsg{}, false
	}
	switch m.tab {
	case TabMatrix:
		mx := m.d.Matrix
		if m.mr >= len(mx.Rows) || m.mc >= len(mx.Labels) {
			return RunQueryMsg{}, false
		}
		row, label := mx.Rows[m.mr], mx.Labels[m.mc]
		q := RunQueryMsg{Label: label}
		parts := []string{}
		if row != data.NoName {
			switch m.by {
			case data.ByTarget:
				q.Target = row
				parts = append(parts, "target:"+value(row))
			case data.ByActor:
				q.Actors = []string{row}
				parts = append(parts, "@"+value(row))
			default:
				q.Speaker = row
				parts = append(parts, "speaker:"+value(row))
			}
		}
		parts = append(parts, "#"+value(label))
		q.Query = m.withQuery(parts...)
		return q, true
	case TabTimeline:
		ss := m.d.Timeline.Series
		if m.ts >= len(ss) || m.tp >= len(ss[m.ts].Points) {
			return RunQueryMsg{}, false
		}
		a, p := ss[m.ts].Name, ss[m.ts].Points[m.tp].T
		q := RunQueryMsg{Period: p}
		var parts []string
		if metrics[m.metric] == "statements" {
			q.Speaker = a
			parts = append(parts, "speaker:"+value(a))
		} else {
			q.Actors = []string{a}
			parts = append(parts, "@"+value(a))
		}
		if p != data.NoDate {
			parts = append(parts, "date:"+p)
		}
		q.Query = m.withQuery(parts...)
		return q, true
	case TabPairs:
		if m.onActors {
			if m.ac >= len(m.d.Actors) {
				return RunQueryMsg{}, false
			}
			a := m.d.Actors[m.ac].Actor
			return RunQueryMsg{Query: m.withQuery("@" + value(a)), Actors: []string{a}}, true
		}
		ps := m.d.Cooccurrence
		if m.pc >= len(ps) {
			return RunQueryMsg{}, false
		}
		pr := ps[m.pc]
		return RunQueryMsg{Query: m.withQuery("@"+value(pr.A), "@"+value(pr.B)), Actors: []string{pr.A, pr.B}}, true
	}
	return RunQueryMsg{}, false
}

// View renders the view in its size.
func (m *Model) View() string {
	w, h := max(m.w, 1), max(m.h, 1)
	if w < 30 || h < 6 {
		return fit(m.st.Dim.Render("insights: enlarge the window"), w, h)
	}
	var lines []string
	lines = append(lines, m.header(w))
	body := h - 3
	switch {
	case m.err != nil:
		lines = append(lines, m.st.Error.Render(cut("cannot compute the insights: "+textsafe.CleanLine(m.err.Error()), w)))
	case !m.have:
		lines = append(lines, "", m.st.Dim.Render(center("computing…", w)))
	default:
		switch m.tab {
		case TabMatrix:
			lines = append(lines, m.matrixView(w, body)...)
		case TabTimeline:
			lines = append(lines, m.timelineView(w, body)...)
		case TabPairs:
			lines = append(lines, m.pairsView(w, body)...)
		}
	}
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	lines = lines[:h-1]
	lines = append(lines, m.footer(w))
	return fit(strings.Join(lines, "\n"), w, h)
}

func (m *Model) header(w int) string {
	var tabs []string
	for i, n := range tabNames {
		if w < 60 {
			n = shortTabNames[i]
		}
		if Tab(i) == m.tab {
			tabs = append(tabs, m.st.HeaderFocused.Render(fmt.Sprintf("%d %s", i+1, n)))
		} else {
			tabs = append(tabs, m.st.Header.Render(fmt.Sprintf("%d %s", i+1, n)))
		}
	}
	left := m.st.Title.Render("Insights") + "  " + strings.Join(tabs, "  ")
	q := strings.TrimSpace(textsafe.CleanLine(m.d.Query))
	if !m.have {
		q = ""
	}
	if q == "" {
		q = "whole corpus"
	}
	right := q
	if m.loading && m.have {
		right = "computing… " + q
	}
	room := w - lipgloss.Width(left) - 2
	if room < 6 {
		return cut(left, w)
	}
	return left + strings.Repeat(" ", max(2, room-lipgloss.Width(cut(right, room))+2)) + m.st.Dim.Render(cut(right, room))
}

func (m *Model) footer(w int) string {
	var bs []key.Binding
	switch m.tab {
	case TabMatrix:
		bs = []key.Binding{m.keys.Open, m.keys.Rows}
	case TabTimeline:
		bs = []key.Binding{m.keys.Open, m.keys.Metric, m.keys.Interval}
	case TabPairs:
		bs = []key.Binding{m.keys.Open}
		if m.onActors {
			bs = append(bs, m.keys.Pick)
		}
	}
	bs = append(bs, m.keys.NextTab, m.keys.Close)
	var parts []string
	for _, k := range bs {
		h := k.Help()
		parts = append(parts, m.st.HelpKey.Render(h.Key)+" "+m.st.HelpDesc.Render(h.Desc))
	}
	out := ""
	for _, p := range parts {
		next := out
		if next != "" {
			next += "  "
		}
		next += p
		if lipgloss.Width(next) > w {
			break
		}
		out = next
	}
	return out
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.keys.Open, m.keys.NextTab, m.keys.Rows, m.keys.Interval, m.keys.Close}
}

// FullHelp groups the keys.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.NextTab, k.PrevTab, k.Matrix, k.Timeline, k.Pairs, k.Close},
		{k.Up, k.Down, k.Left, k.Right, k.Open},
		{k.Rows, k.Interval, k.Metric, k.Pick},
	}
}

// fit pads or cuts s to exactly w x h cells.
func fit(s string, w, h int) string {
	ls := strings.Split(s, "\n")
	if len(ls) > h {
		ls = ls[:h]
	}
	for len(ls) < h {
		ls = append(ls, "")
	}
	for i, l := range ls {
		if lw := lipgloss.Width(l); lw > w {
			ls[i] = cut(l, w)
		} else if lw < w {
			ls[i] = l + strings.Repeat(" ", w-lw)
		}
	}
	return strings.Join(ls, "\n")
}

func center(s string, w int) string {
	return strings.Repeat(" ", max(0, (w-lipgloss.Width(s))/2)) + s
}
