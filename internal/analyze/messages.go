package analyze

import "strings"

// messageOwner reads a description of a written message whose words are
// quoted: "The message to Jiang Zemin", "His message of greeting", "The
// congratulatory letter", "The telegram sent ...", "The President's
// message", "Mr Putin's telegram". It reports whether desc is one, and the
// owner named in a possessive, as written ("The President", "Mr Putin";
// "" for his, her, the, a). ("The message from X": resolve distinguishes
// it by the word after the description.)
func messageOwner(desc string) (owner string, ok bool) {
	f := strings.Fields(desc)
	if len(f) < 2 {
		return "", false
	}
	w := make([]string, len(f))
	for k, x := range f {
		w[k] = foldString(x)
	}
	i := 0
	switch w[0] {
	case "the", "his", "her", "this", "that", "a", "its":
		i = 1
	}
	// a possessive owner: "the (acting|russian) president's message", "Mr
	// Putin's telegram", "Vladimir Putin's message"
	for k := 0; k < len(w) && k < i+3; k++ {
		o, found := strings.CutSuffix(f[k], "'s")
		if !found {
			o, found = strings.CutSuffix(f[k], "’s")
		}
		if found {
			if i == 1 && w[0] != "the" {
				return "", false
			}
			owner = strings.Join(append(append([]string{}, f[:k]...), o), " ")
			i = k + 1
			break
		}
	}
	if i == 0 {
		return "", false
	}
	// adjectives, then the noun of the message
	for k := i; k < len(w) && k < i+3; k++ {
		if messageNouns[w[k]] {
			return owner, true
		}
		if !messageAdjectives[w[k]] {
			return "", false
		}
	}
	return "", false
}

var messageNouns = set("message messages telegram telegrams letter letters greeting greetings address congratulations condolences")
var messageAdjectives = set("congratulatory greeting greetings condolence condolences relevant personal official new")

// messageFrom: the sender after "from" in "The message from the head of
// state reads" (an office the roles resolve, up to six words) or "The
// message from Jane Roe said" (a name); else at, the message unresolved.
func (x *attributor) messageFrom(i int, at attribution, cue, rule string, conf float64, ti int) attribution {
	d := x.d
	j := i
	for j < len(d.toks) && j < i+6 && d.toks[j].kind == tWord {
		j++
	}
	for ; j > i; j-- { // the longest office the roles know
		desc := joinFields(d.text[d.toks[i].s:d.toks[j-1].e])
		if actor := x.a.roleResolve(desc, x.ctx); actor >= 0 {
			at.speaker, at.actor, at.s, at.e = x.a.reg.actors[actor].Name, actor, int(d.toks[i].s), int(d.toks[j-1].e)
			at.rule += "+role"
			return at
		}
	}
	if from := x.subjectRight(i); from.kind == subjName {
		if fa := x.resolve(from, cue, rule, conf, ti); fa.speaker != "" {
			return fa
		}
	}
	return at
}

// messageSender resolves the owner of a message: an office by the roles
// ("The President"), else a name ("Mr Putin", "Vladimir Putin").
func (x *attributor) messageSender(owner string) (string, int) {
	if actor := x.a.roleResolve(owner, x.ctx); actor >= 0 {
		return x.a.reg.actors[actor].Name, actor
	}
	if !namedOwner(owner) {
		return "", -1 // an office the roles do not know
	}
	words := strings.Fields(owner)
	for len(words) > 1 && (honorificGender[foldString(words[0])] != 0 || titleWords[foldString(words[0])]) {
		words = words[1:] // "Mr Putin", "President Putin"
	}
	if name := strings.Join(words, " "); plausibleName(name) {
		canon, actor, _ := x.canonical(name)
		return canon, actor
	}
	return "", -1
}

// namedOwner: an owner written as a name ("Mr Putin", "Vladimir Putin"),
// not an office after an article ("The President").
func namedOwner(owner string) bool {
	first, _, _ := strings.Cut(owner, " ")
	return owner != "" && !articles[foldString(first)]
}
