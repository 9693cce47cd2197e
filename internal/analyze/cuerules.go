package analyze

import (
	"strings"
	"unicode"
)

// The cue rules of attribution: a quotation followed or preceded by a cue
// verb and its subject, "according to", transcript labels.

// endsUtterance: the quoted text ends with , ? ! or a dash, as a quotation
// followed by its attribution does.
func endsUtterance(text []rune, sg segment) bool {
	e := sg.end - 1
	for e > sg.start && (text[e] == '\'' || text[e] == '’' || text[e] == ')' || text[e] == ']') {
		e--
	}
	last := text[e]
	switch last {
	case ',', '?', '!', '—', '–', '-', '…':
		return true
	}
	if sg.markEnd < len(text) && text[sg.markEnd] == ',' {
		return true
	}
	return false
}

// sentRange is the token range [lo, hi) of the sentence of token i.
func (x *attributor) sentRange(i int) (int, int) {
	d := x.d
	if d.toks[i].kind == tPara {
		return i, i + 1
	}
	s := d.toks[i].sent
	return int(d.sLo[s]), int(d.sHi[s])
}

// window bounds every scan for cues and subjects around a quotation, so a
// text without sentence ends costs linear time.
const window = 60

// trailing: “Q,” X said / “Q,” said X / “Q” ― X.
func (x *attributor) trailing(ti int) attribution {
	d := x.d
	n := len(d.toks)
	j := ti + 1
	if j < n && d.punctIn(j, ",") {
		j++
	}
	if j < n && d.toks[j].kind == tPara {
		return x.dashParagraph(ti, j)
	}
	if j >= n {
		return noAttribution
	}
	// Dash attribution: “Q” ― Krystal Correa / — Carla Sanchez / -- Name.
	dj := j
	if d.punct(dj, '-') && d.punct(dj+1, '-') {
		dj++
	}
	if d.punctIn(dj, "―—–-") && (dj > j || !d.punct(dj, '-')) && dj+1 < n && d.toks[dj+1].kind == tWord && d.toks[dj+1].cap {
		if sub := x.nameRight(dj + 1); sub.kind == subjName {
			return x.resolve(sub, "", "quote-dash-x", 0.85, ti)
		}
	}
	sg := d.segs[d.toks[ti].q]
	// “Q,” / “Q?” / “Q!” / “Q —”, or a quotation that is its sentence.
	utterance := j > ti+1 || endsUtterance(d.text, sg) || d.sentenceStart(ti)
	if !utterance {
		return noAttribution
	}
	if at, ok := x.cameFrom(ti, j); ok {
		return at
	}
	// "said X": cue right after the quotation.
	if d.toks[j].kind == tWord && d.isCue(j) && cueVerbs[d.word(j)]&cueIng == 0 {
		cue := x.cueText(j)
		if sub := x.subjectRight(j + 1); sub.kind != subjNone {
			return x.resolve(sub, cue, "quote-said-x", 0.95, ti)
		}
	}
	// "X said": a short subject then the cue -- not after a participle
	// ("“Q,” raising fresh questions"), nor when a phrase quoted inside
	// another's sentence is followed by a cue that opens the next
	// quotation ("... at “less advanced schools,” Trump said: “Q2”").
	if d.toks[j].kind == tWord && !d.toks[j].cap && strings.HasSuffix(d.word(j), "ing") {
		return noAttribution
	}
	inner := !d.sentenceStart(ti) && unicode.IsLower(d.text[sg.start])
	for k := j; k < n && k < j+14; k++ {
		t := d.toks[k]
		if t.kind == tQuote || t.kind == tPara {
			break
		}
		if t.kind == tPunct && !d.punctIn(k, ",()-.") {
			break
		}
		if d.punct(k, '.') && !(k > 0 && d.isAbbrev(k-1)) {
			break
		}
		if k > j && (d.isCue(k) || x.closingCue(k)) {
			if cueVerbs[d.word(k)]&cueIng != 0 {
				break
			}
			sub := x.subjectLeft(k, j)
			// “Q1?” Mills then writes back, “Q2”: after a quotation that
			// ends its sentence, a cue that opens the next quotation is
			// that one's.
			if (sg.endsSentence || inner) && j == ti+1 && x.opensNextQuote(k) {
				break
			}
			// “Q.” Reid said both Rubio and Cruz are ...: after a quotation
			// that ends with a full stop, a cue with a clause of its own
			// reports something else.
			if d.text[sg.end-1] == '.' && j == ti+1 && x.ownContent(k) {
				break
			}
			if sub.kind != subjNone && sub.a == j {
				return x.resolve(sub, x.cueText(k), "quote-x-said", 0.95, ti)
			}
			break
		}
	}
	if at := x.appositiveSaid(ti, j); at.rule != "" {
		return at
	}
	return x.longSubjectSaid(ti, j)
}

