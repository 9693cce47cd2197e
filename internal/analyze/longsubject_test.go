package analyze

import (
	"testing"

	"github.com/workbench-dev/workbench/internal/model"
)

// Long subjects after a quotation (invented sentences).
func TestLongSubjectAfterQuote(t *testing.T) {
	a := New(defaultRegistry(t))
	cases := []struct {
		name, body string
		want       []wantQuote
	}{
		{"coordinated description",
			"Sen. Mark Dunmore spoke first on Tuesday night.\n\n\"I have been warning about this for months,\" the Ohio senator and Republican presidential candidate said in a statement.",
			[]wantQuote{{text: "I have been warning about this for months,", speaker: "the Ohio senator and Republican presidential candidate", rule: "quote-x-said"}}},
		{"quantified description",
			"Sen. Mark Dunmore spoke first on Tuesday night.\n\n\"We cannot wait any longer,\" one senior Republican said.",
			[]wantQuote{{text: "We cannot wait any longer,", speaker: "one senior Republican", rule: "quote-x-said"}}},
		{"relative clause between commas",
			"Agents searched the office.\n\n\"The agents are under pressure,\" an intelligence source, who was not authorized to speak, told reporters.",
			[]wantQuote{{text: "The agents are under pressure,", speaker: "an intelligence source", rule: "quote-x-said"}}},
		{"adjectives in a row",
			"The talks ended.\n\n\"From the first day I knew it,\" the bespectacled, 71-year-old diplomat said in an interview.",
			[]wantQuote{{text: "From the first day I knew it,", speaker: "the bespectacled, 71-year-old diplomat", rule: "quote-x-said"}}},
		{"name, relative clause without its closing comma",
			"Our Values PAC was started by a former aide.\n\n\"This new ad raises questions about the mayor,\" Katie Pell, who is chairman of Our Values PAC said in a statement.",
			[]wantQuote{{text: "This new ad raises questions about the mayor,", speaker: "Katie Pell", rule: "quote-x-said"}}},
		{"name, appositive with a web address",
			"Support has leaked to third parties.\n\n\"The mayor needs a plan for these voters,\" Nora Quill, the polling guru who founded pollsite.com tweeted on Wednesday. \"They're clearly drifting.\"",
			[]wantQuote{{text: "The mayor needs a plan for these voters,", speaker: "Nora Quill", rule: "quote-x-said"},
				{text: "They're clearly drifting.", speaker: "Nora Quill", rule: "continuation"}}},
		{"a first name that is a modal verb, after a question",
			"Local leaders say the visits mattered. \"He just stopped and asked, 'How do we win the county?'\" Will Estrada, the chairman for the county party, said of the encounter.",
			[]wantQuote{{text: "He just stopped and asked, 'How do we win the county?'", speaker: "Estrada", rule: "quote-x-said"}}},
		{"quantifier with of after the cue",
			"Advisers have run the numbers.\n\n\"There won't be a path,\" said one of those advisers, who spoke on condition of anonymity.",
			[]wantQuote{{text: "There won't be a path,", speaker: "one of those advisers", rule: "quote-said-x"}}},
		{"a title is no utterance",
			"On the episode of \"The Morning Show,\" the former governor and current nominee said she would speak plainly.",
			nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkQuotes(t, a, c.body, c.want) })
	}
}

// The Ukrainian Head of State resolves through the roles like "the
// Ukrainian President".
func TestCountryHeadOfState(t *testing.T) {
	a := New(defaultRegistry(t))
	body := "The talks went on all day.\n\n\"We will defend our land,\" the Ukrainian Head of State stressed."
	res := a.AnalyzeArticle(model.Article{ID: "d", Body: body, Source: "president.gov.ua", Date: day("2022-03-01")})
	if len(res.Quotes) != 1 || res.Quotes[0].Speaker != "Volodymyr Zelensky" {
		t.Fatalf("got %+v", res.Quotes)
	}
}

// A surname that is also a function word ("Will", "From") is a name in a
// story that gives the full name (invented sentences).
func TestFunctionWordSurname(t *testing.T) {
	a := New(defaultRegistry(t))
	body := "The columnist George Will renewed his feud with the mayor this week.\n\n" +
		"\"The eruption of the crisis is a reminder of what is at stake,\" Will wrote.\n\n" +
		"Will described the mayor as a \"caricature of everything embarrassing.\"\n\n" +
		"Will the council act? \"We will see,\" Nora Quill said."
	checkQuotes(t, a, body, []wantQuote{
		{text: "The eruption of the crisis is a reminder of what is at stake,", speaker: "George Will", rule: "quote-x-said"},
		{text: "caricature of everything embarrassing.", speaker: "George Will"},
		{text: "We will see,", speaker: "Nora Quill", rule: "quote-x-said"},
	})
	// Without the full name, "Will" stays a modal verb.
	checkQuotes(t, a, "Will the council act? \"We will see,\" the mayor said.", []wantQuote{
		{text: "We will see,", speaker: "the mayor", rule: "quote-x-said"},
	})
}

// "with NP V-ing": the noun phrase is the subject of the cues of the
// absolute phrase (invented sentences).
func TestWithSubject(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "Republicans who agree that the prison should close were irritated about the lack of detail, with Sen. Walter Brenn calling it a \"Chinese menu.\"",
		[]wantQuote{{text: "Chinese menu.", speaker: "Walter Brenn", rule: "x-said-quote"}})
	checkQuotes(t, a, "The campaign has denied it happened, with Brenn taking to Twitter to call the reporter \"totally delusional\" for the accusation.",
		[]wantQuote{{text: "totally delusional", speaker: "Brenn"}})
}

// "with NP V-ing ... and V-ing, “Q”": across a quoted phrase; a noun after
// an adjective ("the biblical saying") is no participle.
func TestWithSubjectAcrossQuote(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "Republicans were quick to chime in, with Walter Brenn tweeting that it was a \"disaster\" for the mayor and asking, \"How can someone with such bad judgment lead?\"",
		[]wantQuote{
			{text: "disaster", speaker: "Walter Brenn"},
			{text: "How can someone with such bad judgment lead?", speaker: "Walter Brenn"},
		})
	qs := a.AnalyzeDoc("doc", "I am sure you are familiar with the biblical saying \"He who is without sin, let him cast the first stone.\"").Quotes
	for _, q := range qs {
		if q.Speaker == "the biblical" {
			t.Fatalf("adjective as speaker: %+v", q)
		}
	}
}
