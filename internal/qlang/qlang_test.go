package qlang

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseShortcutsWithSigns(t *testing.T) {
	q, err := Parse(`+@zelensky -@putin negotiations -speaker:peskov +speaker:"Yury Ushakov" #escalatory -#neutral date:2022 -date:2022-03`, Options{}, Resolver{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(q.Actors, []string{"zelensky"}) || !slices.Equal(q.NotActors, []string{"putin"}) {
		t.Errorf("actors %v not %v", q.Actors, q.NotActors)
	}
	if !slices.Equal(q.Speakers, []string{"yury ushakov"}) || !slices.Equal(q.NotSpeakers, []string{"peskov"}) {
		t.Errorf("speakers %v not %v", q.Speakers, q.NotSpeakers)
	}
	if !slices.Equal(q.Labels, []string{"escalatory"}) || !slices.Equal(q.NotLabels, []string{"neutral"}) {
		t.Errorf("labels %v not %v", q.Labels, q.NotLabels)
	}
	if q.Text != "negotiations" {
		t.Errorf("text %q", q.Text)
	}
	if len(q.Dates) != 1 || !q.Dates[0].From.Equal(day("2022-01-01")) || !q.Dates[0].To.Equal(day("2023-01-01")) {
		t.Errorf("dates %+v", q.Dates)
	}
	if len(q.NotDates) != 1 || !q.NotDates[0].From.Equal(day("2022-03-01")) || !q.NotDates[0].To.Equal(day("2022-04-01")) {
		t.Errorf("not dates %+v", q.NotDates)
	}
}

func TestParseDates(t *testing.T) {
	for _, c := range []struct {
		in       string
		from, to string
		fi, ti   bool
	}{
		{"2022", "2022-01-01", "2023-01-01", true, false},
		{"2022-03", "2022-03-01", "2022-04-01", true, false},
		{"2022-03-04", "2022-03-04", "2022-03-05", true, false},
		{">2022-01-01", "2022-01-02", "", true, false},
		{`>="2022-01-01"`, "2022-01-01", "", true, false},
		{`>"2022"`, "2023-01-01", "", true, false},
		{"<2023", "", "2023-01-01", false, false},
		{"<=2023-06", "", "2023-07-01", false, false},
	} {
		d, err := ParseDate(c.in)
		if err != nil {
			t.Errorf("%s: %v", c.in, err)
			continue
		}
		check := func(got time.Time, want string) bool {
			if want == "" {
				return got.IsZero()
			}
			return got.Equal(day(want))
		}
		if !check(d.From, c.from) || !check(d.To, c.to) || d.FromInclusive != c.fi || d.ToInclusive != c.ti {
			t.Errorf("%s: %+v", c.in, d)
		}
	}
	for _, bad := range []string{"2022-13-45", "2022-13", "2022-02-30", "x", "22", ">tomorrow"} {
		_, err := ParseDate(bad)
		var qe *model.QueryError
		if !errors.As(err, &qe) || !strings.Contains(qe.Msg, bad) || !strings.Contains(qe.Msg, "date:2022-03") {
			t.Errorf("%s: %v, want an error naming it and the accepted forms", bad, err)
		}
	}
}

func TestParseTyping(t *testing.T) {
	// A date still being typed waits; a wrong one is an error even while typing.
	if q, err := Parse("nato date:>2022-0", Options{AsYouType: true}, Resolver{}); err != nil || len(q.Dates) != 0 {
		t.Errorf("incomplete date: %+v %v", q.Dates, err)
	}
	if _, err := Parse("nato date:>2022-13", Options{AsYouType: true}, Resolver{}); err == nil {
		t.Error("month 13 accepted while typing")
	}
	if _, err := Parse("nato date:>2022-13-45 ", Options{AsYouType: true}, Resolver{}); err == nil {
		t.Error("finished bad date accepted")
	}
	if _, err := Parse("nato date:>2022-0", Options{}, Resolver{}); err == nil {
		t.Error("incomplete date accepted outside typing")
	}
	// A name being typed resolves by prefix.
	r := Resolver{Actor: func(name string, partial bool) ([]string, error) {
		if partial && name == "pu" {
			return []string{"putin", "pushilin"}, nil
		}
		return []string{name}, nil
	}}
	q, err := Parse("talks @pu", Options{AsYouType: true}, r)
	if err != nil || !slices.Equal(q.ActorPrefixes, []string{"putin", "pushilin"}) || len(q.Actors) != 0 {
		t.Errorf("prefix: %+v %v", q, err)
	}
	q, _ = Parse("talks @pu ", Options{AsYouType: true}, r)
	if !slices.Equal(q.Actors, []string{"pu"}) {
		t.Errorf("finished name: %+v", q)
	}
}

func TestResolverErrorsCarryTheQuery(t *testing.T) {
	r := Resolver{Label: func(name string, partial bool) ([]string, error) {
		return nil, &model.QueryError{Msg: "unknown label " + name}
	}}
	_, err := Parse("peace #nope", Options{}, r)
	var qe *model.QueryError
	if !errors.As(err, &qe) || qe.Query != "peace #nope" {
		t.Fatalf("%v", err)
	}
}

var fuzzSeeds = []string{
	"zelensky tomahawk", "@putin escalation", `"peace talks"`, "ryabkov momentum", "speaker:ushakov",
	`speaker:"yury ushakov" talks`, "#escalatory @zel", "actor:Putin +peace -war", `title:"alaska" date:>"2025-01-01"`,
	`@"white house"`, `\"`, `@x\`, "a AND (b OR c)", "zelensk* tom~1", "", " ", "@", "#", "speaker:", `"unclosed @putin`,
	"peace^2", "\x00@\xff", "@a\tb\n#c", "-@putin +#x date:<=2023-06 -date:2022",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, typing := range []bool{false, true} {
			q, err := Parse(s, Options{AsYouType: typing}, Resolver{})
			if err != nil {
				var qe *model.QueryError
				if !errors.As(err, &qe) {
					t.Fatalf("%q: %v is not a *model.QueryError", s, err)
				}
				continue
			}
			for _, v := range slices.Concat(q.Actors, q.NotActors, q.Labels, q.NotLabels, q.Speakers, q.NotSpeakers) {
				if v == "" {
					t.Fatalf("%q: empty shortcut value in %+v", s, q)
				}
			}
			if utf8.ValidString(s) && !utf8.ValidString(q.Text) {
				t.Fatalf("%q: text became invalid UTF-8: %q", s, q.Text)
			}
		}
	})
}
