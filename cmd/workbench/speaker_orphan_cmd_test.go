package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

// TestSpeakerOrphanedAfterChange: a transcript changes under a speaker
// correction (its span now holds other words): `speaker list` keeps it,
// marked orphaned with the words it named (--json: "orphaned", "text"),
// `statements` no longer applies it, and the turn now at another place
// keeps its analysed speaker.
func TestSpeakerOrphanedAfterChange(t *testing.T) {
	home := t.TempDir()
	dir := t.TempDir()
	write := func(name, body string) string {
		t.Helper()
		rec, _ := json.Marshal(map[string]string{"id": "tr-1", "title": "Meeting on the economy", "date": "2025-09-01", "source": "kremlin.ru", "body": body})
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, append(rec, '\n'), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	body := "Meeting with members of the Government.\n\n" +
		"Vladimir Putin: Good afternoon, colleagues. We have a lot to discuss today.\n\n" +
		"Dmitry Peskov: The talks continue as planned, and the contacts are working."
	if _, errOut, code := runHome(t, home, "index", write("a.jsonl", body)); code != 0 {
		t.Fatalf("index: %s", errOut)
	}
	turns := stmtLines(t, home, "--kind", "turn", "--speaker", "putin")
	if len(turns) != 1 {
		t.Fatalf("Putin's turns: %v", turns)
	}
	id, text := turns[0]["id"].(string), turns[0]["text"].(string)
	if _, errOut, code := runHome(t, home, "speaker", "set", id, "lavrov"); code != 0 {
		t.Fatalf("speaker set: %s", errOut)
	}
	// Changed: a longer opening line moves every turn.
	changed := strings.Replace(body, "Meeting with members of the Government.", "Meeting with members of the Government, in the Kremlin, by video link.", 1)
	if _, errOut, code := runHome(t, home, "index", write("b.jsonl", changed)); code != 0 {
		t.Fatalf("index changed: %s", errOut)
	}
	out, errOut, code := runHome(t, home, "speaker", "list", "--json")
	if code != 0 {
		t.Fatalf("speaker list --json: %s", errOut)
	}
	var c model.SpeakerCorrection
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &c); err != nil {
		t.Fatalf("%q: %v", out, err)
	}
	if !c.Orphaned || c.StatementID != id || c.Name != "Sergei Lavrov" || c.Text != text {
		t.Fatalf("after the change: %+v", c)
	}
	if !strings.Contains(out, `"text":`) {
		t.Errorf("no text key: %s", out)
	}
	out, _, _ = runHome(t, home, "speaker", "list")
	if !strings.Contains(out, "ORPHANED "+id+"  Sergei Lavrov") || !strings.Contains(out, "was “Good afternoon") {
		t.Errorf("speaker list: %s", out)
	}
	for _, r := range stmtLines(t, home) {
		if r["speaker"] == "Sergei Lavrov" || r["speaker_source"] == model.SourceAnalyst {
			t.Fatalf("an orphaned correction is applied: %v", r)
		}
	}
	if got := stmtLines(t, home, "--kind", "turn", "--speaker", "putin"); len(got) != 1 || got[0]["id"] == id {
		t.Fatalf("Putin's turn after the change: %v", got)
	}
}
