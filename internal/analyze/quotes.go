package analyze

import (
	"sort"
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
	d := &doc{text: text, segs: segs, toks: sc.toks[:0], paraOf: sc.paraOf[:0], wbuf: sc.wbuf[:0], wlo: sc.wlo[:0], whi: sc.whi[:0]}
	d.tokenize()
	if cap(sc.cue) >= len(d.toks) {
		d.cue = sc.cue[:len(d.toks)]
		clear(d.cue)
	}
	defer func() {
		sc.toks, sc.paraOf, sc.cue = d.toks, d.paraOf, d.cue
		sc.wbuf, sc.wlo, sc.whi = d.wbuf, d.wlo, d.whi
	}()
	x := &attributor{a: a, d: d, mentions: mentions, turns: turns, ctx: c}
	qtok, atts := x.attributeAll()
	out := make([]model.Quote, 0, len(segs))
	for qi, sg := range segs {
		at := atts[qi]
		kind := x.kind(qi, qtok[qi])
		if x.notAQuote(qi, qtok[qi], kind, at) {
			continue
		}
		if at.rule == "" {
			at = x.sentencePerson(qtok[qi])
		}
		q := model.Quote{
			ID:         model.QuoteID(docID, sg.start, sg.end),
			Text:       sc.substr(sg.start, sg.end),
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

// attributeAll attributes every segment of the document, strongest rule
// first, and gives the segments of one quotation over several paragraphs
// its explicit attribution; qtok is each segment's token.
func (x *attributor) attributeAll() (qtok []int, atts []attribution) {
	segs := x.d.segs
	qtok = make([]int, len(segs))
	for i, t := range x.d.toks {
		if t.kind == tQuote {
			qtok[t.q] = i
		}
	}
	atts = make([]attribution, len(segs))
	for qi := range segs {
		atts[qi] = x.attribute(qi, qtok, atts)
	}
	x.unifyChains(atts)
	return qtok, atts
}

type attributor struct {
	a                     *Analyzer
	d                     *doc
	mentions              []model.Mention
	turns                 []turnSpan
	ctx                   docContext
	full                  map[string]fullName // surname (folded) -> fullest name seen; built lazily
	persons               []person            // built lazily (ensurePersons)
	pscan                 personScan
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
	words := fieldCount(d.text[sg.start:sg.end], 7) // (more than six counts as seven)
	// A short phrase with no attribution is a scare quote, unless it is
	// what something is called ("known as “the Wall”", "called “a disgrace”").
	if (at.rule == "" || at.rule == "transcript-turn") && kind == model.KindFragment && words <= 3 && !(ti > 0 && (d.is(ti-1, "as") || d.is(ti-1, "called"))) {
		return true
	}
	if x.headlineByline(ti) || x.quotedSubject(qi, ti, words) {
		return true
	}
	// A scare quote: a phrase with no cue whose sentence has no person for
	// a subject ("State purchase contracts have become the current
	// “breeding grounds”").
	if at.speaker == "" && kind == model.KindFragment && words <= 6 && !strings.Contains(at.rule, "+pronoun") {
		switch strings.SplitN(at.rule, "+", 2)[0] {
		case "sentence-subject", "previous-sentence-subject":
			return true
		}
	}
	// A one-word name for a thing after "the" and a proper noun, the
	// Russia-NATO “twenty”, the GOP's “establishment”: a scare quote, not
	// words said, unless a cue verb governs the phrase ("called the KKK
	// “abhorrent”").
	if kind == model.KindFragment && words == 1 && unicode.IsLower(d.text[sg.start]) && !sg.endsSentence &&
		ti >= 2 && d.toks[ti-1].kind == tWord && d.toks[ti-1].cap && (d.is(ti-2, "the") || d.is(ti-2, "a") || d.is(ti-2, "an")) && !(ti >= 3 && d.isCue(ti-3)) {
		return true
	}
	// A quoted transcript ("PENCE: Well, ...", "(CROSSTALK.)") is a record
	// of an exchange, not a quotation; its turns attribute the paragraphs
	// that continue them.
	if at.rule == "transcript-label" || d.text[sg.start] == '(' && d.text[sg.end-1] == ')' {
		return true
	}
	if x.workTitle(qi, ti) || x.lawTitle(qi, ti) {
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
	case "", "sentence-subject", "quote-then-cue", "previous-sentence-cue", "previous-sentence-subject", "transcript-turn":
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
	if worksNouns[w] || w == "on" || w == "with" {
		return true
	}
	return d.possessive(p)
}

// quotedSubject: a short quoted term that is the subject of its sentence
// ("“Top secret” is the highest level ...", "“Containment” has been the
// policy ...", "“Refoulement” (forcible return) is forbidden"): a term
// mentioned, not words said.
func (x *attributor) quotedSubject(qi, ti int, words int) bool {
	d := x.d
	sg := d.segs[qi]
	if words > 3 || sg.endsSentence || ti+1 >= len(d.toks) || !(ti == 0 || d.toks[ti-1].kind == tPara || d.punctIn(ti-1, ".!?")) {
		return false
	}
	last := d.text[sg.end-1]
	if last == ',' || last == ':' || last == '-' || last == '—' || d.punctIn(ti+1, ",:") {
		return false
	}
	nx := d.toks[ti+1]
	if nx.kind == tPunct && d.text[nx.s] == '(' {
		return true
	}
	return nx.kind == tWord && !nx.cap && (beVerbs[d.word(ti+1)] || d.is(ti+1, "has") || d.is(ti+1, "have") || d.is(ti+1, "refers") || d.is(ti+1, "means"))
}

// headlineByline: the headline of an article with its byline, as in
// newsletters: —“Museum names a new director,” by The Daily Sun's Jane Roe:
// the words of no speaker.
func (x *attributor) headlineByline(ti int) bool {
	d := x.d
	if ti > 0 && d.toks[ti-1].kind != tPara && !d.punctIn(ti-1, "—–-―") || ti+2 >= len(d.toks) || !d.is(ti+1, "by") {
		return false
	}
	for k := ti + 2; k < len(d.toks) && k < ti+6 && d.toks[k].kind == tWord && d.toks[k].cap; k++ {
		if d.possessive(k) || d.toks[k].e < int32(len(d.text)) && d.text[d.toks[k].e] == '\'' {
			return true
		}
	}
	return false
}

var worksNouns = set(`titled entitled nicknamed dubbed nickname documentary film show program programme book song series
	episode album movie headline column commentary op-ed essay memoir novel podcast segment broadcast`)

// titleCasePhrase: at most six words, every content word capitalised.
func titleCasePhrase(rs []rune) bool {
	if n := fieldCount(rs, 7); n == 0 || n > 6 {
		return false
	}
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
			return x.outerSource(ti, own)
		}
		return at
	}
	if at := x.dashNameColon(ti); at.rule != "" {
		return at
	}
	if at := x.wordsOf(ti); at.speaker != "" {
		return at
	}
	if at := x.colonFirst(ti); at.rule != "" {
		return x.outerSource(ti, at)
	}
	if at := x.trailing(ti); at.rule != "" {
		return x.outerSource(ti, at)
	}
	if at := x.leading(ti); at.rule != "" {
		return x.outerSource(ti, at)
	}
	if at := x.laterInSentence(ti); at.rule != "" {
		return x.outerSource(ti, at)
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
	if at := x.colonSubject(ti); at.rule != "" {
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
	pq := x.prevSpoken(qi, atts)
	if at := x.introducedBefore(ti, pq, atts, prevHasQuote, psLo, psHi); at.rule != "" {
		return at
	}
	if at := x.lastClauseCue(ti, prevHasQuote, psLo, psHi); at.rule != "" {
		return at
	}
	if pq >= 0 && atts[pq].speaker != "" && d.sentenceStart(ti) {
		prev := d.segs[pq]
		if prev.para == sg.para || prev.para == sg.para-1 {
			at := atts[pq]
			at.rule, at.conf, at.fromQuote = "continuation", min(at.conf, 0.75), pq
			if prev.para != sg.para {
				at.conf = min(at.conf, 0.7)
			}
			return at
		}
	}
	if d.sentenceStart(ti) && psHi > psLo && !prevHasQuote {
		if sub := x.sentenceSubject(psLo, psHi); sub.kind == subjName || x.agentDesc(&sub) {
			return x.resolve(sub, "", "previous-sentence-subject", 0.4, ti)
		}
	}
	// A phrase quoted in a sentence with no cue: the sentence's subject
	// ("Trump openly admires Putin as a “strong leader,”").
	if !d.sentenceStart(ti) {
		lo, _ := x.sentRange(ti)
		if sub := x.sentenceSubject(lo, ti); sub.kind == subjName || sub.kind == subjPron || x.agentDesc(&sub) && x.saidWords(ti) {
			if sub.kind == subjPron && d.is(sub.a, "it") {
				sub = x.agentBy(sub, lo, ti) // "it was a report by Politico that he “Q”"
			}
			return x.resolve(sub, "", "sentence-subject", 0.45, ti)
		}
	}
	return x.carriedOver(ti, pq, atts)
}

// sentencePerson: a quotation kept with no attribution at all goes, with
// a low confidence, to the last person named before it in its sentence
// ("... prompted Jane Roe to make a comment that described them as
// “super predators”"): a registry person, or a capitalised run that opens
// with a first name. It reads the tokens, not the collected persons, so
// it costs nothing where every quotation is attributed.
func (x *attributor) sentencePerson(ti int) attribution {
	d := x.d
	lo, _ := x.sentRange(ti)
	lo = max(lo, ti-window) // bounded, as every scan around a quotation
	start, pos := int(d.toks[lo].s), int(d.toks[ti].s)
	best := noAttribution
	// Mentions are sorted by start: only those of this sentence.
	first := sort.Search(len(x.mentions), func(i int) bool { return x.mentions[i].Start >= start })
	for _, m := range x.mentions[first:] {
		if m.Start >= pos {
			break
		}
		if m.End > pos {
			continue
		}
		if ai := x.a.reg.lookupIndex(m.Actor); ai >= 0 && x.a.reg.actors[ai].Kind == "person" && m.Start > best.s {
			best.speaker, best.actor, best.s, best.e = x.a.reg.actors[ai].Name, ai, m.Start, m.End
		}
	}
	for k := ti - 1; k > lo; k-- {
		if int(d.toks[k].s) <= best.s {
			break
		}
		w := d.word(k - 1)
		if d.toks[k-1].kind != tWord || !d.toks[k-1].cap || !(maleNames[w] || femaleNames[w]) || d.toks[k].kind != tWord || !d.toks[k].cap {
			continue
		}
		if sub := x.nameRight(k - 1); sub.kind == subjName && sub.b <= ti {
			s, e, org, g := x.nameSpan(sub.a, sub.b)
			if name := joinFields(d.text[s:e]); !org && plausibleName(name) {
				canon, actor, _ := x.canonical(name)
				best = noAttribution
				best.speaker, best.actor, best.s, best.e, best.gender = canon, actor, s, e, g
			}
		}
		break
	}
	if best.speaker == "" {
		return noAttribution
	}
	best.rule, best.conf = "sentence-person", 0.3
	return best
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
