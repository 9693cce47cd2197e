package analyze

import (
	"strings"
	"unicode"
)

// Clauses around a quotation that a cue does not govern: an opening
// subordinate clause ("As Blumenthal spoke, the NRA was ... against “Q”"),
// and a passive naming whose agent follows the quotation ("labeled as a
// “Q” by Democrats").

// subordinators open a clause that ends at its comma.
var subordinators = set("as when while after before although though if because since once until whereas")

// subordinateCue: the cue at k lies in an opening subordinate clause that
// ends with a comma before the quotation; the quotation belongs to the
// main clause, whose subject speaks (a name, a pronoun or an agent
// description); out is false when the cue is the quotation's own.
func (x *attributor) subordinateCue(k, lo, ti int) (attribution, bool) {
	d := x.d
	if lo >= k || d.toks[lo].kind != tWord || !subordinators[d.word(lo)] {
		return noAttribution, false
	}
	// "As Roe noted, ..." attributes what follows; "As Roe spoke, ..." is
	// only a time.
	if d.is(lo, "as") && !speakingEvent[d.word(k)] {
		return noAttribution, false
	}
	c := k + 1
	for c < ti && !d.punct(c, ',') {
		if d.toks[c].kind == tQuote {
			return noAttribution, false
		}
		c++
	}
	if c >= ti-1 {
		return noAttribution, false
	}
	sub := x.sentenceSubject(c+1, ti)
	if sub.kind != subjName && sub.kind != subjPron && !x.agentDesc(&sub) {
		return noAttribution, false
	}
	at := x.resolve(sub, "", "sentence-subject", 0.5, ti)
	return at, at.rule != ""
}

// namingParticiples name a thing in the passive: "labeled as a “Q” by".
var namingParticiples = set("called labeled labelled described dubbed termed branded deemed characterized characterised nicknamed")

// passiveAfter: “Q” after a passive naming verb and before "by X": X.
func (x *attributor) passiveAfter(ti int) (attribution, bool) {
	d := x.d
	n := len(d.toks)
	j := ti + 1
	if j < n && d.punct(j, ',') {
		j++
	}
	if j+1 >= n || !d.is(j, "by") {
		return noAttribution, false
	}
	k := ti - 1
	for k > 0 && ti-k <= 3 && d.toks[k].kind == tWord && (d.is(k, "as") || d.is(k, "a") || d.is(k, "an") || d.is(k, "the")) {
		k--
	}
	if k < 0 || d.toks[k].kind != tWord || !namingParticiples[d.word(k)] {
		return noAttribution, false
	}
	// A cue later in the sentence reports the naming ("..., Smith said"):
	// the rules for that cue decide.
	_, hi := x.sentRange(ti)
	for m := j + 1; m < min(hi, j+window); m++ {
		if d.isCue(m) {
			return noAttribution, false
		}
	}
	sub := x.subjectRight(j + 1)
	if sub.kind == subjNone {
		if w := d.word(j + 1); d.toks[j+1].kind == tWord && !functionWords[w] && !determiners[w] {
			sub = subject{kind: subjDesc, a: j + 1, b: j + 2} // "by Democrats"
		} else {
			return noAttribution, false
		}
	}
	at := x.resolve(sub, x.cueText(k)+" by", "x-said-quote", 0.75, ti)
	return at, at.speaker != ""
}

// speakingEvent: verbs of speaking that tell when, not what.
var speakingEvent = set("spoke speaks speaking talked talks talking")

// commaIn: a comma among the tokens [a, b).
func (x *attributor) commaIn(a, b int) bool {
	for m := a; m < b; m++ {
		if x.d.punct(m, ',') {
			return true
		}
	}
	return false
}

