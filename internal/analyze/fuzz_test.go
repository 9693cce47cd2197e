package analyze

import (
	"os"
	"sort"
	"testing"
	"unicode/utf8"
)

var fuzzAnalyzer *Analyzer

func fuzzSetup(f *testing.F) *Analyzer {
	if fuzzAnalyzer == nil {
		b, err := os.ReadFile("../../data/actors.toml")
		if err != nil {
			f.Fatal(err)
		}
		r, err := LoadRegistry(b)
		if err != nil {
			f.Fatal(err)
		}
		fuzzAnalyzer = New(r)
	}
	for _, s := range []string{
		"“The agreements,” Ushakov said. “Second.”\n“Third",
		"Putin’s aide said: \"We are \"ready\" to talk,\" he said, adding ‘no’.",
		"\"\"\"\n\"\n“”“”", "said said said , , , “", "Mr. . . Trump said: “", "the Russian president said “x”",
		"Zelenskyy, Erdoğan, Orba\u0301n and J.D. Vance met.\u0000\xff", "“a\n\n“b\n\n“c”",
		"— “Q” ― X", "(“Q” (said X)", "According to", "“Q,” according to",
	} {
		f.Add(s)
	}
	return fuzzAnalyzer
}

// FuzzQuotes: the quote extractor never panics; quotes are in range,
// ordered, non-overlapping, their text is the body slice, and speaker spans
// are in range.
func FuzzQuotes(f *testing.F) {
	a := fuzzSetup(f)
	f.Fuzz(func(t *testing.T, body string) {
		an := a.AnalyzeDoc("d", body)
		n := utf8.RuneCountInString(body)
		runes := []rune(body)
		prevEnd := 0
		for _, q := range an.Quotes {
			if q.Start < prevEnd || q.End <= q.Start || q.End > n {
				t.Fatalf("quote %d-%d out of order or range (prev end %d, n %d)", q.Start, q.End, prevEnd, n)
			}
			prevEnd = q.End
			if q.Text != string(runes[q.Start:q.End]) {
				t.Fatalf("quote text %q != body slice %q", q.Text, string(runes[q.Start:q.End]))
			}
			if (q.SpeakerStart == nil) != (q.SpeakerEnd == nil) {
				t.Fatalf("half a speaker span")
			}
			if q.SpeakerStart != nil && (*q.SpeakerStart < 0 || *q.SpeakerEnd > n || *q.SpeakerStart >= *q.SpeakerEnd) {
				t.Fatalf("speaker span %d-%d out of range", *q.SpeakerStart, *q.SpeakerEnd)
			}
			if q.Confidence < 0 || q.Confidence > 1 {
				t.Fatalf("confidence %v", q.Confidence)
			}
			if q.Kind != "direct" && q.Kind != "fragment" {
				t.Fatalf("kind %q", q.Kind)
			}
		}
	})
}

// FuzzMentions: mentions are in range, sorted, non-overlapping, and their
// text is the body slice.
func FuzzMentions(f *testing.F) {
	a := fuzzSetup(f)
	f.Fuzz(func(t *testing.T, body string) {
		an := a.AnalyzeDoc("d", body)
		n := utf8.RuneCountInString(body)
		runes := []rune(body)
		if !sort.SliceIsSorted(an.Mentions, func(i, j int) bool { return an.Mentions[i].Start < an.Mentions[j].Start }) {
			t.Fatal("mentions not sorted")
		}
		prevEnd := 0
		for _, m := range an.Mentions {
			if m.Start < prevEnd || m.End <= m.Start || m.End > n {
				t.Fatalf("mention %d-%d out of order or range", m.Start, m.End)
			}
			prevEnd = m.End
			if m.Text != string(runes[m.Start:m.End]) {
				t.Fatalf("mention text %q != %q", m.Text, string(runes[m.Start:m.End]))
			}
			if _, ok := a.Registry().Lookup(m.Actor); !ok {
				t.Fatalf("mention of unknown actor %q", m.Actor)
			}
		}
	})
}
