package ui

import (
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/workbench-dev/workbench/internal/ui/common"
	"github.com/workbench-dev/workbench/internal/ui/help"
)

// "?" on the empty search line (the focus at start) opens the help; in a
// query it is text.
func TestHelpFromEmptySearchLine(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.keys("?")
	if !d.m.showHelp || d.m.search.Value() != "" {
		t.Fatalf("? on the empty line: help %v, query %q", d.m.showHelp, d.m.search.Value())
	}
	d.mustSee("Help — ? or esc closes")
	d.keys("esc")
	if d.m.showHelp || d.m.Focused() != "search" {
		t.Fatalf("esc: help %v focus %s", d.m.showHelp, d.m.Focused())
	}
	d.typeText("why?")
	if d.m.showHelp || d.m.search.Value() != "why?" {
		t.Fatalf("? in a query: help %v, query %q", d.m.showHelp, d.m.search.Value())
	}
}

// The first screen says how to open an article, move between quotes and tag.
func TestFirstScreenHint(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 48}, {50, 12}} {
		d := newDriver(t, size[0], size[1])
		for _, s := range []string{"opens an article", "next/previous statement", "1-9 tags it"} {
			d.mustSee(s)
		}
	}
}

// i in the help shows the about screen with the kremlin.ru attribution;
// the README carries it too.
func TestAboutScreen(t *testing.T) {
	d := newDriver(t, 80, 24)
	d.keys("esc", "?", "i")
	if !d.m.help.About() {
		t.Fatal("i in the help did not open the about screen")
	}
	for _, s := range []string{"President of Russia website, en.kremlin.ru", "https://creativecommons.org/licenses/by/4.0/", "extracted", "reformatted"} {
		d.mustSee(s)
	}
	d.keys("i")
	d.mustSee("Help — ? or esc closes")
	d.keys("i", "esc")
	if d.m.showHelp {
		t.Fatal("esc did not close the about screen")
	}
	d.keys("?")
	if d.m.help.About() {
		t.Fatal("help reopened on the about screen")
	}
	readme, err := os.ReadFile("../../docs/readme/tui.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"President of Russia website, en.kremlin.ru", "https://creativecommons.org/licenses/by/4.0/", "reformatted"} {
		if !strings.Contains(string(readme), s) {
			t.Fatalf("docs/readme/tui.md lacks %q", s)
		}
	}
	if !strings.Contains(help.Attribution[0], "President of Russia website, en.kremlin.ru") {
		t.Fatal("attribution text changed")
	}
}

// G in the results goes to the last result, loading every page it needs
// in one request.
func TestBottomLoadsLastResult(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.m.opts.Limit = 2
	d.keys("esc")
	d.send(common.QueryChangedMsg{Query: ""})
	if n := len(d.m.results.Hits()); n != 2 {
		t.Fatalf("first page: %d hits", n)
	}
	d.keys("G")
	if n := len(d.m.results.Hits()); n != 5 {
		t.Fatalf("G: %d hits loaded, want all 5", n)
	}
	if got := d.m.results.Cursor(); got != 4 {
		t.Fatalf("G: cursor %d, want the last result (4)", got)
	}
	d.keys("g", "G")
	if got := d.m.results.Cursor(); got != 4 {
		t.Fatalf("g G: cursor %d", got)
	}
}

// After a resize the current quote (or selection) is still in view.
func TestResizeKeepsCurrentQuoteInView(t *testing.T) {
	d := newDriver(t, 160, 48)
	d.open("ushakov")
	d.keys("]", "]", "]")
	for _, size := range [][2]int{{50, 12}, {60, 14}, {80, 24}, {50, 14}, {160, 48}, {51, 12}} {
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		if !d.m.reader.CurrentInView() {
			t.Fatalf("%dx%d: the current quote is out of view:\n%s", size[0], size[1], d.screen())
		}
	}
	d.keys("v", "l", "l")
	d.send(tea.WindowSizeMsg{Width: 50, Height: 12})
	if !d.m.reader.CurrentInView() {
		t.Fatalf("the selection is out of view after a resize:\n%s", d.screen())
	}
}

// At 50x12, the documented minimum, the reader shows the article's text.
func TestReaderShowsTextAtMinimumSize(t *testing.T) {
	d := newDriver(t, MinWidth, MinHeight)
	d.open("ushakov")
	if d.m.reader.BodyHeight() < 2 {
		t.Fatalf("reader body: %d lines", d.m.reader.BodyHeight())
	}
	d.mustSee("Presidential aide")
	checkSize(t, d.screen(), MinWidth, MinHeight)
}

// Stacked layouts leave no blank rows inside the results and quotes panes.
func TestStackedLayoutsHaveNoBlankRows(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {50, 12}, {99, 30}, {60, 40}} {
		for _, q := range []string{"talks", "ushakov", "", "zzzz"} {
			d := newDriver(t, size[0], size[1])
			d.search(q)
			if q == "ushakov" {
				d.keys("enter")
			}
			lines := strings.Split(d.screen(), "\n")
			l := d.m.lay
			if l.wide {
				t.Fatalf("%dx%d is stacked", size[0], size[1])
			}
			for _, r := range []rect{l.results, l.quotes} {
				for y := r.y; y < r.y+r.h; y++ {
					if strings.TrimSpace(lines[y]) == "" {
						t.Fatalf("%dx%d %q: blank row %d:\n%s", size[0], size[1], q, y, d.screen())
					}
				}
			}
		}
	}
}

// The facets pane lists the query's filters first; enter on one removes it.
func TestFacetFilterRemovedFromPane(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.typeText("talks @")
	d.send(tea.PasteMsg{Content: "ushakov"})
	d.keys("shift+tab") // search -> facets
	d.mustSee("Filters")
	d.mustSee("✕ @ushakov")
	d.keys("g")
	if kind, v, _ := d.m.facets.Selected(); kind != "filter" || v != "@ushakov" {
		t.Fatalf("first facet row: %s %s\n%s", kind, v, d.screen())
	}
	d.keys("enter")
	if q := d.m.search.Value(); q != "talks " {
		t.Fatalf("query after removing the filter: %q", q)
	}
	d.mustNotSee("✕ @ushakov")
	if len(d.m.results.Hits()) != 3 {
		t.Fatalf("talks: %d hits", len(d.m.results.Hits()))
	}
}
