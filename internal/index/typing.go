package index

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/searcher"
	vregexp "github.com/blevesearch/vellum/regexp"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/workbench-dev/workbench/internal/model"
)

// textQuery parses the query's text (bleve query-string syntax) with
// defField as the default field; typed as you type, the last word becomes a
// prefix. Every word is required unless the query asks for any word (or
// says OR). It also returns the analysed terms to highlight.
func (ix *Index) textQuery(pq model.Query, defField string) (query.Query, []string, error) {
	text, asYouType := pq.Text, pq.AsYouType
	// One budget per query: repeated terms dropped, length, terms and
	// wildcard, fuzzy and regexp clauses capped (a pasted wall of "a* "
	// took seconds and gigabytes).
	text, err := QueryBudget{}.Apply(text)
	if err != nil {
		return nil, nil, err
	}
	orig := text
	lastWord := ""
	if asYouType {
		text = dropUnclosedQuote(text)
	}
	if asYouType && !endsWithSpace(text) {
		text, lastWord = splitLastWord(text)
		if lastWord != "" && utf8.RuneCountInString(lastWord) < minPrefix {
			if strings.TrimSpace(trimPrefixPlaceholder(text)) == "" {
				// A short word alone: match it as a whole word.
				text, lastWord = lastWord, ""
			} else {
				text, lastWord = trimPrefixPlaceholder(text), ""
			}
		}
	}
	if strings.TrimSpace(text) == "" {
		return nil, nil, nil
	}
	q, err := query.NewQueryStringQuery(text).Parse()
	if err != nil && asYouType && !endsWithSpace(orig) {
		// A query being typed may end in half-written syntax ("title:",
		// "+", date:>"2025-0"): run it without its last token.
		t := strings.TrimRightFunc(text, unicode.IsSpace)
		t = trimPrefixPlaceholder(t)
		if strings.TrimSpace(t) == "" {
			return nil, nil, nil
		}
		text, lastWord = t, ""
		q, err = query.NewQueryStringQuery(t).Parse()
	}
	if err != nil {
		return nil, nil, &model.QueryError{Query: orig, Msg: cleanParseError(err) + " (quote phrases with \"...\", escape special characters such as : ( ) with a backslash)"}
	}
	var terms []string
	seen := map[string]bool{}
	add := func(ts ...string) {
		for _, t := range ts {
			if !seen[t] {
				seen[t] = true
				terms = append(terms, t)
			}
		}
	}
	var perr error
	q = ix.rewrite(q, false, func(fq query.FieldableQuery, negated bool) query.Query {
		f := fq.Field()
		if f == prefixField {
			mq, ok := fq.(*query.MatchQuery)
			if !ok {
				return fq
			}
			pq, pterms, err := ix.prefixQuery(mq.Match, defField)
			if err != nil {
				perr = err
			}
			if !negated {
				add(pterms...)
			}
			return pq
		}
		if f == "" {
			fq.SetField(defField)
			f = defField
		}
		if !negated && (f == defField || f == fTitle || f == fBody) {
			switch x := fq.(type) {
			case *query.MatchQuery:
				add(ix.analyze(x.Match)...)
			case *query.MatchPhraseQuery:
				add(ix.analyze(x.MatchPhrase)...)
			case *query.TermQuery:
				add(x.Term)
			}
		}
		return fq
	})
	if perr != nil {
		return nil, nil, perr
	}
	if err := validate(q, orig); err != nil {
		return nil, nil, err
	}
	if !pq.Any && !hasOperatorOR(orig) {
		q = requireAll(q)
	}
	return q, terms, nil
}

// requireAll makes the top-level optional clauses of a query-string query
// required: in the search line every word narrows the hits, as in any
// incremental filter, and a query of common words does not score nearly the
// whole corpus (measured at 100k documents: "trump putin" as OR matches 98%
// of the documents, 23 ms; as AND 47%, ~9 ms). An explicit OR keeps bleve's
// semantics.
func requireAll(q query.Query) query.Query {
	bq, ok := q.(*query.BooleanQuery)
	if !ok || bq.Should == nil {
		return q
	}
	dq, ok := bq.Should.(*query.DisjunctionQuery)
	if !ok || len(dq.Disjuncts) == 0 {
		return q
	}
	var must []query.Query
	if cq, ok := bq.Must.(*query.ConjunctionQuery); ok {
		must = append(must, cq.Conjuncts...)
	} else if bq.Must != nil {
		must = append(must, bq.Must)
	}
	must = append(must, dq.Disjuncts...)
	bq.Must = query.NewConjunctionQuery(must)
	bq.Should = nil
	return bq
}

