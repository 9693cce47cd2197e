package insights

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	data "github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/textsafe"
)

func cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if lipgloss.Width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

func pad(s string, w int) string {
	s = cut(s, w)
	return s + strings.Repeat(" ", max(0, w-lipgloss.Width(s)))
}

func padLeft(s string, w int) string {
	s = cut(s, w)
	return strings.Repeat(" ", max(0, w-lipgloss.Width(s))) + s
}

// bar is a horizontal bar of n/mx of width cells, in eighths.
func bar(n, mx, width int) string {
	if n <= 0 || mx <= 0 || width <= 0 {
		return ""
	}
	eighths := n * width * 8 / mx
	if eighths == 0 {
		eighths = 1
	}
	full, part := eighths/8, eighths%8
	s := strings.Repeat("█", full)
	if part > 0 {
		s += string([]rune("▏▎▍▌▋▊▉")[part-1])
	}
	return s
}

// window returns the first index of a window of size n over total items
// that keeps cursor in view, moving from the previous first index.
func window(first, cursor, n, total int) int {
	if n <= 0 {
		return 0
	}
	if cursor < first {
		first = cursor
	}
	if cursor >= first+n {
		first = cursor - n + 1
	}
	return max(0, min(first, total-n))
}

func (m *Model) matrixView(w, h int) []string {
	mx := m.d.Matrix
	by := map[string]string{data.BySpeaker: "speakers", data.ByTarget: "targets", data.ByActor: "actors"}[m.by]
	title := fmt.Sprintf("Tagged statements by %s × label · %d tags", by, mx.Total())
	if m.loading {
		title += " · computing…"
	}
	out := []string{m.st.Bold.Render(cut(title, w))}
	if len(mx.Rows) == 0 {
		msg := "No tagged statements match this query."
		if len(mx.Labels) > 0 {
			msg += fmt.Sprintf(" The codebook has %d labels: tag statements in the reader (1-9) to fill the matrix.", len(mx.Labels))
		}
		return append(append(out, ""), m.para(msg, w)...)
	}
	nameW := min(22, max(10, w/4))
	totW := 7
	// Cells share the width (full label names and longer bars on a wide
	// screen), between 7 and 16 columns; the rest scroll.
	cellW := max(7, min(16, (w-nameW-totW)/max(1, len(mx.Labels))))
	if w >= 70 {
		cellW = max(cellW, 9)
	}
	cols := max(1, (w-nameW-totW)/cellW)
	m.mco = window(m.mco, m.mc, cols, len(mx.Labels))
	rows := max(1, h-5)
	m.mro = window(m.mro, m.mr, rows, len(mx.Rows))
	last := min(len(mx.Labels), m.mco+cols)
	hdr := pad(m.st.Dim.Render(m.by), nameW)
	for j := m.mco; j < last; j++ {
		hdr += padLeft(m.st.Label(mx.Labels[j]).Render(cut(textsafe.CleanLine(mx.Labels[j]), cellW-1)), cellW)
	}
	hdr += padLeft(m.st.Dim.Render("total"), totW)
	out = append(out, hdr)
	top := mx.Max()
	rt := mx.RowTotals()
	for i := m.mro; i < len(mx.Rows) && i < m.mro+rows; i++ {
		name := textsafe.CleanLine(mx.Rows[i])
		line := pad(name, nameW-1) + " "
		if i == m.mr {
			line = m.st.Selected.Render(pad(name, nameW-1)) + " "
		}
		for j := m.mco; j < last; j++ {
			n := mx.Counts[i][j]
			num := fmt.Sprint(n)
			bw := cellW - 1 - len(num) - 1
			cell := pad(m.st.Label(mx.Labels[j]).Render(bar(n, top, bw)), bw) + " " + num
			if n == 0 {
				cell = pad("", bw) + " " + m.st.Dim.Render("·")
			}
			cell = padLeft(cell, cellW-1)
			if i == m.mr && j == m.mc {
				cell = m.st.Selected.Render(ansi.Strip(cell))
			}
			line += cell + " "
		}
		line += padLeft(m.st.Bold.Render(fmt.Sprint(rt[i])), totW-1)
		out = append(out, line)
	}
	tot := pad(m.st.Bold.Render("total"), nameW)
	ct := mx.ColTotals()
	for j := m.mco; j < last; j++ {
		tot += padLeft(m.st.Bold.Render(fmt.Sprint(ct[j])), cellW-1) + " "
	}
	tot += padLeft(m.st.Bold.Render(fmt.Sprint(mx.Total())), totW-1)
	out = append(out, tot)
	var more []string
	if hidden := len(mx.Labels) - (last - m.mco); hidden > 0 {
		more = append(more, fmt.Sprintf("labels %d-%d of %d (h/l)", m.mco+1, last, len(mx.Labels)))
	}
	if len(mx.Rows) > rows {
		more = append(more, fmt.Sprintf("rows %d-%d of %d", m.mro+1, min(len(mx.Rows), m.mro+rows), len(mx.Rows)))
	}
	if len(more) > 0 {
		out = append(out, m.st.Dim.Render(cut(strings.Join(more, " · "), w)))
	}
	// The cell under the cursor in full: names cut to fit a column (many
	// labels, a narrow terminal) are read here.
	if m.mr < len(mx.Rows) && m.mc < len(mx.Labels) {
		cell := fmt.Sprintf("%s · %s: %d", textsafe.CleanLine(mx.Rows[m.mr]), textsafe.CleanLine(mx.Labels[m.mc]), mx.Counts[m.mr][m.mc])
		out = append(out, cut(cell, w))
	}
	return out
}

