package analyze

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/workbench-dev/workbench/internal/model"
)

// heldRole is one [[actor.role]] of the registry, parsed.
type heldRole struct {
	actor    int
	title    string // folded
	from, to time.Time
}

// parseRoles checks and parses the roles of actor i (a); errors name the
// line of the [[actor.role]] table and the field.
func parseRoles(text []byte, actorLines []int, i int, a model.Actor) ([]heldRole, error) {
	var out []heldRole
	rl := roleLines(text, actorLines, i)
	for k, r := range a.Roles {
		at := ""
		if k < len(rl) {
			at = fmt.Sprintf("line %d: ", rl[k])
		}
		title := strings.Join(strings.Fields(r.Title), " ")
		if title == "" {
			return nil, fmt.Errorf("%sactor %q: role %d has no title", at, a.ID, k+1)
		}
		h := heldRole{actor: i, title: foldString(title)}
		var err error
		if h.from, err = time.Parse("2006-01-02", strings.TrimSpace(r.From)); err != nil {
			return nil, fmt.Errorf("%sactor %q: role %q: bad from %q: want a date YYYY-MM-DD", at, a.ID, title, r.From)
		}
		if strings.TrimSpace(r.To) != "" {
			if h.to, err = time.Parse("2006-01-02", strings.TrimSpace(r.To)); err != nil {
				return nil, fmt.Errorf("%sactor %q: role %q: bad to %q: want a date YYYY-MM-DD, or leave it out while the role is held", at, a.ID, title, r.To)
			}
			if h.to.Before(h.from) {
				return nil, fmt.Errorf("%sactor %q: role %q: to %s is before from %s", at, a.ID, title, r.To, r.From)
			}
		}
		out = append(out, h)
	}
	return out, nil
}

// roleLines are the 1-based lines of the [[actor.role]] headers of actor i.
func roleLines(text []byte, actorLines []int, i int) []int {
	if i >= len(actorLines) {
		return nil
	}
	end := 1 << 30
	if i+1 < len(actorLines) {
		end = actorLines[i+1]
	}
	var out []int
	for n, line := range strings.Split(string(text), "\n") {
		if n+1 <= actorLines[i] || n+1 >= end {
			continue
		}
		if strings.HasPrefix(strings.Join(strings.Fields(line), ""), "[[actor.role]]") {
			out = append(out, n+1)
		}
	}
	return out
}

// holder is the actor holding the role (folded title) on date; first asks
// for the first holder ever ("the first President of the Chechen
// Republic"). -1 when none or ambiguous.
func (r *Registry) holder(title string, date time.Time, first bool) int {
	best := -1
	var bestFrom time.Time
	for _, h := range r.roles {
		if h.title != title {
			continue
		}
		if first {
			if best < 0 || h.from.Before(bestFrom) {
				best, bestFrom = h.actor, h.from
			}
			continue
		}
		if date.IsZero() || date.Before(h.from) || !h.to.IsZero() && !date.Before(h.to) {
			continue
		}
		if best >= 0 && best != h.actor {
			return -1
		}
		best = h.actor
	}
	return best
}

// docContext is what analysis knows of a document besides its body.
type docContext struct {
	date    time.Time
	country string // of the source: "russia" for kremlin.ru, "ukraine" for president.gov.ua; "" unknown
}

// sourceCountries maps a publisher's host to the country whose offices its
// descriptions ("the President") mean.
var sourceCountries = map[string]string{
	"kremlin.ru": "russia", "en.kremlin.ru": "russia", "president.gov.ua": "ukraine", "www.president.gov.ua": "ukraine",
	"whitehouse.gov": "the united states", "www.whitehouse.gov": "the united states", "elysee.fr": "france", "www.elysee.fr": "france",
}

func contextOf(art model.Article) docContext {
	c := docContext{date: art.Date}
	src := strings.ToLower(strings.TrimSpace(art.Source))
	if country, ok := sourceCountries[src]; ok {
		c.country = country
	} else if u, err := url.Parse(art.URL); err == nil {
		c.country = sourceCountries[strings.ToLower(u.Hostname())]
	}
	return c
}