func hasOperatorOR(s string) bool {
	for _, f := range strings.Fields(s) {
		if f == "OR" || f == "||" {
			return true
		}
	}
	return false
}

func cleanParseError(err error) string {
	m := err.Error()
	m = strings.TrimPrefix(m, "parse error: ")
	if strings.Contains(m, "syntax error") {
		return "syntax error"
	}
	return m
}

// rewrite walks a parsed query and lets fn replace its leaf queries.
func (ix *Index) rewrite(q query.Query, negated bool, fn func(query.FieldableQuery, bool) query.Query) query.Query {
	switch x := q.(type) {
	case *query.BooleanQuery:
		if x.Must != nil {
			x.Must = ix.rewrite(x.Must, negated, fn)
		}
		if x.Should != nil {
			x.Should = ix.rewrite(x.Should, negated, fn)
		}
		if x.MustNot != nil {
			x.MustNot = ix.rewrite(x.MustNot, !negated, fn)
		}
		if x.Filter != nil {
			x.Filter = ix.rewrite(x.Filter, negated, fn)
		}
	case *query.ConjunctionQuery:
		for i := range x.Conjuncts {
			x.Conjuncts[i] = ix.rewrite(x.Conjuncts[i], negated, fn)
		}
	case *query.DisjunctionQuery:
		for i := range x.Disjuncts {
			x.Disjuncts[i] = ix.rewrite(x.Disjuncts[i], negated, fn)
		}
	case query.FieldableQuery:
		return fn(x, negated)
	}
	return q
}

