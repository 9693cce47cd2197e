package analyze

import (
	"strings"
	"unicode"

	"github.com/workbench-dev/workbench/internal/model"
)

// Subject kinds.
const (
	subjNone uint8 = iota
	subjName
	subjPron
	subjDesc
)

// subject is the noun phrase a cue verb is attributed to: token range [a, b).
type subject struct {
	kind uint8
	a, b int
}

// attribution is the speaker found for a quotation.
type attribution struct {
	speaker   string
	actor     int // registry index or -1
	s, e      int // speaker span in runes, -1 when not in the text
	cue       string
	rule      string
	conf      float64
	gender    byte
	fromQuote int // index of the quote it was inherited from, or -1
}

var noAttribution = attribution{actor: -1, s: -1, e: -1, fromQuote: -1}

// person is a named person seen as the subject of a cue verb, for pronoun
// resolution.
type person struct {
	pos    int // rune offset
	name   string
	actor  int
	s, e   int
	gender byte
	para   int32
	subj   bool // the subject of a sentence or of a cue verb
}

// findQuotes extracts the quotations of a document and attributes them.
func (a *Analyzer) findQuotes(docID string, text []rune, mentions []model.Mention, turns []turnSpan, c docContext, sc *scratch) []model.Quote {
	segs := findSegments(text)
	if len(segs) == 0 {
		return nil
	}
	d := &doc{text: text, segs: segs, toks: sc.toks[:0], paraOf: sc.paraOf[:0]}
	d.tokenize()
	if cap(sc.cue) >= len(d.toks) {
		d.cue = sc.cue[:len(d.toks)]
		clear(d.cue)
	}
	defer func() { sc.toks, sc.paraOf, sc.cue = d.toks, d.paraOf, d.cue }()
	x := &attributor{a: a, d: d, mentions: mentions, turns: turns, ctx: c}
	qtok := make([]int, len(segs)) // token index of each segment
	for i, t := range d.toks {
		if t.kind == tQuote {
			qtok[t.q] = i
		}
	}
	atts := make([]attribution, len(segs))
	for qi := range segs {
		atts[qi] = x.attribute(qi, qtok, atts)
	}
	x.unifyChains(atts)
	out := make([]model.Quote, 0, len(segs))
	for qi, sg := range segs {
		at := atts[qi]
		kind := x.kind(qi, qtok[qi])
		if x.notAQuote(qi, qtok[qi], kind, at) {
			continue
		}
		q := model.Quote{
			ID:         model.QuoteID(docID, sg.start, sg.end),
			Text:       string(text[sg.start:sg.end]),
			Start:      sg.start,
			End:        sg.end,
			Kind:       kind,
			Speaker:    at.speaker,
			Cue:        at.cue,
			Rule:       at.rule,
			Confidence: at.conf,
		}
		if at.s >= 0 {
			s, e := at.s, at.e
			q.SpeakerStart, q.SpeakerEnd = &s, &e
		}
		if at.actor >= 0 {
			q.SpeakerActor = a.reg.actors[at.actor].ID
		}
		if q.Rule == "" {
			q.Rule = "none"
		}
		out = append(out, q)
	}
	return out
}

type attributor struct {
	a                     *Analyzer
	d                     *doc
	mentions              []model.Mention
	turns                 []turnSpan
	ctx                   docContext
	full                  map[string]fullName // surname (folded) -> fullest name seen; built lazily
	persons               []person            // built lazily
	haveFull, havePersons bool
	midCap                map[string]bool // words written capitalised inside sentences
}

type fullName struct {
	text   string
	gender byte
}

// kind: a fragment is a phrase inside a sentence, a direct quote a
// sentence or clause of its own.
func (x *attributor) kind(qi, ti int) string {
	d := x.d
	sg := d.segs[qi]
	first := d.text[sg.start]
	words := 1
	for _, r := range d.text[sg.start:sg.end] {
		if r == ' ' {
			words++
		}
	}
	if unicode.IsLower(first) && !sg.cont {
		return model.KindFragment
	}
	prevWordBefore := ti > 0 && d.toks[ti-1].kind == tWord && d.toks[ti-1].sent == d.toks[ti].sent && !d.isCue(ti-1)
	if prevWordBefore && words < 6 && !sg.endsSentence {
		return model.KindFragment
	}
	if words <= 2 && !sg.endsSentence {
		return model.KindFragment
	}
	return model.KindDirect
}

