package insights

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	data "github.com/workbench-dev/workbench/internal/insights"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/styles"
)

var codebook = []model.Label{
	{Name: "escalatory", Color: "#d62728"}, {Name: "de-escalatory", Color: "#2ca02c"}, {Name: "conciliatory", Color: "#1f77b4"},
	{Name: "accusatory", Color: "#ff7f0e"}, {Name: "dismissive", Color: "#9467bd"}, {Name: "neutral", Color: "#7f7f7f"},
}

func sample() data.Data {
	r := rand.New(rand.NewPCG(3, 4))
	speakers := []string{"Vladimir Putin", "Volodymyr Zelensky", "Sergei Lavrov", "Joe Biden", "Olaf Scholz", "Dmitry Peskov", ""}
	var cells []data.Cell
	for i, s := range speakers {
		for j, l := range codebook {
			if r.IntN(3) > 0 {
				cells = append(cells, data.Cell{Key: s, Label: l.Name, N: r.IntN(20-2*i) + (j+i)%3})
			}
		}
	}
	actors := []string{"putin", "zelensky", "nato", "biden", "scholz"}
	var counts []data.Counts
	for i, a := range actors {
		c := data.Counts{Name: a, Statements: map[string]int{}, Mentions: map[string]int{}, Tags: map[string]int{}}
		for t := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC); t.Year() < 2023; t = t.AddDate(0, 1, 0) {
			p := data.Period(t, data.Month)
			c.Mentions[p] = 30 - 5*i + r.IntN(15)
			c.Statements[p] = (20 - 3*i + r.IntN(10)) / 2
			c.Tags[p] = r.IntN(6)
		}
		c.Mentions[data.NoDate] = 2 + i
		counts = append(counts, c)
	}
	var pairs []data.Pair
	acts := map[string]int{}
	for i, a := range actors {
		acts[a] = 900 - 120*i
		for _, b := range actors[i+1:] {
			pairs = append(pairs, data.Pair{A: a, B: b, Docs: r.IntN(400) + 10})
		}
	}
	return data.Data{Query: "nato", Matrix: data.BuildMatrix(data.BySpeaker, codebook, cells),
		Timeline: data.BuildTimeline(data.Month, counts), Cooccurrence: data.TopPairs(pairs, 20), Actors: data.SortActors(acts)}
}

func newModel(w, h int) *Model {
	lc := map[string]string{}
	for _, l := range codebook {
		lc[l.Name] = l.Color
	}
	m := New(styles.New(true, true, nil, lc))
	m.SetSize(w, h)
	return m
}

func press(m *Model, keys ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "tab":
			msg = tea.KeyPressMsg{Code: tea.KeyTab}
		case "esc":
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		case " ":
			msg = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
		default:
			r := []rune(k)[0]
			msg = tea.KeyPressMsg{Code: r, Text: k}
		}
		if cmd := m.Update(msg); cmd != nil {
			out = append(out, cmd())
		}
	}
	return out
}

func checkSize(t *testing.T, screen string, w, h int) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) != h {
		t.Errorf("%d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw != w {
			t.Errorf("line %d is %d wide, want %d: %q", i, lw, w, l)
		}
	}
}

func TestGolden(t *testing.T) {
	twenty := data.Data{Matrix: func() data.Matrix {
		var cb []model.Label
		var cells []data.Cell
		for i := range 20 {
			cb = append(cb, model.Label{Name: fmt.Sprintf("label%02d", i)})
			cells = append(cells, data.Cell{Key: "Vladimir Putin", Label: cb[i].Name, N: i})
		}
		return data.BuildMatrix("speaker", cb, cells)
	}(), Timeline: data.BuildTimeline("year", []data.Counts{{Name: "peskov", Mentions: map[string]int{"2020": 1}}}),
		Actors: []data.ActorCount{{Actor: "peskov", Docs: 1}}}
	states := []struct {
		name string
		run  func(m *Model)
	}{
		{"computing", func(m *Model) {}},
		{"matrix", func(m *Model) { m.Update(DataMsg{Data: sample()}); press(m, "j", "l") }},
		{"timeline", func(m *Model) { m.Update(DataMsg{Data: sample()}); press(m, "2", "j", "h") }},
		{"timeline-mentions", func(m *Model) { m.Update(DataMsg{Data: sample()}); press(m, "2", "v") }},
		{"pairs", func(m *Model) { m.Update(DataMsg{Data: sample()}); press(m, "3", "j") }},
		{"pairs-actors", func(m *Model) { m.Update(DataMsg{Data: sample()}); press(m, "3", "l", "j", "j") }},
		{"empty", func(m *Model) { m.Update(DataMsg{Data: data.Data{Matrix: data.BuildMatrix("speaker", codebook, nil)}}) }},
		{"empty-timeline", func(m *Model) { m.Update(DataMsg{Data: data.Data{}}); press(m, "2") }},
		{"empty-pairs", func(m *Model) { m.Update(DataMsg{Data: twenty}); press(m, "3") }},
		{"twenty-labels", func(m *Model) {
			m.Update(DataMsg{Data: twenty})
			press(m, "l", "l", "l", "l", "l", "l", "l", "l", "l", "l", "l")
		}},
		{"one-mention", func(m *Model) { m.Update(DataMsg{Data: twenty}); press(m, "2", "v") }},
		{"error", func(m *Model) { m.Update(DataMsg{Err: errors.New("index damaged")}) }},
		{"recomputing", func(m *Model) { m.Update(DataMsg{Data: sample()}); press(m, "b") }},
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}, {50, 12}} {
		for _, st := range states {
			t.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], st.name), func(t *testing.T) {
				m := newModel(size[0], size[1])
				st.run(m)
				screen := ansi.Strip(m.View())
				checkSize(t, screen, size[0], size[1])
				golden.RequireEqual(t, screen)
			})
		}
	}
}

