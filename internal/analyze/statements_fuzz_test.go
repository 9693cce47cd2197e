package analyze

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
)

// FuzzStatements: statements are sorted, in range, their text is the body
// slice; turns do not overlap; every statement has a known kind and
// source; AnalyzeArticle never panics on any date or source.
func FuzzStatements(f *testing.F) {
	a := fuzzSetup(f)
	for _, s := range []string{
		"Vladimir Putin: Hello.\n\n(Applause.)\n\nQuestion: Why?", "A. B: c. Q: d! Vladimir Putin: e",
		"President of Russia Vladimir Putin:\n\n", "Note: x\n\nMoscow, March 4: y", "X Y Y X Title(retranslated): z",
		"Putin:", ":", "(Applause.)", "Vladimir Putin: “I said,” he said. \xff Remark: ok", "VladimirPutin: 😀 “Q”",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		an := a.AnalyzeArticle(model.Article{ID: "d", Body: body, Source: "kremlin.ru", Date: time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)})
		n := utf8.RuneCountInString(body)
		runes := []rune(body)
		prev, prevTurnEnd := 0, 0
		for _, s := range an.Statements {
			if s.Start < prev || s.End <= s.Start || s.End > n {
				t.Fatalf("statement %d-%d out of order or range (prev %d, n %d)", s.Start, s.End, prev, n)
			}
			prev = s.Start
			if s.Text != string(runes[s.Start:s.End]) {
				t.Fatalf("%s text %q != body slice %q", s.Kind, s.Text, string(runes[s.Start:s.End]))
			}
			if s.ID != model.QuoteID("d", s.Start, s.End) {
				t.Fatalf("id %q", s.ID)
			}
			switch s.Kind {
			case model.StatementTurn:
				if s.Start < prevTurnEnd {
					t.Fatalf("turns overlap at %d", s.Start)
				}
				prevTurnEnd = s.End
				if s.SpeakerSource != model.SourceTurn || s.Speaker == "" {
					t.Fatalf("turn with speaker %q source %q", s.Speaker, s.SpeakerSource)
				}
			case model.StatementQuote:
				switch s.SpeakerSource {
				case "", model.SourceCue, model.SourceTurn, model.SourceRole:
				default:
					t.Fatalf("quote source %q", s.SpeakerSource)
				}
			default:
				t.Fatalf("kind %q", s.Kind)
			}
			if s.Confidence < 0 || s.Confidence > 1 {
				t.Fatalf("confidence %v", s.Confidence)
			}
		}
	})
}
