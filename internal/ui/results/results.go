// Package results is the list of search hits: title, date, source, a matched
// fragment with its hits highlighted, and coloured actor chips.
package results

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

const rowHeight = 3

// Model is the result list.
type Model struct {
	c       *common.Common
	hits    []model.Hit
	total   uint64
	took    time.Duration
	query   string
	loading bool
	cursor  int
	offset  int
	w, h    int
	focused bool
	more    bool   // a next page was asked for
	toEnd   bool   // G: go to the last hit once every hit is loaded
	hist    string // matches per year, one line
	histOn  bool   // the layout has room for it
	order   string // "" (relevance) or "newest first" / "oldest first"
	pending bool   // a newer search is running
	partial bool   // a first answer: total is a lower bound, the exact answer follows
}

// New returns an empty result list.
func New(c *common.Common) *Model { return &Model{c: c, loading: true} }

// SetSize sets the pane size.
func (m *Model) SetSize(w, h int) { m.w, m.h = w, h; m.clamp() }

// Focus and Blur set the focus.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }
func (m *Model) Blur()          { m.focused = false }

// SetResults replaces the list with a new result; the cursor goes to the top.
// A partial first answer (r.Partial) shows its total as a lower bound
// ("≥ N hits") until SetExact replaces it.
func (m *Model) SetResults(q string, r *model.SearchResult) {
	m.query, m.hits, m.total, m.took, m.loading, m.pending = q, r.Hits, r.Total, r.Took, false, false
	m.partial = r.Partial
	m.cursor, m.offset, m.more, m.toEnd = 0, 0, false, false
}

// SetExact replaces a partial first answer with the exact answer to the
// same query: its hits and total (the cursor stays on its hit when the
// exact answer holds it, else at its place). An exact first answer needs
// no replacing.
func (m *Model) SetExact(r *model.SearchResult) {
	sel, had := m.Selected()
	m.hits, m.total, m.partial, m.more, m.toEnd = r.Hits, r.Total, r.Partial, false, false
	if had {
		for i, h := range m.hits {
			if h.ID == sel.ID {
				m.cursor = i
				break
			}
		}
	}
	m.cursor = min(m.cursor, max(len(m.hits)-1, 0))
	m.clamp()
}

// Partial tells whether the hits shown are a partial first answer (Total
// is then a lower bound).
func (m *Model) Partial() bool { return m.partial }

// SetPending marks the results as about to be replaced (a search for a
// newer query is running); false when that search failed.
func (m *Model) SetPending(p bool) { m.pending = p }

// Append adds the next page of hits (from offset), ignoring a page that
// does not continue the list.
func (m *Model) Append(offset int, hits []model.Hit) {
	if offset != len(m.hits) {
		return
	}
	m.hits = append(m.hits, hits...)
	m.more = false
	if m.toEnd {
		m.toEnd = false
		m.cursor = len(m.hits) - 1
		m.clamp()
	}
}

// SetHistogram sets the line of matches per year shown above the hits.
func (m *Model) SetHistogram(years []model.FacetCount) {
	m.hist = common.Histogram(years)
	m.clamp()
}

// Histogram is the line of matches per year ("" until known).
func (m *Model) Histogram() string { return m.hist }

// HistogramLines is 1 when the histogram line shows.
func (m *Model) HistogramLines() int {
	if m.hist == "" || !m.histOn {
		return 0
	}
	return 1
}

// ShowHistogram tells whether the layout has room for the histogram line.
func (m *Model) ShowHistogram(on bool) { m.histOn = on; m.clamp() }

// SetOrder names the order of the hits ("" for relevance).
func (m *Model) SetOrder(o string) { m.order = o }

// Total is the number of matches of the current query (a lower bound
// while Partial).
func (m *Model) Total() uint64 { return m.total }

// Loading reports whether no answer has come yet.
func (m *Model) Loading() bool { return m.loading }

// Hits returns the hits shown.
func (m *Model) Hits() []model.Hit { return m.hits }

// Selected returns the hit under the cursor.
func (m *Model) Selected() (model.Hit, bool) {
	if m.cursor < 0 || m.cursor >= len(m.hits) {
		return model.Hit{}, false
	}
	return m.hits[m.cursor], true
}

// Cursor is the index of the selected row.
func (m *Model) Cursor() int { return m.cursor }

func (m *Model) visible() int { return max(1, (m.h-1-m.HistogramLines())/rowHeight) }

// Visible is the number of rows that fit (a page).
func (m *Model) Visible() int { return m.visible() }

