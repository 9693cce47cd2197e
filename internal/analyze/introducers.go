package analyze

// Phrases that introduce a quotation with its speaker's name: digests'
// "- Name: “Q”" and "in the words of Name: “Q”".

// dashNameColon: in digests and newsletters a name between a dash and a
// colon introduces the quotation after it ("Pollsters agree - Carl
// Bialik: “Q”", "... the Democratic caucus - HuffPollster: “Q”"): the
// name's, not the subject of the clause before the dash.
func (x *attributor) dashNameColon(ti int) attribution {
	d := x.d
	if ti < 3 || !d.punct(ti-1, ':') {
		return noAttribution
	}
	b := ti - 1 // the name: one to four capitalised words right before the colon
	a := b
	for a > 0 && b-a < 5 && d.toks[a-1].kind == tWord && d.toks[a-1].cap {
		a--
	}
	if a == b || b-a > 4 || a == 0 || !d.punctIn(a-1, "-–—―") || d.toks[a].sent != d.toks[b-1].sent {
		return noAttribution
	}
	return x.resolve(subject{kind: subjName, a: a, b: b}, ":", "dash-name-colon", 0.7, ti)
}

// wordsOf: "in the words of Václav Havel: “Q”", "to quote Confucius, “Q”":
// the name right before the quotation, after "words of" or "quote".
func (x *attributor) wordsOf(ti int) attribution {
	d := x.d
	b := ti
	if b > 0 && d.punctIn(b-1, ":,") {
		b--
	}
	a := b
	for a > 0 && b-a < 4 && d.toks[a-1].kind == tWord && d.toks[a-1].cap {
		a--
	}
	if a == b || a < 2 || d.toks[a].sent != d.toks[b-1].sent {
		return noAttribution
	}
	if !(d.is(a-1, "of") && (d.is(a-2, "words") || d.is(a-2, "word")) || d.is(a-1, "quote")) {
		return noAttribution
	}
	return x.resolve(subject{kind: subjName, a: a, b: b}, "words of", "words-of", 0.75, ti)
}
