package analyze

import "testing"

// Quotations introduced by a colon (invented sentences).
func TestColonQuotes(t *testing.T) {
	a := New(defaultRegistry(t))
	cases := []struct {
		name, body string
		want       []wantQuote
	}{
		{"a description before the colon, no cue",
			"The campaign, in a memo on the controversy, worded it even more carefully: \"Her practice was to write to officials on their official accounts.\"",
			[]wantQuote{{text: "Her practice was to write to officials on their official accounts.", speaker: "The campaign", rule: "x-colon-quote"}}},
		{"the cue before the colon, not the next sentence's",
			"Lee, exasperated, famously responded: \"What difference does it make?\" Her critics cited it as evidence of indifference.",
			[]wantQuote{{text: "What difference does it make?", speaker: "Lee", rule: "x-said-quote"}}},
		{"a thing before the colon is no speaker",
			"The question was simple: \"Will you run again?\"",
			[]wantQuote{{text: "Will you run again?", speaker: ""}}},
		{"an address to the reader is no speaker",
			"Your state: \"We are waiting for you.\"",
			[]wantQuote{{text: "We are waiting for you.", speaker: ""}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkQuotes(t, a, c.body, c.want) })
	}
}

// A sentence naming another person between two quotations introduces the
// second one's speaker; a country or a thing introduces no one.
func TestIntroducedBefore(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "\"We will win this state,\" Pence said at the rally.\n\n"+
		"On \"Morning Talk,\" Sen. Walter Brenn (Vt.), who lost the primaries, identified young voters as one of the reasons to vote. \"The younger people are tired of discrimination.\"",
		[]wantQuote{
			{text: "We will win this state,", speaker: "Pence", rule: "quote-x-said"},
			{text: "The younger people are tired of discrimination.", speaker: "Walter Brenn", rule: "previous-sentence-subject"},
		})
	checkQuotes(t, a, "\"Many leaders visit us,\" Walter Brenn said on Monday. The United Kingdom is the leader in this regard. \"Any visit today is a sign of support.\"",
		[]wantQuote{
			{text: "Many leaders visit us,", speaker: "Walter Brenn", rule: "quote-x-said"},
			{text: "Any visit today is a sign of support.", speaker: "Walter Brenn", rule: "continuation"},
		})
}

// A quotation inside a sentence with no cue and no person for a subject
// goes on with the speaker of the quotation that closes the sentence
// before; a title does not.
func TestCarriedOver(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "\"He is supposed to be a cheerleader for this city,\" Walter Brenn said. Instead, \"he just acts like a defeated man.\"",
		[]wantQuote{
			{text: "He is supposed to be a cheerleader for this city,", speaker: "Walter Brenn", rule: "quote-x-said"},
			{text: "he just acts like a defeated man.", speaker: "Walter Brenn", rule: "continuation"},
		})
	checkQuotes(t, a, "\"The value of citizenship must grow,\" Walter Brenn said. The draft strategy \"Prevention of Threats to the Security of the City\" was also submitted.",
		[]wantQuote{
			{text: "The value of citizenship must grow,", speaker: "Walter Brenn", rule: "quote-x-said"},
			{text: "Prevention of Threats to the Security of the City", speaker: ""},
		})
}

// A phrase quoted in a sentence whose subject is an agent description
// ("The campaign", "the agency") is that subject's when it is words said
// (three words at least); a short term is not.
func TestAgentDescriptionSubject(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "The agency declined to publicly detail the investigation's \"specific focus, scope or potential targets.\"",
		[]wantQuote{{text: "specific focus, scope or potential targets.", speaker: "The agency", rule: "sentence-subject"}})
	checkQuotes(t, a, "The document lists the \"specific focus, scope or potential targets.\"",
		[]wantQuote{{text: "specific focus, scope or potential targets.", speaker: ""}})
}

// An organisation named by a capitalised head is an agent; a verb the
// subject phrase swallowed is dropped (invented sentences).
func TestAgentDescriptionHeads(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "On its official website, the Bureau lists \"public corruption as its top criminal priority.\"",
		[]wantQuote{{text: "public corruption as its top criminal priority.", speaker: "the Bureau", rule: "sentence-subject"}})
	checkQuotes(t, a, "The Brenn campaign projects that \"imposing a tax of a fraction of a percent\" would raise billions.",
		[]wantQuote{{text: "imposing a tax of a fraction of a percent", speaker: "The Brenn campaign", rule: "sentence-subject"}})
}

// A sentence quoted after a sentence whose subject is an agent
// description is that description's ("The judge then turned to me. “Q”");
// a field ("A properly functioning economy") is no agent.
func TestPreviousSentenceAgent(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "Was this the Twilight Zone?\n\nThe judge then turned to me. \"Mr. Roe?\" I stood up.",
		[]wantQuote{{text: "Mr. Roe?", speaker: "The judge", rule: "previous-sentence-subject"}})
	checkQuotes(t, a, "A properly functioning economy is the goal. \"We will write them together.\"",
		[]wantQuote{{text: "We will write them together.", speaker: ""}})
}
