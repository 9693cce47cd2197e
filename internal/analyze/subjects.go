package analyze

import (
	"strings"
	"unicode"
)

// Names around a cue: offices, descriptors before a name, phrases that
// interrupt a clause between its subject and its cue.

// pastInterjection: from the comma at j, skip back over phrases between
// commas that interrupt a clause -- an adverbial opening with a preposition
// ("during a town hall meeting in Columbus") or the state after a city
// ("Columbus, Ohio") -- and find the subject before them.
func (x *attributor) pastInterjection(j, lo, depth int) (subject, bool) {
	d := x.d
	if depth > 0 {
		return subject{}, false
	}
	cur, skipped := j, false
	for hops := 0; hops < 3; hops++ {
		c := cur - 1
		for c >= lo && c > cur-25 && !d.punct(c, ',') && d.toks[c].kind != tQuote {
			c--
		}
		if c < lo || !d.punct(c, ',') || c+1 >= cur {
			break
		}
		f := c + 1
		w := d.word(f)
		// ("Mich.": a state abbreviated; ", 22,": an age)
		place := (cur-f == 1 || cur-f == 2 && d.punct(f+1, '.')) && d.toks[f].cap && c-1 >= lo && d.toks[c-1].kind == tWord && d.toks[c-1].cap
		interj := d.toks[f].kind == tWord && !d.toks[f].cap && (prepositions[w] || w == "during" || w == "despite" || w == "amid")
		if !place && !interj && !(cur-f == 1 && x.ageAt(f)) {
			break
		}
		cur, skipped = c, true
	}
	if !skipped {
		return subject{}, false
	}
	sub := x.subjectLeftN(cur, lo, depth+1)
	return sub, sub.kind == subjName || sub.kind == subjPron
}

// nameAfterDescriptor: the capitalised run at j (sub, or nothing when it
// is a lone party adjective) only describes the name that follows a few
// lower-case words: "Republican political consultant Chris Russell", "GOP
// strategist Keith Nahigian", "Republican party boss Reince Priebus".
func (x *attributor) nameAfterDescriptor(j int, sub subject) subject {
	d := x.d
	n := len(d.toks)
	b := j + 1
	if sub.kind == subjName {
		if sub.b-sub.a > 2 {
			return subject{}
		}
		b = sub.b
	} else if !partyAdjectives[d.word(j)] && d.word(j) != "gop" {
		return subject{}
	}
	sent := d.toks[j].sent
	k := b
	for k < n && k < b+3 && d.toks[k].kind == tWord && !d.toks[k].cap && d.toks[k].sent == sent {
		w := d.word(k)
		if functionWords[w] || determiners[w] || d.isCue(k) || strings.HasSuffix(w, "ly") {
			return subject{}
		}
		k++
	}
	if k == b || k >= n || d.toks[k].kind != tWord || !d.toks[k].cap || d.toks[k].sent != sent {
		return subject{}
	}
	later := x.nameRight(k)
	if later.kind != subjName || later.b-later.a < 2 {
		return subject{}
	}
	return later
}

// officeLeft: an office ending at j, "the Head of State", "the President of
// the Chechen Republic", is a description (resolved through the roles),
// unless a name follows the "of" ("Secretary of State John Kerry").
func (x *attributor) officeLeft(j, lo int) (subject, bool) {
	d := x.d
	k := j
	for k >= lo && j-k < 6 && d.toks[k].kind == tWord && d.toks[k].cap {
		w := d.word(k)
		if maleNames[w] || femaleNames[w] {
			return subject{}, false
		}
		k--
	}
	if k == j || k < lo+1 {
		return subject{}, false
	}
	if d.is(k, "the") {
		k--
	}
	if k < lo+1 || !d.is(k, "of") || d.toks[k-1].kind != tWord || !d.toks[k-1].cap || !officeWords[d.word(k-1)] {
		return subject{}, false
	}
	a := k - 1
	if a-1 >= lo && d.toks[a-1].kind == tWord && (d.is(a-1, "the") || d.is(a-1, "first")) {
		a--
		if d.is(a, "first") && a-1 >= lo && d.is(a-1, "the") {
			a--
		}
	}
	return subject{kind: subjDesc, a: a, b: j + 1}, true
}

// officeWords head the names of offices: "Head of State", "Director of the
// Federal Security Service".
var officeWords = set("head president director minister chairman chairwoman secretary governor mayor speaker chancellor prime")

// pastDateline skips a news dateline opening a paragraph: "PHILADELPHIA
// (AP) — The committee ...", "Washington (AFP) – Clinton ...".
func (x *attributor) pastDateline(lo, hi int) int {
	d := x.d
	if lo > 0 && d.toks[lo-1].kind != tPara {
		return lo
	}
	k := lo
	for k < hi && k < lo+4 && d.toks[k].kind == tWord && d.toks[k].cap {
		k++
	}
	if k == lo {
		return lo
	}
	if d.punct(k, ',') && k+1 < hi && d.toks[k+1].kind == tWord && d.toks[k+1].cap { // "DES MOINES, Iowa —"
		k += 2
		if k < hi && d.punct(k, '.') { // "JACKSON, Miss. -"
			k++
		}
		if k < hi && d.toks[k].kind == tWord && unicode.IsDigit(d.text[d.toks[k].s]) { // "PHILADELPHIA, July 25 (UPI) —"
			k++
		}
	}
	if d.punct(k, '(') {
		for m := k + 1; m < hi && m < k+6; m++ {
			if d.punct(m, ')') {
				k = m + 1
				break
			}
		}
	}
	if k+1 < hi && d.punctIn(k, "—–―") || k+2 < hi && d.punct(k, '-') && (d.punct(k+1, '-') || k > lo && d.punctIn(k-1, ").")) {
		for k < hi && d.toks[k].kind == tPunct {
			k++
		}
		return k
	}
	return lo
}

var relativeOpeners = set("where when while as")

// groupish: a plural noun naming people ("protesters", "spectators",
// "fans"), the head of a crowd that chants.
func groupish(w string) bool {
	return groupNouns[w] || crowdNouns[w]
}

var crowdNouns = set("protesters protestors marchers spectators fans crowds demonstrators attendees audiences chanters rallygoers participants students residents")

// pastParticiple: a sentence opening with a past participle ("Preceded at
// the lectern by Joe Arpaio, the sheriff, Trump launched ...", "Horrified
// at the prospect, Ramos believes ...") has its subject after one of the
// next commas: the first name or pronoun found there; ok is false when
// there is none (the caller reads the sentence as before).
func (x *attributor) pastParticiple(lo, hi int) (subject, bool) {
	d := x.d
	if lo+1 >= hi || d.toks[lo].kind != tWord || !d.toks[lo].cap || d.toks[lo+1].kind != tWord || d.toks[lo+1].cap {
		return subject{}, false
	}
	if w := d.word(lo); len(w) <= 4 || !strings.HasSuffix(w, "ed") || maleNames[w] || femaleNames[w] {
		return subject{}, false
	}
	commas := 0
	for c := lo + 2; c < hi && c-lo < 40 && commas < 3; c++ {
		if !d.punct(c, ',') {
			continue
		}
		commas++
		if c+1 < hi && d.toks[c+1].kind == tWord && (d.toks[c+1].cap || personPronouns[d.word(c+1)] != 0) {
			if sub := x.sentenceSubject(c+1, hi); sub.kind == subjName || sub.kind == subjPron {
				return sub, true
			}
		}
	}
	return subject{}, false
}
