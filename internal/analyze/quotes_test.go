package analyze

import (
	"os"
	"strings"
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

type wantQuote struct {
	text, speaker, rule, kind string
}

func checkQuotes(t *testing.T, a *Analyzer, body string, want []wantQuote) []model.Quote {
	t.Helper()
	qs := a.AnalyzeDoc("doc", body).Quotes
	if len(qs) != len(want) {
		for _, q := range qs {
			t.Logf("  got %q by %q (%s)", q.Text, q.Speaker, q.Rule)
		}
		t.Fatalf("%q: got %d quotes, want %d", body, len(qs), len(want))
	}
	runes := []rune(body)
	for i, w := range want {
		q := qs[i]
		if q.Text != w.text {
			t.Errorf("quote %d: text %q, want %q", i, q.Text, w.text)
		}
		if string(runes[q.Start:q.End]) != q.Text {
			t.Errorf("quote %d: offsets %d-%d do not give the text", i, q.Start, q.End)
		}
		if q.Speaker != w.speaker {
			t.Errorf("quote %q: speaker %q (rule %s), want %q", q.Text, q.Speaker, q.Rule, w.speaker)
		}
		if w.rule != "" && !strings.HasPrefix(q.Rule, w.rule) {
			t.Errorf("quote %q: rule %q, want %q", q.Text, q.Rule, w.rule)
		}
		if w.kind != "" && q.Kind != w.kind {
			t.Errorf("quote %q: kind %q, want %q", q.Text, q.Kind, w.kind)
		}
		if q.ID != model.QuoteID("doc", q.Start, q.End) {
			t.Errorf("quote id %q", q.ID)
		}
		if q.Speaker != "" && q.Confidence <= 0 || q.Confidence > 1 {
			t.Errorf("quote %q: confidence %v", q.Text, q.Confidence)
		}
		if q.SpeakerStart != nil {
			if sp := string(runes[*q.SpeakerStart:*q.SpeakerEnd]); sp == "" {
				t.Errorf("quote %q: empty speaker span", q.Text)
			}
		}
	}
	return qs
}

func TestAttributionPatterns(t *testing.T) {
	a := New(defaultRegistry(t))
	cases := []struct {
		name string
		body string
		want []wantQuote
	}{
		{"quote-x-said", "“We are ready to talk,” Peskov said on Monday.",
			[]wantQuote{{"We are ready to talk,", "Dmitry Peskov", "quote-x-said", "direct"}}},
		{"quote-said-x-appositive", "“The talks are over,” said Maria Zakharova, the ministry spokeswoman.",
			[]wantQuote{{"The talks are over,", "Maria Zakharova", "quote-said-x", "direct"}}},
		{"x-said-colon", "Lavrov said: \"Nobody wants a war.\"",
			[]wantQuote{{"Nobody wants a war.", "Sergei Lavrov", "x-said-quote", "direct"}}},
		{"titled name and fragment", "Russian Deputy Foreign Minister Sergei Ryabkov told state media that the “momentum” had been “depleted” and said more.",
			[]wantQuote{{"momentum", "Sergei Ryabkov", "", "fragment"}, {"depleted", "Sergei Ryabkov", "", "fragment"}}},
		{"according-to", "The summit was “a waste of time,” according to Senator Jane Doe.",
			[]wantQuote{{"a waste of time,", "Jane Doe", "according-to", ""}}},
		{"told reporters that", "Trump told reporters at the White House that he had “sort of made a decision” on the missiles.",
			[]wantQuote{{"sort of made a decision", "Donald Trump", "x-", "fragment"}}},
		{"pronoun", "Zelensky arrived in Paris.\n\n“We need more air defence,” he said.",
			[]wantQuote{{"We need more air defence,", "Volodymyr Zelensky", "quote-x-said+pronoun", "direct"}}},
		{"pronoun gender", "Mr. Smith met Ms. Jones. “It went well,” she said. “It did,” he said.",
			[]wantQuote{{"It went well,", "Jones", "", ""}, {"It did,", "Smith", "", ""}}},
		{"continuation paragraph", "“The agreements might not please everyone,” Ushakov remarked.\n\n“Those who oppose peace are unhappy.”",
			[]wantQuote{{"The agreements might not please everyone,", "Yury Ushakov", "quote-x-said", ""}, {"Those who oppose peace are unhappy.", "Yury Ushakov", "continuation", ""}}},
		{"multi-paragraph quote", "Putin said: “The first part.\n\n“The second part.”",
			[]wantQuote{{"The first part.", "Vladimir Putin", "x-said-quote", ""}, {"The second part.", "Vladimir Putin", "same-quotation", ""}}},
		{"nested single quotes", "“He told me, ‘Never again,’ and left,” Macron said.",
			[]wantQuote{{"He told me, ‘Never again,’ and left,", "Emmanuel Macron", "quote-x-said", ""}}},
		{"unmatched mark", "Scholz said “this is \"wrong. Then he left. “Fine,” Merz replied.",
			[]wantQuote{{"Fine,", "Friedrich Merz", "quote-x-said", ""}}},
		{"described as", "a move that Putin has previously described as leading to a “whole new level of escalation.”",
			[]wantQuote{{"whole new level of escalation.", "Vladimir Putin", "", "fragment"}}},
		{"mr name resolves to full name", "Barack Obama spoke in Ohio. “It is time,” Mr. Obama said.",
			[]wantQuote{{"It is time,", "Barack Obama", "quote-x-said", ""}}},
		{"description speaker", "“We will not comment,” a Kremlin spokesman said.",
			[]wantQuote{{"We will not comment,", "a Kremlin spokesman", "quote-x-said", ""}}},
		{"title resolves to a named actor", "Peskov spoke on Monday. Later, “No comment,” the Kremlin spokesman said.",
			[]wantQuote{{"No comment,", "Dmitry Peskov", "quote-x-said", ""}}},
		{"title unresolved without the name", "“No comment,” the Kremlin spokesman said.",
			[]wantQuote{{"No comment,", "the Kremlin spokesman", "quote-x-said", ""}}},
		{"dash attribution", "“Peace is possible.” ― Jens Stoltenberg",
			[]wantQuote{{"Peace is possible.", "Jens Stoltenberg", "quote-dash-x", ""}}},
		{"expressing", "Since then, Trump has taken a harder line, expressing his “deep disappointment” with Putin.",
			[]wantQuote{{"deep disappointment", "Donald Trump", "", "fragment"}}},
		{"double hyphen attribution", "\"We will win.\" -- Keir Starmer",
			[]wantQuote{{"We will win.", "Keir Starmer", "quote-dash-x", ""}}},
		{"colon paragraph", "Rubio continued:\n\n“We will not be rushed.”",
			[]wantQuote{{"We will not be rushed.", "Marco Rubio", "x-said-colon-paragraph", ""}}},
		{"quoted transcript turns are not quotes", "Transcript:\n\n\"WALLACE: Will she be there?\n\n\"(CROSSTALK.)\n\n\"PENCE: She will not.\n\n\"And that is final.\"",
			[]wantQuote{{"And that is final.", "Pence", "", ""}}},
		{"markup and titles are not quotes", `<a href="x">link</a> Peskov appeared on “Face the Nation” today.`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkQuotes(t, a, c.body, c.want) })
	}
}

