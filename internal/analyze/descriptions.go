package analyze

import "strings"

// trimDesc ends a description at a verb that cannot be part of it ("The
// final results aren't", "The council has ..." -> "The final results",
// "The council"); a description that opens with a preposition ("On her
// discharge papers", "With cable news networks carrying") says where, not
// who: not ok.
func (x *attributor) trimDesc(sub subject) (subject, bool) {
	d := x.d
	if d.toks[sub.a].kind == tWord && prepositions[d.word(sub.a)] && !(d.is(sub.a, "at") && (d.is(sub.a+1, "least") || d.is(sub.a+1, "most"))) {
		return sub, false // (not "At least half")
	}
	for k := sub.a + 1; k < sub.b; k++ {
		if d.toks[k].kind == tWord && finiteAux(d.word(k)) {
			sub.b = k
			break
		}
	}
	return sub, true
}

// finiteAux: a form of be, have or do, or a modal, or one of them with n't.
func finiteAux(w string) bool {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "n't"), "n’t")
	return beVerbs[w] || auxWords[w]
}

// auxWords: have, do and the modals ("ca" and "wo" of can't and won't).
var auxWords = set("has have had does did do ca can could will would shall should may might must wo")
