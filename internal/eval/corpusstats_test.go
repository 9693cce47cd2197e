package eval

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

func TestIsJunkSpeaker(t *testing.T) {
	for s, want := range map[string]bool{"State": true, "I'm": true, "security": true, "a": true, "experts": false,
		"Vladimir Putin": false, "the President": false, "": false, "Ukraine": false,
		"On the same day the": true, "To some degree": true, "This isn’t the first time": true, "At least half": false,
		"a spokesman for House Speaker Paul Ryan": false, "In-N-Out": false} {
		if got := IsJunkSpeaker(s); got != want {
			t.Errorf("IsJunkSpeaker(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestCorpusStats reads a gzipped JSONL corpus and counts Putin-label
// paragraphs in Putin turns and "the President" on president.gov.ua.
func TestCorpusStats(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	gz.Write([]byte(`{"id":"kremlin-1","date":"2015-01-01","source":"kremlin.ru","body":"Vladimir Putin met them.\n\nVladimir Putin: Hello.\n\nQuestion: Why?\n\nPresident of Russia Vladimir Putin: Because."}` + "\n" +
		`{"id":"pz-zelenskyy-1","date":"2022-03-01","source":"president.gov.ua","body":"“We will win,” the President said."}` + "\n"))
	gz.Close()
	path := filepath.Join(dir, "c.jsonl.gz")
	os.WriteFile(path, buf.Bytes(), 0o600)
	a := defaultAnalyzer(t)
	st := NewCorpusStats(a.Registry())
	if err := ReadCorpus(path, func(art model.Article) error {
		st.Add(art, a.AnalyzeArticle(art))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if st.Docs != 2 || st.PutinParas != 2 || st.PutinParasInTurn != 2 || st.PresidentUA != 1 || st.PresidentUAOK != 1 {
		t.Errorf("docs %d, Putin paragraphs %d/%d, the President %d/%d; want 2, 2/2, 1/1",
			st.Docs, st.PutinParasInTurn, st.PutinParas, st.PresidentUAOK, st.PresidentUA)
	}
	var out strings.Builder
	st.Print(&out)
	if !strings.Contains(out.String(), "2/2 = 1.0000") {
		t.Errorf("report lacks the Putin figure:\n%s", out.String())
	}
	if err := os.WriteFile(path, []byte("{bad\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := ReadCorpus(path, func(model.Article) error { return nil }); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("bad corpus: err = %v, want one naming %s", err, path)
	}
}