func TestNoQuotesNoPanicOnEdgeInput(t *testing.T) {
	a := New(defaultRegistry(t))
	for _, body := range []string{"", "\"", "“", "”", "\"\"", "“”", "\n\n\n", "said", "“a\n", "x “ y ” z", "“ ”"} {
		an := a.AnalyzeDoc("d", body)
		for _, q := range an.Quotes {
			if q.Start >= q.End {
				t.Errorf("%q: empty quote %+v", body, q)
			}
		}
	}
}

// TestNewsProbe: a page of common newswire patterns written for this test
// (testdata/probe.txt), with the speaker each quotation must get.
func TestNewsProbe(t *testing.T) {
	body, err := os.ReadFile("testdata/probe.txt")
	if err != nil {
		t.Fatal(err)
	}
	checkQuotes(t, New(defaultRegistry(t)), string(body), []wantQuote{
		{"dead on arrival.", "Chuck Schumer", "", "fragment"},
		{"We are not going to negotiate with ourselves,", "Chuck Schumer", "quote-x-said", "direct"},
		{"The ball is in their court.", "Chuck Schumer", "continuation", "direct"},
		{"reckless", "Karine Jean-Pierre", "", "fragment"},
		{"This is a dangerous moment for our democracy,", "Liz Cheney", "quote-said-x", "direct"},
		{"know better.", "Liz Cheney", "", "fragment"},
		{"productive but difficult.", "a senior administration official", "according-to", ""},
		{"a moment of truth.", "Emmanuel Macron", "", ""},
		{"I have no comment,", "a spokesperson", "quote-x-said", ""},
		{"very fluid.", "Antony Blinken", "", ""},
		{"We are watching closely,", "Antony Blinken", "quote-x-said+pronoun", ""},
		{"absurd.", "Dmitry Peskov", "", ""},
		{"Our defenders are holding the line.", "The Ukrainian president", "x-said-quote", ""},
		{"It's over,", "one resident", "quote-x-said", ""},
	})
}

