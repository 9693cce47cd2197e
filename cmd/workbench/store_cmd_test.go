package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/store"
)

// stBody is a small kremlin.ru-style article with two quotes (offsets are
// code points; the Cyrillic name makes bytes and code points differ).
const stBody = "Помощник Президента Юрий Ушаков said: \"We are ready to continue the dialogue.\" " +
	"He added that \"=SUM(A1) tricks \x1b[31mwill not work\x1b[0m\"."

func stQuote(body, text, speaker string, docID string) model.Quote {
	bi := strings.Index(body, text)
	start := len([]rune(body[:bi]))
	end := start + len([]rune(text))
	return model.Quote{ID: model.QuoteID(docID, start, end), Text: text, Start: start, End: end, Kind: model.KindDirect, Speaker: speaker}
}

// stWorkspace makes a workspace with a real index holding one article.
func stWorkspace(t *testing.T) (home string, q1, q2 model.Quote) {
	t.Helper()
	home = t.TempDir()
	q1 = stQuote(stBody, "We are ready to continue the dialogue.", "Yury Ushakov", "kremlin-1")
	q2 = stQuote(stBody, "=SUM(A1) tricks \x1b[31mwill not work\x1b[0m", "Yury Ushakov", "kremlin-1")
	ix, err := index.Create(filepath.Join(home, "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	doc := index.Doc{
		Article: model.Article{ID: "kremlin-1", Title: "Ushakov on the Alaska talks", Date: time.Date(2025, 8, 10, 0, 0, 0, 0, time.UTC),
			Source: "kremlin.ru", URL: "http://kremlin.ru/events/president/news/77777", Body: stBody},
		Analysis: model.Analysis{Quotes: []model.Quote{q1, q2}},
		Hash:     "h1",
	}
	if err := ix.Put(context.Background(), []index.Doc{doc}); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	return home, q1, q2
}

func stTagsJSON(t *testing.T, home string, args ...string) []map[string]any {
	t.Helper()
	out, errOut, code := runHome(t, home, append([]string{"tags", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("tags --json: exit %d: %s", code, errOut)
	}
	var tags []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		tags = append(tags, m)
	}
	return tags
}

func TestCLITagUntagUndoRedo(t *testing.T) {
	home, q1, q2 := stWorkspace(t)
	t.Setenv("USER", "tester")

	out, errOut, code := runHome(t, home, "tag", "--note", "opening", "--target", "trump", q1.ID, "de-escalatory")
	if code != 0 || !strings.Contains(out, "tagged "+q1.ID+" de-escalatory") {
		t.Fatalf("tag: exit %d\n%s%s", code, out, errOut)
	}
	tags := stTagsJSON(t, home)
	if len(tags) != 1 {
		t.Fatalf("%d tags, want 1", len(tags))
	}
	want := map[string]any{
		"quote_id": q1.ID, "doc_id": "kremlin-1", "label": "de-escalatory", "target": "Donald Trump", "note": "opening",
		"analyst": "tester", "quote": q1.Text, "speaker": "Yury Ushakov", "title": "Ushakov on the Alaska talks",
		"date": "2025-08-10", "start": float64(q1.Start), "end": float64(q1.End),
	}
	for k, v := range want {
		if tags[0][k] != v {
			t.Errorf("%s = %#v, want %#v", k, tags[0][k], v)
		}
	}
	for _, k := range []string{"id", "created_at", "updated_at"} {
		if _, ok := tags[0][k]; !ok {
			t.Errorf("--json lacks %q", k)
		}
	}
	if len(tags[0]) != 15 {
		t.Errorf("--json has %d keys, want 15: %v", len(tags[0]), tags[0])
	}

	// The same label twice: exit 1, nothing added.
	_, errOut, code = runHome(t, home, "tag", q1.ID, "de-escalatory")
	if code != 1 || !strings.Contains(errOut, "already tagged") {
		t.Fatalf("duplicate: exit %d: %s", code, errOut)
	}
	// A second label is fine; the analyst comes from config.toml.
	os.WriteFile(filepath.Join(home, "config.toml"), []byte("analyst = \"Ana Lyst\"\n"), 0o600)
	if _, errOut, code = runHome(t, home, "tag", q1.ID, "conciliatory"); code != 0 {
		t.Fatalf("second label: exit %d: %s", code, errOut)
	}
	if tags = stTagsJSON(t, home, "--label", "conciliatory"); len(tags) != 1 || tags[0]["analyst"] != "Ana Lyst" {
		t.Fatalf("second label: %v", tags)
	}
	// Unknown label and unknown quote: exit 1, the valid labels listed.
	for _, args := range [][]string{{"tag", q1.ID, "angry"}, {"tag", "kremlin-1:0-3", "neutral"}, {"tag", "nonsense", "neutral"}} {
		_, errOut, code = runHome(t, home, args...)
		if code != 1 || !strings.Contains(errOut, "escalatory (1)") || !strings.Contains(errOut, "neutral (6)") {
			t.Errorf("%v: exit %d: %s", args, code, errOut)
		}
	}
	// Misuse: exit 2.
	for _, args := range [][]string{{"tag", q1.ID}, {"tag", "--doc", "kremlin-1", "neutral"}, {"tag", "--doc", "kremlin-1", "--span", "5-3", "neutral"}, {"untag", q1.ID}} {
		if _, errOut, code = runHome(t, home, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2: %s", args, code, errOut)
		}
	}

	// untag, undo, redo: each analyst's own tags and history. Ana (now
	// in config.toml) cannot untag the tester's tag.
	if _, errOut, code = runHome(t, home, "untag", q1.ID, "de-escalatory"); code != 1 || !strings.Contains(errOut, "is not tagged") {
		t.Fatalf("untag another analyst's tag: exit %d: %s", code, errOut)
	}
	tester := []string{"--analyst", "tester"}
	out, errOut, code = runHome(t, home, append(tester, "untag", q1.ID, "De-Escalatory")...)
	if code != 0 || !strings.Contains(out, "untagged") {
		t.Fatalf("untag: exit %d %s%s", code, out, errOut)
	}
	if _, errOut, code = runHome(t, home, append(tester, "untag", q1.ID, "de-escalatory")...); code != 1 || !strings.Contains(errOut, "is not tagged") {
		t.Fatalf("untag twice: exit %d: %s", code, errOut)
	}
	out, _, code = runHome(t, home, append(tester, "undo")...)
	if code != 0 || !strings.Contains(out, `undone: removal of "de-escalatory" from `+q1.ID) {
		t.Fatalf("undo: exit %d: %s", code, out)
	}
	if n := len(stTagsJSON(t, home)); n != 2 {
		t.Fatalf("after undo: %d tags, want 2", n)
	}
	out, _, code = runHome(t, home, append(tester, "redo")...)
	if code != 0 || !strings.Contains(out, "redone: removal") {
		t.Fatalf("redo: exit %d: %s", code, out)
	}
	if _, errOut, code = runHome(t, home, append(tester, "redo")...); code != 1 || !strings.Contains(errOut, "nothing to redo") {
		t.Fatalf("redo with nothing to redo: exit %d: %s", code, errOut)
	}
	runHome(t, home, append(tester, "undo")...) // the removal again
	runHome(t, home, "undo")                    // Ana's conciliatory tag
	runHome(t, home, append(tester, "undo")...) // the first tag
	for _, who := range [][]string{nil, tester} {
		if _, errOut, code = runHome(t, home, append(who, "undo")...); code != 1 || !strings.Contains(errOut, "nothing to undo") {
			t.Fatalf("undo past the start (%v): exit %d: %s", who, code, errOut)
		}
	}
	if n := len(stTagsJSON(t, home)); n != 0 {
		t.Fatalf("after undoing everything: %d tags", n)
	}

	// The hostile quote: the readable list is sanitised, JSON exact.
	if _, errOut, code = runHome(t, home, "tag", q2.ID, "dismissive"); code != 0 {
		t.Fatalf("tag q2: %s", errOut)
	}
	out, _, _ = runHome(t, home, "tags")
	if strings.Contains(out, "\x1b") || !strings.Contains(out, "tricks will not work") {
		t.Fatalf("tags output not sanitised: %q", out)
	}
	if tags = stTagsJSON(t, home); tags[0]["quote"] != q2.Text {
		t.Fatalf("JSON quote %q, want exact %q", tags[0]["quote"], q2.Text)
	}
}

func TestCLIFreeSpan(t *testing.T) {
	home, q1, _ := stWorkspace(t)
	// Inside q1: the speaker comes from the quote.
	span := []rune(stBody)[q1.Start+7 : q1.Start+12] // "ready"
	out, errOut, code := runHome(t, home, "tag", "--doc", "kremlin-1", "--span", strconv.Itoa(q1.Start+7)+":"+strconv.Itoa(q1.Start+12), "neutral")
	if code != 0 {
		t.Fatalf("span: exit %d %s", code, errOut)
	}
	if !strings.Contains(out, "kremlin-1:"+strconv.Itoa(q1.Start+7)+"-"+strconv.Itoa(q1.Start+12)) {
		t.Fatalf("span output: %s", out)
	}
	tags := stTagsJSON(t, home)
	if len(tags) != 1 || tags[0]["quote"] != string(span) || tags[0]["quote_id"] != "" || tags[0]["speaker"] != "Yury Ushakov" {
		t.Fatalf("span tag: %v", tags)
	}
	// The Cyrillic prefix: code points, not bytes.
	runHome(t, home, "tag", "--doc", "kremlin-1", "--span", "0:8", "neutral")
	if tags = stTagsJSON(t, home); len(tags) != 2 || tags[1]["quote"] != "Помощник" {
		t.Fatalf("code point span: %v", tags)
	}
	n := len([]rune(stBody))
	for _, sp := range []string{"0:" + strconv.Itoa(n+1), strconv.Itoa(n) + ":" + strconv.Itoa(n+5)} {
		if _, errOut, code = runHome(t, home, "tag", "--doc", "kremlin-1", "--span", sp, "neutral"); code != 1 || !strings.Contains(errOut, "outside document") {
			t.Errorf("span %s: exit %d: %s", sp, code, errOut)
		}
	}
	if _, errOut, code = runHome(t, home, "tag", "--doc", "nope", "--span", "0:2", "neutral"); code != 1 || !strings.Contains(errOut, "unknown document") {
		t.Errorf("unknown doc: exit %d: %s", code, errOut)
	}
	// untag works on the span's DOC:START-END.
	if _, errOut, code = runHome(t, home, "untag", "kremlin-1:0-8", "neutral"); code != 0 {
		t.Fatalf("untag span: %s", errOut)
	}
}

func TestCLIExport(t *testing.T) {
	home, q1, q2 := stWorkspace(t)
	runHome(t, home, "tag", "--target", "zelensky", q1.ID, "de-escalatory")
	runHome(t, home, "tag", "--note", "-1 for tone", q2.ID, "dismissive")

	outFile := filepath.Join(t.TempDir(), "tags.csv")
	out, errOut, code := runHome(t, home, "export", "--format", "csv", "--out", outFile)
	if code != 0 || !strings.Contains(out, "exported 2 tags") {
		t.Fatalf("export: exit %d %s%s", code, out, errOut)
	}
	st, err := os.Stat(outFile)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("export file: %v %v", err, st)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(outFile), ".*tmp*")); len(leftovers) > 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
	f, _ := os.Open(outFile)
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "quote_id,doc_id,title,date,source,url,speaker,quote,label,target,note,analyst,tagged_at,start,end,speaker_source" {
		t.Fatalf("header %v", rows[0])
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	r := rows[2]
	if r[7] != "'"+q2.Text || r[10] != "'-1 for tone" || store.Unneutralize(r[7]) != q2.Text || r[4] != "kremlin.ru" || r[5] != "http://kremlin.ru/events/president/news/77777" {
		t.Fatalf("row %q", r)
	}
	if rows[1][9] != "Volodymyr Zelensky" && !strings.Contains(rows[1][9], "Zelensk") {
		t.Fatalf("target not resolved through the registry: %q", rows[1][9])
	}

	// Filters and formats on stdout.
	out, _, code = runHome(t, home, "export", "--format", "jsonl", "--label", "dismissive")
	if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, `"label":"dismissive"`) {
		t.Fatalf("jsonl --label: %q", out)
	}
	out, _, _ = runHome(t, home, "export", "--format", "jsonl", "--actor", "Zelensky")
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, "de-escalatory") {
		t.Fatalf("jsonl --actor: %q", out)
	}
	out, _, _ = runHome(t, home, "export", "--format", "jsonl", "--actor", "ushakov")
	if strings.Count(out, "\n") != 2 {
		t.Fatalf("jsonl --actor speaker: %q", out)
	}
	out, _, _ = runHome(t, home, "export", "--format", "jsonl", "--since", "2999-01-01")
	if out != "" {
		t.Fatalf("--since in the future: %q", out)
	}
	out, _, code = runHome(t, home, "export", "--format", "md")
	if code != 0 || !strings.Contains(out, "## de-escalatory (1)") || !strings.Contains(out, "### Yury Ushakov") || strings.Contains(out, "\x1b") {
		t.Fatalf("md: %s", out)
	}
	if strings.Index(out, "## de-escalatory") > strings.Index(out, "## dismissive") {
		t.Fatalf("md labels not in codebook order:\n%s", out)
	}
	for _, args := range [][]string{{"export", "--format", "xlsx"}, {"export", "--since", "yesterday"}} {
		if _, errOut, code := runHome(t, home, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2: %s", args, code, errOut)
		}
	}
	// An unwritable --out: a clear error, exit 1.
	if _, errOut, code := runHome(t, home, "export", "--out", filepath.Join(home, "no", "such", "dir", "x.csv")); code != 1 || !strings.Contains(errOut, "cannot write") {
		t.Errorf("bad --out: exit %d: %s", code, errOut)
	}
}

