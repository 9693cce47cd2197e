package reader_test

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/workbench-dev/workbench/internal/app/apptest"
	"github.com/workbench-dev/workbench/internal/index"
	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/ui/common"
	"github.com/workbench-dev/workbench/internal/ui/reader"
)

func newCommon(t testing.TB, noColor bool) *common.Common {
	return common.New(apptest.Labels(t), apptest.Registry(t).Actors(), true, noColor)
}

func fixture(t testing.TB, id string) *model.Doc {
	for _, d := range apptest.Docs(t) {
		if d.ID == id {
			return &model.Doc{Article: d.Article, Analysis: d.Analysis}
		}
	}
	t.Fatalf("no fixture %s", id)
	return nil
}

// Every mention is drawn in its actor's colour, at the right place, in a
// text full of non-ASCII characters (offsets are code points).
func TestMentionsColouredAtCodePointOffsets(t *testing.T) {
	c := newCommon(t, false)
	doc := fixture(t, "fx-unicode")
	for _, w := range []int{30, 47, 80} {
		r := reader.New(c)
		r.SetSize(w, 200)
		r.SetDoc(doc, nil)
		out := r.View()
		body := []rune(doc.Body)
		for _, mn := range doc.Analysis.Mentions {
			inQuote := false
			for _, q := range doc.Analysis.Quotes {
				if mn.Start < q.End && mn.End > q.Start {
					inQuote = true
				}
			}
			if inQuote {
				continue
			}
			text := string(body[mn.Start:mn.End])
			if text != mn.Text {
				t.Fatalf("fixture offsets are not code points: %q vs %q", text, mn.Text)
			}
			st := c.Styles.Actor(mn.Actor)
			want := st.Render(text)
			ok := strings.Contains(out, want)
			if !ok { // wrapped across lines: each part in the colour
				ok = true
				for _, part := range strings.Fields(text) {
					ok = ok && strings.Contains(out, st.Render(part))
				}
			}
			if !ok {
				t.Fatalf("width %d: mention %q of %s not drawn in its colour (%q):\n%s", w, text, mn.Actor, want, out)
			}
		}
		for i, l := range strings.Split(out, "\n") {
			if n := ansi.StringWidth(l); n != w {
				t.Fatalf("width %d: line %d is %d cells: %q", w, i, n, ansi.Strip(l))
			}
		}
	}
}

// The marks the application layer computes are the hits: n/N move between
// them and the header counts them.
func TestMarksHighlighted(t *testing.T) {
	c := newCommon(t, false)
	r := reader.New(c)
	r.SetSize(80, 40)
	r.SetDoc(fixture(t, "fx-unicode"), nil)
	r.SetMarks([]model.Span{{Start: 0, End: 3}, {Start: 10, End: 14}})
	if r.Hits() != 2 {
		t.Fatalf("hits = %d, want 2", r.Hits())
	}
	r.SetDoc(fixture(t, "fx-unicode"), nil)
	if r.Hits() != 0 {
		t.Fatalf("a new document kept the old marks: %d", r.Hits())
	}
}

// A quote's badges show its speaker and labels; nothing of a hostile
// document's control characters reaches the screen.
func TestBadgesAndSanitising(t *testing.T) {
	c := newCommon(t, true)
	doc := fixture(t, "fx-hostile")
	r := reader.New(c)
	r.SetSize(100, 20)
	tags := []model.Tag{{ID: 1, QuoteID: doc.Analysis.Quotes[0].ID, DocID: doc.ID, Start: doc.Analysis.Quotes[0].Start, End: doc.Analysis.Quotes[0].End, Label: "dismissive"}}
	r.SetDoc(doc, tags)
	out := r.View()
	plain := ansi.Strip(out)
	if !strings.Contains(plain, "[Vladimir Putin]") || !strings.Contains(plain, "[dismissive] “Nothing here") {
		t.Fatalf("badges missing:\n%s", plain)
	}
	if strings.Contains(plain, "owned") || !strings.Contains(plain, "an escape  sequence") {
		t.Fatalf("the OSC sequence was not dropped whole:\n%s", plain)
	}
	for _, bad := range []string{"\x07", "\u202e", "\u202c", "\x1b]"} {
		if strings.Contains(out, bad) {
			t.Fatalf("screen contains %q", bad)
		}
	}
}

