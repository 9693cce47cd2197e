package analyze

import (
	"testing"
)

func mentionsOf(t *testing.T, a *Analyzer, body string) []string {
	t.Helper()
	var out []string
	runes := []rune(body)
	for _, m := range a.AnalyzeDoc("d", body).Mentions {
		if string(runes[m.Start:m.End]) != m.Text {
			t.Fatalf("mention text %q does not match offsets %d-%d", m.Text, m.Start, m.End)
		}
		out = append(out, m.Actor+":"+m.Text)
	}
	return out
}

func TestMentions(t *testing.T) {
	a := New(defaultRegistry(t))
	cases := []struct {
		body string
		want []string
	}{
		{"Vladimir Putin met Putin’s aide.", []string{"putin:Vladimir Putin", "putin:Putin"}},
		{"Putin's and Putin’s", []string{"putin:Putin", "putin:Putin"}},
		{"He played his trump card. Trump said so. TRUMP WINS", []string{"trump:Trump", "trump:TRUMP"}},
		{"Zelenskyy, Zelenskiy and ZELENSKY", []string{"zelensky:Zelenskyy", "zelensky:Zelenskiy", "zelensky:ZELENSKY"}},
		{"Erdoğan and Erdogan and Orbán", []string{"erdogan:Erdoğan", "erdogan:Erdogan", "orban:Orbán"}},
		{"Orba\u0301n (decomposed)", []string{"orban:Orba\u0301n"}},
		{"Putinism and Trumpet and Rutter", nil},
		{"J.D. Vance and JD Vance and vacancies", []string{"vance:J.D. Vance", "vance:JD Vance"}},
		{"Yuri Ushakov, Yury Ushakov, Sergey Ryabkov", []string{"ushakov:Yuri Ushakov", "ushakov:Yury Ushakov", "ryabkov:Sergey Ryabkov"}},
		{"the EU and the eu", []string{"eu:EU"}},
		{"Xi met Pope Pius XI", []string{"xi:Xi"}},
		{"The Kremlin (see kremlin.ru) said", []string{"kremlin:Kremlin"}},
		{"Vladimir\nPutin", []string{"putin:Vladimir\nPutin"}},
		// Titles count only where the actor is named in the document and the
		// title is not shared by another named actor.
		{"The Russian president spoke.", nil},
		{"Putin arrived. The Russian president spoke.", []string{"putin:Putin", "putin:The Russian president"}},
		{"Putin and Medvedev arrived. The Russian president spoke.", []string{"putin:Putin", "medvedev:Medvedev"}},
		{"Biden met Trump. The US president spoke.", []string{"biden:Biden", "trump:Trump"}},
		{"Putin came. The Russian president Vladimir Putin spoke.", []string{"putin:Putin", "putin:Vladimir Putin"}},
	}
	for _, c := range cases {
		got := mentionsOf(t, a, c.body)
		if len(got) != len(c.want) {
			t.Errorf("%q: got %q, want %q", c.body, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q: got %q, want %q", c.body, got, c.want)
				break
			}
		}
	}
}

func TestAnalyzeConcurrent(t *testing.T) {
	a := New(defaultRegistry(t))
	body := "“We will talk,” Putin said. Trump told reporters: “Maybe.”"
	want := a.AnalyzeDoc("d", body)
	done := make(chan bool)
	for g := 0; g < 8; g++ {
		go func() {
			for i := 0; i < 200; i++ {
				got := a.AnalyzeDoc("d", body)
				if len(got.Quotes) != len(want.Quotes) || got.Quotes[1].Speaker != want.Quotes[1].Speaker {
					t.Error("concurrent analysis differs")
				}
			}
			done <- true
		}()
	}
	for g := 0; g < 8; g++ {
		<-done
	}
	if want.Quotes[0].Speaker != "Vladimir Putin" || want.Quotes[1].Speaker != "Donald Trump" {
		t.Errorf("speakers %q %q", want.Quotes[0].Speaker, want.Quotes[1].Speaker)
	}
}
