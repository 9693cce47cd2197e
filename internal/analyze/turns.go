package analyze

import (
	"strings"
	"unicode"
)

// turnSpan is one speaker turn of a transcript: the label [ls, le) (without
// the colon) and the words [s, e) it introduces, up to the next label.
type turnSpan struct {
	ls, le  int
	s, e    int
	speaker string // registry name, else the name as written, else the generic label ("Question")
	actor   int    // registry index or -1
	generic bool   // "Question:", "Remark:", ...
	conf    float64
}

// maxLabelRunes bounds a speaker label ("Minister of Construction, Housing
// and Utilities Mikhail Men (retranslated)").
const maxLabelRunes = 130

// genericLabels are labels that name a role in the exchange, not a person.
var genericLabels = map[string]string{
	"question": "Question", "q": "Question", "questions": "Question", "answer": "Answer", "a": "Answer",
	"remark": "Remark", "remarks": "Remark", "reply": "Reply", "response": "Response", "comment": "Comment",
	"operator": "Operator", "moderator": "Moderator", "interviewer": "Interviewer", "correspondent": "Correspondent",
	"journalist": "Journalist", "audience": "Audience", "voice": "Voice", "voices": "Voices", "presenter": "Presenter",
	"host": "Host", "anchor": "Anchor", "participant": "Participant", "call centre operator": "Operator",
	"call center operator": "Operator", "official in charge": "Official in charge", "officials in charge": "Officials in charge",
}

// notSpeakerLabels open label-like lines that are no speaker ("Note: ...").
var notSpeakerLabels = set(`note notes source sources update updated correction corrections editor editors reference references subject
	topic topics agenda deadline deadlines contact contacts attention warning caution photo photos video videos address
	venue date time place participants read see also tags tag summary background ps p.s attachment annex appendix
	text quote quotes example examples first second third fourth fifth finally next then now here there today
	meanwhile however moreover furthermore therefore thus still yet but and so or for because headline title
	translation transcript documents document link links website web phone tel fax email e-mail`)

// labelConnectors are the lower-case words a label's title may hold.
var labelConnectors = set("of the and for de da di du van von der den del la le al bin ibn el y on in at to")

// findTurns finds the speaker turns of a transcript. A label opens a turn at
// the start of a paragraph, or after a sentence end inside a long paragraph
// (the 2021-22 releases lost their paragraph breaks); a turn runs to the
// next label, without stage directions ("(Applause.)"). Linear in the text.
func (a *Analyzer) findTurns(text []rune) []turnSpan {
	n := len(text)
	var out []turnSpan
	known := map[string]bool{} // speakers of the turns so far
	paraStart, paraLen := 0, -1
	for i := 0; i < n; i++ {
		atPara := i == 0 || text[i-1] == '\n'
		if atPara {
			paraStart, paraLen = i, -1
		}
		if !unicode.IsUpper(text[i]) {
			continue
		}
		if !atPara {
			// Mid-paragraph: after a sentence end and a space, in a long paragraph.
			if i < 2 || text[i-1] != ' ' || !strings.ContainsRune(".?!…\"”’)", text[i-2]) {
				continue
			}
			if paraLen < 0 {
				paraLen = paraEnd(text, paraStart) - paraStart
			}
			if paraLen < 1000 {
				continue
			}
		}
		t, ok := a.label(text, i, atPara, known)
		if !ok {
			continue
		}
		if len(out) > 0 {
			out[len(out)-1].e = i
		}
		out = append(out, t)
		known[t.speaker] = true
		i = t.s - 1
	}
	if len(out) > 0 {
		out[len(out)-1].e = n
	}
	// "President of Russian Platinum Musa Bazhayev" is the "Musa Bazhayev"
	// of the later labels.
	for k := range out {
		for name := range known {
			if out[k].actor < 0 && name != out[k].speaker && strings.Contains(name, " ") && strings.HasSuffix(out[k].speaker, " "+name) {
				out[k].speaker = name
			}
		}
	}
	// Trim each turn: trailing space and stage directions; a paragraph of
	// stage direction inside a turn splits it.
	res := out[:0:0]
	for _, t := range out {
		res = append(res, splitStage(text, t)...)
	}
	return res
}

func paraEnd(text []rune, i int) int {
	for i < len(text) && text[i] != '\n' {
		i++
	}
	return i
}

