package analyze

import "testing"

// TestDashNameColon: a name between a dash and a colon introduces the
// quotation after it, not the subject of the clause before the dash.
func TestDashNameColon(t *testing.T) {
	a := New(defaultRegistry(t))
	cases := []struct {
		name string
		body string
		want []wantQuote
	}{
		{"digest item", "Pollsters agree - Carl Bialik: “One lesson was simple: keep on contacting voters.”",
			[]wantQuote{{"One lesson was simple: keep on contacting voters.", "Carl Bialik", "dash-name-colon", ""}}},
		{"an outlet", "Most polls did predict the caucus — HuffPollster: “While the caucuses brought an upset, most pollsters were right.”",
			[]wantQuote{{"While the caucuses brought an upset, most pollsters were right.", "HuffPollster", "dash-name-colon", ""}}},
		{"a registry actor", "The plan — Trump: “We will build it.”",
			[]wantQuote{{"We will build it.", "Donald Trump", "dash-name-colon", ""}}},
		{"no dash: the clause's subject", "Pollsters agree with Carl Bialik: “Keep on contacting voters.”",
			[]wantQuote{{"Keep on contacting voters.", "Pollsters", "", ""}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkQuotes(t, a, c.body, c.want) })
	}
}

// TestWordsOf: "in the words of X: “Q”" and "to quote X, “Q”" are X's.
func TestWordsOf(t *testing.T) {
	a := New(defaultRegistry(t))
	checkQuotes(t, a, "It can be described in the words of Václav Havel: “Truth and love have to overcome lies and hatred.”",
		[]wantQuote{{"Truth and love have to overcome lies and hatred.", "Václav Havel", "words-of", ""}})
	checkQuotes(t, a, "It might be appropriate to quote Confucius, “When the goals cannot be reached, adjust the steps.”",
		[]wantQuote{{"When the goals cannot be reached, adjust the steps.", "Confucius", "words-of", ""}})
}