// countryAdjectives give "the Russian President" for "President of Russia".
var countryAdjectives = map[string][]string{
	"russia": {"russian"}, "ukraine": {"ukrainian"}, "the united states": {"us", "u.s.", "american", "united states"},
	"france": {"french"}, "germany": {"german"}, "turkey": {"turkish"}, "china": {"chinese"}, "hungary": {"hungarian"},
	"the united kingdom": {"british", "uk", "u.k."}, "the netherlands": {"dutch"}, "belarus": {"belarusian"},
}

// countryDescriptions are descriptions that mean an office of the source's
// country; "%s" is the country.
var countryDescriptions = map[string]string{
	"president": "president of %s", "head of state": "president of %s", "head of the state": "president of %s",
	"prime minister": "prime minister of %s", "foreign minister": "minister of foreign affairs of %s",
	"minister of foreign affairs": "minister of foreign affairs of %s",
	// president.gov.ua's names for its chief of staff
	"head of the president's office": "head of the office of the president of %s", "head of the president’s office": "head of the office of the president of %s",
	"head of the office of the president": "head of the office of the president of %s", "head of the office": "head of the office of the president of %s",
	"head of the presidential office": "head of the office of the president of %s",
}

// fixedDescriptions name one office whatever the source.
var fixedDescriptions = map[string]string{
	"kremlin spokesman": "press secretary of the president of russia", "kremlin spokesperson": "press secretary of the president of russia",
	"kremlin press secretary": "press secretary of the president of russia", "presidential press secretary": "press secretary of the president of russia",
	"russian leader": "president of russia", "kremlin leader": "president of russia", "ukrainian leader": "president of ukraine",
	"fsb director": "director of the federal security service", "fsb chief": "director of the federal security service",
	"nato secretary general": "secretary general of nato",
}

// roleTitles maps a folded description to the folded role title it names,
// built from the registry's roles: "president of russia", "russia
// president", "russian president".
func roleTitles(r *Registry) map[string]string {
	m := map[string]string{}
	for _, h := range r.roles {
		m[h.title] = h.title
		if x, y, ok := strings.Cut(h.title, " of "); ok {
			y = strings.TrimPrefix(y, "the ")
			m[y+" "+x] = h.title
			for _, adj := range countryAdjectives[y] {
				m[adj+" "+x] = h.title
				if x == "president" { // "the Ukrainian Head of State"
					m[adj+" head of state"] = h.title
				}
			}
			for _, adj := range countryAdjectives["the "+y] {
				m[adj+" "+x] = h.title
			}
		}
	}
	return m
}

// roleResolve resolves a description ("the President", "the Kremlin
// spokesman", "the first President of the Chechen Republic") to the
// registry actor holding that office on the document's date; -1 if none.
func (a *Analyzer) roleResolve(desc string, c docContext) int {
	if len(a.reg.roles) == 0 {
		return -1
	}
	d := foldString(strings.Join(strings.Fields(desc), " "))
	for _, p := range []string{"the ", "a ", "our "} {
		d = strings.TrimPrefix(d, p)
	}
	d = strings.TrimSuffix(strings.TrimSuffix(d, "'s"), "’s")
	first := false
	if rest, ok := strings.CutPrefix(d, "first "); ok {
		first, d = true, rest
	}
	if strings.HasPrefix(d, "former ") || strings.HasPrefix(d, "late ") {
		return -1
	}
	if c.date.IsZero() && !first {
		return -1
	}
	title := ""
	if t, ok := a.roleTitle[d]; ok {
		title = t
	} else if t, ok := fixedDescriptions[d]; ok {
		title = t
	} else if t, ok := countryDescriptions[d]; ok && c.country != "" && !first {
		title = fmt.Sprintf(t, c.country)
	}
	if title == "" {
		return -1
	}
	return a.reg.holder(title, c.date, first)
}

