package analyze

import "testing"

// The outer source of a nested attribution is the statement's speaker;
// a source the speaker cites inside his own words is not.
func TestOuterSource(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "“Please keep the protest off the floor,” Jane Roe said, according to the Daily Ledger. “It matters to me.”",
		[]wantQuote{{"Please keep the protest off the floor,", "the Daily Ledger", "quote-x-said+outer", ""}, {"It matters to me.", "the Daily Ledger", "", ""}})
	checkQuotes(t, a, "“We will not wait,” the governor told aides, according to a pool report.",
		[]wantQuote{{"We will not wait,", "a pool report", "", ""}})
	checkQuotes(t, a, "John Doe said that according to its count, the party had won, but “we are still counting.”",
		[]wantQuote{{"we are still counting.", "John Doe", "", ""}})
	checkQuotes(t, a, "Asked about the vote, Jane Roe said, “No comment,” the Daily Ledger reported.",
		[]wantQuote{{"No comment,", "Daily Ledger", "x-said-quote+outer", ""}})
	checkQuotes(t, a, "Jane Roe welcomed the news, saying the plan was “the right thing,” hinting at more, the Daily Ledger reported.",
		[]wantQuote{{"the right thing,", "Daily Ledger", "x-said-quote+outer", ""}})
	checkQuotes(t, a, "“This is the message we hear,” said Jane Roe, director of Voters for Roads, reports Daily Ledger.",
		[]wantQuote{{"This is the message we hear,", "Daily Ledger", "quote-said-x+outer", ""}})
	checkQuotes(t, a, "“We have waited too long,” Jane Roe said, the Daily Ledger reported.",
		[]wantQuote{{"We have waited too long,", "Daily Ledger", "quote-x-said+outer", ""}})
	checkQuotes(t, a, "“You have been unkind to me,” he told the senator, according to officials with knowledge of the meeting.",
		[]wantQuote{{"You have been unkind to me,", "officials", "", ""}})
	checkQuotes(t, a, "The chairman said proxies are barred “when voting to fill a vacancy,” per the party’s bylaws.",
		[]wantQuote{{"when voting to fill a vacancy,", "the party’s bylaws", "x-said-quote+outer", ""}})
	// With no outer source the inner speaker stays.
	checkQuotes(t, a, "“We will not wait,” Jane Roe said on Monday.",
		[]wantQuote{{"We will not wait,", "Jane Roe", "quote-x-said", ""}})
}
