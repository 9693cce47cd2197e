package reader_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
	"github.com/workbench-dev/workbench/internal/ui/reader"
)

// FuzzReader feeds the reader arbitrary text, spans (overlapping, out of
// range, reversed), sizes and keys: it must never panic, and every screen
// line must be exactly the pane width with no control character.
func FuzzReader(f *testing.F) {
	f.Add("Putin said: “We are ready.”\nZelensky’s 東京 reply.", uint64(1), 40, 10)
	f.Add("\x1b]0;x\x07\u202e\t\r\x00abc", uint64(2), 1, 1)
	f.Add("", uint64(3), 5, 4)
	f.Add(strings.Repeat("wide東京 ", 50), uint64(4), 3, 30)
	f.Add("\u06dd\u00ad\u200d x 👍🏽 🇫🇷", uint64(5), 2, 15) // found by the fuzzer: U+06DD glued onto the padding
	c := common.New(nil, []model.Actor{{ID: "putin", Name: "Vladimir Putin", Color: "#d62728"}}, true, false)
	f.Fuzz(func(t *testing.T, body string, seed uint64, w, h int) {
		w, h = w%200, h%80
		rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
		n := len([]rune(body))
		span := func() (int, int) {
			a, b := rng.IntN(n+3)-1, rng.IntN(n+3)-1
			if rng.IntN(4) > 0 && a > b {
				a, b = b, a
			}
			return a, b
		}
		doc := &model.Doc{Article: model.Article{ID: "d", Title: "t\x1b[2J", Body: body}}
		for i := 0; i < rng.IntN(8); i++ {
			s, e := span()
			doc.Analysis.Mentions = append(doc.Analysis.Mentions, model.Mention{Actor: "putin", Start: s, End: e})
		}
		for i := 0; i < rng.IntN(5); i++ {
			s, e := span()
			doc.Analysis.Quotes = append(doc.Analysis.Quotes, model.Quote{ID: model.QuoteID("d", s, e), Start: s, End: e, Speaker: "X\x07"})
		}
		var tags []model.Tag
		for i := 0; i < rng.IntN(4); i++ {
			s, e := span()
			tags = append(tags, model.Tag{ID: int64(i), DocID: "d", Start: s, End: e, Label: "escalatory"})
		}
		r := reader.New(c)
		r.SetSize(w, h)
		r.SetDoc(doc, tags)
		r.SetMarks([]model.Span{{Start: 0, End: 2}, {Start: 3, End: 1 << 20}, {Start: -5, End: 1}})
		r.Focus()
		for _, k := range []string{"]", "v", "l", "j", "j", "h", "k", "esc", "n", "N", "G", "[", "g", "pgdown", "w", "b"} {
			code := []rune(k)[0]
			switch k {
			case "esc":
				code = tea.KeyEscape
			case "pgdown":
				code = tea.KeyPgDown
			}
			r.Update(tea.KeyPressMsg{Code: code, Text: k})
			if rng.IntN(3) == 0 {
				r.SetSize(rng.IntN(120), rng.IntN(40))
			}
		}
		r.SetSize(w, h)
		out := r.View()
		if w <= 0 || h <= 0 {
			return
		}
		for i, l := range strings.Split(out, "\n") {
			if got := ansi.StringWidth(l); got != w {
				t.Fatalf("w=%d h=%d: line %d is %d cells: %q", w, h, i, got, l)
			}
			plain := ansi.Strip(l)
			if strings.ContainsFunc(plain, func(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x202e }) {
				t.Fatalf("control character on screen: %q", plain)
			}
		}
	})
}
