package analyze

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
)

// personScan is the state of the lazy scan for antecedents (see
// ensurePersons).
type personScan struct {
	tok   []person // from the token scan, in the order found
	extra []person // people of the registry mentioned, then role holders
	next  int      // the next token to scan (a sentence start)
	lo    int      // the start of the current sentence
}

// ensurePersons makes x.persons hold every person before rune offset pos:
// the named subjects of cue verbs and of sentences, people of the registry
// mentioned anywhere and role holders, sorted by position, as antecedents
// for "he" and "she".
//
// The token scan is lazy: a person found in a sentence lies in that
// sentence or after it, so once the scan stops before a sentence starting
// at or after pos, every person before pos is known, in the same order a
// full scan gives. It goes on by at least as many tokens as it has done,
// so the list is sorted a logarithmic number of times.
func (x *attributor) ensurePersons(pos int) {
	d := x.d
	n := len(d.toks)
	ps := &x.pscan
	if !x.havePersons {
		x.havePersons = true
		// People of the registry mentioned anywhere.
		for _, m := range x.mentions {
			ai := x.a.reg.lookupIndex(m.Actor)
			if ai < 0 || x.a.reg.actors[ai].Kind != "person" {
				continue
			}
			ac := x.a.reg.actors[ai]
			ps.extra = append(ps.extra, person{pos: m.Start, name: ac.Name, actor: ai, s: m.Start, e: m.End, gender: genderOf(ac.Name), para: x.paraAt(m.Start)})
		}
		ps.extra = append(ps.extra, x.rolePersons()...)
	} else if ps.next >= n || int(d.toks[ps.next].s) >= pos {
		return // x.persons is up to date
	}
	minNext := 2 * ps.next
	i := ps.next
	for ; i < n; i++ {
		start := i == 0 || d.toks[i].sent != d.toks[i-1].sent || d.toks[i-1].kind == tPara
		if start && i > ps.next && i >= minNext && int(d.toks[i].s) >= pos {
			break
		}
		x.scanPersons(i, start)
	}
	ps.next = i
	x.persons = append(append(x.persons[:0], ps.tok...), ps.extra...)
	slices.SortStableFunc(x.persons, func(p, q person) int { return cmp.Compare(p.pos, q.pos) })
}

// scanPersons adds the persons found at token i; start: i opens a sentence.
func (x *attributor) scanPersons(i int, start bool) {
	d := x.d
	n := len(d.toks)
	ps := &x.pscan
	if start {
		var hi int
		ps.lo, hi = x.sentRange(i)
		if ps.lo < i {
			ps.lo = i
		}
		x.addPerson(x.sentenceSubject(ps.lo, hi), true)
	}
	lo := ps.lo
	if d.toks[i].kind == tWord && d.isCue(i) && !x.nounCue(i) {
		sub := x.subjectLeft(i, lo)
		if sub.kind == subjNone && i > 0 && d.toks[i-1].kind == tQuote || i > 1 && d.toks[i-2].kind == tQuote && d.punct(i-1, ',') {
			sub = x.subjectRight(i + 1)
		}
		x.addPerson(sub, true)
	}
	// "Ms. Jones", "Mr Smith": a person of known gender.
	if t := d.toks[i]; t.kind == tWord && t.cap && honorificGender[d.word(i)] != 0 {
		k := i + 1
		if d.punct(k, '.') {
			k++
		}
		if k < n && d.toks[k].kind == tWord && d.toks[k].cap && d.toks[k].sent == t.sent {
			if sub := x.nameRight(i); sub.kind == subjName && sub.b > k {
				x.addPerson(sub, false)
			}
		}
	}
}

// addPerson records the person a subject names, if it names one.
func (x *attributor) addPerson(sub subject, subj bool) {
	d := x.d
	if sub.kind != subjName {
		return
	}
	s, e, org, g := x.nameSpan(sub.a, sub.b)
	if org {
		return
	}
	name := joinFields(d.text[s:e])
	if !plausibleName(name) || !x.nameInDoc(sub, name) {
		return
	}
	canon, actor, g2 := x.canonical(name)
	if g == 0 {
		g = g2
	}
	if g == 0 && actor >= 0 {
		g = genderOf(x.a.reg.actors[actor].Name)
	}
	if g == 0 {
		g = genderOf(canon)
	}
	// A title alone ("Secretary") is not a person, nor is "I'm".
	if titleWords[foldString(firstWord(canon))] && !strings.ContainsRune(canon, ' ') || x.junkName(canon, actor) {
		return
	}
	x.pscan.tok = append(x.pscan.tok, person{pos: int(d.toks[sub.a].s), name: canon, actor: actor, s: s, e: e, gender: g, para: d.paraOf[sub.a], subj: subj})
}

// joinFields is strings.Join(strings.Fields(string(rs)), " ") built in
// one allocation.
func joinFields(rs []rune) string {
	var b strings.Builder
	b.Grow(len(rs) + 8)
	space := false
	for _, r := range rs {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// fieldCount is len(strings.Fields(string(rs))), counted up to limit.
func fieldCount(rs []rune, limit int) int {
	n := 0
	in := false
	for _, r := range rs {
		if unicode.IsSpace(r) {
			in = false
			continue
		}
		if !in {
			in = true
			if n++; n >= limit {
				return n
			}
		}
	}
	return n
}