// label reads a speaker label at i: title-case words (with connectors and
// commas), an optional parenthesis, a colon and a space.
func (a *Analyzer) label(text []rune, i int, atPara bool, known map[string]bool) (turnSpan, bool) {
	n := len(text)
	j, paren := i, -1
	for ; j < n && j-i < maxLabelRunes; j++ {
		r := text[j]
		if r == ':' {
			break
		}
		if r == '(' {
			if paren >= 0 {
				return turnSpan{}, false
			}
			paren = j
			for j < n && text[j] != ')' && text[j] != '\n' && j-paren < 90 {
				j++
			}
			if j >= n || text[j] != ')' {
				return turnSpan{}, false
			}
			continue
		}
		if paren >= 0 && r != ' ' {
			return turnSpan{}, false // words after the parenthesis
		}
		if r == '\n' || r == '?' || r == '!' || r == ';' || r == '"' || r == '“' || r == '”' || unicode.IsDigit(r) {
			return turnSpan{}, false
		}
		if r == '.' && !(j > i && unicode.IsUpper(text[j-1]) && (j-1 == i || !unicode.IsLetter(text[j-2]) || text[j-2] == 'M' || text[j-2] == 'D')) {
			// only initials ("A.Ivanov", "V. Putin") and "Mr."/"Dr."
			if !(j >= i+2 && (string(text[j-2:j]) == "Mr" || string(text[j-2:j]) == "Dr" || string(text[j-2:j]) == "Ms")) {
				return turnSpan{}, false
			}
		}
	}
	if j >= n || text[j] != ':' || j+1 < n && text[j+1] != ' ' && text[j+1] != '\n' {
		return turnSpan{}, false
	}
	core := text[i:j]
	if paren >= 0 {
		core = text[i:paren]
	}
	words := strings.Fields(splitCamel(string(core)))
	if len(words) == 0 || len(words) > 16 {
		return turnSpan{}, false
	}
	t := turnSpan{ls: i, le: j, actor: -1, conf: 0.9}
	// The words after the label.
	s := j + 1
	for s < n && (text[s] == ' ' || text[s] == '\n') {
		s++
	}
	t.s = s
	lower := strings.ToLower(strings.Join(words, " "))
	if g, ok := genericLabels[lower]; ok {
		t.generic, t.speaker = true, g
		if !atPara && len(words) == 1 && len(words[0]) == 1 {
			return turnSpan{}, false // "A:" / "Q:" inside running text
		}
		return t, true
	}
	if notSpeakerLabels[strings.Trim(strings.ToLower(words[0]), ".,’'")] {
		return turnSpan{}, false
	}
	for k, w := range words {
		w = strings.TrimSuffix(w, ",")
		if w == "" {
			return turnSpan{}, false
		}
		r := []rune(w)[0]
		if unicode.IsUpper(r) {
			continue
		}
		if k == 0 || k == len(words)-1 || !labelConnectors[w] {
			return turnSpan{}, false
		}
	}
	if strings.HasSuffix(words[len(words)-1], ",") {
		return turnSpan{}, false
	}
	if c := strings.LastIndexByte(string(core), ','); c >= 0 && len(strings.Fields(string(core)[c+1:])) < 3 {
		return turnSpan{}, false // "Moscow, Kremlin:"
	}
	name, actor := a.labelName(words)
	if name == "" {
		return turnSpan{}, false
	}
	if len(strings.Fields(name)) == 1 && actor < 0 {
		return turnSpan{}, false // "Germany:", "Deadline:"
	}
	if !atPara && actor < 0 && !nameLike(name) && !known[name] && !strings.Contains(string(core), name+" "+lastWord(name)) {
		return turnSpan{}, false
	}
	// "Minister of Defence: Sergei Shoigu" is a list entry, not a turn.
	if lineIsName(text, s) {
		return turnSpan{}, false
	}
	t.speaker, t.actor = name, actor
	return t, true
}