// dashParagraph: a quotation that is its paragraph, signed by the next
// one: “Q” ¶ - Bernie Sanders. / —President Obama, tweeting after the
// speech.
func (x *attributor) dashParagraph(ti, j int) attribution {
	d := x.d
	n := len(d.toks)
	if !d.sentenceStart(ti) || ti+1 != j || j+2 >= n || !d.punctIn(j+1, "-—–―") || d.toks[j+2].kind != tWord || !d.toks[j+2].cap {
		return noAttribution
	}
	sub := x.nameRight(j + 2)
	if sub.kind != subjName || sub.a != j+2 {
		return noAttribution
	}
	// The signature ends the paragraph or goes on after a comma.
	if e := sub.b; e < n && !d.punctIn(e, ".,") && d.toks[e].kind != tPara {
		return noAttribution
	}
	return x.resolve(sub, "", "quote-dash-x", 0.8, ti)
}

// opensNextQuote: the cue at k (with its particle) is followed by a comma
// or colon and a quotation.
func (x *attributor) opensNextQuote(k int) bool {
	d := x.d
	m := k + 1
	if m < len(d.toks) && d.toks[m].kind == tWord && (d.is(m, "back") || d.is(m, "in") || d.is(m, "out") || d.is(m, "on")) {
		m++
	}
	return m+1 < len(d.toks) && d.punctIn(m, ",:") && d.toks[m+1].kind == tQuote
}

// cueBefore finds the nearest cue in the window before hi (not before lo),
// climbs to its main verb, and returns that verb's subject (left of it, or
// the fallback subject, subjNone when there is none) and position; ok is
// false when there is no cue at all.
func (x *attributor) cueBefore(lo, hi int) (sub subject, k int, ok bool) {
	for k = hi - 1; k >= max(lo, hi-window); k-- {
		if !x.d.isCue(k) || x.nounAfterAdjective(k) {
			continue
		}
		k = x.mainCue(k, lo)
		sub = x.subjectLeft(k, lo)
		if ws, ok := x.withSubject(k, lo); ok && cueVerbs[x.d.word(k)]&cueIng != 0 {
			sub = ws // "..., with Trump tweeting ... and asking, “Q”"
		}
		sub = x.appositiveName(sub, lo)
		// "... and in a statement credited him": the phrase after "in" is
		// where it was said, not who.
		if sub.kind == subjDesc && sub.a > lo && x.d.is(sub.a-1, "in") && (x.d.is(sub.a, "a") || x.d.is(sub.a, "an")) {
			sub = x.fallbackSubject(k, lo)
		}
		// "... but now said", "and in a later interview said": no
		// subject before the cue; a lone junk word is none either.
		if sub.kind == subjNone {
			sub = x.fallbackSubject(k, lo)
		} else if sub.kind == subjDesc && sub.b-sub.a == 1 && !GroupNoun(x.d.word(sub.a)) && junkDesc(string(x.d.text[x.d.toks[sub.a].s:x.d.toks[sub.a].e])) {
			if fb := x.fallbackSubject(k, lo); fb.kind != subjNone && x.resolve(fb, "", "fallback", 1, k).speaker != "" {
				sub = fb
			}
		}
		return sub, k, true
	}
	return subject{}, 0, false
}

