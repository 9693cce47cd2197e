package analyze

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameSpan strips titles and a possessive from the name tokens [a, b) and
// returns the rune span of the name proper and whether it looks like an
// organisation.
func (x *attributor) nameSpan(a, b int) (s, e int, org bool, gender byte) {
	d := x.d
	// The name starts after the last title word that has a word after it:
	// "Russian Deputy Foreign Minister Sergei Ryabkov" -> "Sergei Ryabkov",
	// "Charlotte Mayor Jennifer Roberts" -> "Jennifer Roberts".
	start := a
	// An organisation's name keeps its words: "Democratic National
	// Committee", "White House".
	orgName := b-a >= 2 && d.toks[b-1].kind == tWord && orgWords[d.word(b-1)]
	for k := a; k < b && !orgName; k++ {
		if d.toks[k].kind != tWord {
			continue
		}
		w := d.word(k)
		if titleWords[w] && k+1 < b {
			// there must be a word after it
			rest := false
			for m := k + 1; m < b; m++ {
				if d.toks[m].kind == tWord {
					rest = true
					break
				}
			}
			if rest {
				start = k + 1
				switch w {
				case "mr", "sir", "lord", "king", "prince", "father":
					gender = 'm'
				case "mrs", "ms", "miss", "dame", "lady", "queen", "princess":
					gender = 'f'
				}
			}
		}
	}
	for start < b && d.toks[start].kind != tWord {
		start++
	}
	if start >= b {
		start = a
	}
	// "Rival Hillary Clinton": a sentence-initial adjective before a first
	// name is not part of the name.
	if b-start >= 3 && d.toks[start].kind == tWord && (start == 0 || d.toks[start-1].sent != d.toks[start].sent || d.toks[start-1].kind == tPara) {
		if x.wordBeforeFirstName(start) && !x.isMidCap(start) {
			start++
		}
	}
	// "The Post's Dana Milbank", "CNN's Chris Cuomo": the name after the
	// possessive.
	for k := start; k+2 < b; k++ {
		if t := d.toks[k]; t.kind == tWord && t.e-t.s > 1 && d.toks[k+1].kind == tWord && d.toks[k+1].cap {
			if r1, r2 := d.text[t.e-2], d.text[t.e-1]; (r1 == '\'' || r1 == '’') && (r2 == 's' || r2 == 'S') || r2 == '\'' || r2 == '’' {
				start = k + 1
			}
		}
	}
	// "The President of Ukraine Volodymyr Zelenskyy", "the Association of
	// Ukrainian Guides Maria Chopyak", "the President's Office Rostyslav
	// Shurma": the place or organisation of a title before a first name is
	// not part of the name.
	if b-start == 3 && start > 0 && d.toks[start].kind == tWord && (d.is(start-1, "of") || d.toks[start-1].kind == tWord && d.toks[start-1].cap) && x.wordBeforeFirstName(start) {
		start++
	}
	// A long capitalised run that holds a first name after its start is a
	// description before the name: "New York City Public Advocate Trish
	// James" -> "Trish James"; so does an organisation's name before it.
	if b-start >= 4 {
		org := -1
		for k := start + 1; k+1 < b && k < start+8; k++ {
			if t := d.toks[k]; t.kind == tWord && t.cap && d.toks[k+1].kind == tWord && d.toks[k+1].cap {
				if w := d.word(k); maleNames[w] || femaleNames[w] {
					start, org = k, -1
					break
				}
			}
			if d.toks[k].kind == tWord && orgWords[d.word(k)] && b-k > 2 {
				org = k
			}
		}
		if org >= 0 {
			start = org + 1
		}
	}
	// Organisation words count in the name proper only: "Senate Majority
	// Leader Chuck Schumer" is a person, "the Senate Committee" is not.
	for k := start; k < b; k++ {
		if d.toks[k].kind == tWord && orgWords[d.word(k)] {
			org = true
		}
	}
	s, e = int(d.toks[start].s), int(d.toks[b-1].e)
	// Drop a possessive: "Trump's".
	if e-s > 2 && (d.text[e-2] == '\'' || d.text[e-2] == '’') && (d.text[e-1] == 's' || d.text[e-1] == 'S') {
		e -= 2
	} else if e-s > 1 && (d.text[e-1] == '\'' || d.text[e-1] == '’') {
		e--
	}
	if gender == 0 {
		first := strings.ToLower(firstWord(string(d.text[s:e])))
		switch {
		case femaleNames[first]:
			gender = 'f'
		case maleNames[first]:
			gender = 'm'
		}
	}
	return s, e, org, gender
}