// subordinateIn: a word of [a, b) makes the office someone else's post
// ("Deputy Head of the Office", "First Deputy Prime Minister").
func (x *attributor) subordinateIn(a, b int) bool {
	for k := a; k < b; k++ {
		if subordinateWords[x.d.word(k)] {
			return true
		}
	}
	return false
}

var subordinateWords = set("deputy adviser advisor assistant aide")

// roleWords head the descriptions of offices.
var roleWords = set("president director head minister chancellor secretary spokesman spokeswoman aide envoy chairman")

// rolePersons lists the offices named in the text whose holder the registry
// knows ("the first President of the Chechen Republic", "The Federal
// Security Service Director"), as antecedents for "he" and "she".
func (x *attributor) rolePersons() []person {
	d := x.d
	if len(x.a.reg.roles) == 0 {
		return nil
	}
	var out []person
	cache := map[string]int{}
	n := len(d.toks)
	for i := 0; i < n; i++ {
		t := d.toks[i]
		if t.kind != tWord || !t.cap || !roleWords[d.word(i)] {
			continue
		}
		// Capitalised words before it ("Federal Security Service Director").
		a := i
		for a > 0 && i-a < 5 && d.toks[a-1].kind == tWord && d.toks[a-1].cap && d.toks[a-1].sent == t.sent {
			a--
		}
		// "of [the] Capitalised ..." after it.
		b := i + 1
		if b+1 < n && d.is(b, "of") {
			k := b + 1
			if d.is(k, "the") {
				k++
			}
			m := k
			for m < n && m-k < 6 && d.toks[m].kind == tWord && d.toks[m].cap && d.toks[m].sent == t.sent {
				m++
			}
			if m > k {
				b = m
			}
		}
		// "Adviser to the Head of the President's Office", "Deputy Head of
		// ...": the office of someone else's post.
		if k := a - 1; k > 0 && d.is(k, "the") && (d.is(k-1, "to") || d.is(k-1, "of")) || a > 0 && (d.is(a-1, "to") || d.is(a-1, "of")) || x.subordinateIn(a, i) {
			continue
		}
		for s := a; s <= i; s++ {
			first := s > 0 && d.is(s-1, "first")
			phrase := string(d.text[d.toks[s].s:d.toks[b-1].e])
			if first {
				phrase = "first " + phrase
			}
			ai, ok := cache[phrase]
			if !ok {
				ai = x.a.roleResolve(phrase, x.ctx)
				cache[phrase] = ai
			}
			if ai >= 0 {
				ac := x.a.reg.actors[ai]
				// An office named in full is as strong an antecedent as a
				// subject: "his father, the first President of ..., he came".
				subj := true
				out = append(out, person{pos: int(d.toks[s].s), name: ac.Name, actor: ai, s: int(d.toks[s].s), e: int(d.toks[b-1].e), gender: genderOf(ac.Name), para: d.paraOf[s], subj: subj})
				break
			}
		}
		i = b - 1
	}
	return out
}

// greetingWords are the subjects of a message quoted in a greeting
// ("The message reads, in part: ...").
var greetingWords = splitSet("the message|the telegram|the greeting|the greetings|the letter|the address|the condolence message|the message of greetings|the message of condolences|the congratulatory message|the text")

// sender is the author of the message the article reports: the person who
// opens the first sentence ("Vladimir Putin sent a message of greetings
// ..."), else the head of state of the source's country on its date.
func (x *attributor) sender() (string, int) {
	d := x.d
	if len(d.toks) > 0 && len(d.sHi) > 0 {
		lo, hi := x.sentRange(0)
		if sub := x.sentenceSubject(lo, hi); sub.kind == subjName {
			s, e, org, _ := x.nameSpan(sub.a, sub.b)
			if !org {
				name := joinFields(d.text[s:e])
				if plausibleName(name) {
					canon, actor, _ := x.canonical(name)
					return canon, actor
				}
			}
		}
	}
	if ai := x.a.roleResolve("the President", x.ctx); ai >= 0 {
		return x.a.reg.actors[ai].Name, ai
	}
	return "", -1
}

func splitSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Split(s, "|") {
		m[w] = true
	}
	return m
}
