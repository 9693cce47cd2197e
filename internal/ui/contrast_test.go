package ui

import (
	"testing"

	"charm.land/lipgloss/v2"

	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/ui/common"
	"github.com/workbench-dev/workbench/internal/ui/styles"
)

// Every default actor and label colour reaches 4.5:1 (WCAG AA) against the
// background the styles draw on, dark and light; actor colours change with
// the background.
func TestDefaultColoursContrast(t *testing.T) {
	labels, actors := apptest.Labels(t), apptest.Registry(t).Actors()
	if len(actors) < 10 || len(labels) < 6 {
		t.Fatalf("defaults: %d actors, %d labels", len(actors), len(labels))
	}
	changed := 0
	for _, dark := range []bool{true, false} {
		bg := lipgloss.Color(styles.RefLight)
		if dark {
			bg = lipgloss.Color(styles.RefDark)
		}
		c := common.New(labels, actors, dark, false)
		for _, a := range actors {
			if a.Color == "" {
				continue
			}
			col := c.Styles.ActorColor(a.ID)
			if r := styles.Contrast(col, bg); r < styles.MinContrast {
				t.Errorf("actor %s (%s) on %s: %.2f:1", a.Name, a.Color, map[bool]string{true: "dark", false: "light"}[dark], r)
			}
			if styles.Contrast(col, lipgloss.Color(a.Color)) > 1.01 {
				changed++
			}
		}
		for _, l := range labels {
			if l.Color == "" {
				continue
			}
			if r := styles.Contrast(c.Styles.LabelColor(l.Name), bg); r < styles.MinContrast {
				t.Errorf("label %s (%s): %.2f:1", l.Name, l.Color, r)
			}
		}
	}
	if changed == 0 {
		t.Fatal("no actor colour adapts to the background")
	}
	if r := styles.Contrast(lipgloss.Color("#000000"), lipgloss.Color("#ffffff")); r < 20.9 || r > 21.01 {
		t.Fatalf("contrast black/white = %.2f, want 21", r)
	}
}
