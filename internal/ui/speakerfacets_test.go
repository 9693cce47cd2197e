package ui

import (
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

func speakerCount(fc []model.FacetCount, name string) int {
	for _, f := range fc {
		if f.Value == name {
			return f.Count
		}
	}
	return 0
}

// TestSpeakerFacetsFollowCorrections: the Speakers facet counts the
// analysts' corrections (set, undone, redone); enter on one filters by
// speaker: and finds the corrected document.
func TestSpeakerFacetsFollowCorrections(t *testing.T) {
	d := newDriver(t, 120, 40)
	d.open("ushakov")
	fc := d.m.facets.Speakers()
	if speakerCount(fc, "Yury Ushakov") != 1 || speakerCount(fc, "Dmitry Peskov") != 0 {
		t.Fatalf("speakers of ushakov: %v", fc)
	}
	d.keys("]", "s", "ctrl+u")
	d.typeText("peskov")
	d.keys("enter")
	if got := speakerCount(d.m.facets.Speakers(), "Dmitry Peskov"); got != 1 {
		t.Fatalf("after the correction, Peskov counts %d:\n%s", got, d.screen())
	}
	d.mustSee("Dmitry Peskov 1")
	d.keys("u")
	if got := speakerCount(d.m.facets.Speakers(), "Dmitry Peskov"); got != 0 {
		t.Fatalf("after undo, Peskov counts %d", got)
	}
	d.keys("ctrl+r")
	if got := speakerCount(d.m.facets.Speakers(), "Dmitry Peskov"); got != 1 {
		t.Fatalf("after redo, Peskov counts %d", got)
	}
	// enter on the facet filters by the speaker.
	d.keys("/", "shift+tab") // search line -> facets
	if d.m.Focused() != "facets" {
		t.Fatalf("focus %s", d.m.Focused())
	}
	for i := 0; i < 40; i++ {
		if k, v, _ := d.m.facets.Selected(); k == "speaker" && v == "Dmitry Peskov" {
			break
		}
		d.keys("j")
	}
	if k, v, _ := d.m.facets.Selected(); k != "speaker" || v != "Dmitry Peskov" {
		t.Fatalf("no Peskov speaker facet to select: %s %s\n%s", k, v, d.screen())
	}
	d.keys("enter")
	if q := d.m.search.Value(); q != `ushakov speaker:"Dmitry Peskov" ` {
		t.Fatalf("query after the speaker facet: %q", q)
	}
	if ids := d.m.HitIDs(); len(ids) != 1 || ids[0] != "fx-ushakov-talks" {
		t.Fatalf("speaker:\"Dmitry Peskov\" with the correction: %v", ids)
	}
	d.mustSee("✓ Dmitry Peskov 1")
}
