package index

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Query is a user query split into its shortcuts and the bleve query-string
// text that remains.
//
//	@putin, actor:putin     only documents mentioning that actor (id or name)
//	#escalatory             only documents/quotes tagged with that label
//	                        (resolved by the caller through the tag store)
//	speaker:ushakov         only documents with a quote by that speaker
//	speaker:"yury ushakov"  (quotes allow spaces)
//
// Everything else is bleve query-string syntax: words, "phrases", +must,
// -not, field:value (title:, source:, date:>"2024-01-01"), wildcards*,
// fuzzy~1.
type Query struct {
	Text     string
	Actors   []string
	Labels   []string
	Speakers []string
	// Partial is the shortcut the query ends with while it is still being
	// typed (no space after it): "actor", "label" or "speaker", with its
	// value in PartialValue. The value is also in Actors/Labels/Speakers.
	Partial      string
	PartialValue string
}

// IsEmpty reports a query with no text and no filters.
func (q Query) IsEmpty() bool {
	return strings.TrimSpace(q.Text) == "" && len(q.Actors) == 0 && len(q.Labels) == 0 && len(q.Speakers) == 0
}

// String renders the query back in the syntax ParseQuery reads.
func (q Query) String() string {
	var parts []string
	for _, a := range q.Actors {
		parts = append(parts, "@"+quoteValue(a))
	}
	for _, l := range q.Labels {
		parts = append(parts, "#"+quoteValue(l))
	}
	for _, s := range q.Speakers {
		parts = append(parts, "speaker:"+quoteValue(s))
	}
	if t := strings.TrimSpace(q.Text); t != "" {
		parts = append(parts, t)
	}
	return strings.Join(parts, " ")
}

func quoteValue(v string) string {
	if v == "" || strings.ContainsAny(v, " \t\n\r\"") || strings.IndexFunc(v, unicode.IsSpace) >= 0 {
		return `"` + strings.ReplaceAll(v, `"`, "") + `"`
	}
	return v
}

// ParseQuery splits the shortcuts off a query. It never fails: anything it
// does not recognise stays in Text for bleve's parser to judge. Shortcut
// values are lower-cased; a shortcut with an empty value ("@", "#") is left
// out.
func ParseQuery(s string) Query {
	var q Query
	var text []string
	toks := splitTokens(s)
	for i, t := range toks {
		last := i == len(toks)-1 && !endsWithSpace(s)
		kind, val, ok := shortcut(t)
		if !ok {
			text = append(text, t)
			continue
		}
		if val == "" {
			continue
		}
		val = strings.ToLower(val)
		switch kind {
		case "actor":
			q.Actors = append(q.Actors, val)
		case "label":
			q.Labels = append(q.Labels, val)
		case "speaker":
			q.Speakers = append(q.Speakers, val)
		}
		if last {
			q.Partial, q.PartialValue = kind, val
		}
	}
	q.Text = strings.Join(text, " ")
	if endsWithSpace(s) && q.Text != "" {
		q.Text += " "
	}
	return q
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && unicode.IsSpace(r)
}

// shortcut recognises @x, #x, actor:x and speaker:x (x may be "quoted").
func shortcut(t string) (kind, val string, ok bool) {
	switch {
	case strings.HasPrefix(t, "@"):
		kind, val = "actor", t[1:]
	case strings.HasPrefix(t, "#"):
		kind, val = "label", t[1:]
	case hasPrefixFold(t, "actor:"):
		kind, val = "actor", t[len("actor:"):]
	case hasPrefixFold(t, "speaker:"):
		kind, val = "speaker", t[len("speaker:"):]
	default:
		return "", "", false
	}
	val = strings.TrimSpace(strings.ReplaceAll(val, `"`, ""))
	return kind, val, true
}

func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

// splitTokens splits on white space outside double quotes; quotes stay in
// the tokens, an unclosed quote runs to the end. A backslash escapes the
// next character (bleve's syntax).
func splitTokens(s string) []string {
	var toks []string
	var b strings.Builder
	inQ := false
	esc := false
	for _, r := range s {
		switch {
		case esc:
			esc = false
			b.WriteRune(r)
		case r == '\\':
			esc = true
			b.WriteRune(r)
		case r == '"':
			inQ = !inQ
			b.WriteRune(r)
		case unicode.IsSpace(r) && !inQ:
			if b.Len() > 0 {
				toks = append(toks, b.String())
				b.Reset()
			}
		default:
			b.WriteRune(r)
		}
	}
	if b.Len() > 0 {
		toks = append(toks, b.String())
	}
	return toks
}
