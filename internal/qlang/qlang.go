// Package qlang is workbench's query language: bleve's query-string syntax
// plus shortcuts, each of which takes + (required, the default) or -
// (excluded):
//
//	@putin  actor:putin          documents mentioning the actor
//	speaker:ushakov              documents with a statement by the speaker
//	speaker:"yury ushakov"       (quotes allow spaces)
//	#escalatory                  statements tagged with the label
//	target:nato                  statements tagged with that target
//	date:2022  date:2022-03      a year, a month, a day
//	date:>2022-01-01  date:<=2023  open ranges (with or without quotes)
//
// Parse splits a query once into model.Query; names are resolved through a
// Resolver (the application layer's registry, codebook and index). It is
// pure: no I/O.
package qlang

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
)

// Options of a parse.
type Options struct {
	// AsYouType: the query is being typed. The last word (with no space
	// after it) is a prefix; a shortcut still being typed resolves by
	// prefix and a date still being typed is ignored until complete.
	AsYouType bool
	// Any keeps bleve's either-word default for the text.
	Any bool
}

// Resolver maps the names a query uses to what the index stores. A nil
// function accepts the value as written (lower-cased). Each returns a
// *model.QueryError (naming the value and the closest known names) for a
// name it does not know.
type Resolver struct {
	// Actor resolves @name to an actor id. With partial set (the name is
	// still being typed) it returns every id the prefix may mean.
	Actor func(name string, partial bool) ([]string, error)
	// Speaker resolves speaker:name to the key the index stores.
	Speaker func(name string, partial bool) (string, error)
	// Label resolves #name to codebook label names (several while partial).
	Label func(name string, partial bool) ([]string, error)
	// Target resolves target:name to the name tags store (the registry's).
	Target func(name string) string
}

// Parse parses raw.
func Parse(raw string, o Options, r Resolver) (model.Query, error) {
	q := model.Query{Raw: raw, AsYouType: o.AsYouType, Any: o.Any}
	var text []string
	toks := splitTokens(raw)
	trailing := endsWithSpace(raw)
	for i, t := range toks {
		partial := o.AsYouType && i == len(toks)-1 && !trailing
		sign, body := splitSign(t)
		kind, val, ok := shortcut(body)
		if !ok {
			text = append(text, t)
			continue
		}
		if val == "" {
			// "@", "#", "date:" alone: nothing to filter by yet.
			if partial {
				continue
			}
			return q, &model.QueryError{Query: raw, Msg: kind + " filter " + body + " has no value"}
		}
		if err := add(&q, kind, val, sign == '-', partial, r); err != nil {
			if qe, ok := err.(*model.QueryError); ok && qe.Query == "" {
				qe.Query = raw
			}
			return q, err
		}
	}
	q.Text = strings.Join(text, " ")
	if trailing && q.Text != "" {
		q.Text += " "
	}
	return q, nil
}

// add resolves one shortcut into q.
func add(q *model.Query, kind, val string, neg, partial bool, r Resolver) error {
	switch kind {
	case "actor":
		ids := []string{strings.ToLower(val)}
		if r.Actor != nil {
			var err error
			if ids, err = r.Actor(val, partial); err != nil {
				return err
			}
		}
		switch {
		case partial && !neg && len(ids) != 1:
			q.ActorPrefixes = ids
		case partial && neg && len(ids) != 1:
			// "-@pu" still being typed: wait for the name.
		case neg:
			q.NotActors = appendNew(q.NotActors, ids[0])
		default:
			q.Actors = appendNew(q.Actors, ids[0])
		}
	case "speaker":
		key := strings.ToLower(val)
		if r.Speaker != nil {
			var err error
			if key, err = r.Speaker(val, partial); err != nil {
				return err
			}
		}
		if key == "" {
			return nil // still being typed
		}
		if neg {
			q.NotSpeakers = appendNew(q.NotSpeakers, key)
		} else {
			q.Speakers = appendNew(q.Speakers, key)
		}
	case "label":
		names := []string{val}
		if r.Label != nil {
			var err error
			if names, err = r.Label(val, partial); err != nil {
				return err
			}
		}
		if len(names) != 1 {
			if partial {
				return nil // several labels start so: wait
			}
			return &model.QueryError{Msg: "label " + val + " is ambiguous"}
		}
		if neg {
			q.NotLabels = appendNew(q.NotLabels, names[0])
		} else {
			q.Labels = appendNew(q.Labels, names[0])
		}
	case "target":
		name := val
		if r.Target != nil {
			name = r.Target(val)
		}
		if neg {
			q.NotTargets = appendNew(q.NotTargets, name)
		} else {
			q.Targets = appendNew(q.Targets, name)
		}
	case "date":
		d, err := ParseDate(val)
		if err != nil {
			if partial && incompleteDate(val) {
				return nil
			}
			return err
		}
		if neg {
			q.NotDates = append(q.NotDates, d)
		} else {
			q.Dates = append(q.Dates, d)
		}
	}
	return nil
}

func appendNew(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}

// splitSign takes a leading + or - off a token.
func splitSign(t string) (byte, string) {
	if len(t) > 1 && (t[0] == '+' || t[0] == '-') {
		return t[0], t[1:]
	}
	return 0, t
}

// shortcut recognises @x, #x, actor:x, speaker:x and date:x (x may be
// "quoted").
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
	case hasPrefixFold(t, "date:"):
		kind, val = "date", t[len("date:"):]
	case hasPrefixFold(t, "target:"):
		kind, val = "target", t[len("target:"):]
	default:
		return "", "", false
	}
	val = strings.TrimSpace(strings.ReplaceAll(val, `"`, ""))
	return kind, val, true
}

func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && unicode.IsSpace(r)
}

// Tokens splits a query as Parse does: on white space outside double
// quotes (kept in the tokens; an unclosed quote runs to the end), with a
// backslash escaping the next character.
func Tokens(s string) []string { return splitTokens(s) }

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