func (m *Model) clamp() {
	m.cursor, m.offset = common.ClampCursor(m.cursor, m.offset, len(m.hits), m.visible())
}

// Update handles list keys.
func (m *Model) Update(msg tea.Msg) (tea.Cmd, common.Intent) { return nil, m.update(msg) }

func (m *Model) update(msg tea.Msg) common.Intent {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	km := m.c.Keys.List
	if key.Matches(k, km.Open) {
		return m.open()
	}
	cursor, _, moved := common.MoveCursor(k, km, m.cursor, len(m.hits), m.visible())
	if !moved {
		return nil
	}
	m.cursor = cursor
	m.clamp()
	if key.Matches(k, km.Bottom) && uint64(len(m.hits)) < m.total && !m.partial {
		// The last result: load every hit after those loaded, at once.
		m.toEnd, m.more = true, true
		return common.LoadMoreMsg{Offset: len(m.hits), All: true}
	}
	return m.maybeMore()
}

// maybeMore asks for the next page when the cursor nears the end of the
// hits loaded and there are more.
func (m *Model) maybeMore() common.Intent {
	n := len(m.hits)
	// A partial first answer's next page would come from the exact
	// answer, which replaces it anyway.
	if m.more || m.partial || n == 0 || uint64(n) >= m.total || m.cursor < n-m.visible() {
		return nil
	}
	m.more = true
	return common.LoadMoreMsg{Offset: n}
}

func (m *Model) open() common.Intent {
	h, ok := m.Selected()
	if !ok {
		return nil
	}
	return common.OpenDocMsg{ID: h.ID, Focus: true}
}

// View renders the pane.
func (m *Model) View() string {
	title := "Results"
	right := ""
	switch {
	case m.loading:
		right = "searching…"
	default:
		total, hits := fmt.Sprint(m.total), plural(m.total, "hit", "hits")
		if m.partial {
			// A first answer: more matches than it visited.
			total, hits = "≥"+total, "hits"
		}
		right = fmt.Sprintf("%s %s · %s", total, hits, fmtDur(m.took))
		if m.cursor > 0 {
			right = fmt.Sprintf("%d/%s · %s", m.cursor+1, total, right)
		}
		if m.order != "" {
			right = m.order + " · " + right
		}
		if m.pending {
			right = "searching… " + right
		}
	}
	var body []string
	if m.HistogramLines() > 0 {
		body = append(body, m.c.Styles.Dim.Render("  per year ")+m.c.Styles.Info.Render(m.hist))
	}
	if !m.loading && len(m.hits) == 0 {
		body = append(body, m.c.Styles.Dim.Render("  no matches"))
	}
	s := m.c.Styles
	for i := m.offset; i < len(m.hits) && i < m.offset+m.visible(); i++ {
		h := m.hits[i]
		mark := "  "
		if i == m.cursor {
			mark = s.HeaderFocused.UnsetUnderline().Render("▌ ")
			if !m.focused {
				mark = s.Dim.Render("▌ ")
			}
		}
		title := common.MarkSpans(h.Title, h.TitleMarks, s.Hit.Render)
		if strings.TrimSpace(h.Title) == "" {
			title = common.Clean(h.ID)
		}
		meta := []string{}
		if d := model.FormatDate(h.Date); d != "" {
			meta = append(meta, d)
		}
		if h.Source != "" {
			meta = append(meta, common.Clean(h.Source))
		}
		line2 := s.Dim.Render(strings.Join(meta, " · "))
		for j, a := range h.Actors {
			if j == 4 {
				line2 += s.Dim.Render(fmt.Sprintf(" +%d", len(h.Actors)-4))
				break
			}
			line2 += " " + s.ActorChip(a).Render("●"+common.Clean(m.c.ActorName(a)))
		}
		frag := ""
		if len(h.Fragments) > 0 {
			frag = common.MarkSpans(h.Fragments[0].Text, h.Fragments[0].Marks, s.Hit.Render)
		}
		body = append(body, mark+s.Title.Render(title), mark+line2, mark+frag)
	}
	return common.Pane(m.c, title, right, m.focused, body, m.w, m.h)
}

func plural(n uint64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func fmtDur(d time.Duration) string {
	if d < time.Millisecond {
		return fmt.Sprintf("%dµs", d.Microseconds())
	}
	return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000)
}

// ShortHelp lists the main keys of the list.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys.List
	return []key.Binding{k.Down, k.Up, k.Open}
}

// FullHelp groups all keys of the list.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys.List
	return [][]key.Binding{{k.Down, k.Up, k.Top, k.Bottom, k.PageUp, k.PageDown, k.Open}}
}
