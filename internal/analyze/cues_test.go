package analyze

import "testing"

// TestSplitQuoteAndNewCues: the second half of a split quotation takes the
// speaker named between the halves; "remembered" and "pressed" are cues.
func TestSplitQuoteAndNewCues(t *testing.T) {
	a := New(defaultRegistry(t))
	for body, want := range map[string]map[string]string{
		"“It is a difficult issue,” said the Florida senator, “and we will solve it.”": {
			"It is a difficult issue,": "the Florida senator", "and we will solve it.": "the Florida senator"},
		"“She is too far behind,” said Jane Doe, an Iowa Democrat, “and she knows it.”": {
			"She is too far behind,": "Jane Doe", "and she knows it.": "Jane Doe"},
		"“It was a hard time,” remembered Roy Verley, the former spokesman.": {"It was a hard time,": "Roy Verley"},
		"“Maybe let some people stay?” Hannity pressed.":                     {"Maybe let some people stay?": "Hannity"},
	} {
		got := map[string]string{}
		for _, q := range a.AnalyzeDoc("d", body).Quotes {
			got[q.Text] = q.Speaker
		}
		for text, sp := range want {
			if got[text] != sp {
				t.Errorf("%q: %q by %q, want %q (all: %v)", body, text, got[text], sp, got)
			}
		}
	}
}
