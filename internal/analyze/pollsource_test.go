package analyze

import "testing"

// A share of respondents speaks through the poll the sentence names.
func TestPollSource(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "In a March Daily Ledger poll, 64 percent of voters said the mayor was “doing a fine job.”",
		[]wantQuote{{"doing a fine job.", "a March Daily Ledger poll", "x-said-quote+poll", ""}})
	checkQuotes(t, a, "The survey also finds that, while 37 percent of Americans say the plan is “very risky,” most do not.",
		[]wantQuote{{"very risky,", "The survey", "", ""}})
	// No poll named: the share stays.
	checkQuotes(t, a, "At the rally, 75 percent of the voters said the plan was “a disaster.”",
		[]wantQuote{{"a disaster.", "75 percent", "x-said-quote", ""}})
	if shareOfRespondents("Jane Roe") || !shareOfRespondents("About four in 10 voters") || !shareOfRespondents("31% of Republicans") {
		t.Error("shareOfRespondents")
	}
}
