package analyze

import (
	"strings"
	"unicode"
)

// A share of respondents that "said" something in a poll ("In a
// September News poll, 75 percent of Republicans said ...", "The poll
// finds that 37 percent of Americans say ...") said it only through the
// poll: the poll named in the sentence is the source, as the article
// attributes the figure to it.

var shareWords = set(`one two three four five six seven eight nine ten most majority half third quarter`)

// shareOfRespondents: "75 percent of Republicans", "31% of voters", "Six in
// 10 Republicans", "About four in 10 voters".
func shareOfRespondents(name string) bool {
	f := strings.Fields(strings.ToLower(name))
	if len(f) > 0 && (f[0] == "about" || f[0] == "just" || f[0] == "only" || f[0] == "nearly" || f[0] == "almost") {
		f = f[1:]
	}
	if len(f) < 2 {
		return false
	}
	num := unicode.IsDigit([]rune(f[0])[0]) || shareWords[f[0]]
	if !num {
		return false
	}
	return f[1] == "percent" || strings.HasSuffix(f[0], "%") || f[1] == "in" && len(f) > 2 && (f[2] == "10" || f[2] == "ten")
}

// pollSource: the poll or survey named before the quotation in its
// sentence, as a description ending in "poll" ("a September Washington
// Post-ABC News poll", "The Q poll").
func (x *attributor) pollSource(ti int, at attribution) attribution {
	if at.s < 0 || !shareOfRespondents(at.speaker) {
		return at
	}
	d := x.d
	lo, _ := x.sentRange(ti)
	for k := ti - 1; k >= max(lo, ti-window); k-- {
		if !d.is(k, "poll") && !d.is(k, "survey") {
			continue
		}
		a := k
		for a-1 >= lo && a > k-8 && d.toks[a-1].kind == tWord && !d.is(a-1, "in") && !d.is(a-1, "of") && !d.is(a-1, "while") {
			a--
			if determiners[d.word(a)] {
				break
			}
		}
		if !determiners[d.word(a)] {
			return at
		}
		out := at
		out.s, out.e = int(d.toks[a].s), int(d.toks[k].e)
		out.speaker, out.actor, out.gender = string(d.text[out.s:out.e]), -1, 0
		out.rule = at.rule + "+poll"
		return out
	}
	return at
}