// ageAt: the token at i is an age after a name: one to three digits.
func (x *attributor) ageAt(i int) bool {
	t := x.d.toks[i]
	if t.kind != tWord || t.e-t.s > 3 {
		return false
	}
	for _, r := range x.d.text[t.s:t.e] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// titlesOnly: the words [a, b) are offices or nouns of agent ("governor",
// "nominee", "consultant"), no verb ("Roloson supports Democrat Hillary
// Clinton", "Putin telephoned former Prime Minister ...").
func (x *attributor) titlesOnly(a, b int) bool {
	if a >= b {
		return false
	}
	for m := a; m < b; m++ {
		if x.d.toks[m].kind != tWord || !agentHead(x.d.word(m)) {
			return false
		}
	}
	return true
}

// agentNoun: a head noun of someone who can speak: agentHead, or a noun of
// agent in -er ("the heckler", "the writer").
func agentNoun(w string) bool {
	return agentHead(w) || len(w) > 4 && (strings.HasSuffix(w, "er") || strings.HasSuffix(w, "ers"))
}

// lowerRun: the tokens [a, b) are lower-case words or numbers, a phrase
// with no verb of saying ("for a 2002 psychology class").
func (x *attributor) lowerRun(a, b int) bool {
	if b-a > 8 {
		return false
	}
	for m := a; m < b; m++ {
		t := x.d.toks[m]
		if t.kind != tWord || t.cap || x.d.isCue(m) {
			return false
		}
	}
	return true
}

// nounCue: a cue word used as a noun ("earlier remarks", "his claims"):
// a word that can be a noun after a lower-case word that is no subject.
func (x *attributor) nounCue(i int) bool {
	d := x.d
	if cueVerbs[d.word(i)]&cueNounly == 0 || i == 0 || d.toks[i-1].kind != tWord || d.toks[i-1].cap {
		return false
	}
	w := d.word(i - 1)
	return personPronouns[w] == 0 && !verbAux[w] && w != "who" && w != "that"
}

// verbAux: auxiliaries and adverbs that stand between a subject and its
// verb ("Trump also claims"), not adjectives ("earlier remarks").
var verbAux = set("has have had is are was were be been will would could should can may might must did does do also then often repeatedly again")

// closingCues say that someone spoke only right after a quotation and
// before the end of the clause: "“Q,” Hannity started.", "“Q,” she began,".
var closingCues = set("started began begun finished concluded chimed offered")

// closingCue: the word at k is such a verb with a full stop or a comma
// after it.
func (x *attributor) closingCue(k int) bool {
	d := x.d
	return d.toks[k].kind == tWord && closingCues[d.word(k)] && k+1 < len(d.toks) && d.punctIn(k+1, ".,")
}

// lastClauseCue: a quotation opening its sentence after a sentence that
// ends with a coordinated clause of saying ("“Q1,” Ebeling said, and her
// husband cut in. “Q2”") is that clause's subject's.
func (x *attributor) lastClauseCue(ti int, prevHasQuote bool, psLo, psHi int) attribution {
	d := x.d
	if !d.sentenceStart(ti) || !prevHasQuote || psHi-psLo < 4 {
		return noAttribution
	}
	// The last cue of that sentence, after its last quotation.
	k := -1
	for m := psHi - 1; m > psLo; m-- {
		if d.toks[m].kind == tQuote {
			break
		}
		if d.isCue(m) && cueVerbs[d.word(m)]&cueIng == 0 {
			k = m
			break
		}
	}
	if k < 0 {
		return noAttribution
	}
	// "..., and NP cue": a clause of its own.
	c := k - 1
	for c > psLo && c > k-8 && !d.is(c, "and") {
		c--
	}
	if !d.is(c, "and") || !d.punct(c-1, ',') {
		return noAttribution
	}
	sub := x.subjectLeft(k, c+1)
	if sub.a != c+1 || sub.kind != subjName && !x.agentDesc(&sub) && !(sub.kind == subjDesc && possessives[d.word(sub.a)]) {
		return noAttribution
	}
	return x.resolve(sub, x.cueText(k), "previous-sentence-cue", 0.55, ti)
}

// ownContent: the cue at k is followed, in its sentence, by a clause with
// a finite verb ("said both Rubio and Cruz are ...", "said that ..."), not
// only by where or when it was said.
func (x *attributor) ownContent(k int) bool {
	d := x.d
	n := len(d.toks)
	m := k + 1
	if m >= n || d.toks[m].kind != tWord || d.toks[m].sent != d.toks[k].sent {
		return false
	}
	if w := d.word(m); prepositions[w] || weekdays[w] || timeWords[w] || w == "in" || w == "on" || w == "after" || w == "before" || w == "during" || w == "while" || w == "as" || w == "when" {
		return false
	}
	if d.is(m, "that") {
		return true
	}
	for ; m < n && m < k+12 && d.toks[m].sent == d.toks[k].sent; m++ {
		if d.toks[m].kind != tWord {
			if d.punctIn(m, ",;:") {
				return false
			}
			continue
		}
		if beVerbs[d.word(m)] || verbAux[d.word(m)] && d.word(m) != "also" && d.word(m) != "then" {
			return true
		}
	}
	return false
}

// appositiveName: a description in apposition after a name, with its
// relative clause ("Braynard, a South Carolina native who writes ..."),
// stands for that name.
func (x *attributor) appositiveName(sub subject, lo int) subject {
	d := x.d
	// Only with a relative clause after it: in "Clinton, a top aide said,
	// is ..." the description is the speaker.
	if sub.kind != subjDesc || sub.a-2 < lo || !d.punct(sub.a-1, ',') || !(d.is(sub.a, "a") || d.is(sub.a, "an")) || !d.is(sub.b, "who") {
		return sub
	}
	j := sub.a - 2
	if d.toks[j].kind != tWord || !d.toks[j].cap {
		return sub
	}
	name := x.nameLeft(j, lo)
	if name.kind != subjName || name.b != j+1 || name.a > lo && !d.punctIn(name.a-1, ",.;:") && d.toks[name.a-1].sent == d.toks[j].sent && !d.sentenceStart(name.a) {
		return sub
	}
	return name
}

// nounAfterAdjective: a cue word used as a noun after a capitalised
// adjective and a quantifier ("in many Asian states").
func (x *attributor) nounAfterAdjective(i int) bool {
	d := x.d
	if cueVerbs[d.word(i)]&cueNounly == 0 || i < 2 || d.toks[i-1].kind != tWord || !d.toks[i-1].cap || d.toks[i-2].kind != tWord {
		return false
	}
	w := d.word(i - 2)
	return determiners[w] && !articles[w] || quantifiers[w]
}

// hyphenAdj: a capitalised compound adjective ("Chicago-based",
// "Iowa-born") is no part of a name; "Jean-Pierre" is.
func (x *attributor) hyphenAdj(i int) bool {
	t := x.d.toks[i]
	rs := x.d.text[t.s:t.e]
	for k := 1; k+1 < len(rs); k++ {
		if rs[k] == '-' && unicode.IsLower(rs[k+1]) {
			return true
		}
	}
	return false
}

// compoundAdjective: a folded word such as "ready-made", "chicago-based":
// a hyphen followed by a lower-case part in a word written capitalised.
func compoundAdjective(folded string) bool {
	i := strings.IndexByte(folded, '-')
	return i > 0 && i+1 < len(folded) && strings.Count(folded, "-") == 1 && !strings.HasPrefix(folded, "al-") && !strings.HasPrefix(folded, "el-") &&
		compoundSuffixes[folded[i+1:]]
}

// compoundSuffixes end compound adjectives: "Chicago-based", "Iowa-born".
var compoundSuffixes = set("based born made led owned run backed funded style type like era bred raised controlled affiliated linked")

// agentBy: in a sentence whose subject is "it", the agent after "by"
// before the quotation ("it was a report by Politico that he “Q”", "known
// by some Republicans as a “Q”"); sub when there is none.
func (x *attributor) agentBy(sub subject, lo, ti int) subject {
	d := x.d
	for m := ti - 2; m >= lo && m > ti-window; m-- {
		if !d.is(m, "by") {
			continue
		}
		r := x.subjectRight(m + 1)
		for r.b-r.a > 1 && (d.is(r.b-1, "that") || d.is(r.b-1, "which")) {
			r.b-- // "a report by the Gazette that he ..."
		}
		if r.kind == subjName || r.kind == subjDesc {
			return r
		}
		if w := d.word(m + 1); d.toks[m+1].kind == tWord && !functionWords[w] && !determiners[w] && pluralAgent(w) {
			return subject{kind: subjDesc, a: m + 1, b: m + 2}
		}
		break
	}
	return sub
}

// pluralAgent: a plural noun of people: "protesters", "officials".
func pluralAgent(w string) bool {
	if groupish(w) {
		return true
	}
	for _, suf := range []string{"ers", "ists", "ians", "ants", "ents", "ors", "als"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			return true
		}
	}
	return false
}