// seriesMarks tell the series apart without colour.
var seriesMarks = []string{"●", "▲", "■", "◆", "✚"}

func (m *Model) timelineView(w, h int) []string {
	tl := m.d.Timeline
	metric := metrics[m.metric]
	title := fmt.Sprintf("%s per %s", capital(metric), m.interval)
	if m.loading {
		title += " · computing…"
	}
	out := []string{m.st.Bold.Render(cut(title, w))}
	if len(tl.Series) == 0 || len(m.points()) == 0 {
		return append(append(out, ""), m.para("No actor is mentioned in the matching documents: no timeline.", w)...)
	}
	get := func(p data.Point) int {
		switch metric {
		case "statements":
			return p.Statements
		case "mentions":
			return p.Mentions
		}
		return p.Tags
	}
	// Legend: the series with their marks; the selected one underlined.
	var leg []string
	for i, s := range tl.Series {
		item := m.seriesStyle(i).Render(seriesMarks[i%len(seriesMarks)] + " " + textsafe.CleanLine(s.Name))
		if i == m.ts {
			item = m.st.Selected.Render(ansi.Strip(item))
		}
		leg = append(leg, item)
	}
	out = append(out, cut(strings.Join(leg, "  "), w))
	pts := m.points()
	yw := 6
	plotW := max(4, w-yw-1)
	plotH := max(2, h-6)
	pw := max(1, min(4, plotW/len(pts))) // columns per point
	span := max(1, plotW/pw)             // points in view
	first := window(m.tpo, m.tp, span, len(pts))
	m.tpo = first
	last := min(len(pts), first+span)
	ymax := 0
	for _, s := range tl.Series {
		for _, p := range s.Points[first:last] {
			ymax = max(ymax, get(p))
		}
	}
	cols := (last - first) * pw
	grid := make([][]string, plotH)
	for r := range grid {
		grid[r] = make([]string, cols)
		for c := range grid[r] {
			grid[r][c] = " "
		}
	}
	rowOf := func(v int) int {
		if ymax == 0 {
			return plotH - 1
		}
		return plotH - 1 - v*(plotH-1)/ymax
	}
	colOf := func(i int) int { return (i-first)*pw + pw/2 }
	for i := first; i < last; i++ {
		switch {
		case i == m.tp:
			for r := range grid {
				grid[r][colOf(i)] = m.st.Dim.Render("│")
			}
		case pts[i].T == data.NoDate:
			for r := range grid {
				grid[r][colOf(i)] = m.st.Dim.Render("┆")
			}
		}
	}
	for k := len(tl.Series) - 1; k >= 0; k-- {
		s := tl.Series[k]
		for i := first; i < last; i++ {
			if v := get(s.Points[i]); v > 0 || ymax == 0 {
				grid[rowOf(v)][colOf(i)] = m.seriesStyle(k).Render(seriesMarks[k%len(seriesMarks)])
			}
		}
	}
	for r := range grid {
		label := ""
		switch r {
		case 0:
			label = fmt.Sprint(ymax)
		case plotH / 2:
			if plotH > 4 && ymax >= 4 {
				label = fmt.Sprint(ymax * (plotH - 1 - r) / (plotH - 1))
			}
		case plotH - 1:
			label = "0"
		}
		out = append(out, m.st.Dim.Render(padLeft(label, yw-1))+m.st.Dim.Render("┤")+strings.Join(grid[r], ""))
	}
	out = append(out, strings.Repeat(" ", yw-1)+m.st.Dim.Render("└"+strings.Repeat("─", cols)))
	// X axis labels: the first and last periods in view and the cursor's,
	// where they do not overlap.
	labels := []rune(strings.Repeat(" ", yw+cols+12))
	used := make([]bool, len(labels))
	place := func(i int) {
		s := []rune(pts[i].T)
		at := yw + colOf(i) - len(s)/2
		at = max(0, min(at, yw+cols-len(s)))
		for k := max(0, at-1); k < min(len(used), at+len(s)+1); k++ {
			if used[k] {
				return
			}
		}
		for k, r := range s {
			labels[at+k], used[at+k] = r, true
		}
	}
	place(first)
	if pts[last-1].T == data.NoDate {
		place(last - 1)
	}
	place(m.tp)
	for i := last - 1; i > first; i-- {
		if pts[i].T != data.NoDate {
			place(i)
			break
		}
	}
	out = append(out, m.st.Dim.Render(cut(strings.TrimRight(string(labels), " "), w)))
	// Readout of the cursor.
	p := tl.Series[m.ts].Points[m.tp]
	read := fmt.Sprintf("%s %s: %d statements · %d mentions · %d tags", textsafe.CleanLine(tl.Series[m.ts].Name), p.T, p.Statements, p.Mentions, p.Tags)
	if ymax == 0 {
		read += fmt.Sprintf(" · no %s in view", metric)
	}
	out = append(out, cut(read, w))
	return out
}