func longDoc(tb testing.TB, copies int) *model.Doc {
	var b strings.Builder
	var an model.Analysis
	off := 0
	for i := 0; i < copies; i++ {
		for _, d := range apptest.Docs(tb) {
			for _, m := range d.Analysis.Mentions {
				m.Start += off
				m.End += off
				an.Mentions = append(an.Mentions, m)
			}
			for _, q := range d.Analysis.Quotes {
				q.Start += off
				q.End += off
				q.ID = model.QuoteID("long", q.Start, q.End)
				an.Quotes = append(an.Quotes, q)
			}
			b.WriteString(d.Body)
			b.WriteString("\n")
			off += len([]rune(d.Body)) + 1
		}
	}
	return &model.Doc{Article: model.Article{ID: "long", Title: "A long article", Body: b.String()}, Analysis: an}
}

var _ = index.Doc{}

// BenchmarkReaderView renders a long article (about 200 KB, 5,000 mentions,
// 1,800 quotes): opening it (layout) and drawing a screen of it while
// scrolling.
func BenchmarkReaderView(b *testing.B) {
	c := newCommon(b, false)
	doc := longDoc(b, 200)
	b.Run("open", func(b *testing.B) {
		r := reader.New(c)
		r.SetSize(100, 45)
		r.SetMarks([]model.Span{{Start: 5, End: 10}, {Start: 100, End: 105}})
		b.SetBytes(int64(len(doc.Body)))
		for b.Loop() {
			r.SetDoc(doc, nil)
		}
	})
	b.Run("view", func(b *testing.B) {
		r := reader.New(c)
		r.SetSize(100, 45)
		r.SetMarks([]model.Span{{Start: 5, End: 10}, {Start: 100, End: 105}})
		r.SetDoc(doc, nil)
		for b.Loop() {
			_ = r.View()
		}
	})
}

// In a transcript the reader moves through turns as statements, badges
// each with its speaker, and says whose turn is on screen.
func TestTranscriptTurns(t *testing.T) {
	c := newCommon(t, true)
	body := "Vladimir Putin: We are ready to talk.\n\nQuestion: When?\n\nVladimir Putin: Soon."
	rs := []rune(body)
	idx := func(s string) int { return len([]rune(body[:strings.Index(body, s)])) }
	turn := func(start, end int, sp string) model.Statement {
		return model.Statement{ID: model.StatementID("tr", start, end), DocID: "tr", Kind: model.StatementTurn, Start: start, End: end, Speaker: sp}
	}
	a, b, cc := idx("We are"), idx("When?"), idx("Soon.")
	doc := &model.Doc{Article: model.Article{ID: "tr", Title: "Transcript", Body: body}, Analysis: model.Analysis{Statements: []model.Statement{
		turn(a, a+len([]rune("We are ready to talk.")), "Vladimir Putin"),
		turn(b, b+5, "Question"),
		turn(cc, len(rs), "Vladimir Putin"),
	}}}
	r := reader.New(c)
	r.SetSize(80, 20)
	r.SetDoc(doc, nil)
	r.Focus()
	out := r.View()
	if !strings.Contains(out, "3 statements") || !strings.Contains(out, "turn: Vladimir Putin") || !strings.Contains(out, "[Question]") {
		t.Fatalf("transcript view:\n%s", out)
	}
	r.Update(tea.KeyPressMsg{Code: ']', Text: "]"})
	r.Update(tea.KeyPressMsg{Code: ']', Text: "]"})
	if id := r.SelectedQuoteID(); id != model.StatementID("tr", b, b+5) {
		t.Fatalf("] ] selected %q", id)
	}
	if !strings.Contains(r.View(), "statement 2/3") {
		t.Fatalf("header:\n%s", r.View())
	}
}
