package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/workbench-dev/workbench/internal/ui/common"
)

// WideWidth is the width from which panes sit side by side.
const WideWidth = 100

type rect struct{ x, y, w, h int }

// layout is where each pane goes.
type layout struct {
	tooSmall, wide                  bool
	search, results, reader, quotes rect
	facets, main, status            rect
	facetsInResults                 bool // narrow: facets replace results
}

func (m *Model) resize(w, h int) {
	m.w, m.h = max(0, w), max(0, h)
	m.relayout()
}

// relayout computes the layout and sizes every component.
func (m *Model) relayout() {
	w, h := m.w, m.h
	l := layout{}
	if w < MinWidth || h < MinHeight {
		l.tooSmall = true
		m.lay = l
		return
	}
	sh := m.search.Height()
	l.search = rect{0, 0, w, sh}
	l.status = rect{0, h - 1, w, 1}
	mh := h - sh - 1
	l.main = rect{0, sh, w, mh}
	if w >= WideWidth {
		l.wide = true
		lw := max(36, w*2/5)
		rw := w - lw - 1
		fh := min(12, mh/3)
		qh := max(5, mh/4)
		l.results = rect{0, sh, lw, mh - fh}
		l.facets = rect{0, sh + mh - fh, lw, fh}
		l.reader = rect{lw + 1, sh, rw, mh - qh}
		l.quotes = rect{lw + 1, sh + mh - qh, rw, qh}
	} else {
		rh, qh := m.stackedHeights(mh)
		l.results = rect{0, sh, w, rh}
		l.reader = rect{0, sh + rh, w, mh - rh - qh}
		l.quotes = rect{0, sh + mh - qh, w, qh}
		l.facets = l.results
		l.facetsInResults = m.focus == paneFacets
	}
	m.lay = l
	m.results.ShowHistogram(l.wide || mh >= 16)
	m.search.SetSize(w, sh)
	m.results.SetSize(l.results.w, l.results.h)
	m.facets.SetSize(l.facets.w, l.facets.h)
	m.reader.SetSize(l.reader.w, l.reader.h)
	m.quotes.SetSize(l.quotes.w, l.quotes.h)
	m.status.SetSize(w, 1)
	m.help.SetSize(w, mh)
	m.tagList.SetSize(w, mh)
}

// stackedHeights sizes the results and quotes panes of a stacked layout to
// whole rows of what they hold (no blank rows), the reader takes the rest.
func (m *Model) stackedHeights(mh int) (rh, qh int) {
	rr := max(1, (mh*2/5-1)/3)      // result rows of three lines
	facets := m.focus == paneFacets // the facets take the results' place
	if n := len(m.results.Hits()); !m.results.Loading() && !facets {
		rr = min(rr, max(1, n))
	}
	rh = 1 + 3*rr
	if len(m.results.Hits()) == 0 && !m.results.Loading() && !facets {
		rh = 2 // "no matches"
	}
	if mh >= 16 && m.results.Histogram() != "" {
		rh++ // the line of matches per year
	}
	qr := max(1, mh/5-1)
	qr = min(qr, max(1, len(m.quotes.Rows())))
	qh = 1 + qr
	return rh, qh
}

// View renders the screen.
func (m *Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "workbench"
	if !m.lay.tooSmall && !m.showHelp && !m.preparing && !m.exporting {
		v.Cursor = m.cursor()
	}
	if !m.firstFrame && m.w > 0 && !m.preparing {
		m.firstFrame = true
		if m.opts.OnFirstFrame != nil {
			m.opts.OnFirstFrame()
		}
	}
	return v
}

func (m *Model) cursor() *tea.Cursor {
	switch {
	case m.sv.naming:
		c := m.sv.name.Cursor()
		if c != nil {
			c.Position.X++
			c.Position.Y = m.h - 1
		}
		return c
	case m.showTags:
		c := m.tagList.Cursor()
		if c != nil {
			c.Position.Y += m.lay.main.y
		}
		return c
	case m.focus == paneSearch:
		return m.search.Cursor()
	case m.reader.Typing():
		c := m.reader.Cursor()
		if c != nil {
			c.Position.X += m.lay.reader.x
			c.Position.Y += m.lay.reader.y
		}
		return c
	case m.focus == paneReader:
		c := m.reader.TextCursor()
		if c != nil {
			c.Position.X += m.lay.reader.x
			c.Position.Y += m.lay.reader.y
		}
		return c
	}
	return nil
}