func TestIntents(t *testing.T) {
	m := newModel(80, 24)
	if got := press(m, "enter"); len(got) != 0 {
		t.Errorf("enter before data: %v", got)
	}
	if !strings.Contains(ansi.Strip(m.View()), "computing…") {
		t.Error("no computing… before data")
	}
	// Keys work while computing: the tab switches.
	press(m, "2")
	if m.Tab() != TabTimeline {
		t.Error("tab key ignored while computing")
	}
	m.Update(DataMsg{Data: sample()})
	press(m, "1")
	mx := m.Data().Matrix
	got := press(m, "j", "l", "enter")
	want := RunQueryMsg{Query: fmt.Sprintf("nato speaker:%q #%s", mx.Rows[1], mx.Labels[1]), Speaker: mx.Rows[1], Label: mx.Labels[1]}
	if len(got) != 1 || fmt.Sprint(got[0]) != fmt.Sprint(want) {
		t.Errorf("matrix enter: %#v, want %#v", got, want)
	}
	// Timeline: the newest dated point of the second actor, statements.
	got = press(m, "2", "j", "enter")
	if q, ok := got[0].(RunQueryMsg); !ok || q.Query != "nato speaker:zelensky date:2022-12" || q.Period != "2022-12" {
		t.Errorf("timeline enter: %#v", got)
	}
	// Mentions on the "no date" point: the actor without a date filter.
	got = press(m, "v", "l", "enter")
	if q := got[0].(RunQueryMsg); q.Query != "nato @zelensky" || q.Period != data.NoDate {
		t.Errorf("no-date enter: %#v", q)
	}
	got = press(m, "3", "enter")
	p := m.Data().Cooccurrence[0]
	if q := got[0].(RunQueryMsg); q.Query != "nato @"+p.A+" @"+p.B {
		t.Errorf("pair enter: %#v", q)
	}
	got = press(m, "1", "b")
	if r, ok := got[0].(RecomputeMsg); !ok || r.By != data.ByTarget || r.Interval != data.Month {
		t.Errorf("b: %#v", got)
	}
	if !strings.Contains(ansi.Strip(m.View()), "computing…") {
		t.Error("no computing… after b")
	}
	got = press(m, "2", "y")
	if r := got[0].(RecomputeMsg); r.Interval != data.Year || r.By != data.ByTarget {
		t.Errorf("y: %#v", r)
	}
	// Timeline actors from the co-occurrence tab's actor list: scholz is
	// the fifth, so a sixth is refused and removing one works.
	m.Update(DataMsg{Data: sample()})
	got = press(m, "3", "l", "j", "j", "j", "j", " ")
	if r := got[0].(RecomputeMsg); !slices.Equal(r.Actors, []string{"putin", "zelensky", "nato", "biden"}) {
		t.Errorf("space on scholz: %#v", r)
	}
	if got := press(m, " "); !slices.Equal(got[0].(RecomputeMsg).Actors, []string{"putin", "zelensky", "nato", "biden", "scholz"}) {
		t.Errorf("space again: %#v", got)
	}
	m.d.Actors = append(m.d.Actors, data.ActorCount{Actor: "lavrov", Docs: 1})
	if got := press(m, "j", " "); len(got) != 0 {
		t.Errorf("a sixth actor: %#v", got)
	}
	if q := press(m, "enter")[0].(RunQueryMsg); q.Query != "nato @lavrov" {
		t.Errorf("enter on an actor: %#v", q)
	}
	if got := press(m, "esc"); len(got) != 1 || got[0] != (CloseMsg{}) {
		t.Errorf("esc: %#v", got)
	}
	// A (none) row: the label alone.
	m2 := newModel(80, 24)
	m2.Update(DataMsg{Data: data.Data{Matrix: data.BuildMatrix("target", codebook, []data.Cell{{Key: "", Label: "neutral", N: 2}})}})
	press(m2, "l", "l", "l", "l", "l")
	if q := press(m2, "enter")[0].(RunQueryMsg); q.Query != "#neutral" || q.Target != "" {
		t.Errorf("(none) row: %#v", q)
	}
}