// unifyChains gives every segment of a quotation that runs over several
// paragraphs the explicit attribution found on any of its segments
// (“... ¶ “...,” added Clyburn), where a segment has only a weak one.
func (x *attributor) unifyChains(atts []attribution) {
	segs := x.d.segs
	for i := 0; i < len(segs); {
		j := i + 1
		for j < len(segs) && segs[j].cont && segs[j-1].openEnded {
			j++
		}
		if j-i > 1 {
			strong := -1
			for k := i; k < j; k++ {
				switch strings.SplitN(atts[k].rule, "+", 2)[0] {
				case "quote-x-said", "quote-said-x", "quote-dash-x", "x-said-quote", "x-said-colon-paragraph":
					if strong < 0 && atts[k].speaker != "" {
						strong = k
					}
				}
			}
			if strong >= 0 {
				for k := i; k < j; k++ {
					switch strings.SplitN(atts[k].rule, "+", 2)[0] {
					case "continuation", "continuation-paragraph", "previous-sentence-cue", "previous-sentence-subject", "sentence-subject", "":
						at := atts[strong]
						at.rule, at.conf, at.fromQuote = "same-quotation", min(at.conf, 0.85), strong
						atts[k] = at
					}
				}
			}
		}
		i = j
	}
}

// notAQuote drops quoted strings that are not quotations: names of works,
// shows and nicknames (a title-case phrase after a possessive, after
// "titled", "on" or the like, or with no cue of its own), and short scare
// quotes with no speaker ("a separate “liquidating trust”").
func (x *attributor) notAQuote(qi, ti int, kind string, at attribution) bool {
	d := x.d
	sg := d.segs[qi]
	words := strings.Fields(string(d.text[sg.start:sg.end]))
	if (at.rule == "" || at.rule == "transcript-turn") && kind == model.KindFragment && len(words) <= 3 {
		return true
	}
	// A quoted transcript ("PENCE: Well, ...", "(CROSSTALK.)") is a record
	// of an exchange, not a quotation; its turns attribute the paragraphs
	// that continue them.
	if at.rule == "transcript-label" || d.text[sg.start] == '(' && d.text[sg.end-1] == ')' {
		return true
	}
	if !titleCasePhrase(d.text[sg.start:sg.end]) {
		return false
	}
	last := d.text[sg.end-1]
	if last == '!' || last == '?' {
		return false // chants and questions: “U-S-A! U-S-A!”
	}
	switch strings.SplitN(at.rule, "+", 2)[0] {
	case "", "sentence-subject", "quote-then-cue", "previous-sentence-cue", "previous-sentence-subject":
		return true
	}
	p := ti - 1
	if d.punct(p, ',') {
		p--
	}
	if p < 0 || d.toks[p].kind != tWord {
		return false
	}
	w := d.word(p)
	if worksNouns[w] || w == "on" {
		return true
	}
	return d.possessive(p)
}

var worksNouns = set(`titled entitled nicknamed dubbed nickname documentary film show program programme book song series
	episode album movie headline column commentary op-ed essay memoir novel podcast segment broadcast`)

