package analyze

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/workbench-dev/workbench/internal/model"
)

// statements lists the quotes (same ids and speakers) and the turns of a
// document, sorted by start.
// byteAt[k] is the byte offset of rune k*byteAtStep.
func (a *Analyzer) statements(docID, body string, text []rune, byteAt []int, quotes []model.Quote, turns []turnSpan) []model.Statement {
	out := make([]model.Statement, 0, len(quotes)+len(turns))
	for _, q := range quotes {
		out = append(out, model.Statement{
			ID: q.ID, DocID: docID, Kind: model.StatementQuote, Start: q.Start, End: q.End, Text: q.Text,
			Speaker: q.Speaker, SpeakerSource: quoteSource(q), Confidence: q.Confidence, SpeakerActor: q.SpeakerActor,
		})
	}
	// A turn's text is a slice of the body (turns are long): code-point
	// offsets to byte offsets from the nearest mark before, turns being in
	// text order. In a valid body each rune of text takes its UTF-8 length.
	bi, ri := 0, 0
	offset := func(r int) int {
		if c := r / byteAtStep; c < len(byteAt) && c*byteAtStep > ri {
			ri, bi = c*byteAtStep, byteAt[c]
		}
		for ; ri < r; ri++ {
			if c := text[ri]; c < utf8.RuneSelf {
				bi++
			} else {
				bi += utf8.RuneLen(c)
			}
		}
		return bi
	}
	valid := utf8.ValidString(body)
	for _, t := range turns {
		st := model.Statement{
			ID: model.StatementID(docID, t.s, t.e), DocID: docID, Kind: model.StatementTurn, Start: t.s, End: t.e,
			Speaker: t.speaker, SpeakerSource: model.SourceTurn, Confidence: t.conf,
		}
		if valid {
			bs := offset(t.s)
			st.Text = body[bs:offset(t.e)]
		} else {
			st.Text = string(text[t.s:t.e]) // bad bytes read as U+FFFD, as everywhere else
		}
		if t.actor >= 0 {
			st.SpeakerActor = a.reg.actors[t.actor].ID
		}
		if t.generic && t.speaker == "Question" {
			if name := correspondent(text[t.s:t.e]); name != "" {
				st.Speaker = name
			}
		}
		out = append(out, st)
	}
	slices.SortStableFunc(out, func(p, q model.Statement) int { return cmp.Compare(p.Start, q.Start) })
	return out
}

// correspondent is the journalist who introduces himself at the start of a
// question: "Maria Glebova, RIA Novosti. ..." -> "Maria Glebova".
func correspondent(t []rune) string {
	i := 0
	words := 0
	for words < 4 {
		if i >= len(t) || !unicode.IsUpper(t[i]) {
			return ""
		}
		for i < len(t) && (unicode.IsLetter(t[i]) || t[i] == '-' || t[i] == '’' || t[i] == '\'') {
			i++
		}
		words++
		if i < len(t) && t[i] == ',' {
			break
		}
		if i >= len(t) || t[i] != ' ' {
			return ""
		}
		i++
	}
	if words < 2 || i >= len(t) || t[i] != ',' {
		return ""
	}
	// An outlet follows, closed by a full stop within a few words.
	rest := t[i+1:]
	for k, r := range rest {
		if k > 60 || r == ',' && k > 40 {
			return ""
		}
		if r == '.' || r == '\n' {
			if k < 3 {
				return ""
			}
			name := string(t[:i])
			if !nameLike(name) && len(strings.Fields(name)) != 2 {
				return ""
			}
			return name
		}
	}
	return ""
}

// quoteSource tells where a quote's speaker comes from.
func quoteSource(q model.Quote) string {
	switch {
	case q.Speaker == "":
		return ""
	case strings.HasPrefix(q.Rule, "transcript-turn") || strings.Contains(q.Rule, "+turn"):
		return model.SourceTurn
	case strings.Contains(q.Rule, "+role"):
		return model.SourceRole
	}
	return model.SourceCue
}
