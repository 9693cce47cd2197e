package ui

import (
	"image/color"
	"regexp"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestBackgroundColorSwitchesTheme(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.send(tea.BackgroundColorMsg{Color: color.White})
	if d.m.c.Styles.Dark {
		t.Fatal("a white background left the dark theme on")
	}
	d.send(tea.BackgroundColorMsg{Color: color.Black})
	if !d.m.c.Styles.Dark {
		t.Fatal("a black background did not switch to the dark theme")
	}
}

var colourSGR = regexp.MustCompile(`\x1b\[[0-9;]*(38|48);[25];`)

// NO_COLOR: no colour escape at all, while highlights stay visible (bold,
// underline, reverse).
func TestNoColor(t *testing.T) {
	for _, noColor := range []bool{true, false} {
		d := newDriver(t, 120, 40)
		d.m.opts.NoColor = noColor
		d.m.setTheme(true)
		d.open("ushakov")
		d.keys("]", "1", "n")
		out := d.m.Render()
		if got := colourSGR.MatchString(out); got == noColor {
			t.Fatalf("NoColor=%v: colour sequences present = %v", noColor, got)
		}
		if noColor && !regexp.MustCompile(`\x1b\[[0-9;]*(1|4|7)[;m]`).MatchString(out) {
			t.Fatal("NO_COLOR output has no bold/underline/reverse highlights")
		}
	}
}
