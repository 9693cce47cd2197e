package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// Golden screens of every pane at 80x24 (narrow: stacked) and 160x48
// (wide: side by side). Regenerate with: go test ./internal/ui/... -update
func TestGolden(t *testing.T) {
	// These run on the fixtures and a transcript (turns).
	transcript := map[string]bool{"statements-all-turns": true, "statements-turns": true}
	states := []struct {
		name string
		keys func(d *driver)
	}{
		{"search", func(d *driver) { d.typeText("talks") }},
		{"results", func(d *driver) { d.search("ushakov OR peace"); d.keys("j") }},
		{"reader", func(d *driver) {
			d.open("ushakov")
			d.keys("]", "]", "1", "n")
		}},
		{"reader-unicode", func(d *driver) {
			d.open("lavrov")
			d.keys("w", "w", "v", "w", "2", "]")
		}},
		{"selection", func(d *driver) { d.open("zelensky"); d.keys("]", "w", "v", "w", "w") }},
		{"selection-chars", func(d *driver) { d.open("zelensky"); d.keys("]", "w", "l", "v", "l", "l") }},
		{"note", func(d *driver) { d.open("peace"); d.keys("]", "3", "a"); d.typeText("said twice") }},
		{"note-choose", func(d *driver) { d.open("ushakov"); d.keys("]", "1", "4", "a") }},
		{"notes-shown", func(d *driver) {
			d.open("ushakov")
			d.keys("]", "1", "4", "a", "4")
			d.typeText("blames Kyiv")
			d.keys("enter", "t", "1")
			d.typeText("Donald Trump")
			d.keys("enter")
		}},
		{"tags-pane", func(d *driver) {
			d.open("ushakov")
			d.keys("]", "1", "a")
			d.typeText("said twice")
			d.keys("enter", "]", "4", "T")
		}},
		{"tags-filter", func(d *driver) { d.open("ushakov"); d.keys("]", "1", "]", "4", "T", "/"); d.typeText("accus") }},
		{"quotes-marked", func(d *driver) { d.open("ushakov"); d.keys("tab", "space", "space") }},
		{"mark-confirm", func(d *driver) { d.m.markAsk = 1; d.search(""); d.keys("tab", "tab", "s", "ctrl+a") }},
		{"save-name", func(d *driver) { d.typeText("talks"); d.keys("ctrl+s"); d.typeText("Talks") }},
		{"saved", func(d *driver) {
			d.typeText("talks")
			d.keys("ctrl+s")
			d.typeText("Talks")
			d.keys("enter")
			d.m.saved[0].LastTotal = 1
			d.m.saved[0].LastRun = d.m.saved[0].LastRun.AddDate(-60, 0, 0).Truncate(24 * time.Hour)
			d.keys("esc", "S")
		}},
		{"order-newest", func(d *driver) { d.search("talks OR peace"); d.keys("O") }},
		{"results-bottom", func(d *driver) { d.m.opts.Limit = 2; d.search(""); d.keys("G") }},
		{"tags-note", func(d *driver) { d.open("ushakov"); d.keys("]", "1", "T", "a"); d.typeText("checked") }},
		{"copy", func(d *driver) { d.open("ushakov"); d.keys("]", "y") }},
		{"quotes-tag", func(d *driver) { d.open("ushakov"); d.keys("tab", "j", "2") }},
		{"date-months", func(d *driver) {
			d.search("")
			d.keys("tab", "tab", "tab", "G", "enter")
		}},
		{"quotes", func(d *driver) { d.open("ushakov"); d.keys("]", "4", "tab", "j") }},
		{"quotes-all", func(d *driver) { d.search("talks"); d.keys("tab", "tab", "s") }},
		{"statements-kind", func(d *driver) { d.open("ushakov"); d.keys("tab", "f", "j") }},
		{"statements-corrected", func(d *driver) {
			d.open("ushakov")
			d.keys("]", "s", "ctrl+u")
			d.typeText("peskov")
			d.keys("enter", "tab")
		}},
		{"statements-all-turns", func(d *driver) { d.search("talks"); d.keys("tab", "tab", "s", "f", "f") }},
		{"statements-turns", func(d *driver) { d.open("economy"); d.keys("tab", "f", "f", "j") }},
		{"facets", func(d *driver) { d.search("putin"); d.keys("tab", "tab", "tab", "j") }},
		{"help", func(d *driver) { d.keys("esc", "?") }},
		{"about", func(d *driver) { d.keys("?", "i") }},
		{"facet-filter", func(d *driver) { d.typeText("talks @putin"); d.keys("shift+tab", "g") }},
		{"export", func(d *driver) { d.keys("esc", "e") }},
		{"error", func(d *driver) { d.typeText("talks"); d.send(tea.PasteMsg{Content: " title:/[/"}) }},
		{"too-small", func(d *driver) {}},
	}
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		for _, st := range states {
			t.Run(fmt.Sprintf("%dx%d/%s", size[0], size[1], st.name), func(t *testing.T) {
				w, h := size[0], size[1]
				if st.name == "too-small" {
					w, h = 30, 8
				}
				on := newDriver
				if transcript[st.name] {
					on = transcriptDriver
				}
				d := on(t, w, h)
				st.keys(d)
				screen := ansi.Strip(d.m.Render())
				checkSize(t, screen, w, h)
				golden.RequireEqual(t, screen)
			})
		}
	}
}

// checkSize asserts the screen is exactly w x h cells: no line overflows.
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
