package analyze

import (
	"strings"
)

// The noun-phrase half of attribution: subjects left and right of a cue,
// names and descriptions (the subject of a sentence: sentencesubject.go).

// skipAuxLeft skips auxiliaries, adverbs and time words before a cue.
func (x *attributor) skipAuxLeft(j, lo int) int {
	d := x.d
	for j >= lo {
		t := d.toks[j]
		if t.kind != tWord {
			return j
		}
		w := d.word(j)
		if aux[w] && !x.surnameAt(j) || (!t.cap && strings.HasSuffix(w, "ly") && len(w) > 4) {
			j--
			continue
		}
		// "Trump on Monday said", "Priebus later Thursday told", "Sanders
		// during a Sunday rally thanked"
		if weekdays[w] || timeWords[w] && j-1 >= lo && timeBefore[d.word(j-1)] {
			j--
			for j >= lo && d.toks[j].kind == tWord && timeBefore[d.word(j)] {
				j--
			}
			continue
		}
		return j
	}
	return j
}

var weekdays = set("monday tuesday wednesday thursday friday saturday sunday")

// timeWords and the words before them: "later Thursday", "last week",
// "during a Sunday".
var timeWords = set("morning afternoon evening night week month year weekend")
var timeBefore = set("on last later earlier early late this that during a one next the")

// subjectLeft finds the subject of the cue at k among tokens [lo, k).
func (x *attributor) subjectLeft(k, lo int) subject { return x.subjectLeftN(k, lo, 0) }