// labelName is the person a label names: the registry actor of its longest
// suffix, else the words after the last title or connector.
func (a *Analyzer) labelName(words []string) (string, int) {
	for k := 0; k < len(words); k++ {
		cand := strings.Join(words[k:], " ")
		if ai := a.reg.lookupIndex(cand); ai >= 0 && a.reg.actors[ai].Kind == "person" {
			return a.reg.actors[ai].Name, ai
		}
	}
	// The 2021-22 scrape repeats the name around the title: "Federal
	// Chancellor of Germany Olaf Scholz Scholz OlafFederal Chancellor of ...".
	for k := 0; k+3 < len(words); k++ {
		if words[k] == words[k+3] && words[k+1] == words[k+2] && unicode.IsUpper([]rune(words[k])[0]) {
			s := words[k] + " " + words[k+1]
			if ai := a.reg.lookupIndex(s); ai >= 0 {
				return a.reg.actors[ai].Name, ai
			}
			return s, -1
		}
	}
	for size := 3; size >= 2; size-- {
		for k := 0; k+size <= len(words); k++ {
			if ai := a.reg.lookupIndex(strings.Join(words[k:k+size], " ")); ai >= 0 && a.reg.actors[ai].Kind == "person" {
				return a.reg.actors[ai].Name, ai
			}
		}
	}
	start := 0
	titled, afterConnector := false, false
	for k, w := range words {
		lw := strings.ToLower(strings.TrimSuffix(w, ","))
		if labelConnectors[lw] && k > 0 || strings.HasSuffix(w, ",") || titleWords[lw] && k < len(words)-1 {
			start, titled = k+1, true
			afterConnector = labelConnectors[lw]
		}
	}
	name := words[start:]
	// "President of Armenia Serzh Sargsyan": the word after "of" names
	// the country or organisation, and so do organisation words after it.
	if afterConnector && len(name) >= 3 {
		name = name[1:]
		for len(name) > 2 && (orgWords[strings.ToLower(name[0])] || titleWords[strings.ToLower(name[0])]) {
			name = name[1:]
		}
	}
	if !titled && len(name) > 4 || titled && len(name) > 3 {
		name = name[len(name)-2:]
	}
	if len(name) == 0 {
		return "", -1
	}
	allTitles := true
	for _, w := range name {
		lw := strings.ToLower(w)
		if !titleWords[lw] && !orgWords[lw] {
			allTitles = false
		}
	}
	if allTitles {
		return "", -1
	}
	s := strings.Join(name, " ")
	if ai := a.reg.lookupIndex(s); ai >= 0 {
		return a.reg.actors[ai].Name, ai
	}
	return s, -1
}

// nameLike: a two- to four-word name whose first word is a known first name.
func nameLike(name string) bool {
	f := strings.Fields(name)
	if len(f) < 2 || len(f) > 4 {
		return false
	}
	w := strings.ToLower(f[0])
	return maleNames[w] || femaleNames[w]
}

// lineIsName: the line from s is only a short capitalised name ("Sergei
// Shoigu"), as in a list of office holders.
func lineIsName(text []rune, s int) bool {
	e := s
	for e < len(text) && text[e] != '\n' && e-s < 60 {
		e++
	}
	if e < len(text) && text[e] != '\n' {
		return false
	}
	words := strings.Fields(string(text[s:e]))
	if len(words) == 0 || len(words) > 4 {
		return len(words) == 0
	}
	for _, w := range words {
		if !unicode.IsUpper([]rune(w)[0]) {
			return false
		}
	}
	last := text[e-1]
	return last != '.' && last != '!' && last != '?' && last != ','
}

// splitCamel puts a space into "VladimirPutin".
func splitCamel(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if i > 1 && unicode.IsUpper(r) && unicode.IsLower(rs[i-1]) && unicode.IsLetter(rs[i-2]) {
			b.WriteRune(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// splitStage trims a turn and splits it around paragraphs that are stage
// directions, "(Applause.)".
func splitStage(text []rune, t turnSpan) []turnSpan {
	var out []turnSpan
	cur := t
	i := t.s
	for i < t.e {
		pe := i
		for pe < t.e && text[pe] != '\n' {
			pe++
		}
		if isStage(text[i:pe]) {
			cur.e = i
			if c, ok := trimTurn(text, cur); ok {
				out = append(out, c)
			}
			cur.s = pe
			cur.ls, cur.le = -1, -1 // resumed after a stage direction: no label of its own
		}
		i = pe + 1
	}
	cur.e = t.e
	if c, ok := trimTurn(text, cur); ok {
		out = append(out, c)
	}
	return out
}

func isStage(p []rune) bool {
	s := strings.TrimSpace(string(p))
	return len(s) > 2 && s[0] == '(' && s[len(s)-1] == ')' && strings.Count(s, "(") == 1
}

// trimTurn drops space and a trailing stage direction at the ends of a turn.
func trimTurn(text []rune, t turnSpan) (turnSpan, bool) {
	for t.s < t.e && unicode.IsSpace(text[t.s]) {
		t.s++
	}
	for {
		for t.e > t.s && unicode.IsSpace(text[t.e-1]) {
			t.e--
		}
		if t.e-t.s < 2 || text[t.e-1] != ')' {
			break
		}
		o := t.e - 1
		for o > t.s && text[o] != '(' && t.e-o < 60 {
			o--
		}
		if text[o] != '(' || o == t.s || !unicode.IsUpper(text[o+1]) || text[t.e-2] != '.' {
			break
		}
		t.e = o
	}
	return t, t.e > t.s
}

// turnAt is the turn holding rune offset pos, or nil.
func (x *attributor) turnAt(pos int) *turnSpan {
	ts := x.turns
	lo, hi := 0, len(ts)
	for lo < hi {
		m := (lo + hi) / 2
		if ts[m].e <= pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(ts) && ts[lo].s <= pos && pos < ts[lo].e {
		return &ts[lo]
	}
	return nil
}
