package agree

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/workbench-dev/workbench/internal/model"
)

// TestRender pins the text of `workbench agree`. Regenerate with
// go test ./internal/agree -run TestRender -update
func TestRender(t *testing.T) {
	t.Run("two", func(t *testing.T) {
		r, err := Compute(smallInput(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		golden.RequireEqual(t, Render(r))
	})
	t.Run("three", func(t *testing.T) {
		in := smallInput()
		for _, tg := range in.Tags {
			if tg.Analyst == "bob" {
				tg.Analyst = "carol"
				if tg.Label == "oppose" && tg.QuoteID != "" {
					tg.Label = "support"
				}
				in.Tags = append(in.Tags, tg)
			}
		}
		r, err := Compute(in, Options{})
		if err != nil {
			t.Fatal(err)
		}
		out := Render(r)
		for _, want := range []string{"Fleiss' kappa", "kappa (mean)", "Cohen's kappa per pair", "alice|carol", "bob|carol"} {
			if !strings.Contains(out, want) {
				t.Errorf("missing %q", want)
			}
		}
		golden.RequireEqual(t, out)
	})
}

func TestRenderSanitises(t *testing.T) {
	in := Input{
		Statements: []Statement{{ID: "q", DocID: "d\x1b]8;;x\x07", Start: 0, End: 1}},
		Tags: []model.Tag{
			tag("al\x1b[31mice", "d\x1b]8;;x\x07", "q", 0, 1, "sup\x1b[2Jport"),
			tag("bob\u202e", "other\r\n", "", 0, 1, "x"),
		},
	}
	r, err := Compute(in, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := Render(r)
	if strings.ContainsAny(out, "\x1b\x07\r\u202e") {
		t.Errorf("unsafe characters in %q", out)
	}
	if !strings.Contains(out, "support") || !strings.Contains(out, "alice") {
		t.Errorf("names lost: %q", out)
	}
}

func TestRenderManyExcluded(t *testing.T) {
	r := &Result{Analysts: []string{"a", "b"}, Labels: map[string]LabelResult{}}
	for i := 0; i < 14; i++ {
		r.ExcludedDocuments = append(r.ExcludedDocuments, string(rune('a'+i)))
	}
	out := Render(r)
	if !strings.Contains(out, "j and 4 more.") || !strings.Contains(out, "No labels") {
		t.Errorf("render = %q", out)
	}
}