func (x *attributor) subjectLeftN(k, lo, depth int) subject {
	d := x.d
	j := x.skipAuxLeft(k-1, lo)
	// "Trump unleashed tweets early Friday saying ...", "a statement
	// calling ...": a participle after a noun takes the clause's subject.
	if depth == 0 && j >= lo && d.toks[j].kind == tWord && cueVerbs[d.word(k)]&cueIng != 0 &&
		(!d.toks[j].cap || weekdays[d.word(j)]) && personPronouns[d.word(j)] == 0 {
		// "..., with many marchers and spectators chanting": the noun
		// phrase after "with" is the participle's subject.
		if groupish(d.word(j)) {
			for w := j - 1; w >= lo && w > j-7 && d.toks[w].kind == tWord; w-- {
				if d.is(w, "with") {
					return subject{kind: subjDesc, a: w + 1, b: j + 1}
				}
			}
		}
		if sub := x.sentenceSubject(lo, k); sub.kind == subjName || sub.kind == subjPron || sub.kind == subjDesc && articles[d.word(sub.a)] && !demonstratives[d.word(sub.a)] {
			return sub
		}
	}
	for hops := 0; hops < 3; hops++ {
		if j < lo {
			return subject{}
		}
		t := d.toks[j]
		if x.ageAt(j) && j-1 >= lo && d.punct(j-1, ',') && d.punct(j+1, ',') {
			j -= 2 // "Jane Roe, 64, a retired teacher, said"
			continue
		}
		switch t.kind {
		case tQuote, tPara:
			return subject{}
		case tPunct:
			r := d.text[t.s]
			switch r {
			case ',':
				// "Clinton, during a meeting in Columbus, Ohio, said": past
				// interjected phrases and "City, State" pairs.
				if sub, ok := x.pastInterjection(j, lo, depth); ok && cueVerbs[d.word(k)]&cueIng == 0 {
					return sub
				}
				// "X, the adviser, said": the phrase before the previous comma.
				c := j - 1
				for c >= lo && c > j-40 && !d.punct(c, ',') && d.toks[c].kind != tQuote {
					c--
				}
				// The clause before this comma may hold the subject
				// ("Trump has taken a harder line, expressing ..."), or the
				// phrase before the previous comma ("X, the adviser, said").
				clause := x.sentenceSubject(c+1, j)
				// "..., where about 50 protesters had gathered, chanting":
				// the subject of the relative clause.
				if c+2 < j && relativeOpeners[d.word(c+1)] {
					for w := c + 2; w < j && w < c+7 && d.toks[w].kind == tWord; w++ {
						if groupish(d.word(w)) {
							clause = subject{kind: subjDesc, a: c + 2, b: w + 1}
							break
						}
					}
				}
				if cueVerbs[d.word(k)]&cueIng != 0 && x.pastDateline(lo, j) > c+1 {
					// "PHILADELPHIA, July 25 (UPI) — The committee ...,
					// offering": the comma was the dateline's.
					if sub := x.sentenceSubject(lo, j); sub.kind != subjNone {
						return sub
					}
				}
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
					// "after winning Ohio in the primary, Gov. John Kasich
					// (R-OH), said": the name between the commas, unless
					// the phrase before ends right at its comma ("X, the
					// adviser, said").
					if clause.kind == subjName && clause.a == c+1 && clause.b-clause.a >= 2 && sub.b != c {
						return clause
					}
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
	if sub, ok := x.officeLeft(j, lo); ok {
		return sub
	}
	b := j + 1
	a := j
	for k := j - 1; k >= lo && k > j-12; k-- {
		t := d.toks[k]
		if t.kind == tWord {
			w := d.word(k)
			if t.cap && !x.hyphenAdj(k) {
				if (openers[w] || functionWords[w] || articles[w]) && !titleWords[w] && !x.surnameAt(k) {
					break
				}
				a = k
				continue
			}
			if particles[w] && k-1 >= lo && (d.toks[k-1].cap || k-2 >= lo && particles[d.word(k-1)] && d.toks[k-2].cap) {
				a = k
				continue
			}
			// "..., de Blasio said": a particle opening the name.
			if (w == "de" || w == "van" || w == "von" || w == "al" || w == "el") && k == a-1 && (k == lo || d.toks[k-1].kind != tWord) {
				a = k
			}
			break
		}
		if t.kind == tPunct && d.text[t.s] == '.' && k-1 >= lo && d.isAbbrev(k-1) {
			continue
		}
		break
	}
	// "Peter the Great": an epithet after "the".
	if b-a == 1 && a-2 >= lo && d.is(a-1, "the") && d.toks[a-2].kind == tWord && d.toks[a-2].cap && (maleNames[d.word(a-2)] || femaleNames[d.word(a-2)]) {
		a -= 2
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
		// "the former President", "the acting Prime Minister"
		for a-1 >= lo && d.toks[a-1].kind == tWord && !d.toks[a-1].cap && titleWords[d.word(a-1)] && a > j-6 {
			a--
		}
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
		// ("From said" when the story names Al From)
		if w := d.word(a); (openers[w] || functionWords[w]) && !x.surnameAt(a) || titleWords[w] && !d.toks[a].cap {
			return subject{}
		}
	}
	// "Officials in Kyiv said", "residents of Mariupol said": the name is
	// the object of a preposition after the subject's head.
	if a-2 >= lo && d.toks[a-1].kind == tWord && prepositions[d.word(a-1)] && d.toks[a-2].kind == tWord {
		h := a - 2
		hw := d.word(h)
		// (not a verb: "The crowd cheered for Trump, who said")
		common := !d.toks[h].cap && !functionWords[hw] && !determiners[hw] && !(len(hw) > 4 && strings.HasSuffix(hw, "ed")) ||
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
		sub := x.nameRight(j)
		if later := x.nameAfterDescriptor(j, sub); later.kind == subjName {
			return later
		}
		return sub
	}
	if !determiners[w] && !functionWords[w] {
		// "said 9/11 widow Terry Strada", "said undecided Republican voter
		// Stephanie Hooton"
		for k := j + 1; k < n && k < j+7 && d.toks[k].sent == sent && (d.toks[k].kind == tWord || d.punctIn(k, "/-")); k++ {
			if d.toks[k].kind == tWord && d.toks[k].cap {
				sub := x.nameRight(k)
				if later := x.nameAfterDescriptor(k, sub); later.kind == subjName {
					return later
				}
				return sub
			}
		}
	}
	if (determiners[w] || possessives[w]) && !demonstratives[w] {
		quant := quantifiers[w]
		b := j + 1
		for b < n && b-j < 8 && d.toks[b].kind == tWord && d.toks[b].sent == sent {
			bw := d.word(b)
			// "said one of those advisers": a quantifier's "of".
			if functionWords[bw] && !determiners[bw] && !(bw == "of" && b == j+1 && quant) || b > j+1 && d.isCue(b) {
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
			if t.cap && !(k > j && x.hyphenAdj(k)) {
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
	for a < b && d.toks[a].kind == tWord && (functionWords[d.word(a)] || openers[d.word(a)] || determiners[d.word(a)]) && !x.surnameAt(a) {
		a++
	}
	// "Peter the Great": an epithet after "the".
	if b-a == 1 && b+1 < n && d.is(b, "the") && d.toks[b+1].kind == tWord && d.toks[b+1].cap && d.toks[b+1].sent == sent && (maleNames[d.word(a)] || femaleNames[d.word(a)]) {
		b += 2
	}
	if b <= a || b-a >= 3 && allCaps(d.text[d.toks[a].s:d.toks[b-1].e]) || b-a == 1 && partyAdjectives[d.word(a)] {
		return subject{}
	}
	// "President of Ukraine Volodymyr Zelenskyy signed": a title of a
	// place before the person's name; nameSpan keeps the name.
	if b-a == 1 && titleWords[d.word(a)] && b+2 < n && d.is(b, "of") {
		k := b + 1
		for k < n && k < b+7 && d.toks[k].kind == tWord && d.toks[k].cap && d.toks[k].sent == sent {
			k++
		}
		if k-(b+1) >= 3 && x.wordBeforeFirstName(k-3) {
			b = k
		}
	}
	return subject{kind: subjName, a: a, b: b}
}
