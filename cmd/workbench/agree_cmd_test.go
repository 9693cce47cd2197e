package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/model"
)

// Two analysts tag the same documents through --analyst and
// WORKBENCH_ANALYST; agree reports them, with perfect agreement where they
// agree and less where one differs.
func TestAgreeCLI(t *testing.T) {
	home := newSampleHome(t, "cfg")
	w, err := app.Open(app.Options{Home: home, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		t.Fatal(err)
	}
	qs, err := w.Quotes(context.Background(), model.QuoteRequest{Limit: 6})
	w.Close()
	if err != nil || len(qs.Hits) < 6 {
		t.Fatalf("quotes: %v", err)
	}
	for i, q := range qs.Hits {
		if _, e, code := rootTestRun(t, "--home", home, "--analyst", "alice", "tag", q.ID, "escalatory"); code != 0 {
			t.Fatal(e)
		}
		label := "escalatory"
		if i == 0 {
			label = "neutral"
		}
		t.Setenv("WORKBENCH_ANALYST", "bob")
		if _, e, code := rootTestRun(t, "--home", home, "tag", q.ID, label); code != 0 {
			t.Fatal(e)
		}
		t.Setenv("WORKBENCH_ANALYST", "")
	}
	out, e, code := rootTestRun(t, "--home", home, "agree", "--json")
	if code != 0 {
		t.Fatal(e)
	}
	var res struct {
		Analysts []string
		Units    int
		Labels   map[string]struct {
			Observed *float64
			Agree    int
			Disagree int
		}
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Analysts, ",") != "alice,bob" || res.Units < 6 {
		t.Fatalf("agree: %s", out)
	}
	esc := res.Labels["escalatory"]
	if esc.Agree != 5 || esc.Disagree != 1 {
		t.Errorf("escalatory: %+v, want 5 agreeing and 1 disagreeing", esc)
	}
	// The readable table names both analysts.
	out, _, _ = rootTestRun(t, "--home", home, "agree")
	if !strings.Contains(out, "alice") || !strings.Contains(out, "bob") {
		t.Errorf("agree table: %s", out)
	}
	// tags --json keeps each analyst.
	out, _, _ = rootTestRun(t, "--home", home, "tags", "--json")
	if strings.Count(out, `"analyst":"alice"`) != 6 || strings.Count(out, `"analyst":"bob"`) != 6 {
		t.Errorf("analysts in tags: %s", out)
	}
}