// leading: X said: “Q” / X said that ... “Q” / X described it as a “Q”:
// the nearest cue before the quotation in its sentence.
func (x *attributor) leading(ti int) attribution {
	d := x.d
	lo, _ := x.sentRange(ti)
	if at, ok := x.passiveAfter(ti); ok {
		return at
	}
	sub, k, ok := x.cueBefore(lo, ti)
	if ok {
		if at, out := x.subordinateCue(k, lo, ti); out {
			return at
		}
	}
	// An inverted cue before the quotation: "..., explained Rosenberg, “Q”",
	// "But, said Solovey, “Q”".
	if ok && (sub.kind == subjNone || d.punct(k-1, ',') && invertingCues[d.word(k)]) && k+1 < ti && cueVerbs[d.word(k)]&cueIng == 0 {
		if r := x.subjectRight(k + 1); r.kind == subjName && r.b+1 == ti && d.punctIn(r.b, ",:") {
			return x.resolve(r, x.cueText(k), "said-x-quote", 0.85, ti)
		}
	}
	// "The paradox of Nancy, says Carl Anthony, a historian, is that she was
	// “Q”": an inverted cue between commas.
	if ok && d.punct(k-1, ',') && invertingCues[d.word(k)] {
		if r := x.subjectRight(k + 1); r.kind == subjName && d.punct(r.b, ',') {
			return x.resolve(r, x.cueText(k), "said-x-quote", 0.8, ti)
		}
	}
	for c := ti - 2; c > lo && c >= ti-30; c-- {
		if d.toks[c].kind == tQuote {
			break
		}
		if r, passive := x.passiveAgent(c); passive {
			return x.resolve(r, x.cueText(c)+" by", "x-said-quote", 0.8, ti)
		}
	}
	if ok && sub.kind != subjNone {
		conf, rule := 0.9, "x-said-quote"
		if ti-k > 4 {
			conf, rule = 0.8, "x-cue-in-sentence"
		}
		if at, named := x.namerOf(sub, k, lo, ti, rule, conf); named {
			return at
		}
		return x.resolve(sub, x.cueText(k), rule, conf, ti)
	}
	// A split quotation: “Q1,” said the Florida senator, “Q2”.
	// (“Q1,” said Sen. Jane Roe, R-S.C. “Q2”: after an abbreviation the
	// full stop ends no sentence.)
	if ok && k > 0 && (d.toks[k-1].kind == tQuote || k > 1 && d.punct(k-1, ',') && d.toks[k-2].kind == tQuote) && d.punctIn(ti-1, ",.") {
		if sub := x.subjectRight(k + 1); sub.kind != subjNone {
			return x.resolve(sub, x.cueText(k), "quote-said-x", 0.9, ti)
		}
	}
	// (A cue without a subject, "..., saying “Q”" after another quotation,
	// falls through to the rules below.)
	// Name: “Q” (a colon with no verb).
	if c := ti - 1; c > lo && d.punct(c, ':') {
		// "Pollsters agree - Carl Bialik: “Q”": a name after a dash.
		if sub := x.subjectLeft(c, lo); sub.kind == subjName && (sub.a == lo || d.punctIn(sub.a-1, "-—–")) {
			return x.resolve(sub, ":", "x-colon-quote", 0.75, ti)
		} else if sub.kind == subjName && sub.b-sub.a >= 2 && unicode.IsUpper(d.text[d.segs[d.toks[ti].q].start]) {
			// "... doesn't surprise pollster Daron Shaw: “Q”": a full name
			// right before the colon and a quotation that is a sentence.
			if at := x.resolve(sub, ":", "x-colon-quote", 0.65, ti); at.speaker != "" && at.actor >= 0 || strings.ContainsRune(at.speaker, ' ') {
				return at
			}
		}
	}
	return noAttribution
}

// invertingCues come before their subject after a comma: "In other words,
// explained Nancy Roe: “Q”".
var invertingCues = set("said says explained explains added adds wrote writes noted notes continued recalled replied responded remarked observed argued insisted")