func TestNewsProbe2(t *testing.T) {
	body, err := os.ReadFile("testdata/probe2.txt")
	if err != nil {
		t.Fatal(err)
	}
	checkQuotes(t, New(defaultRegistry(t)), string(body), []wantQuote{
		{"We will not back down,", "Nancy Pelosi", "quote-x-said+pronoun", ""},
		{"Maybe. We'll see.", "Donald Trump", "x-said-quote", ""},
		{"unacceptable.", "Andriy Yermak", "", ""},
		{"The West has crossed a red line,", "Sergei Lavrov", "quote-x-said", ""},
		{"There will be consequences,", "Sergei Lavrov", "quote-x-said+pronoun", ""},
		{"Europe has to pay its share.", "JD Vance", "x-said-quote", ""},
		{"regretted", "Putin's spokesman", "", "fragment"},
		{"Negotiations are possible,", "Yury Ushakov", "quote-said-x", ""},
		{"sleepy.", "Donald Trump", "", ""},
		{"slowing sharply.", "The report", "", ""},
		{"I was there when it happened,", "Smith", "quote-x-said", ""},
		{"critical infrastructure.", "Officials in Kyiv", "", ""},
		{"We are ready,", "Recep Tayyip Erdogan", "quote-x-said", ""},
		{"but the other side is not.", "Recep Tayyip Erdogan", "", ""},
	})
}

func TestNewsProbe3(t *testing.T) {
	body, err := os.ReadFile("testdata/probe3.txt")
	if err != nil {
		t.Fatal(err)
	}
	checkQuotes(t, New(defaultRegistry(t)), string(body), []wantQuote{
		{"Will you resign?", "one reporter", "quote-said-x", ""},
		{"No,", "Donald Trump", "quote-x-said", ""},
		{"a killer.", "Joe Biden", "", "fragment"},
		{"This is a turning point,", "Emmanuel Macron", "quote-x-said", ""},
		{"Europe must wake up.", "Emmanuel Macron", "", ""},
		{"nothing has changed.", "Robby Mook", "", ""},
		{"will respond.", "the Kremlin", "", ""},
		{"We have done our part,", "the senator from Vermont", "quote-x-said", ""},
		{"Democracies die in darkness,", "Anne Applebaum", "quote-said-x", ""},
		{"Ukraine is Europe,", "Ursula von der Leyen", "quote-x-said+pronoun", ""},
		{"We need weapons, weapons and weapons.", "Dmytro Kuleba", "x-said-quote", ""},
		{"a historic step,", "Mark Rutte", "quote-x-said", ""},
		{"A house divided against itself cannot stand.", "Abraham Lincoln", "quote-dash-x", ""},
	})
}

func TestNewsProbe4(t *testing.T) {
	body, err := os.ReadFile("testdata/probe4.txt")
	if err != nil {
		t.Fatal(err)
	}
	checkQuotes(t, New(defaultRegistry(t)), string(body), []wantQuote{
		{"We will see what happens.", "Donald Trump", "", ""},
		{"Nobody has done more for this country,", "Donald Trump", "quote-x-said", ""},
		{"This is about the future,", "Sanders", "quote-x-said", ""},
		{"Crooked Hillary is at it again", "Donald Trump", "quote-dash-x", ""},
		{"It was a disaster", "one aide", "", ""},
		{"We have the votes,", "Kellyanne Conway", "quote-x-said", ""},
	})
}
