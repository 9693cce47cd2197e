package analyze

import "testing"

// A trailing subject set off by a long appositive before its cue.
func TestAppositiveSaid(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "\"Both of them worry me,\" Jane Roe, 41, of Dayton, Ohio, who was among those polled, said in an interview. \"We need someone calmer.\"",
		[]wantQuote{{"Both of them worry me,", "Jane Roe", "quote-x-said", ""}, {"We need someone calmer.", "Jane Roe", "", ""}})
	checkQuotes(t, a, "“We have had better weeks,” county delegate John Doe, wearing a straw hat and a “Vote Smith” badge, said.",
		[]wantQuote{{"We have had better weeks,", "John Doe", "quote-x-said", ""}})
	// A quotation that ends its sentence is not the next sentence's.
	checkQuotes(t, a, "“He is funny. He is a circus act.” Of the mayor, John Doe, who has given money to Smith, said nothing.",
		[]wantQuote{{"He is funny. He is a circus act.", "", "", ""}})
}

// A quotation continues the speaker of the one before a title quoted in
// between, unless it is a title itself.
func TestContinuationOverTitle(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "\"It is too early to tell,\" said Jane Roe, who also hosts the show \"Market Day.\" \"I mean, it depends on the economy.\"",
		[]wantQuote{{"It is too early to tell,", "Jane Roe", "quote-said-x", ""}, {"I mean, it depends on the economy.", "Jane Roe", "continuation", ""}})
}

// A thing named right before "called" is the object of the naming: the
// sentence's subject named it.
func TestNamerOf(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "Jane Roe, 34, has built her brand around the cause, writing a book called “Women Who Lead” and touring the country.",
		[]wantQuote{{"Women Who Lead", "Jane Roe", "x-said-quote", ""}})
	// No subject that names someone: the rule stays out.
	checkQuotes(t, a, "Meanwhile, to reach more voters, a short film called “a family story” was broadcast.",
		[]wantQuote{{"a family story", "a short film", "x-said-quote", ""}})
}

// A passive cue's agent is the speaker.
func TestPassiveAgent(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "Jane Roe was asked by moderator John Doe whether her plan would risk “adding another costly program to the budget.”",
		[]wantQuote{{"adding another costly program to the budget.", "John Doe", "x-said-quote", ""}})
	checkQuotes(t, a, "Jane Roe was asked by host John Doe, who backs her, “Are you tired of hearing about it?”",
		[]wantQuote{{"Are you tired of hearing about it?", "John Doe", "x-said-quote", ""}})
}
