package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/model"
)

// Chart geometry: the template draws what these structs say. Every number
// is computed here; every text goes through html/template.

const (
	chartW    = 760
	nameW     = 190 // row names left of the bars
	barArea   = 480
	rowH      = 22
	maxBars   = 25 // rows drawn in a bar chart (the tables list all)
	lineH     = 220
	lineLeft  = 56
	lineRight = 20
	lineTop   = 16
	lineBot   = 48
)

// seriesColors are for actors: distinguishable, also in grey print.
var seriesColors = []string{"#1f6fb2", "#d95f02", "#6a51a3", "#1b9e77", "#c51b7d"}

// fallbackColors are for labels without a usable colour.
var fallbackColors = []string{"#c0392b", "#2e8b57", "#7f8c8d", "#8e44ad", "#d35400", "#16a085", "#2c3e50", "#b7950b", "#1f618d", "#a93226"}

var hexColor = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// ansi16 maps the 16 ANSI colour numbers a codebook may use to CSS.
var ansi16 = []string{"#000000", "#aa0000", "#00aa00", "#aa5500", "#0000aa", "#aa00aa", "#00aaaa", "#aaaaaa",
	"#555555", "#ff5555", "#55ff55", "#c8a800", "#5555ff", "#ff55ff", "#00a8a8", "#777777"}

// labelColor is a safe CSS colour for a label: its "#rgb"/"#rrggbb" or
// ANSI 0-15 colour, else one of the fallbacks.
func labelColor(c string, i int) string {
	c = strings.TrimSpace(c)
	if hexColor.MatchString(c) {
		return c
	}
	if n, err := strconv.Atoi(c); err == nil && n >= 0 && n < len(ansi16) {
		return ansi16[n]
	}
	return fallbackColors[i%len(fallbackColors)]
}

type seg struct {
	X, W  int
	Color string
	Title string
}

type barRow struct {
	Name   string
	Y, TY  int
	Segs   []seg
	Total  int
	TotalX int
}

type barChart struct {
	W, H   int
	NameW  int
	Rows   []barRow
	Hidden int // rows left out of the chart
}

type legendItem struct{ Name, Color string }

// matrixChart draws each row as a bar stacked by label.
func matrixChart(m insights.Matrix, colors map[string]string) barChart {
	c := barChart{W: chartW, NameW: nameW - 8}
	mx := 0
	for _, t := range m.RowTotals() {
		mx = max(mx, t)
	}
	tot := m.RowTotals()
	for i, r := range m.Rows {
		if i == maxBars {
			c.Hidden = len(m.Rows) - maxBars
			break
		}
		y := i * rowH
		br := barRow{Name: trunc(r, 28), Y: y + 3, TY: y + 15, Total: tot[i]}
		x := nameW
		for j, n := range m.Counts[i] {
			if n == 0 || j >= len(m.Labels) {
				continue
			}
			w := max(1, n*barArea/max(mx, 1))
			br.Segs = append(br.Segs, seg{X: x, W: w, Color: colors[m.Labels[j]], Title: fmt.Sprintf("%s · %s: %d", r, m.Labels[j], n)})
			x += w
		}
		br.TotalX = x + 6
		c.Rows = append(c.Rows, br)
	}
	c.H = len(c.Rows)*rowH + 4
	return c
}

// rankChart draws one bar per item, in one colour.
func rankChart(names []string, counts []int, color string) barChart {
	c := barChart{W: chartW, NameW: nameW - 8}
	mx := 0
	for _, n := range counts {
		mx = max(mx, n)
	}
	for i, name := range names {
		if i == maxBars {
			c.Hidden = len(names) - maxBars
			break
		}
		y := i * rowH
		w := max(1, counts[i]*barArea/max(mx, 1))
		c.Rows = append(c.Rows, barRow{Name: trunc(name, 28), Y: y + 3, TY: y + 15, Total: counts[i], TotalX: nameW + w + 6,
			Segs: []seg{{X: nameW, W: w, Color: color, Title: fmt.Sprintf("%s: %d", name, counts[i])}}})
	}
	c.H = len(c.Rows)*rowH + 4
	return c
}

type tick struct {
	X, Y  int
	Label string
}

type line struct {
	Name, Color string
	Points      string // SVG polyline points
	Dots        []tick
}

type lineChart struct {
	Title                  string
	W, H                   int
	X0, X1, Y0, Y1         int // plot area: left, right, top, bottom
	XTicks, YTicks         []tick
	Lines                  []line
	XTitle, YTitle         string
	YTitleX, YTitleY       int
	XTitleX, XTitleY       int
	NoDate                 []legendItem // per series: "name: n"
	Empty                  bool
	EmptyMsg               string
	EmptyX, EmptyY, Height int
}

