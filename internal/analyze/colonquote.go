package analyze

import (
	"strings"
	"unicode"
)

// Quotations introduced by a colon: the clause before the colon names the
// one who says them ("Clinton, exasperated, famously responded: “Q?”",
// "The campaign, in a Q&A, worded it even more carefully: “Q”", "A
// footnote in the report makes that clear: “Q”").

// colonFirst: a sentence quoted after a colon and ending its sentence
// belongs to the cue before the colon, not to a cue after it (that one
// opens the next sentence: "... responded: “Q?” Her critics cited it").
func (x *attributor) colonFirst(ti int) attribution {
	d := x.d
	sg := d.segs[d.toks[ti].q]
	if ti < 2 || !d.punct(ti-1, ':') || !sg.endsSentence || !unicode.IsUpper(d.text[sg.start]) {
		return noAttribution
	}
	at := x.leading(ti)
	if at.speaker == "" || !strings.HasPrefix(at.rule, "x-said-quote") && !strings.HasPrefix(at.rule, "x-cue-in-sentence") {
		return noAttribution
	}
	return at
}

// colonSubject: a sentence quoted after a colon with no cue before it:
// the subject of the clause before the colon, a name, a pronoun or a
// description opening with an article or possessive.
func (x *attributor) colonSubject(ti int) attribution {
	d := x.d
	sg := d.segs[d.toks[ti].q]
	if ti < 3 || !d.punct(ti-1, ':') || !unicode.IsUpper(d.text[sg.start]) {
		return noAttribution
	}
	lo, _ := x.sentRange(ti - 1)
	if lo >= ti-2 {
		return noAttribution
	}
	sub := x.sentenceSubject(lo, ti-1)
	switch sub.kind {
	case subjName:
	case subjPron:
		if d.is(sub.a, "it") {
			return noAttribution
		}
	case subjDesc:
		// (not "Your state: “Q”", an address to the reader)
		if w := d.word(sub.a); !(articles[w] || possessives[w]) || demonstratives[w] || w == "your" || w == "my" || !agentHead(d.word(sub.b-1)) {
			return noAttribution
		}
	default:
		return noAttribution
	}
	return x.resolve(sub, ":", "x-colon-quote", 0.6, ti)
}

// agentHead: the head of a description that can say something: an office,
// an organisation, a group, or a noun of agent ("the protagonist", "the
// senator"); not "the question", "his answer", "the next point".
func agentHead(w string) bool {
	if titleWords[w] || orgWords[w] || groupish(w) {
		return true
	}
	for _, suf := range []string{"ist", "ists", "ian", "ians", "or", "ors", "ant", "ants", "ent", "ents"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}
