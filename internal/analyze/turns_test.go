package analyze

import (
	"strings"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

func turnsOf(an model.Analysis) []model.Statement {
	var out []model.Statement
	for _, s := range an.Statements {
		if s.Kind == model.StatementTurn {
			out = append(out, s)
		}
	}
	return out
}

// TestTurns: labels at paragraph starts open turns up to the next label;
// stage directions, notes, datelines and list entries open none.
func TestTurns(t *testing.T) {
	a := New(defaultRegistry(t))
	body := "Vladimir Putin met with journalists.\n\n" +
		"Note: the transcript was edited.\n\n" +
		"Moscow, March 4: the meeting began.\n\n" +
		"Veto Power Impedes Peace Efforts Again: a heading.\n\n" +
		"President of Russia Vladimir Putin: Good afternoon, friends.\n\n" +
		"Let us begin.\n\n" +
		"(Applause.)\n\n" +
		"Thank you. (Applause.)\n\n" +
		"Question: Maria Glebova, RIA Novosti. What about gas?\n\n" +
		"Dmitry Peskov: Next question, please.\n\n" +
		"Andrei Kolesnikov (Kommersant): And Europe?\n\n" +
		"VladimirPutin: Europe is our partner.\n\n" +
		"Minister of Defence: Sergei Shoigu\n\n" +
		"Q: And you?\n\n" +
		"Remark: Thank you."
	an := a.AnalyzeDoc("d", body)
	type want struct{ text, speaker string }
	wants := []want{
		{"Good afternoon, friends.\n\nLet us begin.", "Vladimir Putin"},
		{"Thank you.", "Vladimir Putin"},
		{"Maria Glebova, RIA Novosti. What about gas?", "Maria Glebova"},
		{"Next question, please.", "Dmitry Peskov"},
		{"And Europe?", "Andrei Kolesnikov"},
		{"Europe is our partner.\n\nMinister of Defence: Sergei Shoigu", "Vladimir Putin"},
		{"And you?", "Question"},
		{"Thank you.", "Remark"},
	}
	got := turnsOf(an)
	if len(got) != len(wants) {
		for _, g := range got {
			t.Logf("%q %q", g.Speaker, g.Text)
		}
		t.Fatalf("%d turns, want %d", len(got), len(wants))
	}
	runes := []rune(body)
	for i, w := range wants {
		g := got[i]
		if g.Text != w.text || g.Speaker != w.speaker {
			t.Errorf("turn %d = %q by %q, want %q by %q", i, g.Text, g.Speaker, w.text, w.speaker)
		}
		if string(runes[g.Start:g.End]) != g.Text {
			t.Errorf("turn %d: text is not body[%d:%d]", i, g.Start, g.End)
		}
		if g.ID != model.QuoteID("d", g.Start, g.End) || g.SpeakerSource != model.SourceTurn || g.DocID != "d" {
			t.Errorf("turn %d: id %q source %q doc %q", i, g.ID, g.SpeakerSource, g.DocID)
		}
	}
	if got[0].SpeakerActor != "putin" || got[3].SpeakerActor != "peskov" {
		t.Errorf("actors %q %q, want putin and peskov", got[0].SpeakerActor, got[3].SpeakerActor)
	}
}

// TestTurnsUnbroken: in a release that lost its paragraph breaks, labels
// after a sentence end open turns; label-like words inside sentences do
// not.
func TestTurnsUnbroken(t *testing.T) {
	a := New(defaultRegistry(t))
	filler := strings.Repeat("We discussed the economy and trade at length, as always. ", 20)
	body := "Vladimir Putin and Olaf Scholz answered questions.\n\n" +
		"President of Russia Vladimir Putin: Mr Federal Chancellor, welcome. " + filler +
		"Federal Chancellor of Germany Olaf Scholz Scholz OlafFederal Chancellor of the Federal Republic of Germany(retranslated): Thank you. " + filler +
		"Question: Maria Glebova, RIA Novosti. What about gas? Vladimir Putin: Gas will flow. The main thing is this: trust. " +
		"Chairman of the Management Board of Sberbank German Gref: Profits are up. Vladimir Putin: Good. German Gref: Thank you."
	got := turnsOf(a.AnalyzeDoc("d", body))
	var speakers []string
	for _, g := range got {
		speakers = append(speakers, g.Speaker)
	}
	want := "Vladimir Putin|Olaf Scholz|Maria Glebova|Vladimir Putin|German Gref|Vladimir Putin|German Gref"
	if strings.Join(speakers, "|") != want {
		t.Fatalf("speakers %q, want %q", strings.Join(speakers, "|"), want)
	}
	if !strings.HasSuffix(got[3].Text, "The main thing is this: trust.") {
		t.Errorf("turn 3 = %q: a colon inside a sentence opened a turn", got[3].Text)
	}
}

// TestTurnQuotes: quotes in a transcript take the turn's speaker when they
// are his words and the reported person otherwise.
func TestTurnQuotes(t *testing.T) {
	a := New(defaultRegistry(t))
	body := "Question: What about Chechnya?\n\n" +
		"Vladimir Putin: When I first met his father, the first President of the Chechen Republic, he came to me himself. " +
		"And he told me then, “We thought that we would be better off with other countries, but we realised that we were wrong.” " +
		"I said, “You are welcome in Russia, and we will work together.”\n\n" +
		"The Federal Security Service Director was reporting to me once. And he said, “It was not us, it was his men.”\n\n" +
		"Question: Thank you."
	an := a.AnalyzeArticle(model.Article{ID: "d", Body: body, Source: "kremlin.ru", Date: time.Date(2019, 12, 19, 0, 0, 0, 0, time.UTC)})
	want := map[string]string{
		"We thought that we would be better off with other countries, but we realised that we were wrong.": "Akhmat Kadyrov",
		"You are welcome in Russia, and we will work together.":                                            "Vladimir Putin",
		"It was not us, it was his men.":                                                                   "Alexander Bortnikov",
	}
	for _, q := range an.Quotes {
		if w, ok := want[q.Text]; ok {
			if q.Speaker != w {
				t.Errorf("%q: speaker %q (rule %s), want %q", q.Text, q.Speaker, q.Rule, w)
			}
			delete(want, q.Text)
		}
	}
	for q := range want {
		t.Errorf("quote %q not found", q)
	}
}

// TestTurnsLinear: one 230 KB transcript costs about ten times a 23 KB one
// (a ratio in the same run, not a wall-clock limit).
func TestTurnsLinear(t *testing.T) {
	a := New(defaultRegistry(t))
	unit := "Vladimir Putin: We discussed the economy: trade, energy and “stability”, he said. Thank you.\n\n" +
		"Question: What about Europe? And: what next?\n\n"
	small := strings.Repeat(unit, 23000/len(unit))
	large := strings.Repeat(unit, 230000/len(unit))
	long := "Vladimir Putin: " + strings.Repeat("Trade grew: fast. Question: why? ", 230000/33)
	measure := func(s string) time.Duration {
		best := time.Duration(1 << 62)
		for range 3 {
			t0 := time.Now()
			a.AnalyzeDoc("d", s)
			best = min(best, time.Since(t0))
		}
		return best
	}
	ts, tl, tu := measure(small), measure(large), measure(long)
	if tl > 40*ts || tu > 40*ts {
		t.Errorf("230 KB transcript %v and unbroken text %v vs 23 KB %v: not linear", tl, tu, ts)
	}
	if n := len(turnsOf(a.AnalyzeDoc("d", large))); n < 2*230000/len(unit)-2 {
		t.Errorf("%d turns in the large transcript", n)
	}
}

// TestTurnLabelNames: the person of a titled label, and office lists.
func TestTurnLabelNames(t *testing.T) {
	a := New(defaultRegistry(t))
	body := "The Government was formed.\n\nMinister of Defence: Sergei Shoigu.\n\nMinister of Culture: Olga Lyubimova.\n\n" +
		"Speaker of the State Duma Vyacheslav Volodin: Colleagues, welcome.\n\n" +
		"President of Armenia Serzh Sargsyan: Thank you.\n\n" +
		"President of Pakistan Asif Ali Zardari (retranslated): Thank you too."
	var got []string
	for _, s := range turnsOf(a.AnalyzeDoc("d", body)) {
		got = append(got, s.Speaker+": "+s.Text)
	}
	want := []string{"Vyacheslav Volodin: Colleagues, welcome.", "Serzh Sargsyan: Thank you.", "Asif Ali Zardari: Thank you too."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("turns %q, want %q", got, want)
	}
}

// A one-word answer ending in an ellipsis ("Vladimir Putin: Yes…") is a
// turn of its own, not a name in a list of office holders: before, the
// interviewer's turn ran on over it.
func TestShortAnswerTurn(t *testing.T) {
	a := New(defaultRegistry(t))
	body := "Andrei Vandenko: You have worked with four presidents. One of them saw something in your eyes…\n\n" +
		"Vladimir Putin: Yes…\n\nAndrei Vandenko: It did not go well with the next one?\n\nVladimir Putin: Well…"
	var got []string
	for _, s := range a.AnalyzeDoc("d", body).Statements {
		if s.Kind == model.StatementTurn {
			got = append(got, s.Speaker+": "+string([]rune(body)[s.Start:s.End]))
		}
	}
	want := []string{
		"Andrei Vandenko: You have worked with four presidents. One of them saw something in your eyes…",
		"Vladimir Putin: Yes…",
		"Andrei Vandenko: It did not go well with the next one?",
		"Vladimir Putin: Well…",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("turns:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTurnLongLabelOneSpeaker: a long label ending in two speakers' names
// of the same transcript, one ending in the other, names the speaker they
// both are, on every run (the names are kept in a map).
func TestTurnLongLabelOneSpeaker(t *testing.T) {
	a := New(defaultRegistry(t))
	body := "The meeting took place in the Kremlin.\n\n" +
		"Musa Bazhayev: Good afternoon.\n\n" +
		"Platinum Musa Bazhayev: A second voice.\n\n" +
		"President of Russian Platinum Musa Bazhayev: We are ready to begin.\n\n" +
		"Musa Bazhayev: Thank you."
	for run := 0; run < 30; run++ {
		var got []string
		for _, s := range turnsOf(a.AnalyzeDoc("d", body)) {
			got = append(got, s.Speaker)
		}
		want := []string{"Musa Bazhayev", "Musa Bazhayev", "Musa Bazhayev", "Musa Bazhayev"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("run %d: speakers %q, want %q", run, got, want)
		}
	}
}

// TestNameAnswerTurn: a person's label over a line that is only a name
// ("Inna Salnikova: Inna Salnikova.", a moderator's "Fyodor Lukyanov:
// Pyotr Dutkevich.") is a turn; an office's label over a name stays a list
// entry (TestTurnLabelNames).
func TestNameAnswerTurn(t *testing.T) {
	a := New(defaultRegistry(t))
	body := "Vladimir Putin: Listen to me; what is your name?\n\nInna Salnikova: Inna Salnikova.\n\n" +
		"Vladimir Putin: Inna, listen to me carefully.\n\nFyodor Lukyanov: Pyotr Dutkevich.\n\n" +
		"Pyotr Dutkevich: Thank you."
	var got []string
	for _, s := range turnsOf(a.AnalyzeDoc("d", body)) {
		got = append(got, s.Speaker+": "+s.Text)
	}
	want := []string{"Vladimir Putin: Listen to me; what is your name?", "Inna Salnikova: Inna Salnikova.",
		"Vladimir Putin: Inna, listen to me carefully.", "Fyodor Lukyanov: Pyotr Dutkevich.", "Pyotr Dutkevich: Thank you."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("turns %q\nwant %q", got, want)
	}
}
