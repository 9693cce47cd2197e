package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/analyze"
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

// The timeline's statements of `stats --json` equal the quotes and turns
// `statements --json` lists, by speaker and month, with the analysts'
// speaker corrections applied (a quote given to another actor, a turn
// whose speaker is cleared), on a copy of the sample workspace.
func TestStatsStatementsMatchStatementsJSON(t *testing.T) {
	home := t.TempDir()
	if err := os.CopyFS(home, os.DirFS(sampleWorkspace(t))); err != nil {
		t.Fatal(err)
	}
	reg, err := analyze.LoadRegistry(data.ActorsTOML())
	if err != nil {
		t.Fatal(err)
	}
	type stmt struct{ ID, Kind, Speaker, Date string }
	list := func() []stmt {
		out, e, code := rootTestRun(t, "--home", home, "statements", "--json", "--limit", "100000")
		if code != 0 {
			t.Fatal(e)
		}
		var sts []stmt
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var s stmt
			if err := json.Unmarshal([]byte(l), &s); err != nil {
				t.Fatal(err)
			}
			sts = append(sts, s)
		}
		return sts
	}
	stats := func() map[string]map[string]int {
		out, e, code := rootTestRun(t, "--home", home, "stats", "--json")
		if code != 0 {
			t.Fatal(e)
		}
		var d struct {
			Timeline struct {
				Series []struct {
					Name   string
					Points []struct {
						T          string
						Statements int
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatal(err)
		}
		got := map[string]map[string]int{}
		for _, s := range d.Timeline.Series {
			got[s.Name] = map[string]int{}
			for _, p := range s.Points {
				if p.Statements != 0 {
					got[s.Name][p.T] = p.Statements
				}
			}
		}
		return got
	}
	check := func(when string) {
		got := stats()
		if len(got) == 0 {
			t.Fatalf("%s: no timeline", when)
		}
		want := map[string]map[string]int{}
		for a := range got {
			want[a] = map[string]int{}
		}
		turns, n := 0, 0
		for _, s := range list() {
			if s.Kind != "quote" && s.Kind != "turn" {
				continue
			}
			act, ok := reg.Lookup(s.Speaker)
			if s.Speaker == "" || !ok || want[act.ID] == nil {
				continue
			}
			p := "no date"
			if len(s.Date) >= 7 {
				p = s.Date[:7]
			}
			want[act.ID][p]++
			n++
			if s.Kind == "turn" {
				turns++
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) || n == 0 || turns == 0 {
			t.Errorf("%s: stats --json statements\n %v\nstatements --json (%d, %d turns)\n %v", when, got, n, turns, want)
		}
	}
	check("as analysed")
	// Corrections: a quote of a timeline actor given to another, a turn
	// of one cleared.
	got := stats()
	var actors []string
	for a := range got {
		actors = append(actors, a)
	}
	slices.Sort(actors)
	var quote, turn stmt
	for _, s := range list() {
		act, ok := reg.Lookup(s.Speaker)
		if !ok || got[act.ID] == nil {
			continue
		}
		if s.Kind == "quote" && quote.ID == "" && act.ID != actors[0] {
			quote = s
		}
		if s.Kind == "turn" && turn.ID == "" {
			turn = s
		}
	}
	if quote.ID == "" || turn.ID == "" {
		t.Fatalf("no quote (%v) or turn (%v) of a timeline actor to correct", quote, turn)
	}
	to, _ := reg.Lookup(actors[0])
	if _, e, code := rootTestRun(t, "--home", home, "speaker", "set", quote.ID, to.Name); code != 0 {
		t.Fatal(e)
	}
	if _, e, code := rootTestRun(t, "--home", home, "speaker", "clear", turn.ID); code != 0 {
		t.Fatal(e)
	}
	check("corrected")
	if after := stats(); fmt.Sprint(after) == fmt.Sprint(got) {
		t.Error("the corrections changed no count")
	}
}

// Bad input at the command line: no index yet, an index with no document,
// a query with no hits: each says so in words (stats), prints empty lists
// rather than nulls (--json) and writes a report that says so.
func TestStatsEmptyWorkspaceAndNoHits(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws")
	_, e, code := rootTestRun(t, "--home", home, "stats")
	if code != 1 || !strings.Contains(e, "no index") || !strings.Contains(e, "workbench index") {
		t.Errorf("no index: exit %d, %q", code, e)
	}
	if _, e, code := rootTestRun(t, "--home", home, "index", t.TempDir()); code != 0 {
		t.Fatal(e)
	}
	for _, q := range []string{"", "zzzqqq"} {
		out, e, code := rootTestRun(t, "--home", home, "stats", q)
		if code != 0 {
			t.Fatal(e)
		}
		for _, w := range []string{"no tagged statements", "no actor is mentioned", "no two actors share a document"} {
			if !strings.Contains(out, w) {
				t.Errorf("stats %q lacks %q:\n%s", q, w, out)
			}
		}
		out, _, _ = rootTestRun(t, "--home", home, "stats", "--json", q)
		for _, w := range []string{`"rows":[]`, `"counts":[]`, `"series":[]`, `"cooccurrence":[]`, `"labels":["escalatory"`, `"query":"` + q + `"`} {
			if !strings.Contains(out, w) {
				t.Errorf("stats --json %q lacks %s: %s", q, w, out)
			}
		}
		path := filepath.Join(t.TempDir(), "r.html")
		if _, e, code := rootTestRun(t, "--home", home, "report", "--out", path, q); code != 0 {
			t.Fatal(e)
		}
		b, err := os.ReadFile(path)
		if err != nil || !strings.Contains(string(b), "No tagged statements match") || !strings.Contains(string(b), "no timeline") {
			t.Errorf("report %q: %v\n%.600s", q, err, b)
		}
	}
}