// TestColours: bars are drawn in the label colours when colour is on.
func TestColours(t *testing.T) {
	lc := map[string]string{}
	for _, l := range codebook {
		lc[l.Name] = l.Color
	}
	st := styles.New(true, false, nil, lc)
	m := New(st)
	m.SetSize(120, 30)
	m.Update(DataMsg{Data: sample()})
	v := m.View()
	// The label colour as the styles draw it (#d62728, made readable on
	// a dark background).
	r, g, b, _ := st.LabelColor("escalatory").RGBA()
	if want := fmt.Sprintf("38;2;%d;%d;%d", r>>8, g>>8, b>>8); !strings.Contains(v, want) {
		t.Errorf("escalatory bars not in the label colour (%s)", want)
	}
}

// TestHostileNames: corpus names cannot inject escapes.
func TestHostileNames(t *testing.T) {
	m := newModel(80, 24)
	m.Update(DataMsg{Data: data.Data{Query: "q\x1b]0;x\x07", Matrix: data.BuildMatrix("speaker", codebook, []data.Cell{{Key: "Evil\x1b[2J", Label: "neutral", N: 1}})}})
	if v := m.View(); strings.Contains(v, "\x1b[2J") || strings.Contains(v, "\x1b]0") {
		t.Error("escape sequence from the corpus reached the screen")
	}
}

// TestBadInputScreens: the bad input of issue 14 on a 50x12 terminal, each
// view of it in words, never a panic nor an empty chart without a word.
func TestBadInputScreens(t *testing.T) {
	var twenty []model.Label
	var cells []data.Cell
	for i := range 20 {
		twenty = append(twenty, model.Label{Name: fmt.Sprintf("label%02d", i)})
		cells = append(cells, data.Cell{Key: "Vladimir Putin", Label: twenty[i].Name, N: i + 1})
	}
	empty := data.Data{Matrix: data.BuildMatrix("speaker", codebook, nil), Timeline: data.BuildTimeline("month", nil), Cooccurrence: []data.Pair{}, Actors: []data.ActorCount{}}
	noHits := empty
	noHits.Query = "zzzqqq"
	oneMention := data.Data{Matrix: data.BuildMatrix("speaker", codebook, nil),
		Timeline: data.BuildTimeline("month", []data.Counts{{Name: "peskov", Mentions: map[string]int{"2020-05": 1}}}),
		Actors:   []data.ActorCount{{Actor: "peskov", Docs: 1}}}
	undated := data.Data{Matrix: data.BuildMatrix("speaker", codebook, nil),
		Timeline: data.BuildTimeline("month", []data.Counts{{Name: "putin", Mentions: map[string]int{"2022-02": 2, data.NoDate: 3}, Statements: map[string]int{data.NoDate: 4}}}),
		Actors:   []data.ActorCount{{Actor: "putin", Docs: 5}}}
	cases := []struct {
		name string
		d    data.Data
		keys []string
		want []string
	}{
		{"empty workspace/matrix", empty, nil, []string{"No tagged statements match", "6 labels"}},
		{"empty workspace/timeline", empty, []string{"2"}, []string{"No actor is mentioned", "no timeline"}},
		{"empty workspace/pairs", empty, []string{"3"}, []string{"No actor is mentioned in the matching documents"}},
		{"no hits", noHits, nil, []string{"zzzqqq", "No tagged statements match"}},
		{"twenty labels", data.Data{Matrix: data.BuildMatrix("speaker", twenty, cells)}, strings.Split(strings.Repeat("l", 19), ""),
			[]string{"labels 17-20 of 20", "Vladimir Putin · label19: 20", "210 tags"}},
		{"one mention", oneMention, []string{"2", "v"}, []string{"peskov", "2020-05: 0 statements · 1 mentions"}},
		{"no date", undated, []string{"2", "l"}, []string{"no date", "putin no date: 4 statements · 3 mentions"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newModel(50, 12)
			m.Update(DataMsg{Data: c.d})
			press(m, c.keys...)
			screen := ansi.Strip(m.View())
			checkSize(t, screen, 50, 12)
			flat := strings.Join(strings.Fields(screen), " ")
			for _, w := range c.want {
				if !strings.Contains(flat, w) {
					t.Errorf("the screen lacks %q:\n%s", w, screen)
				}
			}
		})
	}
}
