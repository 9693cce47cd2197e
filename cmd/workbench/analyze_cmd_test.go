package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/ingest"
	"github.com/workbench-dev/workbench/internal/model"
)

const anSeed = "../../internal/analyze/testdata/seed/ushakov-alaska-talks.txt"

func TestAnalyzeJSONSeed(t *testing.T) {
	home := filepath.Join(t.TempDir(), "ws") // does not exist: analyze must not create it
	out, errOut, code := rootTestRun(t, "--home", home, "analyze", "--json", anSeed)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if _, err := os.Stat(home); !os.IsNotExist(err) {
		t.Fatalf("analyze created the workspace %s", home)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one JSON object, got %d lines", len(lines))
	}
	var doc struct {
		File     string `json:"file"`
		ID       string `json:"id"`
		Title    string `json:"title"`
		Mentions []struct {
			Actor, Text string
			Start, End  int
		} `json:"mentions"`
		Quotes []map[string]any `json:"quotes"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.ID == "" || !strings.HasSuffix(doc.File, "ushakov-alaska-talks.txt") {
		t.Errorf("file %q id %q", doc.File, doc.ID)
	}
	if len(doc.Quotes) != 10 {
		t.Fatalf("got %d quotes, want 10", len(doc.Quotes))
	}
	for _, k := range []string{"id", "text", "start", "end", "kind", "speaker", "speaker_start", "speaker_end", "cue", "rule", "confidence"} {
		if _, ok := doc.Quotes[0][k]; !ok {
			t.Errorf("quote object lacks %q", k)
		}
	}
	speakers := map[string]int{}
	for _, q := range doc.Quotes {
		speakers[q["speaker"].(string)]++
	}
	if speakers["Yury Ushakov"] != 5 || speakers["Donald Trump"] != 2 || speakers["Sergei Ryabkov"] != 2 || speakers["Vladimir Putin"] != 1 {
		t.Errorf("speakers %v", speakers)
	}
	var body string
	if err := ingest.Walk(context.Background(), []string{anSeed}, ingest.Options{}, func(a model.Article) error { body = a.Body; return nil }, nil); err != nil {
		t.Fatal(err)
	}
	runes := []rune(body)
	for _, m := range doc.Mentions {
		if m.Start < 0 || m.End > len(runes) || string(runes[m.Start:m.End]) != m.Text {
			t.Errorf("mention %+v does not match the body", m)
		}
	}
	if len(doc.Mentions) < 10 {
		t.Errorf("only %d mentions", len(doc.Mentions))
	}
}

func TestAnalyzeUsesWorkspaceRegistry(t *testing.T) {
	home := t.TempDir()
	toml := `[[actor]]
id = "ushakov"
name = "Y. V. Ushakov"
aliases = ["Ushakov", "Yury Ushakov"]
color = "#123456"
`
	if err := os.WriteFile(filepath.Join(home, "actors.toml"), []byte(toml), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := rootTestRun(t, "--home", home, "analyze", "--json", anSeed)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"speaker":"Y. V. Ushakov"`) || strings.Contains(out, `"actor":"putin"`) {
		t.Errorf("workspace registry not used: %.300s", out)
	}
	// A broken registry names the file and the line.
	bad := toml + "\n[[actor]]\nid = \"ushakov\"\nname = \"Dup\"\n"
	os.WriteFile(filepath.Join(home, "actors.toml"), []byte(bad), 0o600)
	_, errOut, code = rootTestRun(t, "--home", home, "analyze", anSeed)
	if code != 1 || !strings.Contains(errOut, "actors.toml") || !strings.Contains(errOut, "line 7") || !strings.Contains(errOut, "duplicate") {
		t.Errorf("exit %d stderr %q", code, errOut)
	}
}

func TestAnalyzeSummaryAndProblems(t *testing.T) {
	dir := t.TempDir()
	hostile := "Putin said: \"We are ready\x1b[31m to talk.\" \x1b]0;pwned\x07Peace."
	p := filepath.Join(dir, "hostile.txt")
	os.WriteFile(p, []byte(hostile), 0o600)
	missing := filepath.Join(dir, "missing.txt")
	out, errOut, code := rootTestRun(t, "--home", filepath.Join(dir, "nows"), "analyze", p, missing)
	if code != 1 {
		t.Errorf("exit %d, want 1 for a missing file", code)
	}
	if !strings.Contains(errOut, "missing.txt") {
		t.Errorf("stderr does not name the missing file: %q", errOut)
	}
	if strings.ContainsRune(out, 0x1b) || strings.ContainsRune(out, 0x07) {
		t.Errorf("summary not sanitised: %q", out)
	}
	if !strings.Contains(out, "Vladimir Putin") || !strings.Contains(out, "quotes: 1") {
		t.Errorf("summary: %s", out)
	}
	if _, _, code := rootTestRun(t, "analyze"); code != 2 {
		t.Errorf("analyze with no file: exit %d, want 2", code)
	}
}

func anGoldDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, ext := range []string{".txt", ".quotes.jsonl"} {
		b, err := os.ReadFile(strings.TrimSuffix(anSeed, ".txt") + ext)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "seed"+ext), b, 0o600)
	}
	return dir
}

func TestEvalQuotesCommand(t *testing.T) {
	gold := anGoldDir(t)
	home := filepath.Join(t.TempDir(), "ws")
	out, errOut, code := rootTestRun(t, "--home", home, "eval", "quotes", gold)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"F1            1.0000", "precision     1.0000", "speakers      1.0000", "gold 10, predicted 10, matched 10"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, _, code = rootTestRun(t, "--home", home, "eval", "quotes", "--json", gold)
	var rep map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || rep["f1"].(float64) != 1 || rep["speaker_accuracy"].(float64) != 1 {
		t.Errorf("--json: exit %d %s", code, out)
	}
	// -v lists errors: drop a gold line so a prediction becomes spurious.
	lines := strings.SplitAfter(readFile(t, filepath.Join(gold, "seed.quotes.jsonl")), "\n")
	os.WriteFile(filepath.Join(gold, "seed.quotes.jsonl"), []byte(strings.Join(lines[1:], "")), 0o600)
	out, _, _ = rootTestRun(t, "--home", home, "eval", "quotes", "-v", gold)
	if !strings.Contains(out, "spurious") || !strings.Contains(out, "deep disappointment") {
		t.Errorf("-v output lacks the spurious quote:\n%s", out)
	}
	// A bad gold line names the file and the line.
	os.WriteFile(filepath.Join(gold, "seed.quotes.jsonl"), []byte(lines[0]+"{not json\n"), 0o600)
	_, errOut, code = rootTestRun(t, "--home", home, "eval", "quotes", gold)
	if code != 1 || !strings.Contains(errOut, "seed.quotes.jsonl:2") {
		t.Errorf("bad gold: exit %d stderr %q", code, errOut)
	}
	_, errOut, code = rootTestRun(t, "eval", "quotes", filepath.Join(gold, "nope"))
	if code != 1 || !strings.Contains(errOut, "nope") {
		t.Errorf("missing gold dir: exit %d stderr %q", code, errOut)
	}
	if _, _, code := rootTestRun(t, "eval", "quotes"); code != 2 {
		t.Errorf("eval quotes without a folder: exit %d, want 2", code)
	}
	if _, err := os.Stat(home); !os.IsNotExist(err) {
		t.Errorf("eval created the workspace")
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
