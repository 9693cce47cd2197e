package analyze

import "strings"

// Long subjects after a quotation: “Q,” the Ohio senator and Republican
// presidential candidate said / “Q,” one senior official said / “Q,” an
// aide, who was not authorized to speak, told reporters / “Q,” Jane Roe,
// who chairs the group said. The short-subject rule (quote-x-said) takes
// the noun phrase right before the cue; here the subject is the phrase
// that opens right after the quotation and runs to the cue, or to a
// relative clause or appositive between commas before it.

// longSubjectSaid is tried after the other trailing rules: j is the first
// token after the quotation (and its comma).
func (x *attributor) longSubjectSaid(ti, j int) attribution {
	d := x.d
	n := len(d.toks)
	// (A quotation ending in "?" or "!" may end a sentence for the
	// splitter while its attribution follows: the scan keeps to j's.)
	if j >= n || d.toks[j].kind != tWord {
		return noAttribution
	}
	// Only a quotation that opens its sentence, and no title ("On the
	// episode of “The Morning Show,” the candidate said ...").
	sg := d.segs[d.toks[ti].q]
	if !d.sentenceStart(ti) || titleCasePhrase(d.text[sg.start:sg.end]) {
		return noAttribution
	}
	sent := d.toks[j].sent
	k := -1
	commas := []int{}
	relative := false // inside ", who ... ,": its verbs are not the cue
	relCue := -1
	for m := j; m < n && m < j+28 && d.toks[m].sent == sent; m++ {
		t := d.toks[m]
		if t.kind == tQuote || t.kind == tPara {
			return noAttribution
		}
		if t.kind == tPunct {
			switch {
			case d.punct(m, ','):
				commas = append(commas, m)
				relative = d.is(m+1, "who") || d.is(m+1, "which")
			case d.punctIn(m, "-()"):
			case d.punct(m, '.') && m > j && (d.isAbbrev(m-1) || m+1 < n && d.toks[m+1].s == t.e && d.toks[m+1].kind == tWord):
				// "Sen.", "fivethirtyeight.com"
			default:
				m = n // the clause ends: the cue, if any, is found
			}
			continue
		}
		if m > j && d.isCue(m) && relative && relCue < 0 && !d.is(m-1, "to") {
			relCue = m // "Jane Roe, who chairs the group said": no closing comma
		}
		if m > j && d.isCue(m) && !relative && !d.is(m-1, "to") {
			k = m
			break
		}
	}
	if k < 0 {
		k = relCue
	}
	if k < 0 || cueVerbs[d.word(k)]&cueIng != 0 || x.opensNextQuote(k) {
		return noAttribution
	}
	// The cue is the clause's own verb, not a relative clause's ("..., who
	// said"): the word before it (past auxiliaries) is no relative pronoun.
	before := x.skipAuxLeft(k-1, j)
	if before < j || d.is(before, "who") || d.is(before, "which") || d.is(before, "that") {
		return noAttribution
	}
	commaBeforeCue := d.punct(before, ',')
	var sub subject
	switch w := d.word(j); {
	case determiners[w] && !demonstratives[w] || d.toks[j].cap && d.possessive(j) && j+1 < k && !d.toks[j+1].cap:
		sub = x.phraseTo(j, k, commas, commaBeforeCue)
	case d.toks[j].cap:
		sub = x.nameThenClause(j, k, commas, commaBeforeCue)
	}
	if sub.kind == subjNone {
		return noAttribution
	}
	return x.resolve(sub, x.cueText(k), "quote-x-said", 0.8, ti)
}

// phraseTo: a description from j up to the cue k: "the Ohio senator and
// Republican presidential candidate", "one of two witnesses who relayed
// the story", "an intelligence source, who was not authorized to speak,",
// "the bespectacled, 71-year-old diplomat".
func (x *attributor) phraseTo(j, k int, commas []int, commaBeforeCue bool) subject {
	d := x.d
	end := x.skipAuxLeft(k-1, j) + 1
	if len(commas) > 0 {
		c1 := commas[0]
		switch {
		case commaBeforeCue && (len(commas) >= 2 || c1 == x.skipAuxLeft(k-1, j)):
			// an appositive or relative clause between two commas
			end = c1
		case len(commas) == 1 && !commaBeforeCue:
			// adjectives in a row: "the bespectacled, 71-year-old diplomat"
			for m := c1 + 1; m < end; m++ {
				if d.toks[m].kind == tWord && functionWords[d.word(m)] {
					return subject{}
				}
			}
		default:
			return subject{}
		}
	}
	// A relative clause with no commas ends the phrase proper: "one of two
	// witnesses who relayed the same story said".
	for m := j + 1; m < end; m++ {
		if d.is(m, "who") || d.is(m, "that") || d.is(m, "which") {
			end = m
			break
		}
	}
	if end-j < 2 {
		return subject{}
	}
	for m := j + 1; m < end; m++ {
		t := d.toks[m]
		if t.kind != tWord {
			if d.punctIn(m, "-,") {
				continue
			}
			return subject{}
		}
		w := d.word(m)
		// Inside the phrase: nouns, adjectives, names, "of" and "and";
		// any verb or other function word means this is a clause.
		if w != "of" && w != "and" && w != "for" && (functionWords[w] || aux[w] || d.isCue(m) || personPronouns[w] != 0) {
			return subject{}
		}
	}
	if d.toks[end-1].kind != tWord || functionWords[d.word(end-1)] {
		return subject{}
	}
	return subject{kind: subjDesc, a: j, b: end}
}

