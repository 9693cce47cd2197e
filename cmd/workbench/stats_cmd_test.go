package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every count of `stats --json` equals one counted here independently from
// `tags --json` and `search --json` on the same workspace.
func TestStatsCountsMatchIndependentCounts(t *testing.T) {
	home := sampleWorkspace(t)
	out, e, code := rootTestRun(t, "--home", home, "stats", "--json")
	if code != 0 {
		t.Fatal(e)
	}
	var d struct {
		Matrix struct {
			By     string
			Rows   []string
			Labels []string
			Counts [][]int
		}
		Timeline struct {
			Interval string
			Series   []struct {
				Name   string
				Points []struct {
					T                          string
					Statements, Mentions, Tags int
				}
			}
		}
		Cooccurrence []struct {
			A, B string
			Docs int
		}
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	// The matrix: tags by speaker and label.
	tagsOut, _, _ := rootTestRun(t, "--home", home, "tags", "--json")
	want := map[string]int{}
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(tagsOut), "\n") {
		var tg struct{ Speaker, Label string }
		json.Unmarshal([]byte(l), &tg)
		sp := tg.Speaker
		if sp == "" {
			sp = "(none)"
		}
		want[sp+"|"+tg.Label]++
		n++
	}
	got, total := map[string]int{}, 0
	for i, r := range d.Matrix.Rows {
		for j, c := range d.Matrix.Counts[i] {
			if c > 0 {
				got[r+"|"+d.Matrix.Labels[j]] = c
				total += c
			}
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || total != n || n == 0 {
		t.Errorf("matrix %v (total %d), tags say %v (%d)", got, total, want, n)
	}
	count := func(q string) int {
		out, e, code := rootTestRun(t, "--home", home, "search", "--json", "--limit", "1000", "--", q)
		if code != 0 {
			t.Fatalf("%s: %s", q, e)
		}
		if strings.TrimSpace(out) == "" {
			return 0
		}
		return strings.Count(strings.TrimSpace(out), "\n") + 1
	}
	// Co-occurrence: documents mentioning both.
	if len(d.Cooccurrence) == 0 {
		t.Fatal("no co-occurrence")
	}
	for _, p := range d.Cooccurrence[:min(5, len(d.Cooccurrence))] {
		if c := count("@" + p.A + " @" + p.B); c != p.Docs {
			t.Errorf("pair %s %s: %d docs, search finds %d", p.A, p.B, p.Docs, c)
		}
	}
	// Mentions per month: documents of that month mentioning the actor.
	checked := 0
	for _, s := range d.Timeline.Series[:min(2, len(d.Timeline.Series))] {
		for _, p := range s.Points {
			if p.Mentions == 0 || p.T == "no date" || checked >= 8 {
				continue
			}
			checked++
			if c := count("@" + s.Name + " date:" + p.T); c != p.Mentions {
				t.Errorf("%s %s: %d mentions, search finds %d", s.Name, p.T, p.Mentions, c)
			}
		}
	}
	if checked == 0 {
		t.Error("no timeline point checked")
	}
}

// report writes one self-contained HTML file into WORKSPACE/reports (or
// --out), with the kremlin.ru attribution, and Markdown on request.
func TestReportCLI(t *testing.T) {
	home := sampleWorkspace(t)
	out, e, code := rootTestRun(t, "--home", home, "report")
	if code != 0 || !strings.Contains(out, filepath.Join(home, "reports")) {
		t.Fatalf("report: exit %d %s %s", code, out, e)
	}
	path := strings.TrimSpace(strings.TrimPrefix(out, "wrote "))
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	if !strings.Contains(html, "<svg") || strings.Contains(html, "<script") || !strings.Contains(html, "en.kremlin.ru") {
		t.Errorf("report: svg %v, script %v, attribution %v", strings.Contains(html, "<svg"), strings.Contains(html, "<script"), strings.Contains(html, "en.kremlin.ru"))
	}
	md := filepath.Join(t.TempDir(), "r.md")
	if _, e, code := rootTestRun(t, "--home", home, "report", "--format", "md", "--out", md, "@putin"); code != 0 {
		t.Fatal(e)
	}
	if b, _ := os.ReadFile(md); !strings.Contains(string(b), "|") {
		t.Errorf("markdown report has no table")
	}
	if _, _, code := rootTestRun(t, "--home", home, "report", "--format", "pdf"); code != 2 {
		t.Errorf("--format pdf: exit %d", code)
	}
	if _, _, code := rootTestRun(t, "--home", home, "stats", "--by", "mood"); code != 2 {
		t.Errorf("--by mood: exit %d", code)
	}
}

// A transcript turn is a statement the TUI moves to with ] and tags with
// 1-9: `workbench tag TURN_ID LABEL` tags the span it covers, with the
// turn's speaker.
func TestTagATurn(t *testing.T) {
	home := sampleWorkspace(t)
	out, e, code := rootTestRun(t, "--home", home, "statements", "--kind", "turn", "--json", "--limit", "1")
	if code != 0 {
		t.Fatal(e)
	}
	if strings.TrimSpace(out) == "" {
		t.Skip("the sample has no turns")
	}
	var st struct{ ID, Speaker string }
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	if o, e, code := rootTestRun(t, "--home", home, "tag", st.ID, "conciliatory"); code != 0 {
		t.Fatalf("tag a turn: %s %s", o, e)
	}
	out, _, _ = rootTestRun(t, "--home", home, "tags", "--json", "--label", "conciliatory")
	if !strings.Contains(out, `"speaker":"`+st.Speaker+`"`) {
		t.Errorf("the turn's tag lacks its speaker %q: %s", st.Speaker, out)
	}
	rootTestRun(t, "--home", home, "untag", st.ID, "conciliatory")
}