// mainCue climbs from the cue at k to an earlier cue of the same sentence
// whose content holds it ("Trump said that Clinton once described it as
// “Q”" is Trump's), unless a quotation, a semicolon or a contrast lies
// between them.
func (x *attributor) mainCue(k, lo int) int {
	d := x.d
	// A participle after a comma ("..., saying") takes the main clause's
	// subject itself; it is not inside another cue's content.
	if cueVerbs[d.word(k)]&cueIng != 0 && k > lo && d.punct(k-1, ',') {
		return k
	}
	// An opening adverbial ("In a statement posted Friday, ...", "Speaking
	// at a rally, ...") is not the main clause.
	openerEnd := lo
	if d.toks[lo].kind == tWord && (openers[d.word(lo)] || cueVerbs[d.word(lo)]&cueIng != 0) {
		for c := lo; c < k && c-lo < 15; c++ {
			if d.punct(c, ',') {
				openerEnd = c + 1
				break
			}
		}
	}
	best := k
	if _, ok := x.withSubject(k, lo); ok {
		return k // "..., with Lewandowski taking to Twitter to call ..."
	}
	// "..., Trump boasted": a cue with its own subject after a comma starts
	// a main clause.
	if x.ownSubjectAfterComma(best, lo) {
		return best
	}
	for c := k - 1; c >= max(openerEnd, k-window); c-- {
		t := d.toks[c]
		if t.kind == tQuote || d.punctIn(c, ";:—–") || d.punct(c, '-') && d.punct(c-1, '-') {
			break
		}
		if t.kind == tWord {
			switch d.word(c) {
			case "while", "but", "whereas", "although", "though", "however":
				return best
			case "which", "who":
				// "..., which an FBI investigation said was “Q”": the
				// relative clause's own subject.
				// (", to which O'Malley interjected: “Q”" too)
				if (d.punct(c-1, ',') || c-2 >= lo && prepositions[d.word(c-1)] && d.punct(c-2, ',')) && c+1 < best && !x.commaIn(c+1, best) {
					if sub := x.subjectLeft(best, c+1); sub.kind != subjNone {
						return best
					}
				}
			case "and", "after", "when", "because", "since", "before", "until", "as":
				// "... and Trump later called Haley “Q”", "Axelrod tweeted
				// after Clinton argued that “Q”", "Cruz said as the heckler
				// yelled: “Q”": a clause with its own subject.
				if c+1 < best && best-c <= 12 && d.toks[c+1].kind == tWord && (d.toks[c+1].cap || d.is(c+1, "the") || d.is(c+1, "a")) {
					if sub := x.subjectLeft(best, lo); (sub.kind == subjName || sub.kind == subjDesc && agentNoun(d.word(sub.b-1))) && sub.a == c+1 {
						return best
					}
				}
			}
			if d.isCue(c) && cueVerbs[d.word(c)]&(cueIng|cueNounly) == 0 {
				best = c
				if x.ownSubjectAfterComma(best, lo) {
					return best
				}
			}
		}
	}
	return best
}

// ownSubjectAfterComma: the cue at k has its own subject (a name, pronoun
// or description) that follows a comma or opens the sentence.
func (x *attributor) ownSubjectAfterComma(k, lo int) bool {
	d := x.d
	j := x.skipAuxLeft(k-1, lo)
	if j < lo || d.toks[j].kind != tWord || functionWords[d.word(j)] && personPronouns[d.word(j)] == 0 {
		return false
	}
	sub := x.subjectLeft(k, lo)
	if sub.kind == subjNone || sub.b != j+1 {
		return false
	}
	return sub.a > lo && d.punctIn(sub.a-1, ",―—–")
}

