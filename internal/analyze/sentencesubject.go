package analyze

import (
	"strings"
	"unicode"
)

// The subject of a sentence or clause, and of a cue that has none of its
// own.

// fallbackSubject: the subject of a cue that has none right before it
// ("... and said", "to accuse", ", adding"): the previous cue's subject in
// the sentence, else the sentence subject.
func (x *attributor) fallbackSubject(k, lo int) subject {
	d := x.d
	if sub, ok := x.withSubject(k, lo); ok {
		return sub
	}
	for c := k - 1; c >= max(lo, k-window); c-- {
		// "she called it “outrageous” and called for ...": the earlier
		// cue's subject, across a quoted phrase.
		if d.isCue(c) {
			if sub := x.subjectLeft(c, lo); sub.kind != subjNone {
				return sub
			}
		}
	}
	// "The email went on to say", "The candidate appeared to assert his
	// plans by saying": the sentence's subject, a description too when it
	// opens with an article.
	if sub := x.sentenceSubject(lo, k); sub.kind == subjName || sub.kind == subjPron || sub.kind == subjDesc && articles[x.d.word(sub.a)] && !demonstratives[x.d.word(sub.a)] {
		return sub
	}
	return subject{}
}

// sentenceSubject: the name or pronoun that opens the clause [lo, hi),
// after an opening adverbial ("On Thursday, ...").
func (x *attributor) sentenceSubject(lo, hi int) subject {
	d := x.d
	lo = x.pastDateline(lo, hi)
	if sub, ok := x.pastParticiple(lo, hi); ok {
		return sub
	}
	i := lo
	// "And then Trump went on the attack, saying ...": a conjunction (and
	// an adverb) before a name or pronoun is no adverbial phrase.
	if i < hi && d.toks[i].kind == tWord && conjunctions[d.word(i)] {
		k := i + 1
		if k < hi && d.toks[k].kind == tWord && (d.is(k, "then") || d.is(k, "now") || d.is(k, "still")) {
			k++
		}
		if k < hi && d.toks[k].kind == tWord && (d.toks[k].cap && !openers[d.word(k)] && !functionWords[d.word(k)] || personPronouns[d.word(k)] != 0) {
			i = k
		}
	}
	if i == lo && i < hi && d.toks[i].kind == tWord && (openers[d.word(i)] || d.toks[i].cap && (strings.HasSuffix(d.word(i), "ing") || strings.HasSuffix(d.word(i), "ly"))) {
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
			if i < hi && d.toks[i].kind == tWord && (d.toks[i].cap && !x.stateAbbrev(i) || personPronouns[d.word(i)] != 0 || determiners[d.word(i)]) {
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
	if !d.toks[i].cap && !isDet && !functionWords[w] && (!d.isCue(i) || invertingCues[w]) { // not "praised Sanders for ..."
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
		if later := x.nameAfterDescriptor(i, sub); later.kind == subjName && later.b <= hi && x.titlesOnly(sub.b, later.a) {
			sub = later // "Former Pennsylvania governor Ed Rendell praised ..."
		}
		if sub.kind == subjName && sub.b <= hi {
			return sub
		}
	}
	if isDet || d.toks[i].cap {
		// "several environmental groups granted ...", "The Hill reported"
		b := i + 1
		for b < hi && b-i < 5 && d.toks[b].kind == tWord {
			bw := d.word(b)
			past := !d.toks[b].cap && (strings.HasSuffix(bw, "ed") || commonVerbs[bw]) && b > i+1
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

var conjunctions = set("and but yet so or")

// commonVerbs end a noun phrase: "The email went on to say".
var commonVerbs = set("went goes go came comes took takes made makes got gets gave gives sent sends began begins")
