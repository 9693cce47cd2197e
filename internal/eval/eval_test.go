package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

func ip(i int) *int { return &i }

func TestSpeakerMatches(t *testing.T) {
	reg := defaultAnalyzer(t).Registry()
	cases := []struct {
		gold, pred string
		gs, ge     *int
		ps, pe     *int
		want       bool
	}{
		{"Trump", "Donald Trump", nil, nil, nil, nil, true},
		{"Mr. Trump", "Donald Trump", nil, nil, nil, nil, true},
		{"TRUMP", "Trump", nil, nil, nil, nil, true},
		{"Republican vice-presidential nominee Gov. Mike Pence (R-IN)", "Mike Pence", nil, nil, nil, nil, true},
		{"Kenneth Baer, a former Obama administration official", "Kenneth Baer", nil, nil, nil, nil, true},
		{"Zelenskiy", "Volodymyr Zelensky", nil, nil, nil, nil, true}, // same registry actor
		{"the Vermont senator", "Bernie Sanders", ip(10), ip(29), ip(50), ip(56), false},
		{"the Vermont senator", "Bernie Sanders", ip(10), ip(29), ip(14), ip(29), true}, // span overlap
		{"Clinton", "Trump", nil, nil, nil, nil, false},
		{"the Clinton campaign", "Clinton", nil, nil, nil, nil, false},
		{"Trump", "", nil, nil, nil, nil, false},
	}
	for _, c := range cases {
		g := GoldQuote{Speaker: c.gold, SpeakerStart: c.gs, SpeakerEnd: c.ge}
		p := model.Quote{Speaker: c.pred, SpeakerStart: c.ps, SpeakerEnd: c.pe}
		if got := SpeakerMatches(g, p, reg); got != c.want {
			t.Errorf("SpeakerMatches(%q, %q) = %v, want %v", c.gold, c.pred, got, c.want)
		}
	}
}

func writeGold(t *testing.T, dir, name, body, jsonl string) {
	t.Helper()
	os.WriteFile(filepath.Join(dir, name+".txt"), []byte(body), 0o600)
	os.WriteFile(filepath.Join(dir, name+".quotes.jsonl"), []byte(jsonl), 0o600)
}

func TestQuotesScoring(t *testing.T) {
	dir := t.TempDir()
	// Two quotes are found and match gold; the third gold row (indirect
	// speech, no marks) is missed. The second gold speaker is wrong on
	// purpose (Biden, not Trump).
	body := "“We are ready,” Putin said.\n\nTrump said: “We will see about that.”\n\nMacron said it was fine."
	gold := `{"text":"We are ready,","start":1,"end":14,"speaker":"Putin","speaker_start":16,"speaker_end":21}
{"text":"We will see about that.","start":41,"end":64,"speaker":"Biden","speaker_start":null,"speaker_end":null}
{"text":"it was fine","start":78,"end":89,"speaker":"he","speaker_is_pronoun":true}
`
	writeGold(t, dir, "a", body, gold)
	os.WriteFile(filepath.Join(dir, "README.txt"), []byte("not gold"), 0o600)
	rep, err := Quotes(dir, defaultAnalyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Docs != 1 || rep.Gold != 3 || rep.Predicted != 2 || rep.Matched != 2 {
		t.Fatalf("report %+v", rep)
	}
	if rep.Precision != 1 || rep.Recall < 0.66 || rep.Recall > 0.67 {
		t.Errorf("P %v R %v", rep.Precision, rep.Recall)
	}
	// Putin right, Trump-vs-Biden wrong; the pronoun row is not scored.
	if rep.SpeakerGold != 2 || rep.SpeakerCorrect != 1 || rep.PronounGold != 1 {
		t.Errorf("speakers %d/%d pronoun %d", rep.SpeakerCorrect, rep.SpeakerGold, rep.PronounGold)
	}
	kinds := map[string]int{}
	for _, e := range rep.Errors {
		kinds[e.Kind]++
	}
	if kinds[Missed] != 1 || kinds[WrongSpeaker] != 1 || kinds[Spurious] != 0 {
		t.Errorf("errors %v", kinds)
	}
}

func TestOverlapThreshold(t *testing.T) {
	dir := t.TempDir()
	body := "He said “one two three four five six seven eight nine ten” today."
	// Gold covers only the first half of the quote: overlap 50% of the longer.
	writeGold(t, dir, "b", body, `{"text":"one two three four","start":9,"end":27,"speaker":""}`+"\n")
	rep, err := Quotes(dir, defaultAnalyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Matched != 0 || rep.Predicted != 1 {
		t.Errorf("a 50%% overlap matched: %+v", rep)
	}
}

func TestBadGold(t *testing.T) {
	a := defaultAnalyzer(t)
	dir := t.TempDir()
	writeGold(t, dir, "c", "“Hi,” he said.", `{"text":"Hi,","start":1,"end":4,"speaker":"he"}`+"\n"+`{"start": "x"}`+"\n")
	_, err := Quotes(dir, a)
	if err == nil || !strings.Contains(err.Error(), "c.quotes.jsonl:2") {
		t.Errorf("bad line: %v", err)
	}
	writeGold(t, dir, "c", "short", `{"text":"x","start":1,"end":40,"speaker":""}`+"\n")
	_, err = Quotes(dir, a)
	if err == nil || !strings.Contains(err.Error(), "c.quotes.jsonl:1") || !strings.Contains(err.Error(), "outside the text") {
		t.Errorf("bad span: %v", err)
	}
	if _, err := Quotes(filepath.Join(dir, "missing"), a); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing folder: %v", err)
	}
	empty := t.TempDir()
	if _, err := Quotes(empty, a); err == nil || !strings.Contains(err.Error(), "no NAME.txt") {
		t.Errorf("empty folder: %v", err)
	}
	f := filepath.Join(empty, "file")
	os.WriteFile(f, nil, 0o600)
	if _, err := Quotes(f, a); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("file as folder: %v", err)
	}
	bad := t.TempDir()
	writeGold(t, bad, "d", "\xff\xfe", "")
	if _, err := Quotes(bad, a); err == nil || !strings.Contains(err.Error(), "UTF-8") {
		t.Errorf("invalid UTF-8: %v", err)
	}
}
