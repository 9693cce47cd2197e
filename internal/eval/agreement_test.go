package eval

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// An invented article, annotated twice in PolNeAR's brat layout.
const agreeText = "Smith said “we will win the vote,” and left.\n" +
	"“First part of it.\n" +
	"“Second part,” Jones added.\n" +
	"Critics call it a “stunt.”"

func runeIndex(s, sub string) int { return len([]rune(s[:strings.Index(s, sub)])) }

func agreeAnn(t *testing.T, withScare bool) string {
	t.Helper()
	tx := []rune(agreeText)
	span := func(sub string) (int, int) {
		s := runeIndex(agreeText, sub)
		return s, s + len([]rune(sub))
	}
	line := func(id, typ, sub string) string {
		s, e := span(sub)
		return id + "\t" + typ + " " + strconv.Itoa(s) + " " + strconv.Itoa(e) + "\t" + string(tx[s:e]) + "\n"
	}
	var b strings.Builder
	b.WriteString(line("T1", "Source", "Smith"))
	b.WriteString(line("T2", "Cue", "said"))
	// the content leaves the closing mark outside its fragment
	s, e := span("“we will win the vote,")
	b.WriteString("T3\tContent " + strconv.Itoa(s) + " " + strconv.Itoa(e) + "\t" + string(tx[s:e]) + "\n")
	b.WriteString(line("T4", "Attribution", "said"))
	b.WriteString("E1\tAttribution:T4 Source:T1 Content:T3 Cue:T2\n")
	// a quotation over two paragraphs, as one content span (its text runs over lines)
	s, e = span("“First part of it.\n“Second part,”")
	b.WriteString("T5\tContent " + strconv.Itoa(s) + " " + strconv.Itoa(e) + "\t“First part of it.\n“Second part,”\n")
	b.WriteString(line("T6", "Source", "Jones"))
	b.WriteString(line("T7", "Attribution", "added"))
	b.WriteString("E2\tAttribution:T7 Source:T6 Content:T5\n")
	if withScare {
		b.WriteString(line("T8", "Content", "“stunt.”"))
		b.WriteString(line("T9", "Attribution", "call"))
		b.WriteString("E3\tAttribution-no-source:T9 Content:T8\n")
	}
	return b.String()
}

func TestDirectQuotes(t *testing.T) {
	tx := []rune(agreeText)
	got, err := DirectQuotes(tx, []byte(agreeAnn(t, true)))
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, s := range got {
		texts = append(texts, string(tx[s.Start:s.End]))
	}
	want := []string{"we will win the vote,", "First part of it.", "Second part,", "stunt."}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Fatalf("quotes %q, want %q", texts, want)
	}
	if _, err := DirectQuotes(tx, []byte("T1\tContent 5 9999\tx\n")); err == nil || !strings.Contains(err.Error(), "not inside the text") {
		t.Errorf("a span past the text: error %v", err)
	}
}

func TestAgreement(t *testing.T) {
	data := t.TempDir()
	for _, d := range []string{"attributions", "text"} {
		if err := os.MkdirAll(filepath.Join(data, "train", d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(rel, s string) {
		if err := os.WriteFile(filepath.Join(data, "train", rel), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("text/doc-a.txt", agreeText)
	write("attributions/doc-a_aaaa.ann", agreeAnn(t, true))  // the first annotator: 4 quotations
	write("attributions/doc-a_bbbb.ann", agreeAnn(t, false)) // a second one leaves the scare quote out
	write("text/doc-b.txt", agreeText)
	write("attributions/doc-b_aaaa.ann", agreeAnn(t, true)) // one annotator only: not counted
	r, err := Agreement(data, "train", defaultAnalyzer(t))
	if err != nil {
		t.Fatal(err)
	}
	if r.Articles != 1 || r.Pairs != 1 || r.FirstRows != 4 || r.OtherRows != 3 || r.Matched != 3 {
		t.Fatalf("report %+v", r)
	}
	if want := 6.0 / 7; r.F1 < want-1e-9 || r.F1 > want+1e-9 {
		t.Errorf("F1 %v, want %v", r.F1, want)
	}
	if r.Gold != 4 || r.Predicted == 0 || r.AnalyserMatched == 0 {
		t.Errorf("the analyser on the same article: %+v", r)
	}
	if _, err := Agreement(t.TempDir(), "train", nil); err == nil || !strings.Contains(err.Error(), "no .ann files") {
		t.Errorf("an empty folder: error %v", err)
	}
}

// FuzzDirectQuotes: any .ann text against any article gives quotations
// inside the article, or an error; never a panic.
func FuzzDirectQuotes(f *testing.F) {
	f.Add(agreeText, "T1\tContent 11 33\twe will win the vote,\nE1\tAttribution:T1 Content:T1\n")
	f.Add("“a”\n“b", "T1\tContent 0 6\tx\nE1\tAttribution-no-source:T1 Content:T1 Content2:T1\n")
	f.Add("x", "T1\tContent 0;1\nE1\tAttribution\nT2\tContent 1 0\t\n")
	f.Fuzz(func(t *testing.T, text, ann string) {
		tx := []rune(text)
		qs, err := DirectQuotes(tx, []byte(ann))
		if err != nil {
			return
		}
		for _, q := range qs {
			if q.Start < 0 || q.End > len(tx) || q.Start >= q.End {
				t.Fatalf("quotation %+v outside the %d-character text", q, len(tx))
			}
		}
	})
}
