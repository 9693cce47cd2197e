package analyze

// Shapes of attribution around a cue that the short scans of cuerules.go
// miss: a long appositive after the subject, a thing named before
// "called", a passive cue with its agent.

// appositiveSaid: “Q,” Harry Bond, 30, of Raleigh, who was polled, said
// ... -- a trailing subject set off by a long appositive (a clause, an
// age, a place, a participle) before its cue, too far for the short
// "“Q,” X said" scan. The subject runs from the quotation to the first
// comma; the cue follows a later comma in the same sentence, with no
// other cue or quotation-ending sentence between.
func (x *attributor) appositiveSaid(ti, j int) attribution {
	d := x.d
	n := len(d.toks)
	sg := d.segs[d.toks[ti].q]
	comma := d.punct(ti+1, ',') || d.text[sg.end-1] == ','
	if !comma || j >= n || d.toks[j].sent != d.toks[ti].sent {
		return noAttribution // “Q,” only, in the same sentence
	}
	sent := d.toks[j].sent
	c1 := -1
	for k := j; k < n && k < j+8 && d.toks[k].sent == sent; k++ {
		if d.toks[k].kind != tWord {
			if d.punct(k, ',') && k > j {
				c1 = k
			}
			break
		}
	}
	if c1 < 0 {
		return noAttribution
	}
	sub := x.subjectLeft(c1, j)
	if sub.kind != subjName || sub.a > j+3 {
		return noAttribution
	}
	for k := c1 + 1; k < n && k < c1+30 && d.toks[k].sent == sent; k++ {
		t := d.toks[k]
		if t.kind == tPara {
			break
		}
		if t.kind != tWord || !d.isCue(k) {
			continue
		}
		if !d.punct(k-1, ',') || cueVerbs[d.word(k)]&cueIng != 0 {
			break // "who said", "saying": the appositive's own verb
		}
		return x.resolve(sub, x.cueText(k), "quote-x-said", 0.8, ti)
	}
	return noAttribution
}

// namerOf: "Trump's daughter has built her brand, writing a book called
// “Q”" -- a thing named right before "called" (an indefinite noun phrase:
// a book, a short film, an inflation formula) is the object of the
// naming, not its subject; the one who named it is the sentence's
// subject, when that one resolves to a speaker.
func (x *attributor) namerOf(sub subject, k, lo, ti int, rule string, conf float64) (attribution, bool) {
	d := x.d
	switch d.word(k) {
	case "called", "named", "dubbed", "titled", "entitled", "labeled", "labelled", "nicknamed":
	default:
		return noAttribution, false
	}
	// The thing may stand a phrase before the cue: "shared a syllabus for a
	// psychology class called “Q”".
	if sub.kind != subjDesc || sub.b != k && !x.lowerRun(sub.b, k) || !(d.is(sub.a, "a") || d.is(sub.a, "an")) || sub.a <= lo {
		return noAttribution, false
	}
	s2 := x.sentenceSubject(lo, sub.a)
	if !(s2.kind == subjName || s2.kind == subjDesc && (possessives[d.word(s2.a)] || d.is(s2.a, "the"))) {
		return noAttribution, false
	}
	at := x.resolve(s2, x.cueText(k), rule, conf, ti)
	return at, at.speaker != ""
}

// passiveAgent: "Rubio was asked by moderator Gerard Baker whether ...
// “Q”" -- a passive cue's agent after "by" is the speaker, not the
// grammatical subject.
func (x *attributor) passiveAgent(k int) (subject, bool) {
	d := x.d
	switch d.word(k) {
	case "asked", "told", "questioned", "pressed":
	default:
		return subject{}, false
	}
	if !(d.is(k-1, "was") || d.is(k-1, "were") || d.is(k-1, "been") || d.is(k-1, "is") || d.is(k-1, "being")) || !d.is(k+1, "by") {
		return subject{}, false
	}
	if r := x.subjectRight(k + 2); r.kind == subjName || r.kind == subjDesc {
		return r, true
	}
	return subject{}, false
}
