package analyze

// The outer source of a nested attribution. A news article that reports
// what someone said as another outlet or document reported it ("“Q,”
// Sanders said, according to CNN"; "... he told reporters, according to a
// pool report") attributes the words to that outer source: it is the
// source the article itself cites, and the one an analyst can check.
// PolNeAR's annotation follows the same convention (the source is the one
// the article attributes to). The inner speaker stays in the text; the
// statement's speaker is the outer source, its rule marked "+outer".

// outerSource replaces a cue attribution of the quotation at token ti by
// the "according to X" of its sentence, when the sentence has one outside
// the quotation and no other quotation lies between them.
func (x *attributor) outerSource(ti int, at attribution) attribution {
	if at.rule == "" {
		return at
	}
	at = x.pollSource(ti, at)
	d := x.d
	lo, hi := x.sentRange(ti)
	if rep := x.reportedAfter(ti, hi); rep.speaker != "" {
		rep.rule, rep.conf = at.rule+"+outer", at.conf
		return rep
	}
	lo, hi = max(lo, ti-window), min(hi, ti+window)
	for k := lo; k+1 < hi; k++ {
		if d.toks[k].kind == tQuote && k != ti {
			if k < ti {
				continue
			}
			break // a later quotation: its own words, its own source
		}
		// "“Q,” per the party's bylaws": "per" right after the quotation.
		per := d.is(k, "per") && (k == ti+1 || k == ti+2 && d.punct(ti+1, ','))
		if !per && (!d.is(k, "according") || !d.is(k+1, "to")) {
			continue
		}
		if k > 0 && d.is(k-1, "that") {
			return at // "said that according to its analysis, ...": the speaker's own source
		}
		j := k + 2
		if per {
			j = k + 1
		}
		sub := x.subjectRight(j)
		if sub.kind == subjNone {
			sub = x.barePlural(j)
		}
		if sub.kind == subjNone || sub.kind == subjPron {
			return at
		}
		out := x.resolve(sub, "according to", at.rule+"+outer", at.conf, ti)
		if out.speaker == "" {
			return at
		}
		return out
	}
	return at
}

// reportedAfter: "X said, “Q,” the Ledger reported." / "X said “Q,”
// adding that ..., the Ledger reported." -- a quotation that another's cue
// introduced, in a sentence closed by the outlet that reported it after
// a comma (or right after the quotation).
func (x *attributor) reportedAfter(ti, hi int) attribution {
	d := x.d
	k := hi - 1
	for k > ti && d.toks[k].kind == tPunct {
		k--
	}
	if k <= ti+1 || k > ti+window {
		return noAttribution
	}
	// "..., reports USA Today." -- the outlet after the cue.
	for c := k; c > ti+1 && c >= k-4; c-- {
		if (d.is(c, "reported") || d.is(c, "reports")) && d.punct(c-1, ',') && c < k {
			if sub := x.subjectRight(c + 1); sub.kind == subjName && sub.b == k+1 {
				return x.resolve(sub, "reported", "", 0, ti)
			}
			return noAttribution
		}
	}
	if !(d.is(k, "reported") || d.is(k, "reports")) {
		return noAttribution
	}
	// The subject opens after the last comma before the cue, or right
	// after the quotation; no other quotation in between.
	j := -1
	for m := k - 1; m > ti && m >= k-8; m-- {
		if d.toks[m].kind == tQuote {
			return noAttribution
		}
		if d.punct(m, ',') || m == ti+1 {
			j = m
			if d.punct(m, ',') {
				j = m + 1
			}
			break
		}
	}
	if j < 0 || j >= k {
		return noAttribution
	}
	for m := ti + 1; m < j; m++ {
		if d.toks[m].kind == tQuote {
			return noAttribution
		}
	}
	if sub := x.subjectLeft(k, j); sub.kind != subjNone && sub.kind != subjPron && (sub.a == j || sub.a == j+1 && d.is(j, "the")) {
		return x.resolve(sub, "reported", "", 0, ti)
	}
	return noAttribution
}

// sourceNouns are the plural nouns an unnamed outer source goes by
// ("according to officials with knowledge of ...", "according to excerpts
// of his speech").
var sourceNouns = set(`officials sources excerpts documents records transcripts reports aides people witnesses
	accounts emails notes minutes filings estimates`)

// barePlural: a plural source with no determiner, after at most two
// adjectives ("multiple intelligence sources", "officials").
func (x *attributor) barePlural(j int) subject {
	d := x.d
	for k := j; k < j+3 && k < len(d.toks) && d.toks[k].kind == tWord && !d.toks[k].cap; k++ {
		if sourceNouns[d.word(k)] || groupNouns[d.word(k)] {
			return subject{kind: subjDesc, a: j, b: k + 1}
		}
	}
	return subject{}
}
