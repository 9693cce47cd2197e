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