// cameFrom: “Q,” came shouts from the crowd / came the reply from X.
func (x *attributor) cameFrom(ti, j int) (attribution, bool) {
	d := x.d
	n := len(d.toks)
	if j+3 >= n || !(d.is(j, "came") || d.is(j, "comes")) {
		return noAttribution, false
	}
	m := j + 1
	if d.is(m, "the") || d.is(m, "a") {
		m++
	}
	if m+2 >= n || d.toks[m].kind != tWord || !(utteranceNouns[d.word(m)] || cueVerbs[d.word(m)]&cueNounly != 0) || !d.is(m+1, "from") {
		return noAttribution, false
	}
	sub := x.subjectRight(m + 2)
	if sub.kind == subjNone {
		return noAttribution, false
	}
	at := x.resolve(sub, "came", "quote-said-x", 0.8, ti)
	return at, at.speaker != ""
}

// utteranceNouns are things said aloud: "came shouts from the crowd".
var utteranceNouns = set("shout shouts cry cries chant chants call calls reply response answer voice voices yell yells")

// stateAbbrev: "Colo." in "in Aspen, Colo., the graduate ...": a state
// after a city, abbreviated, with a comma after it.
func (x *attributor) stateAbbrev(i int) bool {
	d := x.d
	return i+2 < len(d.toks) && d.punct(i+1, '.') && d.punct(i+2, ',') && i-2 >= 0 && d.punct(i-1, ',') && d.toks[i-2].kind == tWord && d.toks[i-2].cap
}
