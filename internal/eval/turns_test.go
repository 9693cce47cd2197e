package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTurnGold scores the turn finder on the shipped turn gold (20
// kremlin.ru transcripts and 5 unbroken 2021-22 releases).
func TestTurnGold(t *testing.T) {
	rep, err := Turns(filepath.Join("testdata", "turns"), defaultAnalyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("docs %d gold %d predicted %d F1 %.4f speaker %d/%d = %.4f quotes %d/%d", rep.Docs, rep.Gold, rep.Predicted, rep.F1,
		rep.SpeakerCorrect, rep.SpeakerGold, rep.SpeakerAccuracy, rep.QuoteSpeakerCorrect, rep.QuoteGold)
	if rep.Docs < 25 {
		t.Errorf("%d gold documents, want >= 25", rep.Docs)
	}
	// Regression guard at the figures reported in docs/readme/analysis.md.
	if rep.F1 < 0.95 || rep.SpeakerAccuracy < 0.98 {
		t.Errorf("turn F1 %.4f (want >= 0.95), speaker accuracy %.4f (want >= 0.98)", rep.F1, rep.SpeakerAccuracy)
	}
}

// TestTurnGoldErrors: bad gold is named with its file and line.
func TestTurnGoldErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Vladimir Putin: Hello.\n\nQuestion: Why?"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.turns.jsonl"), []byte(`{"kind":"turn","start":16,"end":99,"speaker":"Vladimir Putin"}`+"\n"), 0o644)
	_, err := Turns(dir, defaultAnalyzer(t))
	if err == nil || !strings.Contains(err.Error(), "a.turns.jsonl:1") {
		t.Fatalf("err = %v, want one naming a.turns.jsonl:1", err)
	}
	os.WriteFile(filepath.Join(dir, "a.turns.jsonl"), []byte(`{"kind":"turn","start":16,"end":22,"speaker":"Vladimir Putin"}`+"\n"+`{"kind":"turn","start":34,"end":38,"speaker":"Question"}`+"\n"), 0o644)
	rep, err := Turns(dir, defaultAnalyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Matched != 2 || rep.SpeakerCorrect != 2 {
		t.Errorf("matched %d, speakers right %d; want 2 and 2 (errors %v)", rep.Matched, rep.SpeakerCorrect, rep.Errors)
	}
}