// titleCasePhrase: at most six words, every content word capitalised.
func titleCasePhrase(rs []rune) bool {
	words := strings.Fields(string(rs))
	if len(words) == 0 || len(words) > 6 {
		return false
	}
	for _, w := range words {
		w = strings.Trim(w, ".,;:!?'’\"()")
		if w == "" {
			continue
		}
		switch strings.ToLower(w) {
		case "of", "the", "and", "a", "an", "on", "in", "to", "for", "with", "at", "by":
			continue
		}
		r := []rune(w)[0]
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// attribute runs the attribution rules for segment qi, strongest first.
func (x *attributor) attribute(qi int, qtok []int, atts []attribution) attribution {
	d := x.d
	sg := d.segs[qi]
	ti := qtok[qi]
	if at := x.label(qi); at.rule != "" {
		return at
	}
	// A quotation reopened in a new paragraph continues the previous one.
	if sg.cont && qi > 0 && atts[qi-1].speaker != "" {
		at := atts[qi-1]
		at.rule, at.conf, at.fromQuote = "continuation-paragraph", min(at.conf, 0.9), qi-1
		if own := x.trailing(ti); own.rule != "" {
			return own
		}
		return at
	}
	if at := x.trailing(ti); at.rule != "" {
		return at
	}
	if at := x.leading(ti); at.rule != "" {
		return at
	}
	if at := x.laterInSentence(ti); at.rule != "" {
		return at
	}
	if at := x.accordingTo(ti); at.rule != "" {
		return at
	}
	// "Caddell continued:" closing the previous paragraph.
	if at := x.colonParagraph(ti); at.rule != "" {
		return at
	}
	// A transcript turn: "Vladimir Putin: ... “Q” ..." -- the turn's speaker.
	if at := x.turn(ti); at.rule != "" {
		return at
	}
	// A quotation that opens its sentence after a sentence of reported
	// speech without quotation marks: "Schiff said ... . “Q”".
	prevHasQuote, psLo, psHi := x.prevSentence(ti)
	if d.sentenceStart(ti) && psHi > psLo && !prevHasQuote {
		if sub, k, ok := x.cueBefore(psLo, psHi); ok && sub.kind != subjNone {
			return x.resolve(sub, x.cueText(k), "previous-sentence-cue", 0.6, ti)
		}
	}
	// A quotation that opens its sentence with no cue of its own continues
	// the speaker of the quotation before it, in this paragraph or the
	// previous one.
	if qi > 0 && atts[qi-1].speaker != "" && d.sentenceStart(ti) {
		prev := d.segs[qi-1]
		if prev.para == sg.para || prev.para == sg.para-1 {
			at := atts[qi-1]
			at.rule, at.conf, at.fromQuote = "continuation", min(at.conf, 0.75), qi-1
			if prev.para != sg.para {
				at.conf = min(at.conf, 0.7)
			}
			return at
		}
	}
	if d.sentenceStart(ti) && psHi > psLo && !prevHasQuote {
		if sub := x.sentenceSubject(psLo, psHi); sub.kind == subjName {
			return x.resolve(sub, "", "previous-sentence-subject", 0.4, ti)
		}
	}
	// A phrase quoted in a sentence with no cue: the sentence's subject
	// ("Trump openly admires Putin as a “strong leader,”").
	if !d.sentenceStart(ti) {
		lo, _ := x.sentRange(ti)
		if sub := x.sentenceSubject(lo, ti); sub.kind == subjName || sub.kind == subjPron {
			return x.resolve(sub, "", "sentence-subject", 0.45, ti)
		}
	}
	return noAttribution
}

// turn gives a quotation the speaker of the transcript turn holding it
// ("Vladimir Putin: ... “Q” ...").
func (x *attributor) turn(ti int) attribution {
	// A turn runs over paragraphs only in a transcript (three labels or
	// more); in a news story a label holds for its paragraph.
	if t := x.turnAt(int(x.d.toks[ti].s)); t != nil && (len(x.turns) >= 3 || x.sameParagraph(t.s, int(x.d.toks[ti].s))) {
		at := noAttribution
		at.speaker, at.actor, at.cue, at.rule, at.conf = t.speaker, t.actor, ":", "transcript-turn", 0.6
		if t.ls >= 0 {
			at.s, at.e = t.ls, t.le
		}
		return at
	}
	return x.paraLabel(ti)
}

func (x *attributor) sameParagraph(a, b int) bool { return x.paraAt(a) == x.paraAt(b) }

// paraLabel finds the speaker label that opens the paragraph of token ti
// ("Maria Sittel: ..."), as in transcripts.
func (x *attributor) paraLabel(ti int) attribution {
	d := x.d
	p := ti
	for p > 0 && d.toks[p-1].kind != tPara {
		p--
	}
	if p == ti || d.toks[p].kind != tWord || !d.toks[p].cap {
		return noAttribution
	}
	k := p
	for k < ti && k-p < 5 && (d.toks[k].kind == tWord && (d.toks[k].cap || d.particleBeforeName(k)) || d.punct(k, '.') && k > p && d.isAbbrev(k-1)) {
		k++
	}
	if k == p || k >= ti || !d.punct(k, ':') {
		return noAttribution
	}
	if turnLabelsNotSpeakers[d.word(p)] && k == p+1 {
		return noAttribution
	}
	return x.resolve(subject{kind: subjName, a: p, b: k}, ":", "transcript-turn", 0.6, ti)
}

var turnLabelsNotSpeakers = set("question questions answer reply q a note source update correction editor remark remarks comment")

// prevSentence is the token range of the sentence before token ti (in this
// paragraph or at the end of the previous one) and whether it holds a
// quotation.
func (x *attributor) prevSentence(ti int) (hasQuote bool, lo, hi int) {
	d := x.d
	k := ti - 1
	for k >= 0 && d.toks[k].kind == tPara {
		k--
	}
	if k < 0 || d.toks[k].sent == d.toks[ti].sent {
		return false, 0, 0
	}
	lo, hi = x.sentRange(k)
	return d.sHasQuote[d.toks[k].sent], lo, hi
}

// colonParagraph: a quotation opening a paragraph after one that ends with
// a colon ("Caddell continued:", "The New York Times reports:").
func (x *attributor) colonParagraph(ti int) attribution {
	d := x.d
	if ti < 3 || d.toks[ti-1].kind != tPara || !d.punct(ti-2, ':') {
		return noAttribution
	}
	k := ti - 2
	lo, _ := x.sentRange(k)
	if sub, c, ok := x.cueBefore(lo, k); ok && sub.kind != subjNone {
		return x.resolve(sub, x.cueText(c), "x-said-colon-paragraph", 0.85, ti)
	}
	if sub := x.sentenceSubject(lo, k); sub.kind == subjName {
		return x.resolve(sub, ":", "x-colon-paragraph", 0.7, ti)
	}
	return noAttribution
}

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
	if j >= n || d.toks[j].kind == tPara {
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
	// "said X": cue right after the quotation.
	if d.toks[j].kind == tWord && d.isCue(j) && cueVerbs[d.word(j)]&cueIng == 0 {
		cue := x.cueText(j)
		if sub := x.subjectRight(j + 1); sub.kind != subjNone {
			return x.resolve(sub, cue, "quote-said-x", 0.95, ti)
		}
	}
	// "X said": a short subject then the cue.
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
		if k > j && d.isCue(k) {
			if cueVerbs[d.word(k)]&cueIng != 0 {
				break
			}
			sub := x.subjectLeft(k, j)
			if sub.kind != subjNone && sub.a == j {
				return x.resolve(sub, x.cueText(k), "quote-x-said", 0.95, ti)
			}
			break
		}
	}
	return noAttribution
}

// cueBefore finds the nearest cue in the window before hi (not before lo),
// climbs to its main verb, and returns that verb's subject (left of it, or
// the fallback subject, subjNone when there is none) and position; ok is
// false when there is no cue at all.
func (x *attributor) cueBefore(lo, hi int) (sub subject, k int, ok bool) {
	for k = hi - 1; k >= max(lo, hi-window); k-- {
		if !x.d.isCue(k) {
			continue
		}
		k = x.mainCue(k, lo)
		sub = x.subjectLeft(k, lo)
		if sub.kind == subjNone {
			sub = x.fallbackSubject(k, lo)
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
	if sub, k, ok := x.cueBefore(lo, ti); ok && sub.kind != subjNone {
		conf, rule := 0.9, "x-said-quote"
		if ti-k > 4 {
			conf, rule = 0.8, "x-cue-in-sentence"
		}
		return x.resolve(sub, x.cueText(k), rule, conf, ti)
	}
	// (A cue without a subject, "..., saying “Q”" after another quotation,
	// falls through to the rules below.)
	// Name: “Q” (a colon with no verb).
	k := ti - 1
	if k > lo && d.punct(k, ':') {
		if sub := x.subjectLeft(k, lo); sub.kind == subjName && sub.a == lo {
			return x.resolve(sub, ":", "x-colon-quote", 0.75, ti)
		}
	}
	return noAttribution
}

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
		sub := x.subjectLeft(k, ti+1)
		// A description found here must open with a determiner ("the
		// statement said"), not be a stray word before the verb.
		if sub.kind == subjDesc && !(determiners[d.word(sub.a)] && !demonstratives[d.word(sub.a)] || possessives[d.word(sub.a)]) {
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

// skipAuxLeft skips auxiliaries, adverbs and time words before a cue.
func (x *attributor) skipAuxLeft(j, lo int) int {
	d := x.d
	for j >= lo {
		t := d.toks[j]
		if t.kind != tWord {
			return j
		}
		w := d.word(j)
		if aux[w] || (!t.cap && strings.HasSuffix(w, "ly") && len(w) > 4) {
			j--
			continue
		}
		// "Trump on Monday said"
		if weekdays[w] && j-1 >= lo && (d.is(j-1, "on") || d.is(j-1, "last")) {
			j -= 2
			continue
		}
		return j
	}
	return j
}

var weekdays = set("monday tuesday wednesday thursday friday saturday sunday")

// subjectLeft finds the subject of the cue at k among tokens [lo, k).
func (x *attributor) subjectLeft(k, lo int) subject { return x.subjectLeftN(k, lo, 0) }

func (x *attributor) subjectLeftN(k, lo, depth int) subject {
	d := x.d
	j := x.skipAuxLeft(k-1, lo)
	// "Trump unleashed tweets early Friday saying ...", "a statement
	// calling ...": a participle after a noun takes the clause's subject.
	if depth == 0 && j >= lo && j == k-1 && d.toks[j].kind == tWord && cueVerbs[d.word(k)]&cueIng != 0 &&
		(!d.toks[j].cap || weekdays[d.word(j)]) && personPronouns[d.word(j)] == 0 {
		if sub := x.sentenceSubject(lo, k); sub.kind == subjName || sub.kind == subjPron {
			return sub
		}
	}
	for hops := 0; hops < 3; hops++ {
		if j < lo {
			return subject{}
		}
		t := d.toks[j]
		switch t.kind {
		case tQuote, tPara:
			return subject{}
		case tPunct:
			r := d.text[t.s]
			switch r {
			case ',':
				// "X, the adviser, said": the phrase before the previous comma.
				c := j - 1
				for c >= lo && c > j-40 && !d.punct(c, ',') && d.toks[c].kind != tQuote {
					c--
				}
				// The clause before this comma may hold the subject
				// ("Trump has taken a harder line, expressing ..."), or the
				// phrase before the previous comma ("X, the adviser, said").
				clause := x.sentenceSubject(c+1, j)
				if cueVerbs[d.word(k)]&cueIng != 0 {
					// "Trump has taken a harder line, expressing": the
					// clause before the comma; "X spoke about ... in Tulsa,
					// Oklahoma, arguing": the sentence's subject.
					if clause.kind != subjNone && clause.b < j {
						return clause
					}
					if sub := x.sentenceSubject(lo, j); sub.kind != subjNone {
						return sub
					}
				}
				if c < lo || d.toks[c].kind == tQuote {
					return clause
				}
				// "The White House press secretary, Karine Jean-Pierre,
				// called": the name in apposition.
				if app := x.nameRight(c + 1); app.kind == subjName && app.a == c+1 && app.b == j && depth == 0 {
					if before := x.subjectLeftN(c, lo, depth+1); before.kind == subjDesc {
						return app
					}
				}
				if depth >= 2 {
					return clause
				}
				if sub := x.subjectLeftN(c, lo, depth+1); sub.kind != subjNone {
					return sub
				}
				return clause
			case ')':
				c := j - 1
				for c >= lo && c > j-40 && !d.punct(c, '(') {
					c--
				}
				if c < lo {
					return subject{}
				}
				j = c - 1
				continue
			case '.':
				if j > lo && d.isAbbrev(j-1) && d.toks[j-1].cap && d.toks[j-1].e-d.toks[j-1].s == 1 {
					// "J.D." ends a name? unlikely before a verb; fall through
				}
			}
			return subject{}
		}
		w := d.word(j)
		if _, ok := personPronouns[w]; ok && (!t.cap || w != "it" && w != "us") {
			return subject{kind: subjPron, a: j, b: j + 1}
		}
		if w == "who" || w == "which" {
			// "X, who ..., said" is rare before a cue; "a lawyer who said": the NP before.
			jj := j - 1
			if jj >= lo && d.punct(jj, ',') {
				jj--
			}
			j = jj
			continue
		}
		if t.cap {
			return x.nameLeft(j, lo)
		}
		if functionWords[w] {
			return subject{}
		}
		return x.descLeft(j, lo)
	}
	return subject{}
}

// particleBeforeName: "von" in "Ursula von der Leyen", "de" in "de Blasio".
func (d *doc) particleBeforeName(k int) bool {
	n := len(d.toks)
	if k+1 >= n || d.toks[k].kind != tWord || !particles[d.word(k)] {
		return false
	}
	if d.toks[k+1].kind == tWord && d.toks[k+1].cap {
		return true
	}
	return k+2 < n && d.toks[k+1].kind == tWord && particles[d.word(k+1)] && d.toks[k+2].kind == tWord && d.toks[k+2].cap
}

var particles = set("de da di du van von der den del la le al bin ibn ter ten st")

// nameLeft collects the capitalised run ending at j.
func (x *attributor) nameLeft(j, lo int) subject {
	d := x.d
	b := j + 1
	a := j
	for k := j - 1; k >= lo && k > j-12; k-- {
		t := d.toks[k]
		if t.kind == tWord {
			w := d.word(k)
			if t.cap {
				if (openers[w] || functionWords[w] || articles[w]) && !titleWords[w] {
					break
				}
				a = k
				continue
			}
			if particles[w] && k-1 >= lo && (d.toks[k-1].cap || k-2 >= lo && particles[d.word(k-1)] && d.toks[k-2].cap) {
				a = k
				continue
			}
			break
		}
		if t.kind == tPunct && d.text[t.s] == '.' && k-1 >= lo && d.isAbbrev(k-1) {
			continue
		}
		break
	}
	// A description before the name? "White House press secretary Josh Earnest": the name is enough.
	// The run may end in a possessive ("Obama's former campaign strategist" is handled by descLeft).
	for a < b && d.toks[a].kind != tWord {
		a++
	}
	if a >= b {
		return subject{}
	}
	// A run of title words only ("the President said") is a description.
	onlyTitles := true
	for k := a; k < b; k++ {
		if d.toks[k].kind == tWord && !titleWords[d.word(k)] {
			onlyTitles = false
			break
		}
	}
	if onlyTitles {
		if a-1 >= lo && d.toks[a-1].kind == tWord && (determiners[d.word(a-1)] || possessives[d.word(a-1)]) {
			a--
		}
		return subject{kind: subjDesc, a: a, b: b}
	}
	// A heading in capitals ("CONGRESS HAS INVESTIGATED HIM") is no name.
	if b-a >= 3 && allCaps(d.text[d.toks[a].s:d.toks[b-1].e]) {
		return subject{}
	}
	// A capitalised run that is only an opener ("But") is no subject.
	if b-a == 1 {
		if partyAdjectives[d.word(a)] {
			return subject{}
		}
		w := d.word(a)
		if openers[w] || functionWords[w] || titleWords[w] && !d.toks[a].cap {
			return subject{}
		}
	}
	// "Officials in Kyiv said", "residents of Mariupol said": the name is
	// the object of a preposition after the subject's head.
	if a-2 >= lo && d.toks[a-1].kind == tWord && prepositions[d.word(a-1)] && d.toks[a-2].kind == tWord {
		h := a - 2
		hw := d.word(h)
		common := !d.toks[h].cap && !functionWords[hw] && !determiners[hw] ||
			d.toks[h].cap && !titleWords[hw] && strings.HasSuffix(hw, "s") && !x.isMidCap(h)
		if common {
			if sub := x.descLeft(h, lo); sub.kind != subjNone {
				return subject{kind: subjDesc, a: sub.a, b: b}
			}
		}
	}
	return subject{kind: subjName, a: a, b: b}
}

// isMidCap: the word at i is written capitalised inside a sentence
// somewhere in the document (so it is a name, not a sentence-initial noun).
func (x *attributor) isMidCap(i int) bool {
	x.buildMidCap()
	return x.midCap[x.d.word(i)]
}

// descLeft collects a description noun phrase ending at j: "the mayor",
// "Obama's former campaign strategist", "one questioner".
func (x *attributor) descLeft(j, lo int) subject {
	d := x.d
	a := j
	for k := j - 1; k >= lo && j-k < 8; k-- {
		t := d.toks[k]
		if t.kind != tWord {
			break
		}
		w := d.word(k)
		if determiners[w] || possessives[w] {
			a = k
			break
		}
		if w == "of" && k-1 >= lo && d.toks[k-1].kind == tWord && !functionWords[d.word(k-1)] {
			continue // "the mother of three", "the head of the party"
		}
		if functionWords[w] || openers[w] && t.cap && d.sentenceStart(k) {
			break
		}
		if d.isCue(k) {
			break
		}
		// "when I meet pensioners, they ask": a word after a subject
		// pronoun is a verb, not part of the phrase.
		if k-1 >= lo && d.toks[k-1].kind == tWord && !d.toks[k].cap {
			if pw := d.word(k - 1); pw != "her" && pw != "it" && personPronouns[pw] != 0 {
				break
			}
		}
		a = k
	}
	// "Protesters marching through the streets chanted": the phrase is the
	// object of a preposition; its head is further left.
	if a-1 > lo && d.toks[a-1].kind == tWord && prepositions[d.word(a-1)] {
		k := a - 2
		for k >= lo && d.toks[k].kind == tWord && !d.toks[k].cap && (strings.HasSuffix(d.word(k), "ing") || strings.HasSuffix(d.word(k), "ed")) {
			k--
		}
		if k >= lo {
			if sub := x.subjectLeftN(k+1, lo, 2); sub.kind != subjNone {
				return sub
			}
		}
	}
	return subject{kind: subjDesc, a: a, b: j + 1}
}

var prepositions = set("through in at of from with on for by to into over under near across around behind outside inside")

// subjectRight finds the subject after an inverted cue: “Q,” said X.
func (x *attributor) subjectRight(j int) subject {
	d := x.d
	n := len(d.toks)
	if j >= n || d.toks[j].kind != tWord {
		return subject{}
	}
	sent := d.toks[j].sent
	w := d.word(j)
	if weekdays[w] || w == "today" || w == "yesterday" {
		return subject{}
	}
	if _, ok := personPronouns[w]; ok && w != "it" && w != "her" {
		return subject{kind: subjPron, a: j, b: j + 1}
	}
	if d.toks[j].cap {
		return x.nameRight(j)
	}
	if !determiners[w] && !functionWords[w] {
		// "said 9/11 widow Terry Strada"
		for k := j + 1; k < n && k < j+7 && d.toks[k].sent == sent && (d.toks[k].kind == tWord || d.punctIn(k, "/-")); k++ {
			if d.toks[k].kind == tWord && d.toks[k].cap {
				return x.nameRight(k)
			}
		}
	}
	if (determiners[w] || possessives[w]) && !demonstratives[w] {
		b := j + 1
		for b < n && b-j < 8 && d.toks[b].kind == tWord && d.toks[b].sent == sent {
			bw := d.word(b)
			if functionWords[bw] && !determiners[bw] || b > j+1 && d.isCue(b) {
				break
			}
			b++
		}
		// "the Head of State", "the President of Ukraine"
		if b > j+1 && b+1 < n && d.is(b, "of") && d.toks[b+1].sent == sent {
			k := b + 1
			if d.is(k, "the") {
				k++
			}
			m := k
			for m < n && d.toks[m].kind == tWord && d.toks[m].cap && d.toks[m].sent == sent {
				m++
			}
			if m > k {
				b = m
			}
		}
		if b > j+1 {
			return subject{kind: subjDesc, a: j, b: b}
		}
	}
	return subject{}
}

// nameRight collects the capitalised run starting at j.
func (x *attributor) nameRight(j int) subject {
	d := x.d
	n := len(d.toks)
	sent := d.toks[j].sent
	b := j
	for k := j; k < n && k < j+12 && d.toks[k].sent == sent; k++ {
		t := d.toks[k]
		if t.kind == tWord {
			if t.cap {
				b = k + 1
				continue
			}
			if d.particleBeforeName(k) {
				continue
			}
			break
		}
		if t.kind == tPunct && d.text[t.s] == '.' && k > j && d.isAbbrev(k-1) && k+1 < n && d.toks[k+1].kind == tWord && d.toks[k+1].cap {
			continue
		}
		break
	}
	a := j
	for a < b && d.toks[a].kind == tWord && (functionWords[d.word(a)] || openers[d.word(a)] || determiners[d.word(a)]) {
		a++
	}
	if b <= a || b-a >= 3 && allCaps(d.text[d.toks[a].s:d.toks[b-1].e]) || b-a == 1 && partyAdjectives[d.word(a)] {
		return subject{}
	}
	return subject{kind: subjName, a: a, b: b}
}

// fallbackSubject: the subject of a cue that has none right before it
// ("... and said", "to accuse", ", adding"): the previous cue's subject in
// the sentence, else the sentence subject.
func (x *attributor) fallbackSubject(k, lo int) subject {
	d := x.d
	for c := k - 1; c >= max(lo, k-window); c-- {
		// "she called it “outrageous” and called for ...": the earlier
		// cue's subject, across a quoted phrase.
		if d.isCue(c) {
			if sub := x.subjectLeft(c, lo); sub.kind != subjNone {
				return sub
			}
		}
	}
	if sub := x.sentenceSubject(lo, k); sub.kind == subjName || sub.kind == subjPron {
		return sub
	}
	return subject{}
}

// sentenceSubject: the name or pronoun that opens the clause [lo, hi),
// after an opening adverbial ("On Thursday, ...").
func (x *attributor) sentenceSubject(lo, hi int) subject {
	d := x.d
	i := lo
	if i < hi && d.toks[i].kind == tWord && (openers[d.word(i)] || d.toks[i].cap && (strings.HasSuffix(d.word(i), "ing") || strings.HasSuffix(d.word(i), "ly"))) {
		// skip to the comma that ends the adverbial, if close; "On July 6,
		// 2015, Sanders ...": past a comma that only precedes a number.
		// A comma inside a quoted title ends it too: On “Face the Nation,” X ...
		start := i
		for tries := 0; tries < 3; tries++ {
			c := i
			for c < hi && c-start < 30 && !d.punct(c, ',') && !(d.toks[c].kind == tQuote && d.text[d.segs[d.toks[c].q].end-1] == ',') {
				c++
			}
			if c >= hi || c-start >= 30 {
				if tries == 0 && (d.is(i, "but") || d.is(i, "and") || d.is(i, "yet") || d.is(i, "so")) {
					i++
				}
				break
			}
			i = c + 1
			for i+1 < hi && d.toks[i].kind == tWord && unicode.IsDigit(d.text[d.toks[i].s]) && d.punct(i+1, ',') {
				i += 2
			}
			// Stop at a plausible subject: a capitalised word, a pronoun or
			// a determiner; else the comma was inside the adverbial.
			if i < hi && d.toks[i].kind == tWord && (d.toks[i].cap || personPronouns[d.word(i)] != 0 || determiners[d.word(i)]) {
				break
			}
		}
	}
	if i >= hi || d.toks[i].kind != tWord {
		return subject{}
	}
	w := d.word(i)
	if _, ok := personPronouns[w]; ok {
		return subject{kind: subjPron, a: i, b: i + 1}
	}
	isDet := determiners[w] && !demonstratives[w]
	// "presidential nominee Hillary Clinton was ...": lower-case titles
	// before the name.
	if !d.toks[i].cap && !isDet && !functionWords[w] {
		for k := i + 1; k < hi && k < i+5 && d.toks[k].kind == tWord; k++ {
			if d.toks[k].cap {
				if sub := x.nameRight(k); sub.kind == subjName && sub.b <= hi {
					return sub
				}
				break
			}
			if functionWords[d.word(k)] {
				break
			}
		}
		return subject{}
	}
	if d.toks[i].cap && !determiners[w] {
		sub := x.nameRight(i)
		if sub.kind == subjName && sub.b <= hi {
			return sub
		}
	}
	if isDet || d.toks[i].cap {
		// "several environmental groups granted ...", "The Hill reported"
		b := i + 1
		for b < hi && b-i < 5 && d.toks[b].kind == tWord {
			bw := d.word(b)
			past := !d.toks[b].cap && strings.HasSuffix(bw, "ed") && b > i+1
			if functionWords[bw] || past || d.isCue(b) {
				break
			}
			b++
		}
		if b > i+1 {
			allTitles := true
			for k := i + 1; k < b; k++ {
				if !titleWords[d.word(k)] {
					allTitles = false
				}
			}
			if d.toks[b-1].cap && !allTitles {
				return subject{kind: subjName, a: i + 1, b: b}
			}
			return subject{kind: subjDesc, a: i, b: b}
		}
	}
	return subject{}
}

var demonstratives = set("this that these those")

func allCaps(rs []rune) bool {
	letters := 0
	for _, r := range rs {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 3
}
