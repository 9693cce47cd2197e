package index

import (
	"fmt"
	"regexp/syntax"
	"strings"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
	"github.com/workbench-dev/workbench/internal/qlang"
)

// QueryBudget bounds what one query may ask of the index before bleve sees
// it (issue 12 item 4: `a* ` repeated 100 times took 14 s and 627 MB).
// Zero fields take the defaults.
type QueryBudget struct {
	// MaxChars caps the query's length in characters (default 1,000).
	MaxChars int
	// MaxClauses caps the number of terms and phrases after repeated ones
	// are dropped (default 64).
	MaxClauses int
	// MaxExpansions caps the wildcard (a*, a?c), fuzzy (word~, word~2) and
	// regular-expression (/re/) clauses, each of which bleve expands into
	// many terms (default 4).
	MaxExpansions int
	// MaxRepeat caps a repetition count inside a regular expression,
	// {n}/{n,m} (default 100).
	MaxRepeat int
}

// Defaults of QueryBudget.
const (
	DefaultMaxQueryChars  = 1000
	DefaultMaxClauses     = 64
	DefaultMaxExpansions  = 4
	DefaultMaxRegexRepeat = 100
)

func (b QueryBudget) norm() QueryBudget {
	if b.MaxChars <= 0 {
		b.MaxChars = DefaultMaxQueryChars
	}
	if b.MaxClauses <= 0 {
		b.MaxClauses = DefaultMaxClauses
	}
	if b.MaxExpansions <= 0 {
		b.MaxExpansions = DefaultMaxExpansions
	}
	if b.MaxRepeat <= 0 {
		b.MaxRepeat = DefaultMaxRegexRepeat
	}
	return b
}

// BudgetError is a query over its QueryBudget. It unwraps to a *QueryError,
// so callers that treat *QueryError as a usage error (exit 2, a message in
// the search line) treat this one the same.
type BudgetError struct {
	Query string
	// What is over: "length", "clauses", "expansions" or "regexp".
	What  string
	Got   int
	Limit int
	Msg   string
}

func (e *BudgetError) Error() string { return e.Msg }

// Unwrap gives the *QueryError form.
func (e *BudgetError) Unwrap() error { return &model.QueryError{Query: e.Query, Msg: e.Msg} }

// Apply checks a query text (bleve query-string syntax, shortcuts already
// split off by qlang.Parse) against the budget and returns it with repeated
// clauses dropped (the first of each is kept, in order; a repeat changes
// only the score). A query over the budget gives a *BudgetError with a
// message saying what to do; a regular expression that does not compile
// gives a *QueryError. It runs in time linear in the query's length.
func (b QueryBudget) Apply(text string) (string, error) {
	b = b.norm()
	short := text
	if len(short) > 60 {
		short = strings.ToValidUTF8(short[:60], "") + "…"
	}
	if n := utf8.RuneCountInString(text); n > b.MaxChars {
		return "", &BudgetError{Query: short, What: "length", Got: n, Limit: b.MaxChars,
			Msg: fmt.Sprintf("the query is %d characters long; the limit is %d: shorten it", n, b.MaxChars)}
	}
	toks := qlang.Tokens(text)
	seen := make(map[string]bool, len(toks))
	kept := toks[:0:0]
	expansions := 0
	for _, t := range toks {
		if seen[t] {
			continue
		}
		seen[t] = true
		kept = append(kept, t)
		kind, body := clauseKind(t)
		switch kind {
		case "regexp":
			expansions++
			if err := checkRegexp(body, b.MaxRepeat); err != nil {
				if be, ok := err.(*BudgetError); ok {
					be.Query = short
					return "", be
				}
				return "", &model.QueryError{Query: short, Msg: err.Error()}
			}
		case "wildcard", "fuzzy":
			expansions++
		}
	}
	if len(kept) > b.MaxClauses {
		return "", &BudgetError{Query: short, What: "clauses", Got: len(kept), Limit: b.MaxClauses,
			Msg: fmt.Sprintf("the query has %d different terms; the limit is %d: search for fewer words at once", len(kept), b.MaxClauses)}
	}
	if expansions > b.MaxExpansions {
		return "", &BudgetError{Query: short, What: "expansions", Got: expansions, Limit: b.MaxExpansions,
			Msg: fmt.Sprintf("the query has %d wildcard, fuzzy or regular-expression terms (such as a*, word~ or /re/); the limit is %d: use fewer, or longer prefixes", expansions, b.MaxExpansions)}
	}
	out := strings.Join(kept, " ")
	if len(kept) > 0 && endsWithSpace(text) && !endsWithSpace(out) {
		out += " "
	}
	return out, nil
}

// clauseKind tells what bleve makes of one query-string token: "regexp"
// (with the expression), "wildcard", "fuzzy", "phrase" or "term".
func clauseKind(t string) (kind, body string) {
	t = strings.TrimLeft(t, "+-")
	// A field name: letters, digits, _ . before an unescaped colon.
	if i := strings.IndexByte(t, ':'); i > 0 && isFieldName(t[:i]) {
		t = t[i+1:]
		// Range operators (date:>"2024") are plain comparisons.
		t = strings.TrimLeft(t, "<>=")
	}
	if strings.HasPrefix(t, `"`) {
		return "phrase", ""
	}
	if len(t) >= 2 && t[0] == '/' {
		if j := strings.LastIndexByte(t, '/'); j > 0 {
			return "regexp", t[1:j]
		}
	}
	// Drop a boost (^2) before looking at the end.
	if i := strings.LastIndexByte(t, '^'); i > 0 && !escapedAt(t, i) {
		t = t[:i]
	}
	if i := strings.LastIndexByte(t, '~'); i > 0 && !escapedAt(t, i) && allDigits(t[i+1:]) {
		return "fuzzy", ""
	}
	for i := 0; i < len(t); i++ {
		if t[i] == '\\' {
			i++
			continue
		}
		if t[i] == '*' || t[i] == '?' {
			return "wildcard", ""
		}
	}
	return "term", ""
}

func isFieldName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.') {
			return false
		}
	}
	return s != ""
}

// escapedAt reports whether the byte at i is escaped by an odd number of
// backslashes.
func escapedAt(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// checkRegexp parses a query regexp as bleve's engine (Go's RE2 syntax)
// will, and refuses repetition counts over maxRepeat: /.{1000}/ compiles to
// a program a thousand states long for every term it is tried on.
func checkRegexp(body string, maxRepeat int) error {
	re, err := syntax.Parse(body, syntax.Perl)
	if err != nil {
		return fmt.Errorf("invalid regular expression /%s/: %v", body, err)
	}
	// The cost of nested repetitions multiplies: (a{10}){20} is 200.
	worst := 0
	var walk func(r *syntax.Regexp, mul int)
	walk = func(r *syntax.Regexp, mul int) {
		if r.Op == syntax.OpRepeat {
			n := max(r.Min, r.Max)
			if mul > 0 && n > 0 {
				mul = min(mul*n, 1<<20)
			}
			worst = max(worst, mul)
		}
		for _, s := range r.Sub {
			walk(s, mul)
		}
	}
	walk(re, 1)
	if worst > maxRepeat {
		return &BudgetError{What: "regexp", Got: worst, Limit: maxRepeat,
			Msg: fmt.Sprintf("the regular expression /%s/ repeats %d times; the limit is %d: use a shorter repetition", shorten(body, 40), worst, maxRepeat)}
	}
	return nil
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