// sentenceStarters are capitalised words that open sentences without being
// names or subjects.
var sentenceStarters = set(`perhaps yes no thank thanks ask remember back more therefore thus here there now well so
	look let please indeed again today tomorrow yesterday finally first second third also still yet maybe
	of course besides moreover nevertheless nonetheless otherwise instead meanwhile hence anyway sure okay ok
	imagine consider note see take keep make give tell listen wait stop say read next question answer reply
	minister president chairman colleagues friends ladies gentlemen dear`)

// nameInDoc: a single capitalised word that opens a sentence ("Perhaps",
// "Remember", "Families") is a name only if the document also writes it
// capitalised inside a sentence, or it is a registry alias, or the surname
// of a fuller name in the document.
func (x *attributor) nameInDoc(sub subject, name string) bool {
	d := x.d
	initial := func(i int) bool {
		return i == 0 || d.toks[i-1].sent != d.toks[i].sent || d.toks[i-1].kind == tPara
	}
	if strings.ContainsRune(name, ' ') || !initial(sub.a) {
		return true
	}
	key := foldString(name)
	if x.a.reg.lookupIndex(name) >= 0 {
		return true
	}
	x.buildMidCap()
	if x.midCap[key] {
		return true
	}
	if !x.haveFull {
		x.haveFull = true
		x.collectNames()
	}
	_, ok := x.full[key]
	return ok
}

func (x *attributor) buildMidCap() {
	if x.midCap != nil {
		return
	}
	d := x.d
	x.midCap = map[string]bool{}
	for i, t := range d.toks {
		if t.kind == tWord && t.cap && i > 0 && d.toks[i-1].sent == t.sent && d.toks[i-1].kind != tPara &&
			d.toks[i-1].kind != tQuote && !d.punctIn(i-1, ":—–-([\"“‘'") {
			if w := d.word(i); !x.midCap[w] {
				x.midCap[strings.Clone(w)] = true
			}
		}
	}
}

// plausibleName rejects capitalised runs that are no names: sentence-initial
// function words ("It", "That", "Lest"), pronouns, initials alone,
// nationalities alone, words in lower case.
func plausibleName(name string) bool {
	words := strings.Fields(name)
	if len(words) > 1 && (words[0] == "The" || words[0] == "the") {
		words = words[1:] // "The New York Times"
	}
	if len(words) == 0 {
		return false
	}
	if len(words) > 6 {
		return false
	}
	for i, w := range words {
		if w == "the" && i > 0 && i+1 < len(words) {
			continue // "Peter the Great"
		}
		r := []rune(w)
		if !unicode.IsUpper(r[0]) && !unicode.IsDigit(r[0]) && !particles[strings.ToLower(w)] {
			return false
		}
		// A headline in title case: "Clinton Goes After Trump As The New ..."
		if lw := strings.ToLower(w); i > 0 && !particles[lw] && (functionWords[lw] || openers[lw] || determiners[lw]) {
			return false
		}
	}
	first := foldString(strings.TrimRight(words[0], ".,"))
	if functionWords[first] || openers[first] || determiners[first] || personPronouns[first] != 0 {
		return false
	}
	if len(words) == 1 && (len([]rune(first)) < 2 || partyAdjectives[first] || compoundAdjective(first)) {
		return false
	}
	return true
}

func firstWord(s string) string {
	if i := strings.IndexAny(s, " \u00a0"); i > 0 {
		return s[:i]
	}
	return s
}

// lastWord is the last of strings.Fields(s), "" when none.
func lastWord(s string) string {
	t := strings.TrimRightFunc(s, unicode.IsSpace)
	i := strings.LastIndexFunc(t, unicode.IsSpace)
	if i < 0 {
		return t
	}
	_, n := utf8.DecodeRuneInString(t[i:])
	return t[i+n:]
}

// canonical resolves a name through the registry and the fuller names of
// the document: "Mr. Obama" -> "Barack Obama", "Putin" -> "Vladimir Putin".
func (x *attributor) canonical(name string) (string, int, byte) {
	reg := x.a.reg
	if i := reg.lookupIndex(name); i >= 0 {
		return reg.actors[i].Name, i, 0
	}
	if !strings.ContainsRune(name, ' ') {
		if !x.haveFull {
			x.haveFull = true
			x.collectNames()
		}
		if f, ok := x.full[foldString(name)]; ok {
			if i := reg.lookupIndex(f.text); i >= 0 {
				return reg.actors[i].Name, i, f.gender
			}
			return f.text, -1, f.gender
		}
	}
	return name, -1, 0
}