// nameThenClause: a name right after the quotation, then an appositive or
// relative clause before the cue: “Q,” Jane Roe, who chairs the group
// said / “Q,” Will Roe, the county chairman, said.
func (x *attributor) nameThenClause(j, k int, commas []int, commaBeforeCue bool) subject {
	d := x.d
	if len(commas) == 0 {
		return subject{}
	}
	c1 := commas[0]
	a := j
	// "Will", "May": a first name that is also a modal verb.
	if w := d.word(j); (w == "will" || w == "may") && d.toks[j].cap && j+1 < c1 && d.toks[j+1].kind == tWord && d.toks[j+1].cap {
		a = j + 1
	}
	sub := x.nameRight(a)
	if sub.kind != subjName || sub.a != a || sub.b != c1 {
		return subject{}
	}
	// "Jane Roe, who chairs the group said", "Jane Roe, the analyst who
	// founded the site tweeted": a relative clause or an appositive whose
	// closing comma is missing.
	open := len(commas) == 1 && (d.is(c1+1, "who") || determiners[d.word(c1+1)] && !demonstratives[d.word(c1+1)])
	if !commaBeforeCue && !open {
		return subject{}
	}
	return sub
}

// quantifiers take "of" in a subject: "one of the advisers".
var quantifiers = set("one two three some many several each any few both most another")

// docSurname: a one-word name that is the surname of a fuller name in the
// document, even when it is also a function word: "From said" in a story
// that names Al From, "Will wrote" after George Will.
func (x *attributor) docSurname(name string) bool {
	if w := strings.ToLower(name); len(name) < 3 || strings.ContainsRune(name, ' ') || personPronouns[w] != 0 || determiners[w] || conjunctions[w] {
		return false
	}
	if !x.haveFull {
		x.haveFull = true
		x.collectNames()
	}
	f, ok := x.full[foldString(name)]
	if !ok || lastWord(f.text) != name {
		return false
	}
	first := foldString(firstWord(f.text))
	return !functionWords[first] && !openers[first] && !determiners[first]
}

// surnameAt: the capitalised word at token i is such a surname.
func (x *attributor) surnameAt(i int) bool {
	t := x.d.toks[i]
	if t.kind != tWord || !t.cap {
		return false
	}
	return x.docSurname(string(x.d.text[t.s:t.e]))
}

// withSubject: a cue inside an absolute phrase, "with NP V-ing ...", has
// that noun phrase for subject ("Republicans were irritated, with Sen.
// Jane Roe calling it a “Q”", "the campaign has denied it, with Roe
// taking to Twitter to call him “Q”").
func (x *attributor) withSubject(k, lo int) (subject, bool) {
	d := x.d
	for c := k - 1; c >= max(lo, k-20); c-- {
		t := d.toks[c]
		// (a quoted phrase may lie inside the phrase: "with Trump
		// tweeting that it was a “disaster” and asking, “Q”")
		if t.kind == tPara || d.punctIn(c, ";:") {
			return subject{}, false
		}
		if !d.is(c, "with") || c+1 >= k {
			continue
		}
		var sub subject
		if d.toks[c+1].cap {
			sub = x.nameRight(c + 1)
		} else {
			sub = x.subjectRight(c + 1)
		}
		// (not "with the biblical saying “Q”": a noun after an adjective)
		if sub.kind == subjNone || sub.a != c+1 || sub.b >= k+1 || !d.toks[sub.b-1].cap && adjectiveLike(d.word(sub.b-1)) {
			return subject{}, false
		}
		m := sub.b
		for m < k && d.toks[m].kind == tWord && aux[d.word(m)] {
			m++
		}
		if m <= k && d.toks[m].kind == tWord && strings.HasSuffix(d.word(m), "ing") {
			return sub, true
		}
		return subject{}, false
	}
	return subject{}, false
}
