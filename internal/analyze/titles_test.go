package analyze

import "testing"

// TestWorkTitles: a title with a subtitle names a work; a title without
// one, or a colon inside speech, stays a statement.
func TestWorkTitles(t *testing.T) {
	a := New(defaultRegistry(t))
	cases := []struct {
		name string
		body string
		want []wantQuote
	}{
		{"book with subtitle", "Reporters have been reading Trump's new book, “Crippled America: How to Make America Great Again,” for clues.", nil},
		{"film with subtitle after a comma", "The movie, “13 Hours: The Secret Soldiers of Benghazi,” is based on a book.", nil},
		{"book after according to", "One Sunday, according to “Perfect Enough: Carly Fiorina and the Reinvention of Hewlett-Packard” by George Anders, she called.", nil},
		{"a law's title", "The State Duma passed the federal constitutional laws “On the Coat-of-Arms of the Russian Federation” and “On the National Flag of the Russian Federation”.", nil},
		{"a bill's title", "President of Ukraine Volodymyr Zelenskyy submitted to the Verkhovna Rada the bill \"On Amendments to the Tax Code\".", nil},
		{"speech opening with On stays", "“On Monday we will meet again,” Zelensky said of the law.",
			[]wantQuote{{"On Monday we will meet again,", "Volodymyr Zelensky", "quote-x-said", ""}}},
		{"memo title without subtitle stays", "Robby Mook released a memo titled “The Facts on Where the Race Stands.”",
			[]wantQuote{{"The Facts on Where the Race Stands.", "Robby Mook", "", ""}}},
		{"colon inside speech stays", "“Here is the plan: we will win the vote in March,” Sanders said.",
			[]wantQuote{{"Here is the plan: we will win the vote in March,", "Sanders", "quote-x-said", ""}}},
		{"shouted title-case words with a colon stay", "“Listen: Lock Her Up!” Flynn said.",
			[]wantQuote{{"Listen: Lock Her Up!", "Flynn", "quote-x-said", ""}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkQuotes(t, a, c.body, c.want) })
	}
}
