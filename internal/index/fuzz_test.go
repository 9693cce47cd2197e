package index

import (
	"context"
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/qlang"

	"github.com/workbench-dev/workbench/internal/model"
)

var fuzzSeeds = []string{
	"zelensky tomahawk", "@putin escalation", `"peace talks"`, "ryabkov momentum", "speaker:ushakov",
	`speaker:"yury ushakov" talks`, "#escalatory @zel", "actor:Putin +peace -war", `title:"alaska" date:>"2025-01-01"`,
	`@"white house"`, `\"`, `@x\`, "a AND (b OR c)", "zelensk* tom~1", "", " ", "@", "#", "speaker:", `"unclosed @putin`,
	"peace^2", "\x00@\xff", "@a\tb\n#c",
}

// FuzzSearch runs any text as a finished query and as a query being typed:
// never a panic, and the only errors are *model.QueryError.
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
			var qe *model.QueryError
			pq, err := qlang.Parse(s, qlang.Options{AsYouType: ayt}, qlang.Resolver{})
			if err != nil {
				if !errors.As(err, &qe) {
					t.Fatalf("parse %q: %v", s, err)
				}
				continue
			}
			res, err := ix.Search(context.Background(), Request{Query: pq, Fragments: true, MaxFragments: 2, Limit: 5})
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
		pq, err := qlang.Parse(s, qlang.Options{AsYouType: true}, qlang.Resolver{})
		if err != nil {
			return
		}
		if _, _, err := QuotesOf(context.Background(), ix, QuoteRequest{Query: pq}); err != nil {
			var qe *model.QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("quotes %q: %v", s, err)
			}
		}
	})
}