// resolve turns a subject into an attribution.
func (x *attributor) resolve(sub subject, cue, rule string, conf float64, ti int) attribution {
	d := x.d
	at := noAttribution
	at.cue, at.rule, at.conf = cue, rule, conf
	switch sub.kind {
	case subjName:
		s, e, _, g := x.nameSpan(sub.a, sub.b)
		name := joinFields(d.text[s:e])
		if !plausibleName(name) && !x.docSurname(name) {
			return noAttribution
		}
		if !x.nameInDoc(sub, name) {
			// "Protesters chanted": a common noun opening the sentence.
			w := foldString(name)
			if sentenceStarters[w] || strings.HasSuffix(w, "ly") {
				return noAttribution
			}
			at.speaker, at.s, at.e = name, s, e
			if x.junkName(name, -1) {
				at.speaker, at.s, at.e, at.conf = "", -1, -1, conf*0.3
			}
			return at
		}
		canon, actor, g2 := x.canonical(name)
		if g == 0 {
			g = g2
		}
		at.speaker, at.actor, at.s, at.e, at.gender = canon, actor, s, e, g
		if x.junkName(canon, actor) {
			at.speaker, at.actor, at.s, at.e, at.conf = "", -1, -1, -1, conf*0.3
		}
	case subjDesc:
		var ok bool
		if sub, ok = x.trimDesc(sub); !ok {
			at.conf = conf * 0.3 // "On her discharge papers": where, not who
			return at
		}
		s, e := int(d.toks[sub.a].s), int(d.toks[sub.b-1].e)
		desc := joinFields(d.text[s:e])
		at.speaker, at.s, at.e = desc, s, e
		if !strings.ContainsRune(desc, ' ') && !GroupNoun(desc) && junkDesc(desc) {
			// "security", "yours", "a": a bare word is no speaker.
			at.speaker, at.s, at.e, at.conf = "", -1, -1, conf*0.3
			return at
		}
		if actor := x.titleResolve(desc); actor >= 0 {
			at.speaker, at.actor = x.a.reg.actors[actor].Name, actor
		} else if actor := x.a.roleResolve(desc, x.ctx); actor >= 0 {
			at.speaker, at.actor = x.a.reg.actors[actor].Name, actor
			at.rule += "+role"
		} else if owner, ok := messageOwner(desc); greetingWords[foldString(desc)] || ok && (x.ctx.country != "" || namedOwner(owner)) {
			if d.is(sub.b, "from") {
				// "The message from the head of state reads": the one it is from
				return x.messageFrom(sub.b+1, at, cue, rule, conf, ti)
			}
			// a message's words are its sender's: the owner named ("The
			// President's message", "Mr Putin's telegram"), else the
			// article's sender. Beyond "the message" and its like, and a
			// message a name owns, only on an office's own site, whose
			// messages are the office holder's.
			name, actor := "", -1
			if owner != "" {
				name, actor = x.messageSender(owner)
			}
			if name == "" && owner == "" {
				name, actor = x.sender()
			}
			if name != "" {
				at.speaker, at.actor = name, actor
				at.rule += "+role"
			}
		}
	case subjPron:
		w := d.word(sub.a)
		g := personPronouns[w]
		pos := int(d.toks[sub.a].s)
		at.rule = rule + "+pronoun"
		at.conf = conf * 0.85
		if g == 'i' && (w == "i" || w == "me") {
			if t := x.turnAt(pos); t != nil && x.transcript() {
				at.speaker, at.actor, at.rule, at.conf = t.speaker, t.actor, rule+"+turn", conf
				return at
			}
		}
		if g == 'm' || g == 'f' {
			if p, ok := x.antecedent(pos, g); ok {
				at.speaker, at.actor, at.s, at.e, at.gender = p.name, p.actor, p.s, p.e, g
				return at
			}
		}
		// Unresolved pronoun: the quotation is attributed, the speaker unknown.
		at.conf = conf * 0.3
		return at
	}
	return at
}

// titleResolve maps a description such as "the Russian president" to the
// one actor named in the document who carries that title.
func (x *attributor) titleResolve(desc string) int {
	key := foldString(desc)
	pats := x.a.titleGroups[key]
	if len(pats) == 0 {
		return -1
	}
	named := map[int]bool{}
	for _, m := range x.mentions {
		if i := x.a.reg.lookupIndex(m.Actor); i >= 0 {
			named[i] = true
		}
	}
	return x.a.uniqueTitled(pats, named)
}

