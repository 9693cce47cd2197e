package index

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
)

// Issue 12 item 4: repeated terms and wildcards had no budget.
func TestQueryBudget(t *testing.T) {
	var b QueryBudget
	ok := []struct{ in, want string }{
		{strings.Repeat("putin ", 100), "putin "},
		{strings.Repeat("a* ", 100), "a* "},
		{"peace talks peace +talks -war -war", "peace talks +talks -war"},
		{`"peace talks" "peace talks" title:peace date:>"2024-01-01"`, `"peace talks" title:peace date:>"2024-01-01"`},
		{`a\* b\? c\~ d^2 e~ f~1 /ab+c/`, `a\* b\? c\~ d^2 e~ f~1 /ab+c/`},
		{"", ""},
	}
	for _, c := range ok {
		got, err := b.Apply(c.in)
		if err != nil || got != c.want {
			t.Errorf("Apply(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	bad := []struct{ in, what string }{
		{strings.Repeat("x", 1001), "length"},
		{strings.Repeat("putin ", 21000), "length"},
		{"a* b* c* d* e*", "expansions"},
		{"wor~ wo?d /w.*/ +title:w* -x~2", "expansions"},
		{"/.{1000}/", "regexp"},
		{"/(a{20}){20}/", "regexp"},
	}
	for _, c := range bad {
		start := time.Now()
		_, err := b.Apply(c.in)
		var be *BudgetError
		if !errors.As(err, &be) || be.What != c.what {
			t.Errorf("Apply(%.40q) = %v, want a %s BudgetError", c.in, err, c.what)
			continue
		}
		var qe *model.QueryError
		if !errors.As(err, &qe) || !strings.Contains(qe.Error(), "limit") {
			t.Errorf("%s: does not unwrap to a *model.QueryError with the message: %v", c.what, qe)
		}
		if !strings.Contains(err.Error(), "limit") || len(qe.Query) > 80 {
			t.Errorf("message %q (query %q)", err, qe.Query)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: took %v", c.what, d)
		}
	}
	var words []string
	for i := 0; i < 65; i++ {
		words = append(words, "w"+strings.Repeat("x", i%10)+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	if _, err := b.Apply(strings.Join(words, " ")); err == nil || !strings.Contains(err.Error(), "65 different terms") {
		t.Errorf("65 terms: %v", err)
	}
	// A regexp that does not compile is a plain *model.QueryError.
	_, err := b.Apply("/a(/")
	var qe *model.QueryError
	var be *BudgetError
	if !errors.As(err, &qe) || errors.As(err, &be) || !strings.Contains(err.Error(), "invalid regular expression") {
		t.Errorf("bad regexp: %v", err)
	}
	// Custom limits.
	if _, err := (QueryBudget{MaxExpansions: 1}).Apply("a* b*"); err == nil {
		t.Error("MaxExpansions 1 let two through")
	}
}

func FuzzQueryBudget(f *testing.F) {
	for _, s := range []string{"a* a*", `"x y" /re{3}/ z~2^3`, `\\/x/`, `title:/a/ -b? +c*`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, err := QueryBudget{}.Apply(s)
		if err != nil {
			var qe *model.QueryError
			if !errors.As(err, &qe) {
				t.Fatalf("error %v is not a *model.QueryError", err)
			}
			return
		}
		// Invalid UTF-8 comes out as U+FFFD (longer in bytes, not in
		// characters).
		if utf8.RuneCountInString(out) > utf8.RuneCountInString(s)+1 {
			t.Fatalf("grew: %q -> %q", s, out)
		}
		again, err := QueryBudget{}.Apply(out)
		if err != nil || again != out {
			t.Fatalf("not idempotent: %q -> %q -> %q, %v", s, out, again, err)
		}
	})
}