// prefixQuery is the query of the word being typed: its most frequent
// completions, the word itself analysed (so typing a whole word never loses
// the hits of its stem: "zelensky" is indexed as "zelenski", which no prefix
// "zelensky" reaches), and the stems the prefix already extends
// ("escalatio" still finds "escal").
func (ix *Index) prefixQuery(word, field string) (query.Query, []string, error) {
	lw := strings.ToLower(word)
	exp, err := ix.expandPrefix(field, lw)
	if err != nil {
		return nil, nil, err
	}
	var terms []string
	add := func(t string) {
		if !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	for _, t := range ix.analyze(word) {
		add(t)
	}
	for _, t := range exp {
		add(t)
	}
	rs := []rune(lw)
	for k := max(4, len(rs)-5); k < len(rs); k++ {
		if t := string(rs[:k]); ix.hasTerm(field, t) {
			add(t)
		}
	}
	if len(terms) == 0 {
		// A stop word being typed: nothing to look for yet.
		return bleve.NewMatchAllQuery(), nil, nil
	}
	if len(terms) == 1 {
		return termQuery(field, terms[0]), terms, nil
	}
	qs := make([]query.Query, len(terms))
	for i, t := range terms {
		qs[i] = termQuery(field, t)
	}
	return bleve.NewDisjunctionQuery(qs...), terms, nil
}

// hasTerm reports whether field's dictionary holds term.
func (ix *Index) hasTerm(field, term string) bool {
	for _, p := range ix.parts {
		fd, err := p.bi.FieldDictRange(field, []byte(term), []byte(term))
		if err != nil {
			return false
		}
		de, err := fd.Next()
		fd.Close()
		if err == nil && de != nil && de.Term == term {
			return true
		}
	}
	return false
}

// expandPrefix returns the maxExpansion most frequent terms of field that
// start with prefix (cached until the next write).
func (ix *Index) expandPrefix(field, prefix string) ([]string, error) {
	key := field + "\x00" + prefix
	ix.mu.Lock()
	if ix.expand != nil {
		if e, ok := ix.expand[key]; ok {
			ix.mu.Unlock()
			return e, nil
		}
	}
	ix.mu.Unlock()
	fd, err := ix.dictPrefix(field, prefix)
	if err != nil {
		return nil, err
	}
	defer fd.Close()
	type tc struct {
		t string
		c uint64
	}
	var top []tc
	for {
		de, err := fd.Next()
		if err != nil {
			return nil, err
		}
		if de == nil {
			break
		}
		if len(top) < maxExpansion {
			top = append(top, tc{de.Term, de.Count})
			if len(top) == maxExpansion {
				sort.Slice(top, func(i, j int) bool { return top[i].c > top[j].c })
			}
			continue
		}
		if de.Count > top[len(top)-1].c {
			top[len(top)-1] = tc{de.Term, de.Count}
			for i := len(top) - 1; i > 0 && top[i].c > top[i-1].c; i-- {
				top[i], top[i-1] = top[i-1], top[i]
			}
		}
	}
	sort.SliceStable(top, func(i, j int) bool { return top[i].c > top[j].c })
	// Most frequent first, within a budget of postings: a three-letter
	// prefix's top terms otherwise union most of the corpus ("spe" at 100k
	// documents: 65k matches, 20 ms).
	var out []string
	var sum uint64
	for _, e := range top {
		if len(out) > 0 && sum+e.c > expansionBudget {
			break
		}
		sum += e.c
		out = append(out, e.t)
	}
	ix.mu.Lock()
	if ix.expand == nil {
		ix.expand = map[string][]string{}
	}
	if len(ix.expand) > 4096 {
		ix.expand = map[string][]string{}
	}
	ix.expand[key] = out
	ix.mu.Unlock()
	return out, nil
}

// dropUnclosedQuote removes the last double quote when the quotes do not
// pair up (a phrase still being typed becomes plain words).
func dropUnclosedQuote(s string) string {
	n, last := 0, -1
	esc := false
	for i, r := range s {
		switch {
		case esc:
			esc = false
		case r == '\\':
			esc = true
		case r == '"':
			n++
			last = i
		}
	}
	if n%2 == 0 {
		return s
	}
	if last > 0 && strings.ContainsRune(":<>=", rune(s[last-1])) {
		// A field value being typed (title:"alas): close it.
		return s + `"`
	}
	return s[:last] + " " + s[last+1:]
}

// splitLastWord replaces a trailing plain word (letters and digits, with
// at least one letter, optionally after +) by the prefix placeholder.
func splitLastWord(s string) (string, string) {
	i := strings.LastIndexFunc(s, unicode.IsSpace) + 1
	tok := s[i:]
	mod := ""
	if strings.HasPrefix(tok, "+") {
		mod, tok = "+", tok[1:]
	}
	if tok == "" {
		return s, ""
	}
	letter := false
	for _, r := range tok {
		if unicode.IsLetter(r) {
			letter = true
		} else if !unicode.IsDigit(r) {
			return s, ""
		}
	}
	if !letter {
		return s, ""
	}
	return s[:i] + mod + prefixField + ":" + tok, tok
}

func trimPrefixPlaceholder(s string) string {
	i := strings.LastIndexFunc(s, unicode.IsSpace) + 1
	return s[:i]
}

// validate checks what bleve would only find when it runs the query: bad
// regular expressions, fuzziness above bleve's limit, and each leaf's own
// validation.
func validate(q query.Query, orig string) error {
	var err error
	var walk func(q query.Query)
	walk = func(q query.Query) {
		if err != nil || q == nil {
			return
		}
		switch x := q.(type) {
		case *query.BooleanQuery:
			walk(x.Must)
			walk(x.Should)
			walk(x.MustNot)
			walk(x.Filter)
			return
		case *query.ConjunctionQuery:
			for _, c := range x.Conjuncts {
				walk(c)
			}
			return
		case *query.DisjunctionQuery:
			for _, c := range x.Disjuncts {
				walk(c)
			}
			return
		case *query.RegexpQuery:
			if _, e := vregexp.New(x.Regexp); e != nil {
				err = &model.QueryError{Query: orig, Msg: fmt.Sprintf("regular expression /%s/: %v", x.Regexp, e)}
				return
			}
		case *query.FuzzyQuery:
			if x.Fuzziness > searcher.MaxFuzziness {
				err = &model.QueryError{Query: orig, Msg: fmt.Sprintf("fuzziness %d of %q: at most %d", x.Fuzziness, x.Term, searcher.MaxFuzziness)}
				return
			}
		case *query.MatchQuery:
			if x.Fuzziness > searcher.MaxFuzziness {
				err = &model.QueryError{Query: orig, Msg: fmt.Sprintf("fuzziness %d of %q: at most %d", x.Fuzziness, x.Match, searcher.MaxFuzziness)}
				return
			}
		case *query.MatchPhraseQuery:
			if x.Fuzziness > searcher.MaxFuzziness {
				err = &model.QueryError{Query: orig, Msg: fmt.Sprintf("fuzziness %d of %q: at most %d", x.Fuzziness, x.MatchPhrase, searcher.MaxFuzziness)}
				return
			}
		}
		if v, ok := q.(query.ValidatableQuery); ok {
			if e := v.Validate(); e != nil {
				err = &model.QueryError{Query: orig, Msg: e.Error()}
			}
		}
	}
	walk(q)
	return err
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && unicode.IsSpace(r)
}