// antecedent: the last person before pos whose gender fits.
func (x *attributor) antecedent(pos int, g byte) (person, bool) {
	x.ensurePersons(pos)
	i := sort.Search(len(x.persons), func(i int) bool { return x.persons[i].pos >= pos })
	// Score the recent candidates: a known matching gender and being a
	// subject count for, distance in paragraphs counts against.
	para := x.paraAt(pos)
	// In a transcript "he" is not the speaker of the turn (who says "I").
	self := ""
	if t := x.turnAt(pos); t != nil && len(x.turns) >= 3 && !t.generic {
		self = t.speaker
	}
	best, bestScore := -1, -1e9
	for k, rank := i-1, 0; k >= 0 && rank < 40; k, rank = k-1, rank+1 {
		p := x.persons[k]
		if p.gender != 0 && p.gender != g || self != "" && p.name == self {
			continue
		}
		score := -0.8*float64(para-p.para) - 0.05*float64(rank)
		if p.gender == g {
			score += 0.4
		}
		if p.subj {
			score += 1.2
		}
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	if best < 0 {
		return person{}, false
	}
	return x.persons[best], true
}

// paraAt is the paragraph number of the token at or before rune offset pos.
func (x *attributor) paraAt(pos int) int32 {
	d := x.d
	i := sort.Search(len(d.toks), func(i int) bool { return int(d.toks[i].s) > pos })
	if i > 0 {
		i--
	}
	if i < len(d.paraOf) {
		return d.paraOf[i]
	}
	return 0
}

// collectNames records the fullest form of each person name in the
// document, keyed by surname, so "Mr. Obama" resolves to "Barack Obama".
func (x *attributor) collectNames() {
	d := x.d
	x.full = map[string]fullName{}
	n := len(d.toks)
	for i := 0; i < n; {
		t := d.toks[i]
		if t.kind != tWord || !t.cap {
			i++
			continue
		}
		j := i
		for j < n {
			tj := d.toks[j]
			if tj.kind == tWord && tj.cap && !x.hyphenAdj(j) {
				j++
				continue
			}
			if tj.kind == tPunct && d.text[tj.s] == '.' && j > i && d.isAbbrev(j-1) && j+1 < n && d.toks[j+1].kind == tWord && d.toks[j+1].cap {
				j++
				continue
			}
			if tj.kind == tWord && d.particleBeforeName(j) {
				j++
				continue
			}
			break
		}
		a := i
		for a < j && (openers[d.word(a)] || functionWords[d.word(a)]) {
			a++
		}
		if j-a >= 2 {
			s, e, org, g := x.nameSpan(a, j)
			name := joinFields(d.text[s:e])
			if !org && strings.ContainsRune(name, ' ') && len(strings.Fields(name)) <= 4 {
				key := foldString(lastWord(name))
				if old, ok := x.full[key]; !ok || len(old.text) < len(name) && strings.HasSuffix(name, lastWord(old.text)) {
					if g == 0 && ok {
						g = old.gender
					}
					x.full[key] = fullName{text: name, gender: g}
				} else if ok && old.gender == 0 && g != 0 {
					old.gender = g
					x.full[key] = old
				}
			}
		}
		i = j + 1
	}
	// "Mr. Obama" alone gives a gender to the surname.
	for i := 0; i+2 < n; i++ {
		if d.toks[i].kind != tWord || !d.toks[i].cap {
			continue
		}
		var g byte
		switch d.word(i) {
		case "mr":
			g = 'm'
		case "mrs", "ms", "miss":
			g = 'f'
		default:
			continue
		}
		k := i + 1
		if d.punct(k, '.') {
			k++
		}
		if k < n && d.toks[k].kind == tWord && d.toks[k].cap {
			key := strings.Clone(d.word(k))
			key = strings.TrimSuffix(key, "'s")
			f, ok := x.full[key]
			if !ok {
				f = fullName{text: string(d.text[d.toks[k].s:d.toks[k].e])}
				f.text = strings.TrimSuffix(strings.TrimSuffix(f.text, "'s"), "’s")
			}
			if f.gender == 0 {
				f.gender = g
				x.full[key] = f
			}
		}
	}
}

var honorificGender = map[string]byte{"mr": 'm', "mrs": 'f', "ms": 'f', "miss": 'f', "sir": 'm', "dame": 'f', "lady": 'f', "lord": 'm'}

func genderOf(name string) byte {
	f := strings.ToLower(firstWord(name))
	switch {
	case femaleNames[f]:
		return 'f'
	case maleNames[f]:
		return 'm'
	}
	return 0
}

// wordBeforeFirstName: the word at i is no first name, the next one is.
func (x *attributor) wordBeforeFirstName(i int) bool {
	w := x.d.word(i)
	if femaleNames[w] || maleNames[w] {
		return false
	}
	next := x.d.word(i + 1)
	return femaleNames[next] || maleNames[next]
}