// Render is the screen as a string (View's content; tests use it).
func (m *Model) Render() string {
	if m.w == 0 || m.h == 0 {
		return ""
	}
	if m.lay.tooSmall {
		return m.tooSmallView()
	}
	if m.preparing {
		return m.prepareView()
	}
	var main string
	l := m.lay
	switch {
	case m.showHelp:
		main = m.help.View()
	case m.overlay != overlayNone:
		main = m.overlayView()
	case m.showTags:
		main = m.tagList.View()
	case m.sv.open:
		main = m.savedPaneView()
	case l.wide:
		sep := m.c.Styles.Separator.Render(strings.TrimSuffix(strings.Repeat("│\n", l.main.h), "\n"))
		left := lipgloss.JoinVertical(lipgloss.Left, m.results.View(), m.facets.View())
		right := lipgloss.JoinVertical(lipgloss.Left, m.reader.View(), m.quotes.View())
		main = lipgloss.JoinHorizontal(lipgloss.Top, left, sep, right)
	default:
		top := m.results.View()
		if l.facetsInResults {
			top = m.facets.View()
		}
		main = lipgloss.JoinVertical(lipgloss.Left, top, m.reader.View(), m.quotes.View())
	}
	return lipgloss.JoinVertical(lipgloss.Left, m.search.View(), main, m.statusLine())
}

func (m *Model) statusLine() string {
	if m.confirm != nil {
		return m.confirmLine()
	}
	if m.sv.naming {
		return common.Line(" "+m.sv.name.View(), m.w)
	}
	if m.exporting {
		s := m.c.Styles
		e := m.c.Keys.Export
		parts := []string{s.Bold.Render(" Export all tags as:")}
		for _, b := range []struct{ k, d string }{{e.CSV.Help().Key, "csv"}, {e.JSONL.Help().Key, "jsonl"}, {e.MD.Help().Key, "markdown"}, {e.Cancel.Help().Key, "cancel"}} {
			parts = append(parts, s.HelpKey.Render(b.k)+" "+s.HelpDesc.Render(b.d))
		}
		return common.Line(strings.Join(parts, "  "), m.w)
	}
	return m.status.View(m.ShortHelp())
}

func (m *Model) tooSmallView() string {
	msg := []string{"terminal too small", fmt.Sprintf("%dx%d, need %dx%d", m.w, m.h, MinWidth, MinHeight), "q quits"}
	var lines []string
	for i := 0; i < (m.h-len(msg))/2; i++ {
		lines = append(lines, "")
	}
	for _, l := range msg {
		lines = append(lines, strings.Repeat(" ", max(0, (m.w-len(l))/2))+l)
	}
	return common.Block(lines, m.w, m.h)
}

func (m *Model) prepareView() string {
	s := m.c.Styles
	p := m.progress
	barW := min(50, m.w-10)
	frac := 0.0
	if p.Total > 0 {
		frac = float64(p.Done) / float64(p.Total)
	}
	fill := int(frac * float64(barW))
	bar := s.Prompt.Render(strings.Repeat("█", fill)) + s.Dim.Render(strings.Repeat("░", max(0, barW-fill)))
	lines := []string{
		s.Bold.Render("First run: indexing the embedded sample corpus"),
		"",
		bar,
		fmt.Sprintf("%d / %d documents", p.Done, p.Total),
		s.Dim.Render(common.Clean(p.Note)),
		"",
		s.Dim.Render("ctrl+c quits"),
	}
	return lipgloss.Place(m.w, m.h, lipgloss.Center, lipgloss.Center, strings.Join(lines, "\n"))
}