func TestCLILabelsAndOrphans(t *testing.T) {
	home, q1, q2 := stWorkspace(t)
	runHome(t, home, "tag", q1.ID, "escalatory")
	runHome(t, home, "tag", q2.ID, "escalatory")
	runHome(t, home, "tag", q2.ID, "neutral")
	out, _, code := runHome(t, home, "labels")
	if code != 0 || !strings.Contains(out, "escalatory") || !strings.Contains(out, "Threatens") {
		t.Fatalf("labels: %s", out)
	}
	lines, _, _ := runHome(t, home, "labels", "--json")
	var esc map[string]any
	for _, l := range strings.Split(strings.TrimSpace(lines), "\n") {
		var m map[string]any
		json.Unmarshal([]byte(l), &m)
		if m["name"] == "escalatory" {
			esc = m
		}
	}
	if esc == nil || esc["count"] != float64(2) || esc["key"] != "1" || esc["in_codebook"] != true {
		t.Fatalf("labels --json escalatory: %v", esc)
	}
	// Rename escalatory in the codebook: its tags are reported, not hidden.
	cb, _ := os.ReadFile(filepath.Join(home, "codebook.toml"))
	os.WriteFile(filepath.Join(home, "codebook.toml"), bytes.Replace(cb, []byte(`name = "escalatory"`), []byte(`name = "escalation"`), 1), 0o600)
	out, _, _ = runHome(t, home, "labels")
	if !strings.Contains(out, "2 tags with labels not in the codebook") || !strings.Contains(out, "escalatory: 2") {
		t.Fatalf("renamed label not reported:\n%s", out)
	}
	// A broken codebook: a clear error naming the file.
	os.WriteFile(filepath.Join(home, "codebook.toml"), []byte("[[label]]\nname = \"a\"\nkey = 1\n[[label]]\nname = \"b\"\nkey = 1\n"), 0o600)
	if _, errOut, code := runHome(t, home, "labels"); code != 1 || !strings.Contains(errOut, "codebook.toml") || !strings.Contains(errOut, "already used") {
		t.Fatalf("broken codebook: exit %d: %s", code, errOut)
	}

	// A free span whose text changes on re-indexing is orphaned; one whose
	// text is unchanged is not. (Deleting the codebook brings the default back.)
	os.Remove(filepath.Join(home, "codebook.toml"))
	runHome(t, home, "tag", "--doc", "kremlin-1", "--span", "0:8", "neutral")
	runHome(t, home, "tag", "--doc", "kremlin-1", "--span", "9:20", "neutral")
	ix0, err := index.Open(filepath.Join(home, "index.bleve"), index.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	changed := index.Doc{Article: model.Article{ID: "kremlin-1", Title: "t", Body: "Помощник " + strings.Repeat("x", 20)}, Hash: "h2"}
	if err := ix0.Put(context.Background(), []index.Doc{changed}); err != nil {
		t.Fatal(err)
	}
	ix0.Close()
	out, _, _ = runHome(t, home, "tags", "--label", "neutral")
	if strings.Contains(out, "kremlin-1:0-8  [orphaned]") || !strings.Contains(out, "kremlin-1:9-20  [orphaned]") {
		t.Fatalf("span orphans:\n%s", out)
	}

	// The document leaves the index: tags stay, marked orphaned.
	ix, err := index.Open(filepath.Join(home, "index.bleve"), index.OpenOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(context.Background(), []string{"kremlin-1"}); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	out, errOut, code := runHome(t, home, "tags")
	if code != 0 || strings.Count(out, "[orphaned]") != 5 || !strings.Contains(out, "5 orphaned") {
		t.Fatalf("orphans: exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "We are ready to continue the dialogue.") {
		t.Fatalf("orphaned tag lost its snapshot:\n%s", out)
	}
	out, _, _ = runHome(t, home, "export", "--format", "jsonl")
	if strings.Count(out, "\n") != 5 {
		t.Fatalf("orphaned tags not exported: %s", out)
	}
}

func TestCLIEmptyWorkspace(t *testing.T) {
	home := t.TempDir()
	out, errOut, code := runHome(t, home, "tags")
	if code != 0 || !strings.Contains(out, "no tags") {
		t.Fatalf("tags on an empty workspace: exit %d %s%s", code, out, errOut)
	}
	if _, errOut, code = runHome(t, home, "tag", "x:0-1", "neutral"); code != 1 || !strings.Contains(errOut, "workbench index") {
		t.Fatalf("tag without an index: exit %d: %s", code, errOut)
	}
	out, _, code = runHome(t, home, "export", "--format", "csv")
	if code != 0 || strings.TrimSpace(out) != "quote_id,doc_id,title,date,source,url,speaker,quote,label,target,note,analyst,tagged_at,start,end,speaker_source" {
		t.Fatalf("export of nothing: %q", out)
	}
}

func TestCLIDamagedStore(t *testing.T) {
	home, q1, _ := stWorkspace(t)
	db := filepath.Join(home, "tags.db")
	junk := []byte(strings.Repeat("garbage, not SQLite\n", 500))
	os.WriteFile(db, junk, 0o600)
	_, errOut, code := runHome(t, home, "tag", q1.ID, "neutral")
	if code != 1 || !strings.Contains(errOut, "damaged") || !strings.Contains(errOut, "copy was kept") {
		t.Fatalf("damaged store: exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(db); !bytes.Equal(b, junk) {
		t.Fatal("the damaged store was overwritten")
	}
	if _, errOut, code = runHome(t, home, "tags"); code != 1 || !strings.Contains(errOut, "damaged") {
		t.Fatalf("tags on a damaged store: exit %d: %s", code, errOut)
	}
}

// TestCLIConcurrentTagging runs two `workbench tag` loops at once on one
// workspace: every command succeeds, no "database is locked".
func TestCLIConcurrentTagging(t *testing.T) {
	home, _, _ := stWorkspace(t)
	const each = 15
	errs := make(chan string, 2*each)
	done := make(chan bool)
	for w := 0; w < 2; w++ {
		go func(w int) {
			defer func() { done <- true }()
			for i := 0; i < each; i++ {
				start := w*100 + i
				var out, errb bytes.Buffer
				code := run([]string{"--home", home, "tag", "--doc", "kremlin-1", "--span", strconv.Itoa(start) + ":" + strconv.Itoa(start+2), "neutral"},
					strings.NewReader(""), &out, &errb)
				if code != 0 {
					errs <- errb.String()
				}
			}
		}(w)
	}
	<-done
	<-done
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if n := len(stTagsJSON(t, home)); n != 2*each {
		t.Fatalf("%d tags, want %d", n, 2*each)
	}
}
