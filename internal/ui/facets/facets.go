// Package facets shows counts per actor, speaker and source for the
// current results; enter on one adds it to the query as a filter.
package facets

import (
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

type row struct {
	kind   string // "actor", "speaker", "source" or "filter" (a query term); "" for a section title
	value  string
	count  int
	active bool // the query filters by it: enter removes it
}

// Model is the facets pane.
type Model struct {
	c        *common.Common
	rows     []row
	actors   []model.FacetCount
	speakers []model.FacetCount // by name, the analysts' corrections counted
	sources  []model.FacetCount
	filters  []string // the query's filter terms
	years    []model.FacetCount
	months   []model.FacetCount
	month    int // the year whose months are shown (0: the years)
	cursor   int
	offset   int
	w, h     int
	focused  bool
}

// New returns an empty pane.
func New(c *common.Common) *Model { return &Model{c: c} }

// SetSize sets the pane size.
func (m *Model) SetSize(w, h int) { m.w, m.h = w, h; m.clamp(1) }

// Focus and Blur set the focus.
func (m *Model) Focus() tea.Cmd { m.focused = true; return nil }
func (m *Model) Blur()          { m.focused = false }

// SetFacets replaces the counts (the speakers' come later).
func (m *Model) SetFacets(actors, sources []model.FacetCount) {
	m.actors, m.sources, m.speakers = actors, sources, nil
	m.build()
	m.cursor, m.offset = 0, 0
	m.clamp(1)
}

// SetQuery tells the pane the query, whose filter terms it lists first
// (enter removes one) and marks among the counts.
func (m *Model) SetQuery(q string) {
	m.filters = common.FilterTerms(q)
	m.build()
	m.clamp(1)
}

func (m *Model) build() {
	m.rows = m.rows[:0]
	on := map[string]bool{}
	if len(m.filters) > 0 {
		m.rows = append(m.rows, row{value: "Filters (enter removes)"})
		for _, f := range m.filters {
			on[f] = true
			m.rows = append(m.rows, row{kind: "filter", value: f, active: true})
		}
	}
	add := func(title, kind string, fs []model.FacetCount) {
		if len(fs) == 0 {
			return
		}
		m.rows = append(m.rows, row{value: title})
		for _, f := range fs {
			m.rows = append(m.rows, row{kind, f.Value, f.Count, on[common.FacetTerm(kind, f.Value)]})
		}
	}
	add("Actors", "actor", m.actors)
	add("Speakers", "speaker", m.speakers)
	add("Sources", "source", m.sources)
	switch {
	case m.month > 0:
		y := fmt.Sprint(m.month)
		m.rows = append(m.rows, row{value: y + " by month"},
			row{kind: "back", value: "◂ all years"},
			row{kind: "date", value: y, count: -1, active: on[common.FacetTerm("date", y)]})
		for _, c := range m.months {
			m.rows = append(m.rows, row{"date", c.Value, c.Count, on[common.FacetTerm("date", c.Value)]})
		}
	case len(m.years) > 0:
		m.rows = append(m.rows, row{value: "Years (enter: months)"})
		for _, c := range m.years {
			m.rows = append(m.rows, row{"year", c.Value, c.Count, on[common.FacetTerm("date", c.Value)]})
		}
	}
}

// Actors are the actor counts shown.
func (m *Model) Actors() []model.FacetCount { return m.actors }

// Speakers are the speaker counts shown.
func (m *Model) Speakers() []model.FacetCount { return m.speakers }

// SetSpeakers sets the matches per speaker (by name).
func (m *Model) SetSpeakers(speakers []model.FacetCount) {
	m.speakers = speakers
	m.keep(m.build)
}

// SetYears sets the matches per year (every year of the corpus).
func (m *Model) SetYears(years []model.FacetCount) {
	m.years = years
	m.keep(m.build)
}

// SetMonths shows the matches per month of year (0: the years again).
func (m *Model) SetMonths(year int, months []model.FacetCount) {
	m.month, m.months = year, months
	m.keep(m.build)
	if year > 0 {
		for i, r := range m.rows {
			if r.kind == "back" {
				m.cursor = i
			}
		}
	}
	m.clamp(1)
}

// keep rebuilds the rows keeping the cursor on the same row.
func (m *Model) keep(rebuild func()) {
	var was row
	if m.cursor >= 0 && m.cursor < len(m.rows) {
		was = m.rows[m.cursor]
	}
	rebuild()
	for i, r := range m.rows {
		if r.kind == was.kind && r.value == was.value {
			m.cursor = i
		}
	}
	m.clamp(1)
}

// Selected returns the facet under the cursor.
func (m *Model) Selected() (kind, value string, ok bool) {
	if m.cursor < 0 || m.cursor >= len(m.rows) || m.rows[m.cursor].kind == "" {
		return "", "", false
	}
	return m.rows[m.cursor].kind, m.rows[m.cursor].value, true
}

func (m *Model) visible() int { return max(1, m.h-1) }

// clamp keeps the cursor on a facet row (skipping titles in direction dir).
func (m *Model) clamp(dir int) {
	m.cursor = max(0, min(m.cursor, len(m.rows)-1))
	for m.cursor >= 0 && m.cursor < len(m.rows) && m.rows[m.cursor].kind == "" {
		m.cursor += dir
	}
	if m.cursor < 0 || m.cursor >= len(m.rows) {
		m.cursor = max(0, min(m.cursor, len(m.rows)-1))
		if len(m.rows) > 1 && m.rows[m.cursor].kind == "" {
			m.clamp(-dir)
			return
		}
	}
	if m.cursor < m.offset+1 {
		m.offset = max(0, m.cursor-1)
	}
	if m.cursor >= m.offset+m.visible() {
		m.offset = m.cursor - m.visible() + 1
	}
}

// Update handles the pane's keys.
func (m *Model) Update(msg tea.Msg) (tea.Cmd, common.Intent) { return nil, m.update(msg) }

func (m *Model) update(msg tea.Msg) common.Intent {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	l := m.c.Keys.List
	if key.Matches(k, l.Open) {
		kind, v, ok := m.Selected()
		if !ok {
			return nil
		}
		switch kind {
		case "filter":
			return common.FacetMsg{Kind: kind, Value: v, Remove: true}
		case "year":
			y, _ := strconv.Atoi(v)
			return common.DrillMsg{Year: y}
		case "back":
			return common.DrillMsg{}
		}
		return common.FacetMsg{Kind: kind, Value: v}
	}
	cursor, dir, moved := common.MoveCursor(k, l, m.cursor, len(m.rows), m.visible())
	if !moved {
		return nil
	}
	m.cursor = cursor
	m.clamp(dir)
	return nil
}

// View renders the pane.
func (m *Model) View() string {
	s := m.c.Styles
	var body []string
	if len(m.rows) == 0 {
		body = append(body, s.Dim.Render("  no facets"))
	}
	for i := m.offset; i < len(m.rows) && i < m.offset+m.visible(); i++ {
		r := m.rows[i]
		if r.kind == "" {
			body = append(body, s.Bold.Render(" "+r.value))
			continue
		}
		mark := "  "
		if i == m.cursor && m.focused {
			mark = s.HeaderFocused.UnsetUnderline().Render("▌ ")
		}
		name := common.Clean(r.value)
		st := s.Dim
		switch r.kind {
		case "actor":
			name = common.Clean(m.c.ActorName(r.value))
			st = s.ActorChip(r.value)
		case "speaker":
			st = s.Speaker
			if id := m.c.ActorID(r.value); id != "" && s.ActorColor(id) != nil {
				st = s.ActorChip(id)
			}
		}
		switch {
		case r.kind == "filter":
			body = append(body, mark+"✕ "+s.Bold.Render(name))
			continue
		case r.kind == "back":
			body = append(body, mark+s.Dim.Render(name))
			continue
		case r.count < 0:
			body = append(body, mark+map[bool]string{true: "✓ ", false: ""}[r.active]+"all of "+name)
			continue
		case r.count == 0 && (r.kind == "year" || r.kind == "date"):
			st = s.Dim
		}
		on := ""
		if r.active {
			on = "✓ "
		}
		body = append(body, fmt.Sprintf("%s%s%s %s", mark, on, st.Render(name), s.Dim.Render(fmt.Sprintf("%d", r.count))))
	}
	return common.Pane(m.c, "Facets", "enter filters / removes", m.focused, body, m.w, m.h)
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	return []key.Binding{m.c.Keys.List.Down, m.c.Keys.List.Open}
}

// FullHelp groups the keys.
func (m *Model) FullHelp() [][]key.Binding {
	l := m.c.Keys.List
	return [][]key.Binding{{l.Down, l.Up, l.Top, l.Bottom, l.Open}}
}
