package analyze

import (
	"testing"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

func TestMessageOwner(t *testing.T) {
	for desc, want := range map[string]struct {
		owner string
		ok    bool
	}{
		"The message to Jiang Zemin":                  {"", true},
		"His message of greeting":                     {"", true},
		"The congratulatory letter":                   {"", true},
		"The telegram sent":                           {"", true},
		"The President’s message":                     {"The President", true},
		"The Russian President's message":             {"The Russian President", true},
		"Mr Putin’s telegram":                         {"Mr Putin", true},
		"Vladimir Putin's message of congratulations": {"Vladimir Putin", true},
		"Putin's words":                               {"", false},
		"The statement":                               {"", false},
		"Message":                                     {"", false},
		"The President":                               {"", false},
		"The joint statement of the leaders":          {"", false},
		"The new message to the participants":         {"", true},
	} {
		owner, ok := messageOwner(desc)
		if owner != want.owner || ok != want.ok {
			t.Errorf("messageOwner(%q) = %q, %v; want %q, %v", desc, owner, ok, want.owner, want.ok)
		}
	}
}

// TestMessageOnAnOfficeSite: on kremlin.ru a message's words are the
// sender's (the article's first subject, or the office named in a
// possessive); elsewhere only "the message" itself resolves.
func TestMessageOnAnOfficeSite(t *testing.T) {
	a := New(defaultRegistry(t))
	body := "Vladimir Putin sent a message of greetings to the participants of the forum.\n\n" +
		"His message of greeting reads, in part:\n\n“I am sure your work will be fruitful.”\n\n" +
		"The President’s message also said: “Russia is open to cooperation.”\n\n" +
		"The message from the forum's chairman, John Smith, said: “We thank you.”\n\n" +
		"The message from the head of state reads: “Happy holidays.”"
	art := model.Article{ID: "k1", Body: body, URL: "http://en.kremlin.ru/events/president/news/1", Date: time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC)}
	got := checkSpeakers(t, a, art, map[string]string{"I am sure your work will be fruitful.": "Vladimir Putin", "Russia is open to cooperation.": "Vladimir Putin"})
	if got["Happy holidays."] != "Vladimir Putin" {
		t.Errorf("the message from the head of state: %q", got)
	}
	if got["We thank you."] == "Vladimir Putin" {
		t.Errorf("the chairman's message went to the sender: %q", got)
	}
	named := a.AnalyzeDoc("d", "Mr Putin’s message read:\n\n“I congratulate you on your victory.”").Quotes
	if len(named) != 1 || named[0].Speaker != "Vladimir Putin" {
		t.Errorf("a message a name owns, off an office's site: %+v", named)
	}
	art.URL = "https://news.example.org/a"
	for _, q := range a.AnalyzeArticle(art).Quotes {
		if q.Text == "I am sure your work will be fruitful." && q.Speaker == "Vladimir Putin" {
			t.Errorf("off an office's site, %q went to the sender", q.Text)
		}
	}
}

// TestHeadOfTheOffice: on president.gov.ua "the Head of the President's
// Office" is the holder of that post; an adviser or deputy of the Head is
// someone else.
func TestHeadOfTheOffice(t *testing.T) {
	a := New(defaultRegistry(t))
	body := "The Head of the President's Office said: “We are working 24/7.”\n\n" +
		"Adviser to the Head of the Office of the President Mykhailo Podolyak spoke on television. “Russia has concentrated its forces,” he said.\n\n" +
		"The Deputy Head of the Office of the President Ihor Zhovkva thanked the German side. “The next package should include new sanctions,” he said."
	art := model.Article{ID: "u1", Body: body, URL: "https://www.president.gov.ua/en/news/1", Date: time.Date(2022, 5, 1, 0, 0, 0, 0, time.UTC)}
	checkSpeakers(t, a, art, map[string]string{"We are working 24/7.": "Andriy Yermak", "Russia has concentrated its forces,": "Mykhailo Podolyak",
		"The next package should include new sanctions,": "Ihor Zhovkva"})
}

// checkSpeakers analyses art and checks the speakers of the quotes want
// names (text -> speaker); it returns every quote's speaker.
func checkSpeakers(t *testing.T, a *Analyzer, art model.Article, want map[string]string) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, q := range a.AnalyzeArticle(art).Quotes {
		got[q.Text] = q.Speaker
	}
	for text, sp := range want {
		if got[text] != sp {
			t.Errorf("%q: speaker %q, want %q (all: %q)", text, got[text], sp, got)
		}
	}
	return got
}
