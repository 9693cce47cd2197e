package index

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"zelensky tomahawk", "@putin escalation", `"peace talks"`, "ryabkov momentum", "speaker:ushakov",
	`speaker:"yury ushakov" talks`, "#escalatory @zel", "actor:Putin +peace -war", `title:"alaska" date:>"2025-01-01"`,
	`@"white house"`, `\"`, `@x\`, "a AND (b OR c)", "zelensk* tom~1", "", " ", "@", "#", "speaker:", `"unclosed @putin`,
	"peace^2", "\x00@\xff", "@a\tb\n#c",
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		for _, v := range slices.Concat(q.Actors, q.Labels, q.Speakers) {
			if v == "" {
				t.Fatalf("%q: empty shortcut value in %+v", s, q)
			}
		}
		if q.Partial != "" && q.PartialValue == "" {
			t.Fatalf("%q: partial without value", s)
		}
		// What String renders parses back to the same query.
		r := q.String()
		q2 := ParseQuery(r)
		if !slices.Equal(q.Actors, q2.Actors) || !slices.Equal(q.Labels, q2.Labels) || !slices.Equal(q.Speakers, q2.Speakers) ||
			strings.TrimSpace(q.Text) != strings.TrimSpace(q2.Text) {
			t.Fatalf("%q -> %+v -> %q -> %+v", s, q, r, q2)
		}
		if utf8.ValidString(s) && !utf8.ValidString(q.Text) {
			t.Fatalf("%q: text became invalid UTF-8: %q", s, q.Text)
		}
	})
}

// FuzzSearch runs any text as a finished query and as a query being typed:
// never a panic, and the only errors are *QueryError.
func FuzzSearch(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	ix := newFixtureIndex(f)
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 200 {
			return
		}
		for _, ayt := range []bool{false, true} {
			res, err := ix.Search(context.Background(), Request{Query: s, AsYouType: ayt, Fragments: true, MaxFragments: 2, Limit: 5})
			var qe *QueryError
			if err != nil && !errors.As(err, &qe) {
				t.Fatalf("%q (as you type %v): %v", s, ayt, err)
			}
			if err != nil {
				continue
			}
			for _, h := range res.Hits {
				for _, fr := range h.Fragments {
					n := utf8.RuneCountInString(fr.Text)
					for _, m := range fr.Marks {
						if m.Start < 0 || m.End > n || m.Start >= m.End {
							t.Fatalf("%q: bad mark %v in %q", s, m, fr.Text)
						}
					}
				}
			}
		}
		if _, _, err := ix.Quotes(context.Background(), QuoteRequest{Query: s, AsYouType: true}); err != nil {
			var qe *QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("quotes %q: %v", s, err)
			}
		}
	})
}