func (m *Model) seriesStyle(i int) lipgloss.Style {
	if m.st.NoColor {
		return lipgloss.NewStyle()
	}
	cols := []string{"#1f6fb2", "#d95f02", "#6a51a3", "#1b9e77", "#c51b7d"}
	if m.st.Dark {
		cols = []string{"#6cb4f0", "#ff9a4d", "#b39ddb", "#4fd1a9", "#f06fb0"}
	}
	return lipgloss.NewStyle().Foreground(lipgloss.Color(cols[i%len(cols)]))
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (m *Model) pairsView(w, h int) []string {
	ps := m.d.Cooccurrence
	acts := m.d.Actors
	out := []string{m.st.Bold.Render(cut("Actors mentioned in the same documents", w))}
	if len(ps) == 0 && len(acts) == 0 {
		return append(append(out, ""), m.para("No actor is mentioned in the matching documents.", w)...)
	}
	side := w >= 100
	rows := max(1, h-2)
	lw, rw := w, w
	pairRows, actRows := rows, rows
	if side {
		lw = w * 3 / 5
		rw = w - lw - 2
	} else {
		// Stacked: pairs above, the actor list below.
		actRows = max(2, min(len(acts)+1, rows/2))
		pairRows = max(1, rows-actRows-1)
	}
	var left []string
	if len(ps) == 0 {
		left = m.para("No two actors are mentioned in the same document.", lw)
	} else {
		m.po = window(m.po, m.pc, pairRows, len(ps))
		top := ps[0].Docs
		nameW := min(30, max(12, lw/3))
		numW := 7
		bw := max(1, lw-nameW-numW-2)
		for i := m.po; i < len(ps) && i < m.po+pairRows; i++ {
			p := ps[i]
			name := textsafe.CleanLine(p.A) + " + " + textsafe.CleanLine(p.B)
			line := pad(name, nameW)
			if i == m.pc && !m.onActors {
				line = m.st.Selected.Render(pad(name, nameW))
			}
			left = append(left, line+" "+pad(m.st.Info.Render(bar(p.Docs, top, bw)), bw)+padLeft(fmt.Sprint(p.Docs), numW))
		}
		if len(ps) > pairRows && side {
			left = append(left, m.st.Dim.Render(cut(fmt.Sprintf("pairs %d-%d of %d", m.po+1, min(len(ps), m.po+pairRows), len(ps)), lw)))
		}
	}
	right := m.actorList(rw, actRows)
	if !side {
		out = append(out, left...)
		out = append(out, "")
		return append(out, right...)
	}
	for i := 0; i < max(len(left), len(right)); i++ {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out = append(out, pad(l, lw)+"  "+cut(r, rw))
	}
	return out
}

// actorList is the per-actor mention counts; ✓ marks the timeline's actors.
func (m *Model) actorList(w, rows int) []string {
	acts := m.d.Actors
	head := "Mentions (documents) · → and space: timeline actors"
	if len(acts) == 0 {
		return []string{m.st.Dim.Render(cut("Mentions (documents): none", w))}
	}
	out := []string{m.st.Dim.Render(cut(head, w))}
	on := m.picked
	if on == nil {
		on = m.timelineActors()
	}
	n := max(1, rows-1)
	m.ao = window(m.ao, m.ac, n, len(acts))
	amax := acts[0].Docs
	aw := min(16, max(8, w/3))
	bw := max(1, w-aw-10)
	for i := m.ao; i < len(acts) && i < m.ao+n; i++ {
		a := acts[i]
		mark := "  "
		if slices.Contains(on, a.Actor) {
			mark = "✓ "
		}
		name := pad(textsafe.CleanLine(a.Actor), aw)
		if i == m.ac && m.onActors {
			name = m.st.Selected.Render(name)
		}
		out = append(out, mark+name+" "+pad(m.st.Dim.Render(bar(a.Docs, amax, bw)), bw)+padLeft(fmt.Sprint(a.Docs), 7))
	}
	return out
}

// para wraps a message to the width, dimmed.
func (m *Model) para(msg string, w int) []string {
	return strings.Split(m.st.Dim.Render(lipgloss.NewStyle().Width(w).Render(msg)), "\n")
}
