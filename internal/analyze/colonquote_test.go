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
