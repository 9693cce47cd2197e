package analyze

import "testing"

// TestDescriptionTrim: a description speaker ends before a verb, and a
// phrase that opens with a preposition is no speaker.
func TestDescriptionTrim(t *testing.T) {
	a := New(defaultRegistry(t))
	cases := []struct {
		name string
		body string
		want []wantQuote
	}{
		{"where, not who", "On the same day the President sent Mr Bashmet a congratulatory message, saying, in part:\n\n“Your skills have won you the highest recognition.”",
			[]wantQuote{{"Your skills have won you the highest recognition.", "", "", ""}}},
		{"a clause is no speaker", "This isn’t the first time that this CNN “reporter” has revealed her bias.",
			[]wantQuote{{"reporter", "", "", ""}}},
		{"a verb is no head of a description", "The crowd cheered for Trump, who said “we will win.”",
			[]wantQuote{{"we will win.", "Donald Trump", "", ""}}},
		{"ends before a verb", "The two lawmakers haven’t met since, “not once,” an aide told reporters.",
			[]wantQuote{{"not once,", "an aide", "", ""}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkQuotes(t, a, c.body, c.want) })
	}
}

// TestPlaceBeforeName: the place or organisation of a title is not part of
// the name after it, and Ukrainian first names give pronouns their person.
func TestPlaceBeforeName(t *testing.T) {
	a := New(defaultRegistry(t))
	cases := []struct {
		name string
		body string
		want []wantQuote
	}{
		{"President of Ukraine", "The President of Ukraine Volodymyr Zelenskyy said “we will win.”",
			[]wantQuote{{"we will win.", "Volodymyr Zelensky", "", ""}}},
		{"an association", "Leader of the Association of Ukrainian Guides Maria Chopyak said “we are happy to join.”",
			[]wantQuote{{"we are happy to join.", "Maria Chopyak", "", ""}}},
		{"after an office's possessive", "Deputy Head of the President's Office Rostyslav Shurma attended. Zelensky spoke first. Shurma added that work will begin. “The first houses are ours,” he said.",
			[]wantQuote{{"The first houses are ours,", "Rostyslav Shurma", "", ""}}},
		{"an adviser's words are his", "President Volodymyr Zelensky met the delegation. Mykhailo Podolyak stressed that Ukraine will not give up. “We have no chance to compromise,” he said.",
			[]wantQuote{{"We have no chance to compromise,", "Mykhailo Podolyak", "", ""}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkQuotes(t, a, c.body, c.want) })
	}
}

// TestTitleOfPlaceSubject: "President of Ukraine Volodymyr Zelenskyy" opening
// a sentence is the person, not "President".
func TestTitleOfPlaceSubject(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "President of Ukraine Volodymyr Zelenskyy told the parliament: “We will rebuild every city.”",
		[]wantQuote{{"We will rebuild every city.", "Volodymyr Zelensky", "", ""}})
	checkQuotes(t, a, "President of Russia Vladimir Putin congratulated the lawyers on their holiday.\n\nThe message reads, in part: “This holiday unites true professionals.”",
		[]wantQuote{{"This holiday unites true professionals.", "Vladimir Putin", "", ""}})
}
