package analyze

import (
	"strings"
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestRoleResolution: "the President" and other descriptions resolve by
// the document's date and source country.
func TestRoleResolution(t *testing.T) {
	a := New(defaultRegistry(t))
	cases := []struct {
		body, source, url, date, want string
	}{
		{"“We will cooperate,” the President said.", "kremlin.ru", "", "2015-03-01", "Vladimir Putin"},
		{"“We will cooperate,” the President said.", "kremlin.ru", "", "2010-03-01", "Dmitry Medvedev"},
		{"“We will cooperate,” the President said.", "", "https://www.president.gov.ua/en/news/x", "2022-03-01", "Volodymyr Zelensky"},
		{"“We will cooperate,” the President said.", "president.gov.ua", "", "2016-03-01", "Petro Poroshenko"},
		{"“We will cooperate,” the President said.", "", "", "2016-03-01", "the President"},         // no source country
		{"“We will cooperate,” the President said.", "kremlin.ru", "", "", "the President"},         // no date
		{"“We will cooperate,” the Kremlin spokesman said.", "", "", "2020-03-01", "Dmitry Peskov"}, // no country needed
		{"“We will cooperate,” the Russian leader said.", "", "", "2010-03-01", "Dmitry Medvedev"},  // by date
		{"“We will cooperate,” the Head of State said.", "kremlin.ru", "", "2020-03-01", "Vladimir Putin"},
		{"“We will cooperate,” the former President said.", "kremlin.ru", "", "2020-03-01", "the former President"},
	}
	for _, c := range cases {
		art := model.Article{ID: "d", Body: c.body, Source: c.source, URL: c.url}
		if c.date != "" {
			art.Date = day(c.date)
		}
		an := a.AnalyzeArticle(art)
		if len(an.Quotes) != 1 {
			t.Fatalf("%q: %d quotes", c.body, len(an.Quotes))
		}
		q := an.Quotes[0]
		if q.Speaker != c.want {
			t.Errorf("%q (%s %s %s): speaker %q, want %q", c.body, c.source, c.url, c.date, q.Speaker, c.want)
		}
		src := an.Statements[0].SpeakerSource
		if c.want != "the President" && c.want != "the former President" && src != model.SourceRole && !strings.Contains(q.Rule, "+role") {
			t.Errorf("%q: source %q rule %q, want role", c.body, src, q.Rule)
		}
	}
	// AnalyzeDoc knows no date or source: the description stays as written.
	if q := a.AnalyzeDoc("d", "“We will cooperate,” the President said.").Quotes[0]; q.Speaker != "the President" {
		t.Errorf("AnalyzeDoc: speaker %q", q.Speaker)
	}
}

// TestGreetingSender: "The message reads" is the sender's.
func TestGreetingSender(t *testing.T) {
	a := New(defaultRegistry(t))
	body := "Vladimir Putin sent a message of greetings to the participants of the forum.\n\nThe message reads, in part: “I am sure that your work will be useful for our country.”"
	an := a.AnalyzeArticle(model.Article{ID: "d", Body: body, Source: "kremlin.ru", Date: day("2018-05-01")})
	if len(an.Quotes) != 1 || an.Quotes[0].Speaker != "Vladimir Putin" {
		t.Fatalf("quotes %+v, want one by Vladimir Putin", an.Quotes)
	}
	body = "The participants of the forum received greetings.\n\nThe message reads, in part: “I am sure that your work will be useful for our country.”"
	an = a.AnalyzeArticle(model.Article{ID: "d", Body: body, Source: "kremlin.ru", Date: day("2009-05-01")})
	if len(an.Quotes) != 1 || an.Quotes[0].Speaker != "Dmitry Medvedev" {
		t.Fatalf("quotes %+v, want one by the President of 2009", an.Quotes)
	}
}

// TestRegistryRoles: roles parse; bad ones are errors naming the line and
// the field.
func TestRegistryRoles(t *testing.T) {
	good := "[[actor]]\nid = \"x\"\nname = \"X Y\"\n\n[[actor.role]]\ntitle = \"President of Freedonia\"\nfrom = \"2001-02-03\"\nto = \"2005-01-01\"\n\n[[actor.role]]\ntitle = \"President of Freedonia\"\nfrom = \"2009-01-01\"\n"
	r, err := LoadRegistry([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(r.Actors()[0].Roles); n != 2 {
		t.Fatalf("%d roles, want 2", n)
	}
	for _, c := range []struct{ date, want string }{{"2001-02-02", ""}, {"2001-02-03", "x"}, {"2004-12-31", "x"}, {"2005-01-01", ""}, {"2020-01-01", "x"}} {
		got := ""
		if i := r.holder("president of freedonia", day(c.date), false); i >= 0 {
			got = r.actors[i].ID
		}
		if got != c.want {
			t.Errorf("holder on %s = %q, want %q", c.date, got, c.want)
		}
	}
	bad := map[string]string{
		"from = \"2001-13-03\"":                      "line 5: actor \"x\": role \"President of Freedonia\": bad from \"2001-13-03\"",
		"from = \"\"":                                "line 5: actor \"x\": role \"President of Freedonia\": bad from \"\"",
		"from = \"2001-02-03\"\nto = \"yesterday\"":  "bad to \"yesterday\"",
		"from = \"2001-02-03\"\nto = \"2000-01-01\"": "to 2000-01-01 is before from 2001-02-03",
		"from = \"2001-02-03\"\nsince = \"x\"":       "unknown field \"since\"",
	}
	for fields, want := range bad {
		text := "[[actor]]\nid = \"x\"\nname = \"X Y\"\n\n[[actor.role]]\ntitle = \"President of Freedonia\"\n" + fields + "\n"
		_, err := LoadRegistry([]byte(text))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", fields, err, want)
		}
	}
	_, err = LoadRegistry([]byte("[[actor]]\nid = \"x\"\nname = \"X Y\"\n[[actor.role]]\nfrom = \"2001-02-03\"\n"))
	if err == nil || !strings.Contains(err.Error(), "line 4") || !strings.Contains(err.Error(), "no title") {
		t.Errorf("role without title: err = %v", err)
	}
}

// TestJunkSpeakers: words that only look like names are no speakers.
func TestJunkSpeakers(t *testing.T) {
	a := New(defaultRegistry(t))
	for _, body := range []string{
		"Third. State purchase contracts have become the current “breeding grounds” for corruption.",
		"Look at what the ruling says. Paragraph 79: “The practice of States does not point to a new rule.”",
		"Land is sacred for Ukrainians, since these are “golden” soils.",
		"An officer should be a real mentor, a demanding but attentive “father” and commander.",
	} {
		for _, q := range a.AnalyzeDoc("d", body).Quotes {
			switch q.Speaker {
			case "State", "Paragraph", "Land", "a":
				t.Errorf("%q: junk speaker %q (rule %s)", q.Text, q.Speaker, q.Rule)
			}
		}
	}
	// A group is a speaker.
	an := a.AnalyzeDoc("d", "Experts said: “The plan will not work.”")
	if len(an.Quotes) != 1 || an.Quotes[0].Speaker != "Experts" {
		t.Errorf("quotes %+v, want one by Experts", an.Quotes)
	}
}
