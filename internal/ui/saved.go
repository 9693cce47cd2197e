package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
)

// savedView is the saved searches pane (S) and the name prompt (ctrl+s in
// the search line).
type savedView struct {
	open    bool
	cursor  int
	totals  map[string]uint64 // query -> matches now (once counted)
	naming  bool
	name    textinput.Model
	pending string // the query being named
}

func newSavedView() savedView {
	in := textinput.New()
	in.Prompt = "save the search as: "
	in.CharLimit = 100
	in.SetVirtualCursor(false)
	return savedView{name: in}
}

// savedCountsMsg answers the count of every saved search's matches.
type savedCountsMsg struct {
	seq    uint64
	totals map[string]uint64
}

// savedTotalMsg answers the exact count of a search saved while a partial
// first answer was on screen.
type savedTotalMsg struct {
	name, query string
	total       uint64
}

// startNaming asks for a name for the query in the search line.
func (m *Model) startNaming() tea.Cmd {
	q := strings.TrimSpace(m.search.Value())
	if q == "" {
		return m.status.Show("type a query first, then ctrl+s saves it", false)
	}
	m.sv.naming, m.sv.pending = true, q
	m.sv.name.SetStyles(m.c.InputStyles())
	m.sv.name.Reset()
	m.sv.name.Placeholder = q
	return m.sv.name.Focus()
}

// nameKey: every key goes to the name; enter saves, esc cancels.
func (m *Model) nameKey(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, m.c.Keys.Input.Cancel):
			m.sv.naming = false
			return nil
		case key.Matches(k, m.c.Keys.Input.Save):
			m.sv.naming = false
			name := strings.TrimSpace(m.sv.name.Value())
			if name == "" {
				name = m.sv.pending
			}
			return m.saveSearch(name, m.sv.pending)
		}
	}
	var cmd tea.Cmd
	m.sv.name, cmd = m.sv.name.Update(msg)
	return cmd
}

// saveSearch saves (or replaces) a named query; what it matches now is
// not new.
func (m *Model) saveSearch(name, q string) tea.Cmd {
	s := savedSearch{Name: name, Query: q, LastRun: time.Now().UTC(), LastTotal: m.results.Total()}
	var count tea.Cmd
	if m.results.Partial() {
		// The total on screen is a lower bound (a first answer on a big
		// index): count exactly, so that "N new" later counts only new
		// documents.
		b, ctx := m.opts.Backend, m.ctx
		count = func() tea.Msg {
			res, err := b.Search(ctx, model.SearchRequest{Query: q, Limit: 1})
			if err != nil {
				return nil // the lower bound stays: at worst a few too many "new"
			}
			return savedTotalMsg{name: name, query: q, total: res.Total}
		}
	}
	replaced := false
	for i := range m.saved {
		if m.saved[i].Name == name {
			m.saved[i], replaced = s, true
		}
	}
	if !replaced {
		m.saved = append(m.saved, s)
	}
	return tea.Batch(m.saveState(false), count, m.status.Show(fmt.Sprintf("saved the search %q (S lists saved searches)", common.Clean(name)), false))
}

// onSavedTotal records the exact count of a search saved with a partial
// answer on screen, unless it was replaced or deleted meanwhile.
func (m *Model) onSavedTotal(msg savedTotalMsg) tea.Cmd {
	for i := range m.saved {
		if m.saved[i].Name == msg.name && m.saved[i].Query == msg.query {
			m.saved[i].LastTotal = msg.total
			return m.saveState(true)
		}
	}
	return nil
}

// openSaved shows the saved searches and counts their matches now.
func (m *Model) openSaved() tea.Cmd {
	m.sv.open, m.sv.cursor = true, 0
	ctx, seq := m.savedReq.next(m.ctx)
	b, saved := m.opts.Backend, append([]savedSearch(nil), m.saved...)
	return func() tea.Msg {
		totals := map[string]uint64{}
		for _, s := range saved {
			res, err := b.Search(ctx, model.SearchRequest{Query: s.Query, Limit: 1})
			if err != nil {
				continue
			}
			totals[s.Query] = res.Total
		}
		return savedCountsMsg{seq: seq, totals: totals}
	}
}

func (m *Model) onSavedCounts(msg savedCountsMsg) {
	if m.savedReq.current(msg.seq) {
		m.sv.totals = msg.totals
	}
}

// savedKey handles the saved searches pane.
func (m *Model) savedKey(k tea.KeyPressMsg) tea.Cmd {
	sk, l := m.c.Keys.Saved, m.c.Keys.List
	switch {
	case key.Matches(k, sk.Close):
		m.sv.open = false
		return nil
	case key.Matches(k, m.c.Keys.Global.Quit):
		return m.quit()
	case key.Matches(k, sk.Run):
		if m.sv.cursor >= len(m.saved) {
			return nil
		}
		s := &m.saved[m.sv.cursor]
		s.LastRun = time.Now().UTC()
		if n, ok := m.sv.totals[s.Query]; ok {
			s.LastTotal = n
		}
		m.sv.open = false
		m.search.SetValue(s.Query)
		return tea.Batch(m.runSearch(s.Query), m.setFocus(paneResults), m.saveState(false))
	case key.Matches(k, sk.Delete):
		if m.sv.cursor >= len(m.saved) {
			return nil
		}
		name := m.saved[m.sv.cursor].Name
		m.saved = append(m.saved[:m.sv.cursor], m.saved[m.sv.cursor+1:]...)
		m.sv.cursor = max(0, min(m.sv.cursor, len(m.saved)-1))
		return tea.Batch(m.saveState(false), m.status.Show(fmt.Sprintf("deleted the saved search %q", common.Clean(name)), false))
	}
	if c, _, ok := common.MoveCursor(k, l, m.sv.cursor, len(m.saved), max(1, m.lay.main.h-2)); ok {
		m.sv.cursor = max(0, min(c, len(m.saved)-1))
	}
	return nil
}

// savedPaneView renders the saved searches.
func (m *Model) savedPaneView() string {
	s := m.c.Styles
	body := []string{" " + s.Dim.Render("enter runs · d deletes · esc closes · ctrl+s in the search line saves a query")}
	if len(m.saved) == 0 {
		body = append(body, s.Dim.Render("  no saved searches yet: type a query, then ctrl+s"))
	}
	for i, sv := range m.saved {
		mark := "  "
		if i == m.sv.cursor {
			mark = s.HeaderFocused.UnsetUnderline().Render("▌ ")
		}
		news := s.Dim.Render("counting…")
		if n, ok := m.sv.totals[sv.Query]; ok {
			fresh := int64(n) - int64(sv.LastTotal)
			news = s.Dim.Render(fmt.Sprintf("%d matches", n))
			if fresh > 0 {
				news = s.Info.Render(fmt.Sprintf("%d new", fresh)) + s.Dim.Render(fmt.Sprintf(" · %d matches", n))
			}
		}
		line := mark + s.Bold.Render(common.Clean(sv.Name)) + "  " + s.Dim.Render("/ ") + common.Clean(sv.Query) + "  " + news +
			s.Dim.Render("  · last run "+sv.LastRun.UTC().Format("2006-01-02 15:04 UTC"))
		body = append(body, line)
	}
	return common.Pane(m.c, "Saved searches", fmt.Sprintf("%d", len(m.saved)), true, body, m.w, m.lay.main.h)
}
