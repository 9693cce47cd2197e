package adjudicate

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/workbench-dev/workbench/internal/agree"
	"github.com/workbench-dev/workbench/internal/model"
)

var codebook = []model.Label{
	{Name: "oppose", Key: "2", Color: "#c62828"},
	{Name: "support", Key: "1", Color: "#2e7d32"},
	{Name: "neutral", Key: "3"},
}

func tg(analyst, doc, quote string, start, end int, label string) model.Tag {
	return model.Tag{QuoteID: quote, DocID: doc, Start: start, End: end, Label: label, Analyst: analyst}
}

// sampleQueue: three analysts, three disputed units (one resolved), one
// agreed unit.
func sampleQueue(t *testing.T) *agree.Queue {
	t.Helper()
	in := agree.Input{
		Statements: []agree.Statement{
			{ID: "q1", DocID: "kremlin-67890", Start: 120, End: 245, Text: "We are ready to negotiate, but only on the basis of the realities on the ground, and nobody should doubt it. The talks in Istanbul showed what is possible when both sides \x1b[31mlisten\x1b[0m."},
			{ID: "q2", DocID: "kremlin-67890", Start: 400, End: 460, Text: "This is not our choice 🙂, it was imposed on us."},
			{ID: "q3", DocID: "kremlin-70001", Start: 10, End: 40, Text: "Sanctions will fail."},
			{ID: "q4", DocID: "kremlin-70001", Start: 50, End: 80, Text: "Agreed by all."},
		},
		Tags: []model.Tag{
			tg("alice", "kremlin-67890", "q1", 120, 245, "support"),
			tg("bob", "kremlin-67890", "q1", 120, 245, "oppose"),
			tg("carol", "kremlin-67890", "q1", 120, 245, "support"),
			tg("carol", "kremlin-67890", "q1", 120, 245, "neutral"),
			tg("alice", "kremlin-67890", "q2", 400, 460, "oppose"),
			tg("carol", "kremlin-67890", "q2", 400, 460, "oppose"),
			tg("bob", "kremlin-70001", "q3", 10, 40, "neutral"),
			tg("alice", "kremlin-70001", "q3", 10, 40, "oppose"),
			tg("carol", "kremlin-70001", "q3", 10, 40, "oppose"),
			tg("adjudicated", "kremlin-70001", "q3", 10, 40, "oppose"),
			tg("alice", "kremlin-70001", "q4", 50, 80, "support"),
			tg("bob", "kremlin-70001", "q4", 50, 80, "support"),
			tg("carol", "kremlin-70001", "q4", 50, 80, "support"),
		},
	}
	q, err := agree.BuildQueue(in, agree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Items) != 3 || q.Resolved != 1 {
		t.Fatalf("sample queue: %d items, %d resolved", len(q.Items), q.Resolved)
	}
	return q
}

