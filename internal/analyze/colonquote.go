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
		if !x.agentDesc(&sub) {
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
	if titleWords[w] && !officeModifiers[w] || orgWords[w] || groupish(w) {
		return true
	}
	for _, suf := range []string{"ist", "ists", "ian", "ians", "tor", "tors", "ant", "ants", "dent", "dents", "gent", "gents"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// introducedBefore: a quotation that opens its sentence right after a
// sentence with no quotation whose subject is another named person
// ("“Q1,” Pence said. Sen. Jane Roe, who lost the primary, identified
// young voters as the key. “Q2”") is that person's, not a continuation
// of the quotation before.
func (x *attributor) introducedBefore(ti, pq int, atts []attribution, prevHasQuote bool, psLo, psHi int) attribution {
	d := x.d
	// (A quotation in that sentence may only be a title: “Face the Nation”.)
	if !d.sentenceStart(ti) || psHi <= psLo || pq < 0 || atts[pq].speaker == "" || prevHasQuote && d.segs[pq].start >= int(d.toks[psLo].s) {
		return noAttribution
	}
	if d.segs[pq].para != d.segs[d.toks[ti].q].para && d.segs[pq].para != d.segs[d.toks[ti].q].para-1 {
		return noAttribution
	}
	sub := x.sentenceSubject(psLo, psHi)
	if sub.kind != subjName {
		return noAttribution
	}
	at := x.resolve(sub, "", "previous-sentence-subject", 0.5, ti)
	// A person: a registry person or a name whose gender is known ("The
	// United Kingdom is the leader in this regard" introduces no one).
	person := at.gender != 0 || at.actor >= 0 && x.a.reg.actors[at.actor].Kind == "person"
	if at.speaker == "" || at.speaker == atts[pq].speaker || !person {
		return noAttribution
	}
	return at
}

// carriedOver: a quotation inside a sentence with no cue and no person
// for a subject, right after a sentence that closes with an attributed
// quotation, goes on with that speaker ("“Q1,” Trump said. Instead, “Q2”",
// "“Q1,” Roe added. But that is not the same thing as “Q2”").
func (x *attributor) carriedOver(ti, pq int, atts []attribution) attribution {
	d := x.d
	if d.sentenceStart(ti) || pq < 0 || atts[pq].speaker == "" {
		return noAttribution
	}
	// Words said, not a term: four words at least.
	sg := d.segs[d.toks[ti].q]
	if fieldCount(d.text[sg.start:sg.end], 4) < 4 {
		return noAttribution
	}
	// A capitalised phrase inside a sentence is a title (The draft law “On
	// Prevention ...”) unless a comma or colon opens it.
	if unicode.IsUpper(d.text[sg.start]) && !d.punctIn(ti-1, ",:") {
		return noAttribution
	}
	lo, _ := x.sentRange(ti)
	if _, _, ok := x.cueBefore(lo, ti); ok {
		return noAttribution
	}
	hasQuote, psLo, psHi := x.prevSentence(lo)
	if !hasQuote || psHi <= psLo || d.segs[pq].start < int(d.toks[psLo].s) || d.segs[pq].para != d.segs[d.toks[ti].q].para {
		return noAttribution
	}
	// The earlier quotation closes its sentence with its attribution
	// ("“Q1,” Trump said."), so it is words said, not a title.
	if r := atts[pq].rule; !strings.HasPrefix(r, "quote-x-said") && !strings.HasPrefix(r, "quote-said-x") {
		return noAttribution
	}
	at := atts[pq]
	at.rule, at.conf, at.fromQuote = "continuation", min(at.conf, 0.6), pq
	return at
}

// agentDesc: a description opening with an article or a possessive whose
// head can say something ("The campaign", "the agency", "his lawyer", "the
// FBI"). A present-tense verb the phrase swallowed is dropped first ("The
// Sanders campaign projects" -> "The Sanders campaign"); sub is updated.
func (x *attributor) agentDesc(sub *subject) bool {
	d := x.d
	if sub.kind != subjDesc {
		return false
	}
	w := d.word(sub.a)
	if !(articles[w] || possessives[w]) || demonstratives[w] || w == "your" || w == "my" {
		return false
	}
	head := func(i int) bool {
		return agentHead(d.word(i)) || d.toks[i].cap && !functionWords[d.word(i)]
	}
	if head(sub.b - 1) {
		return true
	}
	if v := d.word(sub.b - 1); sub.b-sub.a >= 3 && !d.toks[sub.b-1].cap && strings.HasSuffix(v, "s") && !strings.HasSuffix(v, "ss") && head(sub.b-2) {
		sub.b--
		return true
	}
	return false
}

// saidWords: the quotation at ti is words said rather than a term or a
// name: three words at least and not in title case.
func (x *attributor) saidWords(ti int) bool {
	sg := x.d.segs[x.d.toks[ti].q]
	rs := x.d.text[sg.start:sg.end]
	return fieldCount(rs, 3) >= 3 && !titleCasePhrase(rs)
}

// officeModifiers are title words that name a field, not a person: "the
// economy", "the security", "the press".
var officeModifiers = set("economy trade finance health security state press defense defence interior foreign national justice affairs first former retired acting interim deputy vice white us u.s")