// laterInSentence: the first cue after the quotation in its sentence.
func (x *attributor) laterInSentence(ti int) attribution {
	d := x.d
	_, hi := x.sentRange(ti)
	for k := ti + 1; k < min(hi, ti+window); k++ {
		if !d.isCue(k) {
			continue
		}
		cue := x.cueText(k)
		lo, _ := x.sentRange(ti)
		// “Q.” Reid said both ... are: a new report, not this one's cue.
		if sg := d.segs[d.toks[ti].q]; d.text[sg.end-1] == '.' && d.sentenceStart(ti) && k-ti <= 5 && x.ownContent(k) {
			return noAttribution
		}
		// “Q” for Clinton, said Kunin: an inverted cue closing the sentence
		// (", said the bureau's director" too).
		if d.punct(k-1, ',') && invertingCues[d.word(k)] {
			if r := x.subjectRight(k + 1); r.kind == subjName || r.kind == subjDesc && articles[d.word(r.a)] && !demonstratives[d.word(r.a)] {
				return x.resolve(r, cue, "quote-then-cue", 0.75, ti)
			}
		}
		// “Q” ... as described by X: a passive cue's agent.
		if d.is(k+1, "by") && strings.HasSuffix(d.word(k), "ed") {
			if r := x.subjectRight(k + 2); r.kind == subjName || r.kind == subjDesc {
				return x.resolve(r, cue+" by", "quote-then-cue", 0.7, ti)
			}
		}
		sub := x.subjectLeft(k, ti+1)
		// A description found here must open with a determiner ("the
		// statement said") or a possessive ("Sanders’ campaign manager
		// suggested"), not be a stray word before the verb.
		if sub.kind == subjDesc && !(determiners[d.word(sub.a)] && !demonstratives[d.word(sub.a)] || possessives[d.word(sub.a)] || d.toks[sub.a].cap && d.possessive(sub.a)) {
			sub = subject{}
		}
		if sub.kind == subjNone {
			sub = x.sentenceSubject(lo, ti)
		}
		if sub.kind != subjNone {
			return x.resolve(sub, cue, "quote-then-cue", 0.65, ti)
		}
		break
	}
	return noAttribution
}

// accordingTo: “Q,” according to X / according to X, “Q”.
func (x *attributor) accordingTo(ti int) attribution {
	d := x.d
	lo, hi := x.sentRange(ti)
	for k := max(lo, ti-window); k+1 < min(hi, ti+window); k++ {
		if d.is(k, "according") && d.is(k+1, "to") {
			if sub := x.subjectRight(k + 2); sub.kind != subjNone {
				return x.resolve(sub, "according to", "according-to", 0.85, ti)
			}
		}
	}
	return noAttribution
}

// label: a transcript line "NAME: ..." inside or before the quotation.
func (x *attributor) label(qi int) attribution {
	d := x.d
	sg := d.segs[qi]
	i := sg.start
	j := i
	for j < sg.end && j-i < 40 && (unicode.IsUpper(d.text[j]) || d.text[j] == ' ' || d.text[j] == '.' || d.text[j] == '-' || d.text[j] == '\'') {
		j++
	}
	if j < sg.end && d.text[j] == ':' && j-i >= 2 && unicode.IsUpper(d.text[j-1]) {
		name := strings.TrimSpace(string(d.text[i:j]))
		if len([]rune(name)) >= 2 {
			at := noAttribution
			at.speaker, at.s, at.e, at.cue, at.rule, at.conf = titleCase(name), i, i+len([]rune(name)), ":", "transcript-label", 0.8
			at.actor = x.a.reg.lookupIndex(name)
			if at.actor >= 0 {
				at.speaker = x.a.reg.actors[at.actor].Name
			}
			return at
		}
	}
	return noAttribution
}

func titleCase(s string) string {
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// cueText is the cue verb with its particle: "pointed out", "went on".
func (x *attributor) cueText(k int) string {
	d := x.d
	t := d.toks[k]
	e := t.e
	if k+1 < len(d.toks) {
		switch d.word(k + 1) {
		case "out", "on", "back", "up", "reporters", "journalists":
			if d.toks[k+1].sent == t.sent {
				e = d.toks[k+1].e
			}
		}
	}
	return string(d.text[t.s:e])
}