func keyPress(k string) tea.KeyPressMsg {
	if k == "esc" {
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func newModel(t *testing.T, w, h int, q *agree.Queue) *Model {
	t.Helper()
	m := New(codebook, true, true)
	m.SetSize(w, h)
	m.Focus()
	m.SetQueue(q)
	return m
}

func press(m *Model, keys ...string) tea.Msg {
	var last tea.Msg
	for _, k := range keys {
		if cmd := m.Update(keyPress(k)); cmd != nil {
			last = cmd()
		}
	}
	return last
}

func TestUpdate(t *testing.T) {
	q := sampleQueue(t)
	m := newModel(t, 80, 24, q)
	if press(m, "[") != nil || m.Cursor() != 0 {
		t.Fatalf("[ at the start: cursor %d", m.Cursor())
	}
	press(m, "]", "]", "]")
	if m.Cursor() != 2 {
		t.Fatalf("] past the end: cursor %d, want 2", m.Cursor())
	}
	press(m, "[")
	if it, _ := m.Current(); it.UnitID != "q2" {
		t.Fatalf("current = %s, want q2", it.UnitID)
	}

	// 2 is oppose in the codebook: the intent names the unit and label.
	msg := press(m, "2")
	want := AdjudicateMsg{UnitID: "q2", DocID: "kremlin-67890", Start: 400, End: 460, Label: "oppose",
		Adjudicator: "adjudicated", Text: "This is not our choice 🙂, it was imposed on us."}
	if msg != want {
		t.Fatalf("intent = %+v, want %+v", msg, want)
	}
	if !strings.Contains(ansi.Strip(m.View()), "2/3 resolved") {
		t.Errorf("header after recording:\n%s", ansi.Strip(m.View()))
	}
	// Again: the toggle removes it.
	if msg := press(m, "2"); msg.(AdjudicateMsg).Label != "oppose" || !strings.Contains(ansi.Strip(m.View()), "1/3 resolved") {
		t.Errorf("second 2: %v\n%s", msg, ansi.Strip(m.View()))
	}
	// The root's queue is not touched by the toggles.
	if q.Resolved != 1 || len(q.Items[1].Adjudicated) != 0 {
		t.Errorf("root queue changed: %+v", q)
	}
	// A digit with no label does nothing.
	if msg := press(m, "7"); msg != nil {
		t.Errorf("7 emitted %v", msg)
	}
	if _, ok := press(m, "esc").(CloseMsg); !ok {
		t.Error("esc should ask to close")
	}

	// } jumps to the next unresolved unit, skipping q3 (resolved) and
	// wrapping around.
	press(m, "}")
	if it, _ := m.Current(); it.UnitID != "q1" {
		t.Errorf("} from q2 went to %s, want q1 (q3 is resolved)", it.UnitID)
	}

	// SetQueue keeps the unit in view.
	press(m, "]")
	m.SetQueue(sampleQueue(t))
	if it, _ := m.Current(); it.UnitID != "q2" {
		t.Errorf("after SetQueue: %s, want q2", it.UnitID)
	}
}

func TestEmpty(t *testing.T) {
	for _, q := range []*agree.Queue{nil, {Analysts: []string{"a", "b"}, Adjudicator: "adjudicated"}} {
		m := newModel(t, 80, 24, q)
		for _, k := range []string{"]", "[", "}", "1"} {
			if msg := press(m, k); msg != nil {
				t.Errorf("%s on an empty queue emitted %v", k, msg)
			}
		}
		v := ansi.Strip(m.View())
		checkSize(t, v, 80, 24)
		if !strings.Contains(v, "0/0 resolved") {
			t.Errorf("empty view:\n%s", v)
		}
	}
}

// TestGolden pins the screens. Regenerate with
// go test ./internal/ui/adjudicate -update
func TestGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 48}, {50, 12}} {
		w, h := size[0], size[1]
		for _, st := range []struct {
			name string
			keys []string
			q    func(*testing.T) *agree.Queue
		}{
			{"first", nil, sampleQueue},
			{"recorded", []string{"]", "2"}, sampleQueue},
			{"resolved", []string{"]", "]"}, sampleQueue},
			{"empty", nil, func(*testing.T) *agree.Queue { return &agree.Queue{Analysts: []string{"a", "b"}} }},
		} {
			t.Run(fmt.Sprintf("%dx%d/%s", w, h, st.name), func(t *testing.T) {
				m := newModel(t, w, h, st.q(t))
				press(m, st.keys...)
				v := ansi.Strip(m.View())
				checkSize(t, v, w, h)
				golden.RequireEqual(t, v)
			})
		}
	}
}

// TestNarrowColumns: with many analysts in a narrow pane, one analyst per
// line instead of columns.
func TestNarrowColumns(t *testing.T) {
	q := sampleQueue(t)
	m := newModel(t, 50, 12, q)
	v := ansi.Strip(m.View())
	for _, n := range []string{"alice:", "bob:", "carol:", "adjudicated:"} {
		if !strings.Contains(v, n) {
			t.Errorf("%q missing in\n%s", n, v)
		}
	}
	// The corpus text's colour escape must not reach the screen (the
	// styles without colour never emit a foreground colour).
	m = newModel(t, 160, 48, q)
	if v := m.View(); strings.Contains(v, "\x1b[31m") || !strings.Contains(ansi.Strip(v), "both sides listen.") {
		t.Errorf("corpus escape or text wrong:\n%q", v)
	}
}

func TestHelp(t *testing.T) {
	m := New(codebook, false, false)
	if len(m.ShortHelp()) == 0 || len(m.FullHelp()[0]) != 5 {
		t.Errorf("help = %v / %v", m.ShortHelp(), m.FullHelp())
	}
	for _, b := range m.FullHelp()[0] {
		if b.Help().Key == "" || b.Help().Desc == "" {
			t.Errorf("binding without help: %v", b.Keys())
		}
	}
}

func checkSize(t *testing.T, screen string, w, h int) {
	t.Helper()
	lines := strings.Split(screen, "\n")
	if len(lines) != h {
		t.Fatalf("screen has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n != w {
			t.Fatalf("line %d is %d cells wide, want %d: %q", i, n, w, l)
		}
	}
}