// timelineChart draws one metric ("statements", "mentions", "tags") of every
// series over the dated points; the "no date" counts are listed under it.
func timelineChart(tl insights.Timeline, metric string) lineChart {
	c := lineChart{Title: metric, W: chartW, H: lineH, X0: lineLeft, X1: chartW - lineRight, Y0: lineTop, Y1: lineH - lineBot,
		XTitle: tl.Interval, YTitle: metric}
	c.XTitleX, c.XTitleY = (c.X0+c.X1)/2, lineH-6
	c.YTitleX, c.YTitleY = 14, (c.Y0+c.Y1)/2
	get := func(p insights.Point) int {
		switch metric {
		case "statements":
			return p.Statements
		case "mentions":
			return p.Mentions
		}
		return p.Tags
	}
	var axis []string
	if len(tl.Series) > 0 {
		for _, p := range tl.Series[0].Points {
			if p.T != insights.NoDate {
				axis = append(axis, p.T)
			}
		}
	}
	mx := 0
	for _, s := range tl.Series {
		for _, p := range s.Points {
			if p.T != insights.NoDate {
				mx = max(mx, get(p))
			}
		}
	}
	for i, s := range tl.Series {
		col := seriesColors[i%len(seriesColors)]
		for _, p := range s.Points {
			if p.T == insights.NoDate && get(p) > 0 {
				c.NoDate = append(c.NoDate, legendItem{Name: fmt.Sprintf("%s: %d", s.Name, get(p)), Color: col})
			}
		}
	}
	if len(axis) == 0 || mx == 0 {
		c.Empty = true
		c.EmptyMsg = "No dated " + metric + " for these actors."
		if len(tl.Series) == 0 {
			c.EmptyMsg = "No actor is mentioned in the matching documents."
		}
		c.EmptyX, c.EmptyY = (c.X0+c.X1)/2, (c.Y0+c.Y1)/2
		return c
	}
	ymax := niceMax(mx)
	xAt := func(i int) int {
		if len(axis) == 1 {
			return (c.X0 + c.X1) / 2
		}
		return c.X0 + 8 + i*(c.X1-c.X0-16)/(len(axis)-1)
	}
	yAt := func(v int) int { return c.Y1 - v*(c.Y1-c.Y0)/ymax }
	for _, v := range yTicks(ymax) {
		c.YTicks = append(c.YTicks, tick{X: c.X0 - 6, Y: yAt(v), Label: strconv.Itoa(v)})
	}
	step := max(1, (len(axis)+9)/10)
	for i, t := range axis {
		if i%step == 0 || i == len(axis)-1 && len(axis) <= 12 {
			c.XTicks = append(c.XTicks, tick{X: xAt(i), Y: c.Y1 + 16, Label: t})
		}
	}
	for i, s := range tl.Series {
		l := line{Name: s.Name, Color: seriesColors[i%len(seriesColors)]}
		var pts []string
		j := 0
		for _, p := range s.Points {
			if p.T == insights.NoDate {
				continue
			}
			x, y := xAt(j), yAt(get(p))
			pts = append(pts, fmt.Sprintf("%d,%d", x, y))
			if len(axis) <= 40 || get(p) > 0 {
				l.Dots = append(l.Dots, tick{X: x, Y: y, Label: fmt.Sprintf("%s %s: %d", s.Name, p.T, get(p))})
			}
			j++
		}
		l.Points = strings.Join(pts, " ")
		c.Lines = append(c.Lines, l)
	}
	return c
}

// niceStep is the tick step for values up to v: 1, 2 or 5 times a power of
// ten, about five ticks.
func niceStep(v int) int {
	p := 1
	for {
		for _, m := range []int{1, 2, 5} {
			if m*p*5 >= v {
				return m * p
			}
		}
		p *= 10
	}
}

// niceMax rounds v up to a whole number of steps.
func niceMax(v int) int {
	if v <= 1 {
		return 1
	}
	st := niceStep(v)
	return (v + st - 1) / st * st
}

func yTicks(ymax int) []int {
	st := niceStep(ymax)
	out := []int{}
	for v := 0; v <= ymax; v += st {
		out = append(out, v)
	}
	return out
}

func trunc(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// labelColors maps every matrix label to a CSS colour: the codebook's,
// else a fallback.
func labelColors(labels []string, cb []model.Label) map[string]string {
	byName := map[string]string{}
	for _, l := range cb {
		byName[l.Name] = l.Color
	}
	out := map[string]string{}
	for i, l := range labels {
		out[l] = labelColor(byName[l], i)
	}
	for i, l := range cb {
		if _, ok := out[l.Name]; !ok {
			out[l.Name] = labelColor(l.Color, i)
		}
	}
	return out
}
