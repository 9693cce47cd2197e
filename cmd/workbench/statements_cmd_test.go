package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/data"
	"github.com/workbench-dev/workbench/internal/app"
	"github.com/workbench-dev/workbench/internal/model"
)

var statementKeys = []string{"confidence", "date", "doc_id", "end", "id", "kind", "speaker", "speaker_source", "start", "text", "title", "url"}

// stmtLines runs `statements --json ARGS` and decodes its lines, checking
// the pinned keys of each.
func stmtLines(t *testing.T, home string, args ...string) []map[string]any {
	t.Helper()
	out, errOut, code := runHome(t, home, append([]string{"statements", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("statements %v: exit %d: %s", args, code, errOut)
	}
	var rows []map[string]any
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		var keys []string
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, statementKeys) {
			t.Fatalf("keys %v, want %v", keys, statementKeys)
		}
		rows = append(rows, m)
	}
	return rows
}

func ids(rows []map[string]any) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r["id"].(string))
	}
	return out
}

// TestStatementsCLI: the listing is complete (every statement of every
// document), newest first, pages, filters by kind and speaker; speaker:
// finds the documents of a speaker's turns; quotes lists quotes only.
func TestStatementsCLI(t *testing.T) {
	home := sampleWorkspace(t)
	ctx := context.Background()
	all := stmtLines(t, home, "--limit", "100000")
	// Complete: as many as the documents hold.
	w, err := app.Open(app.Options{Home: home, DefaultActors: data.ActorsTOML(), DefaultCodebook: data.CodebookTOML()})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	docs, err := w.Search(ctx, model.SearchRequest{Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, h := range docs.Hits {
		sts, err := w.DocStatements(ctx, h.ID)
		if err != nil {
			t.Fatal(err)
		}
		want += len(sts)
	}
	if len(all) != want || want < 1000 {
		t.Fatalf("statements lists %d, the documents hold %d", len(all), want)
	}
	out, _, _ := runHome(t, home, "statements", "--limit", "1")
	if !strings.HasPrefix(out, strconv.Itoa(want)+" statements, showing 1\n") {
		t.Errorf("header: %q", out)
	}
	// Newest first; ids unique; both kinds.
	seen := map[string]bool{}
	kinds := map[string]int{}
	for i, r := range all {
		if i > 0 && r["date"].(string) > all[i-1]["date"].(string) {
			t.Fatalf("row %d (%s) is newer than row %d (%s)", i, r["date"], i-1, all[i-1]["date"])
		}
		if seen[r["id"].(string)] {
			t.Fatalf("id %s twice", r["id"])
		}
		seen[r["id"].(string)] = true
		kinds[r["kind"].(string)]++
	}
	if kinds["turn"] == 0 || kinds["quote"] == 0 {
		t.Fatalf("kinds: %v", kinds)
	}
	if page := stmtLines(t, home, "--limit", "5", "--offset", "7"); !slices.Equal(ids(page), ids(all[7:12])) {
		t.Errorf("page %v, want %v", ids(page), ids(all[7:12]))
	}
	turns := stmtLines(t, home, "--kind", "turn", "--limit", "100000")
	if len(turns) != kinds["turn"] {
		t.Errorf("--kind turn: %d, want %d", len(turns), kinds["turn"])
	}
	// speaker: finds the turns, and the documents holding them.
	putin := stmtLines(t, home, "--kind", "turn", "--speaker", "putin", "--limit", "100000")
	if len(putin) == 0 {
		t.Fatal("no Putin turns in the sample")
	}
	res, err := w.Search(ctx, model.SearchRequest{Query: "speaker:putin", Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, h := range res.Hits {
		found = append(found, h.ID)
	}
	for _, r := range putin {
		if !strings.Contains(r["speaker"].(string), "Putin") || r["speaker_source"] != "turn" || r["kind"] != "turn" {
			t.Fatalf("putin turn: %v", r)
		}
		if !slices.Contains(found, r["doc_id"].(string)) {
			t.Fatalf("search speaker:putin misses %s, which has his turns", r["doc_id"])
		}
	}
	// quotes: quotes only, its shape unchanged.
	qout, _, code := runHome(t, home, "quotes", "--json", "--speaker", "putin", "--limit", "100000")
	if code != 0 {
		t.Fatal("quotes failed")
	}
	for _, l := range strings.Split(strings.TrimSpace(qout), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		if len(m) != 9 || (m["kind"] != model.KindDirect && m["kind"] != model.KindFragment) {
			t.Fatalf("quote line %v", m)
		}
	}
	// Misuse exits 2.
	for _, args := range [][]string{{"--kind", "paragraph"}, {"--limit", "0"}, {"--offset", "-1"}, {"--since", "2022-13"}, {"date:2022-13"}, {"--speaker", "nobody-at-all"}} {
		if _, errOut, code := runHome(t, home, append([]string{"statements"}, args...)...); code != 2 {
			t.Errorf("statements %v: exit %d (%s), want 2", args, code, errOut)
		}
	}
	// Dates are inclusive.
	d := all[0]["date"].(string)
	for _, r := range stmtLines(t, home, "--since", d, "--until", d, "--limit", "100000") {
		if r["date"] != d {
			t.Fatalf("--since/--until %s: %v", d, r["date"])
		}
	}
}

// TestSpeakerCorrectionsCLI: a correction changes the listings, show and
// the export (a span inside the turn inherits it), is undone, survives
// re-indexing, and is kept and listed as orphaned when its statement goes.
func TestSpeakerCorrectionsCLI(t *testing.T) {
	home := newSampleHome(t, "ann")
	turn := stmtLines(t, home, "--kind", "turn", "--speaker", "putin", "--limit", "1")[0]
	id, doc := turn["id"].(string), turn["doc_id"].(string)
	start, end := int(turn["start"].(float64)), int(turn["end"].(float64))
	if out, errOut, code := runHome(t, home, "speaker", "set", id, "peskov"); code != 0 || !strings.Contains(out, "Dmitry Peskov") {
		t.Fatalf("speaker set: exit %d %s %s", code, out, errOut)
	}
	rows := stmtLines(t, home, "--speaker", "peskov", "--limit", "100000")
	i := slices.IndexFunc(rows, func(r map[string]any) bool { return r["id"] == id })
	if i < 0 || rows[i]["speaker"] != "Dmitry Peskov" || rows[i]["speaker_source"] != "analyst" {
		t.Fatalf("corrected turn not listed under Peskov: %v", rows)
	}
	for _, r := range stmtLines(t, home, "--speaker", "putin", "--limit", "100000") {
		if r["id"] == id {
			t.Fatal("corrected turn still listed under Putin")
		}
	}
	out, _, _ := runHome(t, home, "show", "--json", doc)
	var shown struct{ Statements []model.Statement }
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		t.Fatal(err)
	}
	if j := slices.IndexFunc(shown.Statements, func(s model.Statement) bool { return s.ID == id }); j < 0 || shown.Statements[j].SpeakerSource != "analyst" {
		t.Fatalf("show --json statements: %v", shown.Statements)
	}
	// A span inside the turn, tagged: its speaker is the turn's (corrected).
	span := strconv.Itoa(start+1) + ":" + strconv.Itoa(min(start+20, end))
	if _, errOut, code := runHome(t, home, "tag", "--doc", doc, "--span", span, "neutral"); code != 0 {
		t.Fatalf("tag span: %s", errOut)
	}
	out, _, _ = runHome(t, home, "export", "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("export: %v %v", recs, err)
	}
	if h := recs[0]; h[len(h)-1] != "speaker_source" || h[6] != "speaker" || len(h) != 16 {
		t.Fatalf("header %v", h)
	}
	if r := recs[1]; r[6] != "Dmitry Peskov" || r[15] != "analyst" {
		t.Fatalf("exported span: %v", r)
	}
	out, _, _ = runHome(t, home, "export", "--format", "jsonl")
	if !strings.Contains(out, `"speaker":"Dmitry Peskov"`) || !strings.HasSuffix(strings.TrimSpace(out), `"speaker_source":"analyst"}`) {
		t.Fatalf("jsonl export: %s", out)
	}
	// Tags JSON keeps its shape.
	out, _, _ = runHome(t, home, "tags", "--json")
	if strings.Contains(out, "speaker_source") {
		t.Errorf("tags --json gained speaker_source: %s", out)
	}
	// Clear, undo, a free-text name found by speaker:.
	if _, errOut, code := runHome(t, home, "speaker", "clear", id); code != 0 {
		t.Fatalf("clear: %s", errOut)
	}
	if rows := stmtLines(t, home, "--speaker", "peskov", "--limit", "100000"); slices.ContainsFunc(rows, func(r map[string]any) bool { return r["id"] == id }) {
		t.Fatal("cleared turn still under Peskov")
	}
	if _, errOut, code := runHome(t, home, "undo"); code != 0 {
		t.Fatalf("undo: %s", errOut)
	}
	if rows := stmtLines(t, home, "--speaker", "peskov", "--limit", "100000"); !slices.ContainsFunc(rows, func(r map[string]any) bool { return r["id"] == id }) {
		t.Fatal("undo of clear lost the correction")
	}
	if _, errOut, code := runHome(t, home, "speaker", "set", "--doc", doc, "--span", strconv.Itoa(start)+":"+strconv.Itoa(start+4), "Anna Example"); code != 0 {
		t.Fatalf("set --doc --span: %s", errOut)
	}
	if rows := stmtLines(t, home, "speaker:\"anna example\""); len(rows) != 1 || rows[0]["kind"] != "span" || rows[0]["speaker"] != "Anna Example" {
		t.Fatalf("free-text speaker: %v", rows)
	}
	// speaker: in search finds the documents of the analyst's speakers.
	if out, errOut, code := runHome(t, home, "search", "--json", "speaker:\"anna example\""); code != 0 || !strings.Contains(out, `"`+doc+`"`) {
		t.Fatalf("search speaker:\"anna example\": exit %d %s %s", code, out, errOut)
	}
	// Misuse and unknown statements.
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"speaker", "set", id}, 2},
		{[]string{"speaker", "set", "--doc", doc, "NAME"}, 2},
		{[]string{"speaker", "set", "--doc", doc, "--span", "5:2", "NAME"}, 2},
		{[]string{"speaker", "set", id, " "}, 2},
		{[]string{"speaker", "clear"}, 2},
		{[]string{"speaker"}, 2},
		{[]string{"speaker", "set", "no-such-doc:1-5", "x"}, 1},
		{[]string{"speaker", "set", "not an id", "x"}, 1},
		{[]string{"speaker", "set", doc + ":0-1", "x"}, 1},
	} {
		if _, errOut, code := runHome(t, home, c.args...); code != c.code {
			t.Errorf("%v: exit %d (%s), want %d", c.args, code, errOut, c.code)
		}
	}

	// Re-indexing the same corpus keeps the corrections in force.
	sample := filepath.Join("..", "..", "data", "sample")
	if _, errOut, code := runHome(t, home, "index", "--rebuild", filepath.Join(sample, "seed.jsonl"), filepath.Join(sample, "articles.jsonl")); code != 0 {
		t.Fatalf("rebuild: %s", errOut)
	}
	if rows := stmtLines(t, home, "--speaker", "peskov", "--limit", "100000"); !slices.ContainsFunc(rows, func(r map[string]any) bool { return r["id"] == id }) {
		t.Fatal("the correction is lost after re-indexing")
	}
	// The document changes: the correction is kept, listed as orphaned.
	changed := filepath.Join(t.TempDir(), "changed.jsonl")
	rec, _ := json.Marshal(map[string]string{"id": doc, "title": "Shortened", "body": "Vladimir Putin: Thank you."})
	if err := os.WriteFile(changed, append(rec, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runHome(t, home, "index", changed); code != 0 {
		t.Fatalf("index changed: %s", errOut)
	}
	out, errOut, code := runHome(t, home, "speaker", "list", "--json")
	if code != 0 {
		t.Fatalf("speaker list: %s", errOut)
	}
	var cs []model.SpeakerCorrection
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var c model.SpeakerCorrection
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	if len(cs) != 2 || !cs[0].Orphaned || cs[0].StatementID != id || cs[0].Name != "Dmitry Peskov" {
		t.Fatalf("corrections after the change: %+v", cs)
	}
	out, _, _ = runHome(t, home, "speaker", "list")
	if !strings.Contains(out, "ORPHANED "+id) {
		t.Errorf("speaker list: %s", out)
	}
	if _, errOut, code := runHome(t, home, "statements", "--limit", "5"); code != 0 {
		t.Errorf("statements with orphans: %s", errOut)
	}
	// An orphan can still be cleared.
	if _, errOut, code := runHome(t, home, "speaker", "clear", id); code != 0 {
		t.Errorf("clear orphan: %s", errOut)
	}
}

// TestStatementsSanitised: corpus text reaches the terminal cleaned; JSON
// keeps it exact.
func TestStatementsSanitised(t *testing.T) {
	home := t.TempDir()
	f := filepath.Join(t.TempDir(), "evil.jsonl")
	rec, _ := json.Marshal(map[string]string{"id": "evil-1", "title": "Bad \x1b]0;title\x07 news", "date": "2022-03-04", "source": "kremlin.ru",
		"body": "Vladimir Putin: Good afternoon. \x1b[31mRed\x1b[0m words here, colleagues.\n\nQuestion: Why \u202eso\u202c?"})
	if err := os.WriteFile(f, append(rec, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runHome(t, home, "index", f); code != 0 {
		t.Fatalf("index: %s", errOut)
	}
	out, errOut, code := runHome(t, home, "statements")
	if code != 0 || !strings.Contains(out, "2 statements") || !strings.Contains(out, "Vladimir Putin, turn") {
		t.Fatalf("statements: exit %d %s %s", code, out, errOut)
	}
	if strings.ContainsAny(out, "\x1b\x07\u202e\u202c") {
		t.Errorf("control characters reach the terminal: %q", out)
	}
	rows := stmtLines(t, home)
	if len(rows) != 2 || !strings.Contains(rows[0]["text"].(string), "\x1b[31mRed") {
		t.Errorf("JSON text not exact: %v", rows)
	}
}

// TestEvalTurnsCLI: the shipped turn gold scores as the analysis half
// measured it, in text and JSON; misuse exits 2.
func TestEvalTurnsCLI(t *testing.T) {
	gold := filepath.Join("..", "..", "internal", "eval", "testdata", "turns")
	out, errOut, code := rootTestRun(t, "eval", "turns", "--json", gold)
	if code != 0 {
		t.Fatalf("eval turns: exit %d %s", code, errOut)
	}
	var rep struct {
		Docs            int     `json:"docs"`
		F1              float64 `json:"f1"`
		SpeakerAccuracy float64 `json:"speaker_accuracy"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Docs < 25 || rep.F1 < 0.98 || rep.SpeakerAccuracy < 0.98 {
		t.Fatalf("eval turns --json: %+v %v (%s)", rep, err, out)
	}
	if out, _, code = rootTestRun(t, "eval", "turns", gold); code != 0 || !strings.Contains(out, "F1 ") || !strings.Contains(out, "speakers ") {
		t.Errorf("eval turns: %s", out)
	}
	if _, _, code = rootTestRun(t, "eval", "turns"); code != 2 {
		t.Errorf("eval turns without GOLD_DIR: exit %d, want 2", code)
	}
	if _, _, code = rootTestRun(t, "eval", "turns", filepath.Join(t.TempDir(), "missing")); code != 1 {
		t.Errorf("eval turns on a missing folder: exit %d, want 1", code)
	}
}
